//! The pieces of the photo library that other producers of the same
//! library use (flickr-archive's workers list and name files as the backup
//! does): the list calls' extras, where a photo's file goes, its sidecars'
//! names, and what an NSID looks like.

use flickr_sdk::types::{Extra, Photo};

use crate::layout;
use crate::photo_meta::taken_text;

/// Where the viewer's thumbnails are, relative to the library: the one part
/// of its state directory a copy of the library needs (for `index.html`).
pub const THUMBNAILS_DIR: &str = ".flickr-backup/thumbs";

/// The extras the backup asks every list call for: the metadata the
/// library keeps and every size's URL.
pub fn list_extras() -> Vec<Extra> {
    crate::stages::list::extras()
}

/// Where the file of `p` goes in the library, with extension `ext`:
/// `photos/YYYY/MM/DD/ID.EXT` by date taken for the library owner's own
/// photos (`photos/undated/` without one), `others/OWNER/ID.EXT` for other
/// members'.
pub fn photo_file(p: &Photo, own: bool, ext: &str) -> String {
    let owner = p.owner.as_ref().map_or("", |o| o.as_str());
    let taken = taken_text(p);
    format!(
        "{}.{}",
        layout::photo_stem(own, owner, p.id.as_str(), taken.as_deref()),
        layout::safe_ext(ext)
    )
}

/// The JSON sidecar beside the media file at `media` (`ID.jpg` → `ID.json`).
pub fn json_sidecar(media: &str) -> String {
    layout::json_sidecar(media)
}

/// The file extension of a static host's URL (`jpg` when it shows none).
pub fn url_ext(url: &str) -> String {
    crate::choose::url_ext(url)
}

/// The stream of a video the backup keeps, among `(kind, url)` pairs as
/// `flickr.video.getStreamInfo` lists them: `orig` (the uploaded file) when
/// listed, else the best other. Returns its kind and URL.
pub fn pick_video_stream(streams: &[(String, String)]) -> Option<(String, String)> {
    let streams: Vec<crate::state::Stream> = streams
        .iter()
        .map(|(kind, url)| crate::state::Stream {
            kind: kind.clone(),
            url: url.clone(),
        })
        .collect();
    crate::choose::pick_stream(&streams, &crate::options::SizeChoice::Original)
        .map(|s| (s.kind.clone(), s.url.clone()))
}

/// Whether `s` looks like an NSID (`digits@Ndigits`).
pub fn is_nsid(s: &str) -> bool {
    crate::options::is_nsid(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_photos_by_date_others_by_owner() {
        let p: Photo = serde_json::from_value(serde_json::json!({
            "id": "42", "owner": "1@N00", "datetaken": "2019-03-04 05:06:07"
        }))
        .unwrap();
        assert_eq!(photo_file(&p, true, "jpg"), "photos/2019/03/04/42.jpg");
        assert_eq!(photo_file(&p, false, "mp4"), "others/1@N00/42.mp4");
        assert_eq!(
            json_sidecar("photos/2019/03/04/42.jpg"),
            "photos/2019/03/04/42.json"
        );
    }
}
