//! Atomic writes, the one way a file enters the tree: written under a
//! temporary name in `.flickr-backup/tmp/` and renamed to its place, so the
//! tree only ever holds complete files.
//!
//! Two kinds of durability:
//! - **Downloads** (the media files, which cost a fetch) are fsync'd, and
//!   so is their directory after the rename, before the state records them
//!   done: a rename survives a power cut.
//! - **Documents** (sidecars, manifests, viewer files, thumbnails), which
//!   are derived from the state and compared byte for byte with what is on
//!   disk every run, are not fsync'd one by one: a `kill -9` cannot lose
//!   them (the kernel has them), and the run makes them durable all at once
//!   at its end ([`sync_file_system`]). A power cut before that leaves
//!   at worst a document that differs from its content, which the next run
//!   rewrites. Thousands of fsyncs cost more than the documents themselves
//!   (138 s of a 176 s first run of 10,000 photos on a busy disk).

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::digest;
use crate::error::{Error, Result};

/// A file being written under its temporary name (a download streamed to
/// disk: memory stays flat whatever its size). Counts and hashes what it is
/// given.
#[derive(Debug)]
pub(crate) struct Partial {
    path: PathBuf,
    file: tokio::fs::File,
    size: u64,
    hasher: Sha256,
}

/// A temporary file written in full and fsync'd: ready to rename into place.
#[derive(Debug)]
pub(crate) struct ReadyFile {
    pub(super) tmp: PathBuf,
    /// Its length in bytes.
    pub size: u64,
    /// Its SHA-256, hex.
    pub sha256: String,
}

impl Partial {
    /// Creates (or truncates) the temporary file at `path`.
    pub(super) async fn create(path: PathBuf) -> Result<Partial> {
        let file = tokio::fs::File::create(&path)
            .await
            .map_err(|e| Error::io("cannot create", &path, e))?;
        Ok(Partial {
            path,
            file,
            size: 0,
            hasher: Sha256::new(),
        })
    }

    /// Where it is being written.
    #[cfg(test)]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes written so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends `chunk`.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<()> {
        self.file
            .write_all(chunk)
            .await
            .map_err(|e| Error::io("cannot write", &self.path, e))?;
        self.hasher.update(chunk);
        self.size += chunk.len() as u64;
        Ok(())
    }

    /// Flushes and fsyncs it.
    pub async fn finish(mut self) -> Result<ReadyFile> {
        let synced = match self.file.flush().await {
            Ok(()) => self.file.sync_all().await,
            Err(e) => Err(e),
        };
        synced.map_err(|e| Error::io("cannot fsync", &self.path, e))?;
        Ok(ReadyFile {
            tmp: self.path,
            size: self.size,
            sha256: digest::finish(self.hasher),
        })
    }

    /// Throws it away (a failed attempt); a file that cannot be removed now
    /// goes when the next run clears the temporary directory.
    pub async fn discard(self) {
        drop(self.file);
        let _ = tokio::fs::remove_file(&self.path).await;
    }
}

/// A file copied in full and fsync'd, with the bytes at its two ends (for
/// the caller's format check).
#[derive(Debug)]
pub(crate) struct CopiedFile {
    pub ready: ReadyFile,
    pub edges: crate::check::Edges,
}

/// Copies `source` to `tmp` while hashing it, checks it holds `expected`
/// bytes, and fsyncs it. The inner error is the source's: `tmp` is removed.
pub(super) fn copy_synced(
    tmp: &Path,
    source: &mut dyn std::io::Read,
    expected: u64,
) -> Result<std::result::Result<CopiedFile, String>> {
    let mut out = std::fs::File::create(tmp).map_err(|e| Error::io("cannot create", tmp, e))?;
    let mut hasher = Sha256::new();
    let mut edges = crate::check::Edges::default();
    let mut size = 0u64;
    let mut buf = vec![0u8; 256 << 10];
    let refused = |out: std::fs::File, why: String| {
        drop(out);
        let _ = std::fs::remove_file(tmp);
        Ok(Err(why))
    };
    loop {
        let n = match source.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return refused(
                    out,
                    format!("cut short or corrupt after {size} bytes ({e})"),
                )
            }
        };
        out.write_all(&buf[..n])
            .map_err(|e| Error::io("cannot write", tmp, e))?;
        hasher.update(&buf[..n]);
        edges.push(&buf[..n]);
        size += n as u64;
    }
    if size != expected {
        return refused(
            out,
            format!("holds {size} bytes, not the {expected} it declares"),
        );
    }
    out.sync_all()
        .map_err(|e| Error::io("cannot fsync", tmp, e))?;
    Ok(Ok(CopiedFile {
        ready: ReadyFile {
            tmp: tmp.to_path_buf(),
            size,
            sha256: digest::finish(hasher),
        },
        edges,
    }))
}

/// Writes `bytes` to `tmp` and fsyncs it.
pub(crate) fn write_synced(tmp: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = std::fs::File::create(tmp).map_err(|e| Error::io("cannot create", tmp, e))?;
    f.write_all(bytes)
        .map_err(|e| Error::io("cannot write", tmp, e))?;
    f.sync_all().map_err(|e| Error::io("cannot fsync", tmp, e))
}

/// Writes a document: `bytes` to `tmp`, renamed to `to` (creating its
/// directory). Not fsync'd: see the module's docs and [`sync_file_system`].
/// Windows has no file-system-wide sync, so there each document is
/// fsync'd as it is written.
pub(super) fn write_document(tmp: &Path, to: &Path, bytes: &[u8]) -> Result<()> {
    if cfg!(unix) {
        std::fs::write(tmp, bytes).map_err(|e| Error::io("cannot write", tmp, e))?;
    } else {
        write_synced(tmp, bytes)?;
    }
    rename(tmp, to)
}

/// Renames the complete file `from` to `to` (creating its directory) and
/// fsyncs that directory, so the rename survives a crash.
pub(super) fn rename_into_place(from: &Path, to: &Path) -> Result<()> {
    rename(from, to)?;
    sync_dir(to.parent().unwrap_or(Path::new(".")))
}

/// Renames `from` to `to`, creating `to`'s directory.
fn rename(from: &Path, to: &Path) -> Result<()> {
    let parent = to.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io("cannot create directory", parent, e))?;
    std::fs::rename(from, to).map_err(|e| Error::io("cannot move into place at", to, e))
}

/// Makes everything written to the file system holding `dir` durable: one
/// `syncfs(2)` on Linux, `sync(2)` on other Unix systems (on Windows each
/// document was fsync'd as it was written).
pub(crate) fn sync_file_system(dir: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        let d = std::fs::File::open(dir).map_err(|e| Error::io("cannot open directory", dir, e))?;
        rustix::fs::syncfs(&d).map_err(|e| {
            Error::io(
                "cannot sync the file system of",
                dir,
                std::io::Error::from(e),
            )
        })?;
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        let _ = dir;
        rustix::fs::sync();
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// fsyncs a directory so a rename in it survives a crash (no-op where
/// directories cannot be opened, as on Windows).
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let d = std::fs::File::open(dir).map_err(|e| Error::io("cannot open directory", dir, e))?;
        d.sync_all()
            .map_err(|e| Error::io("cannot fsync directory", dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Whether the file at `path` holds exactly `bytes`: its length first,
/// then its content a block at a time (a large document is never read
/// into memory beside its new content). A file that cannot be read does
/// not hold them.
pub(super) fn holds_exactly(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    if !file.metadata().is_ok_and(|m| m.len() == bytes.len() as u64) {
        return false;
    }
    let mut block = [0u8; 64 * 1024];
    let mut rest = bytes;
    loop {
        match file.read(&mut block) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && block[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) => return false,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// Removes a file of the tree; one already gone is fine.
pub(super) fn remove(path: &Path, what: &str) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(what, path, e)),
    }
}
