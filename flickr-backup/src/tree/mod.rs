//! The mirror's tree, and the one owner of every change to its files:
//! placing a download, writing a sidecar or manifest, moving a complete
//! file, removing a replaced one, and finishing what a killed run left
//! ([`Tree::recover`]). Every file enters the tree by an atomic write
//! ([`atomic`]); planning only reads the tree ([`Tree::holds`]).
//!
//! A download's life in the tree, with the state recording each step so a
//! `kill -9` anywhere loses nothing: streamed to a [`Partial`] in
//! `.flickr-backup/tmp/`, fsync'd → recorded `Placing` (size, SHA-256,
//! temporary name) → renamed into place, directory fsync'd, the replaced
//! version removed → recorded `Done`.

mod atomic;
mod links;
mod recover;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub(crate) use atomic::{sync_dir, sync_file_system, write_synced, CopiedFile, Partial, ReadyFile};
#[cfg(test)]
pub(crate) use links::LinkOutcome;

use crate::error::{Error, Result};
use crate::layout;
use crate::state::{self, FileRow, State};

/// The mirror's directory.
#[derive(Debug, Clone)]
pub(crate) struct Tree {
    root: PathBuf,
}

/// The exclusive lock of a mirror: one run (or `verify`) at a time. Held
/// until dropped; the OS lets go if the process dies.
#[derive(Debug)]
pub(crate) struct Lock {
    _file: std::fs::File,
}

/// A complete file whose path changed (its date taken moved): planned, then
/// applied by [`Tree::apply_moves`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Move {
    /// Photo id.
    pub photo_id: String,
    /// Where it is.
    pub from: String,
    /// Where it belongs.
    pub to: String,
}

impl Tree {
    /// The mirror at `root` (nothing is created until [`Tree::open`]).
    pub fn new(root: impl Into<PathBuf>) -> Tree {
        Tree { root: root.into() }
    }

    /// The mirror's directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A relative mirror path as a path on disk.
    fn resolve(&self, rel: &str) -> PathBuf {
        layout::resolve(&self.root, rel)
    }

    /// Creates the mirror's directories (the temporary one included) and
    /// takes its lock.
    pub fn open(&self) -> Result<Lock> {
        let tmp = layout::tmp_dir(&self.root);
        std::fs::create_dir_all(&tmp)
            .map_err(|e| Error::io("cannot create the mirror directory", &tmp, e))?;
        self.lock()
    }

    /// Takes the mirror's lock (`.flickr-backup/lock`), or says who holds it.
    pub fn lock(&self) -> Result<Lock> {
        let path = self.root.join(layout::STATE_DIR).join("lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io("cannot open", &path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Lock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked {
                mirror: self.root.clone(),
                lock: path,
            }),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io("cannot lock", &path, e)),
        }
    }

    /// Whether a file of `size` bytes is at `rel` (a stat; `verify` reads
    /// the content).
    pub fn holds(&self, rel: &str, size: Option<i64>) -> bool {
        std::fs::metadata(self.resolve(rel)).is_ok_and(|m| Some(m.len() as i64) == size)
    }

    /// `f`'s temporary name while it is written.
    fn tmp_path(&self, f: &FileRow) -> PathBuf {
        let clean = |s: &str| -> String {
            s.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect()
        };
        let name = format!("{}.{}.part", clean(&f.photo_id), clean(&f.variant));
        layout::tmp_dir(&self.root).join(name)
    }

    /// Starts the download of `f` under its temporary name.
    pub async fn partial(&self, f: &FileRow) -> Result<Partial> {
        Partial::create(self.tmp_path(f)).await
    }

    /// Copies `f` from `source` (an export's zip member declaring
    /// `expected` bytes) to its temporary name, hashed as it goes, checked
    /// for its length and fsync'd: ready to [`Tree::place`], with its two
    /// ends for a format check. The outer error stops the run (the tree
    /// cannot be written); the inner one is the source's (corrupt, cut
    /// short), and leaves nothing behind.
    pub fn copy_in(
        &self,
        f: &FileRow,
        source: &mut dyn std::io::Read,
        expected: u64,
    ) -> Result<std::result::Result<CopiedFile, String>> {
        atomic::copy_synced(&self.tmp_path(f), source, expected)
    }

    /// Puts a checked download of `f` in the tree: records it `Placing`,
    /// renames it to `f.path`, removes the version it replaces
    /// (`f.old_path`), records it `Done`.
    pub fn place(&self, state: &Mutex<State>, f: &FileRow, written: ReadyFile) -> Result<()> {
        let tmp_name = written
            .tmp
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        state::lock(state).file_placing(&f.photo_id, written.size, &written.sha256, &tmp_name)?;
        self.finish_placing(f, &written.tmp)?;
        state::lock(state).file_done(&f.photo_id)
    }

    /// Renames a checked temporary file to `f.path` and removes `f.old_path`.
    fn finish_placing(&self, f: &FileRow, tmp: &Path) -> Result<()> {
        atomic::rename_into_place(tmp, &self.resolve(&f.path))?;
        self.remove_replaced(f)
    }

    /// Removes the previous version of `f` once `f` is in place.
    fn remove_replaced(&self, f: &FileRow) -> Result<()> {
        match f.old_path.as_deref().filter(|o| *o != f.path) {
            Some(old) => {
                atomic::remove(&self.resolve(old), "cannot remove the replaced file")?;
                // Its XMP sidecar goes with it (the new file's is written after the downloads).
                let xmp = self.resolve(&layout::xmp_sidecar(old));
                atomic::remove(&xmp, "cannot remove the replaced file's XMP sidecar")
            }
            None => Ok(()),
        }
    }

    /// Moves complete files whose path changed, recording each new path
    /// once its file is there. A file gone meanwhile keeps the new path
    /// (`verify` reports it; the next run fetches it again).
    pub fn apply_moves(&self, state: &Mutex<State>, moves: &[Move]) -> Result<()> {
        for m in moves {
            let from = self.resolve(&m.from);
            if from.exists() {
                atomic::rename_into_place(&from, &self.resolve(&m.to))?;
            }
            // Its sidecars follow it (rewritten after if their content changed).
            for sidecar in [layout::json_sidecar, layout::xmp_sidecar] {
                let (old, new) = (sidecar(&m.from), sidecar(&m.to));
                let at = self.resolve(&old);
                if old != new && at.exists() {
                    atomic::rename_into_place(&at, &self.resolve(&new))?;
                }
            }
            state::lock(state).file_moved(&m.photo_id, &m.to)?;
        }
        Ok(())
    }

    /// Sets the modification time of the file at `rel` to `unix` seconds
    /// unless it has it already (a file's date: [`crate::mtime`]). Returns
    /// whether it changed it; a file not there is left for the next run.
    pub fn date_file(&self, rel: &str, unix: i64) -> Result<bool> {
        let path = self.resolve(rel);
        let want = std::time::UNIX_EPOCH
            .checked_add(std::time::Duration::from_secs(unix.max(0) as u64))
            .unwrap_or(std::time::UNIX_EPOCH);
        // Unix sets times through any descriptor the owner holds (a
        // read-only file too); Windows needs write access for it.
        let file = match std::fs::File::options()
            .read(true)
            .write(cfg!(windows))
            .open(&path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(Error::io("cannot open", &path, e)),
        };
        let now = file
            .metadata()
            .and_then(|m| m.modified())
            .map_err(|e| Error::io("cannot read the time of", &path, e))?;
        if now == want {
            return Ok(false);
        }
        file.set_modified(want)
            .map_err(|e| Error::io("cannot set the time of", &path, e))?;
        Ok(true)
    }

    /// Writes a thumbnail (fetched for the viewer) at `rel`: a document
    /// ([`atomic::write_document`]), whole or absent after a kill.
    pub fn write_cache(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.write_document(rel, bytes)
    }

    /// Writes `bytes` at `rel` unless it already holds them (a sidecar,
    /// manifest or viewer file). Returns whether it wrote.
    pub fn write_if_changed(&self, rel: &str, bytes: &[u8]) -> Result<bool> {
        if atomic::holds_exactly(&self.resolve(rel), bytes) {
            return Ok(false);
        }
        self.write_document(rel, bytes)?;
        Ok(true)
    }

    /// Writes the document `rel` under a temporary name (in the temporary
    /// directory [`Tree::open`] made) renamed into place.
    fn write_document(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let tmp = layout::tmp_dir(&self.root).join(format!("{}.part", rel.replace('/', "_")));
        atomic::write_document(&tmp, &self.resolve(rel), bytes)
    }

    /// Makes the documents written so far durable, all at once (one
    /// file-system sync instead of an fsync per document): the run calls
    /// it once its documents are written.
    pub fn sync_documents(&self) -> Result<()> {
        atomic::sync_file_system(&self.root)
    }
}

#[cfg(test)]
mod tests;
