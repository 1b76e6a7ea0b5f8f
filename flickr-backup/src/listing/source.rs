//! Which file each photo of a listing has: its local file, under the URL
//! and size it is (said by the producer, or read from the list item), and
//! its extension; the run's [`Index`] of them; and the plan's [`target`]
//! of a listing's photo.

use std::collections::HashMap;
use std::path::PathBuf;

use flickr_sdk::sizes::AvailableSizes;
use flickr_sdk::types::Photo;

use super::LocalFile;
use crate::choose::{pick_image, url_ext};
use crate::ctx::Ctx;
use crate::options::SizeChoice;
use crate::stages::plan::{original_variant, Target};
use crate::state::{FileStatus, MediaKind, PhotoRow};

/// The prefix of a listing's origins in the state (`listing:PATH`).
const PREFIX: &str = "listing:";

/// The origin recorded for a file copied from `path`.
pub(crate) fn origin_text(path: &std::path::Path) -> String {
    format!("{PREFIX}{}", path.display())
}

/// Whether a file's origin is a listing's local file (not an export's member).
pub(crate) fn is_origin(origin: &str) -> bool {
    origin.starts_with(PREFIX)
}

/// A listing photo's file, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Source {
    pub path: PathBuf,
    /// The address it was fetched from (empty when neither the producer
    /// nor the item says).
    pub url: String,
    pub variant: String,
    pub ext: String,
}

/// The photos of this run's listing: id → its file, when it has one.
#[derive(Debug, Default)]
pub(crate) struct Index {
    pub files: HashMap<String, Option<Source>>,
    /// Whether the listing is the whole library.
    pub complete: bool,
}

impl Index {
    /// Whether photo `id` is in this run's listing.
    pub fn contains(&self, id: &str) -> bool {
        self.files.contains_key(id)
    }
}

/// The size suffix of a URL's file name ending in `_o.EXT` (`o`).
fn named_original(url: &str) -> bool {
    let name = url.split(['?', '#']).next().unwrap_or_default();
    let name = name.rsplit('/').next().unwrap_or_default();
    name.rsplit_once('.')
        .is_some_and(|(stem, _)| stem.ends_with("_o"))
}

/// Resolves `file` of list item `item` (a `media` kind): its URL, size and
/// extension, as the producer says them or the item tells them.
pub(crate) fn resolve(item: &Photo, media: MediaKind, file: &LocalFile) -> Source {
    let listed = AvailableSizes::from_photo(item);
    let (url, variant) = match &file.url {
        Some(url) => {
            let named = listed
                .listed()
                .iter()
                .find(|s| s.url == *url)
                .map(|s| s.size.extra().trim_start_matches("url_").to_owned());
            let variant = match (media, named) {
                (MediaKind::Photo, Some(v)) => v,
                (MediaKind::Photo, None) if named_original(url) => "o".to_owned(),
                (MediaKind::Photo, None) => "unknown".to_owned(),
                (MediaKind::Video, _) => original_variant(media).to_owned(),
            };
            (url.clone(), variant)
        }
        None if media == MediaKind::Photo => pick_image(item, &SizeChoice::Original)
            .unwrap_or_else(|_| (String::new(), original_variant(media).to_owned())),
        None => (String::new(), original_variant(media).to_owned()),
    };
    let variant = file.variant.clone().unwrap_or(variant);
    let from_name = |p: &std::path::Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .filter(|e| !e.is_empty() && e.len() <= 8)
            .map(str::to_owned)
    };
    let ext = file
        .ext
        .clone()
        .filter(|e| !e.is_empty())
        .or_else(|| file.url.as_deref().map(url_ext).filter(|e| !e.is_empty()))
        .or_else(|| from_name(&file.path))
        .or_else(|| Some(url_ext(&url)).filter(|e| !e.is_empty()))
        .or_else(|| item.original_format.clone())
        .unwrap_or_else(|| {
            if media == MediaKind::Video {
                "mp4".to_owned()
            } else {
                "jpg".to_owned()
            }
        });
    Source {
        path: file.path.clone(),
        url,
        variant,
        ext,
    }
}

/// The file photo `p` of the listing should have: its local file; for one
/// without, the file an earlier run kept (complete), else none and why.
pub(crate) fn target(
    ctx: &Ctx,
    index: &Index,
    p: &PhotoRow,
) -> std::result::Result<Target, String> {
    match index.files.get(&p.id) {
        Some(Some(s)) => Ok(Target {
            url: s.url.clone(),
            variant: s.variant.clone(),
            origin: Some(origin_text(&s.path)),
            ext: Some(s.ext.clone()),
        }),
        _ => {
            let kept = ctx.db().file(&p.id).map_err(|e| e.to_string())?;
            match kept {
                Some(f) if f.status == FileStatus::Done => Ok(Target {
                    ext: f.path.rsplit_once('.').map(|(_, e)| e.to_owned()),
                    url: f.url,
                    variant: f.variant,
                    origin: f.origin,
                }),
                _ => Err("the listing gives no local file for it".to_owned()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(v: serde_json::Value) -> Photo {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn a_url_names_its_size_and_extension() {
        let p = item(serde_json::json!({
            "id": "5", "owner": "1@N00", "originalformat": "png",
            "url_o": "https://live.staticflickr.com/1/5_x_o.png",
            "url_l": "https://live.staticflickr.com/1/5_y_b.jpg",
        }));
        let f = LocalFile::new("/cache/ab/cdef").url("https://live.staticflickr.com/1/5_y_b.jpg");
        let s = resolve(&p, MediaKind::Photo, &f);
        assert_eq!((s.variant.as_str(), s.ext.as_str()), ("l", "jpg"));
        // Without a URL: the file the backup would choose, its extension the item's.
        let s = resolve(&p, MediaKind::Photo, &LocalFile::new("/cache/ab/cdef"));
        assert_eq!(s.url, "https://live.staticflickr.com/1/5_x_o.png");
        assert_eq!((s.variant.as_str(), s.ext.as_str()), ("o", "png"));
        // The local file's own extension, and what the producer says outright.
        let s = resolve(&p, MediaKind::Photo, &LocalFile::new("/c/5.jpeg"));
        assert_eq!(s.ext, "jpeg");
        let f = LocalFile::new("/c/5").ext(".gif").variant("k");
        let s = resolve(&p, MediaKind::Photo, &f);
        assert_eq!((s.variant.as_str(), s.ext.as_str()), ("k", "gif"));
    }

    #[test]
    fn a_video_is_its_original_stream_and_origins_are_told_apart() {
        let p = item(serde_json::json!({"id": "6", "media": "video"}));
        let f = LocalFile::new("/c/6").url("https://www.flickr.com/photos/a/6/play/orig/s/");
        let s = resolve(&p, MediaKind::Video, &f);
        assert_eq!((s.variant.as_str(), s.ext.as_str()), ("orig", "mp4"));
        assert!(is_origin(&origin_text(std::path::Path::new("/c/6"))));
        assert!(!is_origin("data-download-1.zip/img_6.jpg"));
    }
}
