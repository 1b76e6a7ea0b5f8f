//! A backup mirror as tests read it: every file's bytes by path, photo ids
//! of media files, a photo's JSON sidecar, and which photos the static
//! host served. The layout is flickr-backup's (`photos/`, `others/`,
//! `albums/`, `.flickr-backup/` for its state).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use crate::FakeFlickr;

/// Every file of a mirror but its state: relative path (with `/`) → bytes.
pub type Tree = BTreeMap<String, Vec<u8>>;

/// Every file under `dir` but the state directory `.flickr-backup`; empty
/// when `dir` does not exist.
///
/// # Panics
/// When a file cannot be read.
pub fn tree(dir: &Path) -> Tree {
    fn walk(root: &Path, dir: &Path, out: &mut Tree) {
        for e in std::fs::read_dir(dir).expect("the mirror reads").flatten() {
            let p = e.path();
            let rel = p
                .strip_prefix(root)
                .expect("under the mirror")
                .to_string_lossy()
                .replace('\\', "/");
            if rel == ".flickr-backup" {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(rel, std::fs::read(&p).expect("a mirror file reads"));
            }
        }
    }
    let mut out = Tree::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

/// The photo id a mirror path names (`…/ID.EXT`).
pub fn id_of(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split('.').next().unwrap_or(name)
}

/// Whether `path` is a photo's or video's own file (under `photos/` or
/// `others/`, not a sidecar).
pub fn is_media(path: &str) -> bool {
    (path.starts_with("photos/") || path.starts_with("others/"))
        && !path.ends_with(".json")
        && !path.ends_with(".xmp")
}

/// The photo ids of the media files of `t` (not sidecars, manifests, album
/// folders' links or the viewer).
pub fn media_ids(t: &Tree) -> BTreeSet<String> {
    t.keys()
        .filter(|k| is_media(k))
        .map(|k| id_of(k).to_owned())
        .collect()
}

/// Photo `id`'s JSON sidecar in `t`.
///
/// # Panics
/// When `t` has none, or it is not JSON.
pub fn sidecar(t: &Tree, id: &str) -> Value {
    let (_, bytes) = t
        .iter()
        .find(|(k, _)| k.ends_with(&format!("/{id}.json")))
        .unwrap_or_else(|| panic!("no sidecar for {id}"));
    serde_json::from_slice(bytes).expect("a sidecar is JSON")
}

/// Whether a static-host path is a viewer thumbnail (the 150 px square).
pub fn is_thumbnail(path: &str) -> bool {
    path.ends_with("_q.jpg")
}

/// Static-host requests per photo id: media files, not viewer thumbnails.
pub fn static_by_photo(fake: &FakeFlickr) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for (path, n) in fake.static_requests() {
        if is_thumbnail(&path) {
            continue;
        }
        let parts: Vec<&str> = path.trim_start_matches("/static/").split('/').collect();
        let id = match parts.as_slice() {
            ["video", id, ..] => (*id).to_owned(),
            [_, file] => file.split('_').next().unwrap_or_default().to_owned(),
            _ => continue,
        };
        *out.entry(id).or_default() += n;
    }
    out
}
