//! Where things live in the mirror. The layout is for people:
//!
//! ```text
//! DIR/
//!   photos/YYYY/MM/DD/ID.EXT      your photos and videos, by date taken
//!   photos/YYYY/MM/DD/ID.json     their sidecars (what Flickr listed, albums, EXIF, comments)
//!   photos/YYYY/MM/DD/ID.EXT.xmp  their XMP sidecars, for photo tools (see the `xmp` module)
//!   photos/undated/ID.EXT         photos without a date taken
//!   others/OWNER/ID.EXT (+ .json) favorites' and galleries' photos by other members
//!   albums/ALBUM_ID.json          album manifests (title, description, photos in order)
//!   galleries/GALLERY_ID.json     gallery manifests
//!   collections.json              the collection tree, albums by id
//!   favorites.json                your favorites, newest first
//!   .flickr-backup/state.sqlite   the state (what is listed, downloaded, verified)
//!   .flickr-backup/tmp/           downloads in progress (never in the tree)
//! ```
//!
//! Paths inside the mirror are relative, with `/`, and made only of
//! characters that are safe on every file system.

use std::path::{Path, PathBuf};

/// The directory holding the state database and temporary files.
pub const STATE_DIR: &str = ".flickr-backup";

/// The state database.
pub fn state_db(root: &Path) -> PathBuf {
    root.join(STATE_DIR).join("state.sqlite")
}

/// Where downloads in progress go.
pub fn tmp_dir(root: &Path) -> PathBuf {
    root.join(STATE_DIR).join("tmp")
}

/// A relative mirror path as a path under `root`.
pub fn resolve(root: &Path, rel: &str) -> PathBuf {
    rel.split('/')
        .fold(root.to_path_buf(), |p, part| p.join(part))
}

fn safe(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '@' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.is_empty() || cleaned.starts_with('.') {
        format!("_{cleaned}")
    } else {
        cleaned
    }
}

/// A file extension made safe (`jpg`, `mp4`, …; `bin` when there is none).
pub fn safe_ext(ext: &str) -> String {
    let e = ext.to_ascii_lowercase();
    if !e.is_empty() && e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric()) {
        e
    } else {
        "bin".to_owned()
    }
}

/// `YYYY/MM/DD` of a `YYYY-MM-DD HH:MM:SS` date taken.
fn date_dirs(taken: Option<&str>) -> Option<String> {
    let t = taken?.trim();
    let date = t.split(' ').next()?;
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) || y == "0000" {
        return None;
    }
    Some(format!("{y}/{m}/{d}"))
}

/// The path of a photo's file without extension: by date taken for the
/// account's own photos, by owner for other members'.
pub fn photo_stem(own: bool, owner: &str, id: &str, taken: Option<&str>) -> String {
    let id = safe(id);
    if own {
        match date_dirs(taken) {
            Some(d) => format!("photos/{d}/{id}"),
            None => format!("photos/undated/{id}"),
        }
    } else {
        format!("others/{}/{id}", safe(owner))
    }
}

/// The JSON sidecar of the media file at `media` (`ID.jpg` → `ID.json`).
pub fn json_sidecar(media: &str) -> String {
    match media.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') => format!("{stem}.json"),
        _ => format!("{media}.json"),
    }
}

/// The XMP sidecar of the media file at `media` (`ID.jpg` → `ID.jpg.xmp`:
/// the name Immich, digiKam and darktable read).
pub fn xmp_sidecar(media: &str) -> String {
    format!("{media}.xmp")
}

/// An album's manifest.
pub fn album_manifest(id: &str) -> String {
    format!("albums/{}.json", safe(id))
}

/// A gallery's manifest.
pub fn gallery_manifest(id: &str) -> String {
    format!("galleries/{}.json", safe(id))
}

/// The collection tree.
pub const COLLECTIONS: &str = "collections.json";

/// The favorites manifest.
pub const FAVORITES: &str = "favorites.json";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_go_by_date_taken_and_others_by_owner() {
        assert_eq!(
            photo_stem(true, "1@N00", "5", Some("2024-05-31 13:00:00")),
            "photos/2024/05/31/5"
        );
        assert_eq!(
            photo_stem(true, "1@N00", "5", Some("0000-00-00 00:00:00")),
            "photos/undated/5"
        );
        assert_eq!(photo_stem(true, "1@N00", "5", None), "photos/undated/5");
        assert_eq!(photo_stem(false, "2@N01", "7", None), "others/2@N01/7");
        assert_eq!(photo_stem(false, "../x", "../7", None), "others/___x/___7");
        assert_eq!(safe_ext("JPG"), "jpg");
        assert_eq!(safe_ext("../x"), "bin");
        assert_eq!(album_manifest("72157"), "albums/72157.json");
        assert_eq!(
            json_sidecar("photos/undated/1.mp4"),
            "photos/undated/1.json"
        );
        assert_eq!(
            xmp_sidecar("photos/2019/05/01/1.jpg"),
            "photos/2019/05/01/1.jpg.xmp"
        );
    }
}
