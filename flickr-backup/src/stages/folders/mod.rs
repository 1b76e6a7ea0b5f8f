//! Album and collection folders: each album as a folder of its files in
//! album order (`albums/TITLE (ID)/0001-ID.jpg`, with `0001-ID.jpg.xmp`
//! when the file has an XMP sidecar), and the collection tree as nested
//! folders holding the same album folders (`collections/TITLE (ID)/…`).
//! Every entry is a hard link to the file under `photos/` or `others/`, so
//! the folders cost no bytes. Which entries exist is computed from the
//! state alone ([`wanted`]); the tree makes the folders hold exactly that
//! ([`crate::tree::Tree::sync_links`]), so a retitled, reordered, shrunk or
//! deleted album is right after the next run, and a killed run's folders
//! after the one that resumes it.

use std::collections::{BTreeMap, HashMap};

use flickr_sdk::types::CollectionNode;

use crate::ctx::Ctx;
use crate::error::Result;
use crate::layout;
use crate::state::{FileStatus, SetInfo, SetKind, SetRow};

/// What the album and collection folders came to in a run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct FolderLinks {
    /// Links made or remade.
    pub links_made: u64,
    /// Of them, symlinks (the file system refused a hard link).
    pub symlinks: u64,
    /// Entries removed.
    pub removed: u64,
}

/// An album's links inside `folder`: the files of its photos that are in
/// the tree, in album order, each with its XMP sidecar when there is one.
fn album_links(
    folder: &str,
    album: &SetRow,
    files: &HashMap<String, String>,
    has_xmp: &dyn Fn(&str) -> bool,
    out: &mut BTreeMap<String, String>,
) {
    let count = album.members.len();
    for (i, id) in album.members.iter().enumerate() {
        let Some(path) = files.get(id) else {
            continue;
        };
        let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        let name = layout::album_entry(i + 1, count, id, ext);
        out.insert(format!("{folder}/{name}"), path.clone());
        let xmp = format!("{path}.xmp");
        if has_xmp(&xmp) {
            out.insert(format!("{folder}/{name}.xmp"), xmp);
        }
    }
}

/// The collection folders of one node of the collection tree (and of the
/// nodes inside it) under `parent`.
fn collection_links(
    parent: &str,
    node: &CollectionNode,
    albums: &BTreeMap<&str, &SetRow>,
    files: &HashMap<String, String>,
    has_xmp: &dyn Fn(&str) -> bool,
    out: &mut BTreeMap<String, String>,
) {
    let id = node.id.as_str();
    let title = crate::photo_meta::shown_title(node.title.as_deref());
    let here = format!("{parent}/{}", layout::titled(&title, id));
    for set in &node.sets {
        let set_id = set.id.as_str();
        if let Some(album) = albums.get(set_id) {
            let folder = format!("{here}/{}", layout::titled(&album_title(album), set_id));
            album_links(&folder, album, files, has_xmp, out);
        }
    }
    for child in &node.collections {
        collection_links(&here, child, albums, files, has_xmp, out);
    }
}

/// An album's title as its folder shows it (entities decoded).
fn album_title(album: &SetRow) -> String {
    crate::photo_meta::shown_title(album.info.title())
}

/// Every link the folders should hold (link → file, relative to the root),
/// from the albums (deleted ones left out), the collection tree and the
/// files in the tree; `has_xmp` says whether an XMP sidecar is on disk.
pub(crate) fn wanted(
    albums: &[SetRow],
    tree: Option<&SetRow>,
    files: &HashMap<String, String>,
    has_xmp: &dyn Fn(&str) -> bool,
) -> BTreeMap<String, String> {
    let live: BTreeMap<&str, &SetRow> = albums
        .iter()
        .filter(|a| !a.deleted)
        .map(|a| (a.id.as_str(), a))
        .collect();
    let mut out = BTreeMap::new();
    for (id, album) in &live {
        let folder = layout::album_folder(&album_title(album), id);
        album_links(&folder, album, files, has_xmp, &mut out);
    }
    if let Some(SetInfo::Collections(tree)) = tree.map(|t| &t.info) {
        for node in &tree.collections {
            collection_links(
                layout::COLLECTIONS_DIR,
                node,
                &live,
                files,
                has_xmp,
                &mut out,
            );
        }
    }
    out
}

/// Brings the album and collection folders in line with the state.
pub(crate) fn write_all(ctx: &Ctx) -> Result<FolderLinks> {
    let (albums, tree, files) = {
        let db = ctx.db();
        let files: HashMap<String, String> = db
            .files_in(FileStatus::Done)?
            .into_iter()
            .map(|f| (f.photo_id, f.path))
            .collect();
        (
            db.sets(SetKind::Album)?,
            db.set(SetKind::Collections, "tree")?,
            files,
        )
    };
    let root = ctx.tree.root().to_path_buf();
    let has_xmp = |rel: &str| layout::resolve(&root, rel).is_file();
    let links = wanted(&albums, tree.as_ref(), &files, &has_xmp);
    let done = ctx
        .tree
        .sync_links(&[layout::ALBUMS, layout::COLLECTIONS_DIR], &links)?;
    Ok(FolderLinks {
        links_made: done.made,
        symlinks: done.symlinks,
        removed: done.removed,
    })
}

#[cfg(test)]
mod tests;
