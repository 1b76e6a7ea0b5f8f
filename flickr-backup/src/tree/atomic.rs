//! Atomic writes, the one way a file enters the tree: written under a
//! temporary name in `.flickr-backup/tmp/`, fsync'd, renamed to its place,
//! and its directory fsync'd, so the tree only ever holds complete files and
//! a rename survives a crash.

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
pub(crate) struct Written {
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
    pub async fn finish(mut self) -> Result<Written> {
        let synced = match self.file.flush().await {
            Ok(()) => self.file.sync_all().await,
            Err(e) => Err(e),
        };
        synced.map_err(|e| Error::io("cannot fsync", &self.path, e))?;
        Ok(Written {
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

/// Writes `bytes` to `tmp` and fsyncs it.
pub(super) fn write_synced(tmp: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = std::fs::File::create(tmp).map_err(|e| Error::io("cannot create", tmp, e))?;
    f.write_all(bytes)
        .map_err(|e| Error::io("cannot write", tmp, e))?;
    f.sync_all().map_err(|e| Error::io("cannot fsync", tmp, e))
}

/// Renames the complete file `from` to `to` (creating its directory) and
/// fsyncs that directory, so the rename survives a crash.
pub(super) fn rename_into_place(from: &Path, to: &Path) -> Result<()> {
    let parent = to.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io("cannot create directory", parent, e))?;
    std::fs::rename(from, to).map_err(|e| Error::io("cannot move into place at", to, e))?;
    sync_dir(parent)
}

/// fsyncs a directory so a rename in it survives a crash (no-op where
/// directories cannot be opened, as on Windows).
pub(super) fn sync_dir(dir: &Path) -> Result<()> {
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

/// Removes a file of the tree; one already gone is fine.
pub(super) fn remove(path: &Path, what: &str) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(what, path, e)),
    }
}
