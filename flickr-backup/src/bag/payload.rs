//! The payload: which files of the mirror go under `data/` (everything but
//! the state directory, whose thumbnails alone are kept for the viewer),
//! and putting each there as a hard link when the file system allows, a
//! copy otherwise, reading it once for both digests.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::digests::{self, Digests};
use super::report::BagReport;
use crate::error::{Error, Result};
use crate::layout;

/// A file of the mirror that goes into the bag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Item {
    /// Its path in the mirror (`/`-separated), and so under `data/`.
    pub rel: String,
    /// Where its bytes are read (a symlink's target, inside the mirror).
    pub source: PathBuf,
    /// Its file's identity (device, inode) where the OS says: paths with
    /// the same one hold the same bytes (album entries and their file).
    identity: Option<(u64, u64)>,
}

/// Every payload file of the mirror at `mirror`, in path order.
pub(super) fn collect(mirror: &Path) -> Result<Vec<Item>> {
    let root = std::fs::canonicalize(mirror).map_err(|e| Error::io("cannot open", mirror, e))?;
    let mut out = Vec::new();
    for (name, path) in entries(mirror)? {
        if name == layout::STATE_DIR {
            let thumbs = layout::resolve(mirror, &layout::thumbnails_dir());
            if thumbs.is_dir() {
                walk(&root, &thumbs, &layout::thumbnails_dir(), &mut out)?;
            }
            continue;
        }
        visit(&root, path, name, &mut out)?;
    }
    Ok(out)
}

fn walk(root: &Path, dir: &Path, rel: &str, out: &mut Vec<Item>) -> Result<()> {
    for (name, path) in entries(dir)? {
        visit(root, path, format!("{rel}/{name}"), out)?;
    }
    Ok(())
}

fn visit(root: &Path, path: PathBuf, rel: String, out: &mut Vec<Item>) -> Result<()> {
    let meta = std::fs::symlink_metadata(&path).map_err(|e| Error::io("cannot read", &path, e))?;
    let kind = meta.file_type();
    if kind.is_dir() {
        return walk(root, &path, &rel, out);
    }
    if kind.is_file() {
        out.push(Item {
            rel,
            identity: identity(&meta),
            source: path,
        });
        return Ok(());
    }
    if kind.is_symlink() {
        // An album entry where the file system refused a hard link.
        let target = std::fs::canonicalize(&path)
            .map_err(|e| Error::io("cannot follow the link", &path, e))?;
        let meta = std::fs::metadata(&target).map_err(|e| Error::io("cannot read", &target, e))?;
        if !target.starts_with(root) || !meta.is_file() {
            return Err(Error::Usage(format!(
                "{} links {}, which is not a file of the mirror; a bag holds only the mirror's files",
                path.display(),
                target.display()
            )));
        }
        out.push(Item {
            rel,
            identity: identity(&meta),
            source: target,
        });
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{} is neither a file nor a folder; a bag holds only files",
        path.display()
    )))
}

/// A directory's entries (name, path), by name; a name that is not UTF-8
/// is refused (a manifest lists paths in UTF-8).
fn entries(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).map_err(|e| Error::io("cannot list", dir, e))? {
        let e = e.map_err(|e| Error::io("cannot list", dir, e))?;
        let path = e.path();
        let name = e.file_name().into_string().map_err(|_| {
            Error::Usage(format!(
                "{}: the name is not UTF-8, which a BagIt manifest cannot list",
                path.display()
            ))
        })?;
        out.push((name, path));
    }
    out.sort();
    Ok(out)
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Puts payload files under a bag's `data/`, keeping count in a report.
pub(super) struct Placer {
    data: PathBuf,
    /// Where copies are written before their rename (outside `data/`).
    partial: PathBuf,
    /// Whether hard links from the mirror still work (one failure, for
    /// example a bag on another file system, and the rest are copied).
    link_from_mirror: bool,
    /// The first payload path of each file identity, with its digests.
    placed: HashMap<(u64, u64), (PathBuf, Digests)>,
    copies: u64,
}

impl Placer {
    /// A placer into the bag being made at `bag`.
    pub fn new(bag: &Path) -> Result<Placer> {
        let partial = bag.join(".partial");
        std::fs::create_dir_all(&partial).map_err(|e| Error::io("cannot create", &partial, e))?;
        Ok(Placer {
            data: bag.join("data"),
            partial,
            link_from_mirror: true,
            placed: HashMap::new(),
            copies: 0,
        })
    }

    /// Puts `item` at `data/<rel>` and returns its digests, read once.
    pub fn place(&mut self, item: &Item, report: &mut BagReport) -> Result<Digests> {
        let dest = layout::resolve(&self.data, &item.rel);
        let parent = dest.parent().unwrap_or(&self.data);
        std::fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
        if let Some((first, d)) = item.identity.and_then(|id| self.placed.get(&id)) {
            if std::fs::hard_link(first, &dest).is_ok() {
                report.linked += 1;
                return Ok(d.clone());
            }
        }
        let linked = self.link_from_mirror && std::fs::hard_link(&item.source, &dest).is_ok();
        let d = if linked {
            report.linked += 1;
            digests::of_file(&item.source)?
        } else {
            self.link_from_mirror = false;
            self.copies += 1;
            let tmp = self.partial.join(self.copies.to_string());
            let d = digests::copy_file(&item.source, &tmp)?;
            std::fs::rename(&tmp, &dest)
                .map_err(|e| Error::io("cannot move into place at", &dest, e))?;
            report.copied += 1;
            report.bytes_copied += d.size;
            d
        };
        if let Some(id) = item.identity {
            self.placed.insert(id, (dest, d.clone()));
        }
        Ok(d)
    }

    /// Removes the folder of copies in progress (empty by now).
    pub fn finish(self) -> Result<()> {
        std::fs::remove_dir(&self.partial).map_err(|e| Error::io("cannot remove", &self.partial, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_links_to_the_mirror_files_are_copied_once_and_linked_within_the_bag() {
        let dir = tempfile::tempdir().unwrap();
        let mirror = dir.path().join("m");
        std::fs::create_dir_all(mirror.join("photos")).unwrap();
        std::fs::create_dir_all(mirror.join("albums/Été (7)")).unwrap();
        std::fs::create_dir_all(mirror.join(".flickr-backup/thumbs")).unwrap();
        std::fs::write(mirror.join("photos/1.jpg"), b"photo").unwrap();
        std::fs::hard_link(
            mirror.join("photos/1.jpg"),
            mirror.join("albums/Été (7)/0001-1.jpg"),
        )
        .unwrap();
        std::fs::write(mirror.join(".flickr-backup/state.sqlite"), b"db").unwrap();
        std::fs::write(mirror.join(".flickr-backup/thumbs/1.jpg"), b"t").unwrap();
        let items = collect(&mirror).unwrap();
        let rels: Vec<&str> = items.iter().map(|i| i.rel.as_str()).collect();
        assert_eq!(
            rels,
            [
                ".flickr-backup/thumbs/1.jpg",
                "albums/Été (7)/0001-1.jpg",
                "photos/1.jpg"
            ]
        );

        let bag = dir.path().join("bag");
        let mut placer = Placer::new(&bag).unwrap();
        placer.link_from_mirror = false; // as on another file system
        let mut report = BagReport::default();
        for item in &items {
            let d = placer.place(item, &mut report).unwrap();
            assert_eq!(
                std::fs::read(bag.join("data").join(&item.rel))
                    .unwrap()
                    .len() as u64,
                d.size
            );
        }
        placer.finish().unwrap();
        if cfg!(unix) {
            assert_eq!(
                (report.copied, report.linked, report.bytes_copied),
                (2, 1, 6)
            );
        }
        assert!(!bag.join(".partial").exists());
    }

    #[test]
    fn a_file_gone_or_unreadable_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let bag = dir.path().join("bag");
        let mut placer = Placer::new(&bag).unwrap();
        let gone = Item {
            rel: "photos/9.jpg".into(),
            source: dir.path().join("m/photos/9.jpg"),
            identity: None,
        };
        let err = placer.place(&gone, &mut BagReport::default()).unwrap_err();
        assert!(err.to_string().contains("photos/9.jpg"), "{err}");
        let not_utf8_or_special = collect(&dir.path().join("nowhere")).unwrap_err();
        assert!(not_utf8_or_special.to_string().contains("nowhere"));
    }
}
