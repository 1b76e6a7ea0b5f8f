//! Which file to keep of a photo or video: only URLs Flickr listed (a size
//! that needs its own secret cannot be built by hand, and free accounts no
//! longer get originals or sizes above 1024 px listed). Image sizes are
//! chosen with `flickr_sdk::sizes` from a list item's `url_*` extras.

use flickr_sdk::sizes::Size;
use flickr_sdk::sizes::{AvailableSizes, Want};
use flickr_sdk::types::Photo;

use crate::options::SizeChoice;
use crate::state::Stream;

/// The image to keep of `p` under `choice`: (URL, the `url_*` key of its size).
/// `original` falls back to the largest listed size; a named size to the
/// largest listed below it, else the smallest above.
pub fn pick_image(p: &Photo, choice: &SizeChoice) -> Result<(String, String), String> {
    let want = match choice {
        SizeChoice::Original => Want::Prefer(Size::Original),
        SizeChoice::Largest => Want::Largest,
        SizeChoice::Suffix(key) => Want::Prefer(Size::from_extra(key).unwrap_or(Size::Original)),
    };
    AvailableSizes::from_photo(p)
        .pick(want)
        .map(|l| {
            let key = l.size.extra().trim_start_matches("url_").to_owned();
            (l.url.clone(), key)
        })
        .map_err(|e| e.to_string())
}

/// Why the file kept of a photo is not its original (`None` when it is):
/// `variant` is the size suffix or stream kind kept, `item` the list item.
pub fn not_original_reason(
    item: &Photo,
    video: bool,
    variant: &str,
    choice: &SizeChoice,
) -> Option<String> {
    let original = if video { "orig" } else { "o" };
    if variant == original {
        return None;
    }
    if let SizeChoice::Suffix(asked) = choice {
        return Some(format!("--size {asked} was asked for"));
    }
    Some(if video {
        "Flickr lists no original stream of this video".to_owned()
    } else if item.url_o.is_some() {
        "the original was listed but could not be chosen".to_owned()
    } else {
        "Flickr lists no original (a free account's photos: nothing above 1024 px since 2025-05-15); a later run fetches it once Flickr lists it".to_owned()
    })
}

/// Video stream kinds, best first (`orig` is the uploaded file).
const STREAM_ORDER: [&str; 9] = [
    "orig", "4k", "2160p", "1080p", "hd", "720p", "700", "360p", "288p",
];

/// The stream to keep of a video: `orig` when listed (and wanted), else the
/// best other one listed, as `flickr.video.getStreamInfo` lists them.
pub fn pick_stream<'a>(streams: &'a [Stream], choice: &SizeChoice) -> Option<&'a Stream> {
    let rank = |kind: &str| {
        STREAM_ORDER
            .iter()
            .position(|k| k.eq_ignore_ascii_case(kind))
            .unwrap_or(STREAM_ORDER.len())
    };
    let mut sorted: Vec<&Stream> = streams.iter().filter(|s| !s.url.is_empty()).collect();
    sorted.sort_by_key(|s| rank(&s.kind));
    let best = sorted.first().copied();
    match choice {
        SizeChoice::Original | SizeChoice::Largest => best,
        // A picture size says nothing about video: keep the best stream but the original.
        SizeChoice::Suffix(_) => sorted.iter().find(|s| s.kind != "orig").copied().or(best),
    }
}

/// The extension of a URL's file name (`jpg`, `mp4`, …).
pub fn url_ext(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let name = path.rsplit('/').next().unwrap_or_default();
    name.rsplit_once('.')
        .map(|(_, e)| e.to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(json: serde_json::Value) -> Photo {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn the_original_when_listed_else_the_largest() {
        let with_o = photo(serde_json::json!({
            "id": "1", "url_m": "https://x/1_m.jpg", "width_m": 500, "height_m": 375,
            "url_l": "https://x/1_b.jpg", "width_l": 1024, "height_l": 768,
            "url_o": "https://x/1_o.png", "width_o": 4000, "height_o": 3000,
        }));
        let key = |c: &SizeChoice| pick_image(&with_o, c).unwrap().1;
        assert_eq!(key(&SizeChoice::Original), "o");
        assert_eq!(key(&SizeChoice::Largest), "o");
        assert_eq!(key(&SizeChoice::Suffix("l".into())), "l");
        // Not listed: the largest below it, else the smallest above.
        assert_eq!(key(&SizeChoice::Suffix("c".into())), "m");
        assert_eq!(key(&SizeChoice::Suffix("sq".into())), "m");

        // A free account's photo: no original listed, the largest instead.
        let free = photo(serde_json::json!({
            "id": "2", "url_m": "https://x/2_m.jpg", "width_m": 500, "height_m": 375,
            "url_l": "https://x/2_b.jpg", "width_l": 1024, "height_l": 768,
        }));
        assert_eq!(
            pick_image(&free, &SizeChoice::Original).unwrap(),
            ("https://x/2_b.jpg".to_owned(), "l".to_owned())
        );
        let nothing = photo(serde_json::json!({"id": "3"}));
        assert!(pick_image(&nothing, &SizeChoice::Original).is_err());
    }

    #[test]
    fn a_file_not_the_original_says_why() {
        let free = photo(serde_json::json!({"id": "2", "url_l": "https://x/2_b.jpg"}));
        let pro = photo(serde_json::json!({"id": "2", "url_o": "https://x/2_o.jpg"}));
        let o = SizeChoice::Original;
        assert_eq!(not_original_reason(&pro, false, "o", &o), None);
        assert_eq!(not_original_reason(&pro, true, "orig", &o), None);
        assert!(not_original_reason(&free, false, "l", &o)
            .unwrap()
            .contains("no original"));
        assert!(not_original_reason(&free, true, "720p", &o)
            .unwrap()
            .contains("no original stream"));
        assert_eq!(
            not_original_reason(&pro, false, "z", &SizeChoice::Suffix("z".into())).unwrap(),
            "--size z was asked for"
        );
    }

    #[test]
    fn streams_prefer_the_original() {
        let s = |k: &str| Stream {
            kind: k.to_owned(),
            url: format!("https://v/{k}.mp4"),
        };
        let streams = vec![s("360p"), s("orig"), s("720p")];
        assert_eq!(
            pick_stream(&streams, &SizeChoice::Original).unwrap().kind,
            "orig"
        );
        assert_eq!(
            pick_stream(&streams, &SizeChoice::Suffix("l".into()))
                .unwrap()
                .kind,
            "720p"
        );
        assert_eq!(
            pick_stream(&streams[..1], &SizeChoice::Original)
                .unwrap()
                .kind,
            "360p"
        );
        assert!(pick_stream(&[], &SizeChoice::Original).is_none());
        assert_eq!(url_ext("https://v/a/orig.mov?s=abc"), "mov");
        assert_eq!(url_ext("https://v/a/noext"), "");
    }
}
