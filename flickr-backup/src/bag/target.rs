//! Where the bag is made: a temporary sibling of its destination
//! (`.NAME.incomplete`), renamed into place once everything in it is
//! written and synced, so a run killed at any moment never leaves a
//! directory at the destination that looks like a bag. A killed run's
//! temporary directory is removed by the next run to the same destination.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::tree;

/// A bag being made.
#[derive(Debug)]
pub(super) struct Target {
    /// Where it is made.
    pub tmp: PathBuf,
    /// Where it goes.
    out: PathBuf,
    /// The folder of both.
    parent: PathBuf,
}

impl Target {
    /// Checks that `out` can take a bag of the mirror at `mirror` (it does
    /// not exist or is an empty folder, and is not inside the mirror) and
    /// creates the temporary folder beside it.
    pub fn prepare(mirror: &Path, out: &Path) -> Result<Target> {
        let name = out.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
            Error::Usage(format!("{}: not a folder name for a bag", out.display()))
        })?;
        if out.exists() && !out.is_dir() {
            return Err(Error::Usage(format!(
                "{} is a file; a bag is made into a new or empty folder",
                out.display()
            )));
        }
        if out.exists() {
            let mut entries =
                std::fs::read_dir(out).map_err(|e| Error::io("cannot list", out, e))?;
            if entries.next().is_some() {
                return Err(Error::Usage(format!(
                    "{} is not empty; a bag is made into a new or empty folder",
                    out.display()
                )));
            }
        }
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::io("cannot create", &parent, e))?;
        let inside =
            |p: &Path| std::fs::canonicalize(p).map_err(|e| Error::io("cannot open", p, e));
        if inside(&parent)?.starts_with(inside(mirror)?) {
            return Err(Error::Usage(format!(
                "{} is inside the mirror {}; make the bag elsewhere",
                out.display(),
                mirror.display()
            )));
        }
        let tmp = parent.join(format!(".{name}.incomplete"));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp)
                .map_err(|e| Error::io("cannot remove what a stopped run left at", &tmp, e))?;
        }
        std::fs::create_dir(&tmp).map_err(|e| Error::io("cannot create", &tmp, e))?;
        Ok(Target {
            tmp,
            out: out.to_path_buf(),
            parent,
        })
    }

    /// Makes everything written durable, then renames the bag into place.
    pub fn commit(self) -> Result<()> {
        tree::sync_file_system(&self.tmp)?;
        if self.out.exists() {
            // The empty folder checked at the start.
            std::fs::remove_dir(&self.out)
                .map_err(|e| Error::io("cannot replace", &self.out, e))?;
        }
        std::fs::rename(&self.tmp, &self.out)
            .map_err(|e| Error::io("cannot move the finished bag to", &self.out, e))?;
        tree::sync_dir(&self.parent)
    }

    /// Removes the unfinished bag (a failed run; best effort, as the next
    /// run removes it too).
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.tmp);
    }
}
