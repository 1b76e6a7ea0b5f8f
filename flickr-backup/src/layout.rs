//! Where things live in the mirror, as the crate docs show it (`lib.rs`,
//! "The mirror"): every path the mirror uses is made here.

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

/// What a run found in Flickr's export (written by runs that read one).
pub const EXPORT_REPORT: &str = "export-report.json";

/// An account file of Flickr's export kept as it is (`name` made safe).
pub fn export_file(name: &str) -> String {
    format!("export/{name}")
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

/// A folder named after a title and an id: `TITLE (ID)`, the title made
/// safe as the module doc says.
pub fn titled(title: &str, id: &str) -> String {
    const KEEP: &[char] = &[' ', '-', '_', '.', ',', '\'', '(', ')', '&', '+', '!', '@'];
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || KEEP.contains(&c) {
                c
            } else if c.is_whitespace() {
                ' '
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == ' ' || c == '.');
    let title = if trimmed.is_empty() {
        "untitled"
    } else {
        trimmed
    };
    format!("{title} ({})", safe(id))
}

/// Where an album's folder of links is.
pub fn album_folder(title: &str, id: &str) -> String {
    format!("{ALBUMS}/{}", titled(title, id))
}

/// The folder of album folders and manifests.
pub const ALBUMS: &str = "albums";

/// The folder of collection folders.
pub const COLLECTIONS_DIR: &str = "collections";

/// The name of the `position`th (from 1) file of an album of `count`, a
/// link to a file with extension `ext`: `0001-ID.EXT` (wider past 9,999).
pub fn album_entry(position: usize, count: usize, id: &str, ext: &str) -> String {
    let width = count.to_string().len().max(4);
    format!("{position:0width$}-{}.{}", safe(id), safe_ext(ext))
}

/// The offline viewer's page.
pub const VIEWER_PAGE: &str = "index.html";

/// The offline viewer's scripts, style and data.
pub const VIEWER_DIR: &str = "viewer";

/// The folder of the viewer's thumbnails.
pub fn thumbnails_dir() -> String {
    format!("{STATE_DIR}/thumbs")
}

/// A photo's thumbnail for the viewer.
pub fn thumbnail(id: &str) -> String {
    format!("{}/{}.jpg", thumbnails_dir(), safe(id))
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

    #[test]
    fn titled_folders_keep_letters_of_every_script_and_nothing_a_file_system_minds() {
        assert_eq!(titled("Été à Kyōto", "1"), "Été à Kyōto (1)");
        assert_eq!(titled("東京 2024", "2"), "東京 2024 (2)");
        assert_eq!(
            titled("a/b\\c:d*e?f\"g<h>i|j", "3"),
            "a_b_c_d_e_f_g_h_i_j (3)"
        );
        assert_eq!(titled("Tom & Jerry 🎉", "4"), "Tom & Jerry _ (4)");
        assert_eq!(titled("..", "5"), "untitled (5)");
        assert_eq!(titled(" .hidden. ", "6"), "hidden (6)");
        assert_eq!(titled("tab\there\nnewline", "7"), "tab here newline (7)");
        assert_eq!(titled("", "../8"), "untitled (___8)");
        assert_eq!(titled(&"x".repeat(200), "9").chars().count(), 60 + 4);
        assert_eq!(album_folder("Trip", "72"), "albums/Trip (72)");
        assert_eq!(album_entry(3, 12, "53", "JPG"), "0003-53.jpg");
        assert_eq!(album_entry(3, 12_000, "53", "mp4"), "00003-53.mp4");
        assert_eq!(thumbnail("53"), ".flickr-backup/thumbs/53.jpg");
    }
}
