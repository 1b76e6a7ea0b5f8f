//! Folders of links (album and collection folders): entries that name files
//! of the tree without copying them. The folders are kept exactly as asked
//! ([`Tree::sync_links`]): a missing or stale link is made, an entry nobody
//! asks for removed, a folder left empty removed. A new link is made in
//! place (making a link is atomic); a stale one is replaced by a link made
//! under a temporary name and renamed over it; so a `kill -9` leaves an
//! entry either as it was or as it should be, and the next run finishes
//! the rest.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{atomic, Tree};
use crate::error::{Error, Result};
use crate::layout;

/// What [`Tree::sync_links`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct LinkOutcome {
    /// Links made or remade.
    pub made: u64,
    /// Of them, symlinks (the file system refused a hard link).
    pub symlinks: u64,
    /// Entries removed (no longer asked for).
    pub removed: u64,
    /// Folders renamed (an album retitled).
    pub renamed: u64,
}

/// Makes a hard link to a file (`std::fs::hard_link`).
pub(super) type HardLink = fn(&Path, &Path) -> std::io::Result<()>;

/// Whether `a` and `b` are the same file (one inode).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(a), Ok(b)) => {
            use std::os::unix::fs::MetadataExt;
            (a.dev(), a.ino()) == (b.dev(), b.ino())
        }
        #[cfg(not(unix))]
        (Ok(a), Ok(b)) => a.len() == b.len() && a.modified().ok() == b.modified().ok(),
        _ => false,
    }
}

/// `target` relative to the folder of `link` (both relative to the root), for a symlink.
fn relative_target(link: &str, target: &str) -> String {
    let depth = link.matches('/').count();
    format!("{}{target}", "../".repeat(depth))
}

impl Tree {
    /// Makes the folders under `roots` hold exactly `links` (link path →
    /// the file it names, both relative): hard links, or symlinks where the
    /// file system refuses them. A target missing on disk is skipped (the
    /// next run links it). Under `albums/` only sub-folders are touched (the
    /// manifests beside them stay). A folder asked for that does not exist
    /// yet takes the place of an existing sibling with the same `(ID)`
    /// suffix (a renamed album keeps its folder).
    pub fn sync_links(
        &self,
        roots: &[&str],
        links: &BTreeMap<String, String>,
    ) -> Result<LinkOutcome> {
        self.sync_links_with(roots, links, |target, at| std::fs::hard_link(target, at))
    }

    /// [`Tree::sync_links`] with `hard_link` making the hard links (a test
    /// gives one that fails, as a file system without hard links does).
    pub(super) fn sync_links_with(
        &self,
        roots: &[&str],
        links: &BTreeMap<String, String>,
        hard_link: HardLink,
    ) -> Result<LinkOutcome> {
        let mut out = LinkOutcome::default();
        let folders: BTreeSet<&str> = links
            .keys()
            .filter_map(|l| l.rsplit_once('/').map(|(dir, _)| dir))
            .collect();
        for folder in &folders {
            if self.rename_retitled(folder)? {
                out.renamed += 1;
            }
        }
        let mut touched = BTreeSet::new();
        for (link, target) in links {
            let (link_path, target_path) = (self.resolve(link), self.resolve(target));
            if !target_path.is_file() || same_file(&link_path, &target_path) {
                continue;
            }
            out.made += 1;
            if self.link_into_place(link, target, hard_link)? {
                out.symlinks += 1;
            }
            if let Some(parent) = link_path.parent() {
                touched.insert(parent.to_path_buf());
            }
        }
        // Once per folder, not per link: a link lost to a power cut is
        // made again by the next run (the folders are derived from the state).
        for dir in &touched {
            atomic::sync_dir(dir)?;
        }
        let mut wanted: BTreeSet<String> = links.keys().cloned().collect();
        for l in links.keys() {
            let mut dir = l.as_str();
            while let Some((parent, _)) = dir.rsplit_once('/') {
                wanted.insert(parent.to_owned());
                dir = parent;
            }
        }
        for root in roots {
            out.removed += self.prune(root, *root == layout::ALBUMS, &wanted)?;
        }
        Ok(out)
    }

    /// Renames an existing sibling folder `… (ID)` to `folder` when
    /// `folder` does not exist. Returns whether it did.
    fn rename_retitled(&self, folder: &str) -> Result<bool> {
        let to = self.resolve(folder);
        let (Some((parent, name)), false) = (folder.rsplit_once('/'), to.exists()) else {
            return Ok(false);
        };
        let Some(suffix) = name.rfind(" (").map(|i| &name[i..]) else {
            return Ok(false);
        };
        let Ok(entries) = std::fs::read_dir(self.resolve(parent)) else {
            return Ok(false);
        };
        for e in entries.flatten() {
            let old = e.file_name().to_string_lossy().into_owned();
            if old.ends_with(suffix) && e.path().is_dir() && !e.path().is_symlink() {
                atomic::rename_into_place(&e.path(), &to)?;
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Links `target` at `link`: directly when nothing is there (making a
    /// link is atomic), otherwise under a temporary name renamed over the
    /// stale entry. Returns whether it had to be a symlink.
    fn link_into_place(&self, link: &str, target: &str, hard_link: HardLink) -> Result<bool> {
        let dst = self.resolve(link);
        let fresh = std::fs::symlink_metadata(&dst).is_err();
        let tmp = if fresh {
            let parent = dst.parent().unwrap_or(Path::new("."));
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io("cannot create directory", parent, e))?;
            dst.clone()
        } else {
            let tmp = layout::tmp_dir(&self.root).join(format!("{}.link", link.replace('/', "_")));
            atomic::remove(&tmp, "cannot remove the stale temporary link")?;
            tmp
        };
        let target_path = self.resolve(target);
        let symlink = match hard_link(&target_path, &tmp) {
            Ok(()) => false,
            Err(hard) => {
                symlink(&relative_target(link, target), &tmp).map_err(|e| {
                    Error::io(
                        format!("cannot hard-link ({hard}) nor symlink {target} at"),
                        &tmp,
                        e,
                    )
                })?;
                true
            }
        };
        if !fresh {
            std::fs::rename(&tmp, &dst)
                .map_err(|e| Error::io("cannot move into place at", &dst, e))?;
        }
        Ok(symlink)
    }

    /// Removes what `wanted` does not hold under `root`, and the folders left
    /// empty; with `folders_only`, files directly in `root` stay. Returns
    /// the entries removed.
    fn prune(&self, root: &str, folders_only: bool, wanted: &BTreeSet<String>) -> Result<u64> {
        let Ok(entries) = std::fs::read_dir(self.resolve(root)) else {
            return Ok(0);
        };
        let mut removed = 0;
        for e in entries.flatten() {
            let rel = format!("{root}/{}", e.file_name().to_string_lossy());
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                removed += self.prune(&rel, false, wanted)?;
                if !wanted.contains(&rel) {
                    // Only empty folders go: what we did not make stays.
                    let _ = std::fs::remove_dir(e.path());
                }
            } else if !folders_only && !wanted.contains(&rel) {
                atomic::remove(&e.path(), "cannot remove the stale link")?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

#[cfg(unix)]
fn symlink(target: &str, at: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, at)
}

#[cfg(windows)]
fn symlink(target: &str, at: &Path) -> std::io::Result<()> {
    std::os::windows::fs::symlink_file(target.replace('/', "\\"), at)
}

#[cfg(not(any(unix, windows)))]
fn symlink(_target: &str, _at: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}
