//! Which file to keep of a photo or video: only URLs Flickr listed (a size
//! that needs the original secret cannot be built by hand, and free
//! accounts no longer get originals listed).
//!
//! This is the backup's own small rule over a list item's `url_*` extras;
//! `flickr_api::sizes` is to take its place once it lands.

use flickr_api::types::Photo;

use crate::options::{SizeChoice, SIZE_SUFFIXES};

/// A size a list item mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// URL suffix (`sq` … `o`).
    pub suffix: &'static str,
    /// Its URL.
    pub url: String,
    /// Width and height, when given.
    pub dims: Option<(i64, i64)>,
}

impl Listed {
    fn longest(&self) -> i64 {
        self.dims.map_or(0, |(w, h)| w.max(h))
    }
}

/// Every size the item's `url_*` extras list, smallest first.
pub fn listed_sizes(p: &Photo) -> Vec<Listed> {
    let fields: [(&'static str, &Option<String>, Option<i64>, Option<i64>); 17] = [
        ("sq", &p.url_sq, p.width_sq, p.height_sq),
        ("t", &p.url_t, p.width_t, p.height_t),
        ("q", &p.url_q, p.width_q, p.height_q),
        ("s", &p.url_s, p.width_s, p.height_s),
        ("n", &p.url_n, p.width_n, p.height_n),
        ("m", &p.url_m, p.width_m, p.height_m),
        ("z", &p.url_z, p.width_z, p.height_z),
        ("c", &p.url_c, p.width_c, p.height_c),
        ("l", &p.url_l, p.width_l, p.height_l),
        ("h", &p.url_h, p.width_h, p.height_h),
        ("k", &p.url_k, p.width_k, p.height_k),
        ("3k", &p.url_3k, p.width_3k, p.height_3k),
        ("4k", &p.url_4k, p.width_4k, p.height_4k),
        ("f", &p.url_f, p.width_f, p.height_f),
        ("5k", &p.url_5k, p.width_5k, p.height_5k),
        ("6k", &p.url_6k, p.width_6k, p.height_6k),
        ("o", &p.url_o, p.width_o, p.height_o),
    ];
    let mut out: Vec<Listed> = fields
        .into_iter()
        .filter_map(|(suffix, url, w, h)| {
            let url = url.as_deref().filter(|u| !u.trim().is_empty())?;
            Some(Listed {
                suffix,
                url: url.to_owned(),
                dims: w.zip(h),
            })
        })
        .collect();
    // By pixel size where known; the suffix order breaks ties (and orders unknown sizes).
    let rank = |l: &Listed| {
        SIZE_SUFFIXES
            .iter()
            .position(|(s, _)| *s == l.suffix)
            .unwrap_or(0)
    };
    out.sort_by_key(|l| (l.longest(), rank(l)));
    out
}

/// The size to keep under `choice`, among those listed.
pub fn pick(listed: &[Listed], choice: &SizeChoice) -> Option<Listed> {
    let largest = listed.last().cloned();
    match choice {
        SizeChoice::Original => listed.iter().find(|l| l.suffix == "o").cloned().or(largest),
        SizeChoice::Largest => largest,
        SizeChoice::Suffix(want) => {
            if let Some(exact) = listed.iter().find(|l| l.suffix == want) {
                return Some(exact.clone());
            }
            let edge = SIZE_SUFFIXES
                .iter()
                .find(|(s, _)| s == want)
                .map_or(0, |(_, e)| i64::from(*e));
            listed
                .iter()
                .rev()
                .find(|l| l.dims.is_some() && l.longest() <= edge)
                .or(listed.first())
                .cloned()
        }
    }
}

/// Video stream kinds, best first (`orig` is the uploaded file).
const STREAM_ORDER: [&str; 9] = [
    "orig", "4k", "2160p", "1080p", "hd", "720p", "700", "360p", "288p",
];

/// The stream to keep of a video: `orig` when listed (and wanted), else the
/// best other one listed. `streams` are (kind, URL) as
/// `flickr.video.getStreamInfo` lists them.
pub fn pick_stream(streams: &[(String, String)], choice: &SizeChoice) -> Option<(String, String)> {
    let rank = |kind: &str| {
        STREAM_ORDER
            .iter()
            .position(|k| k.eq_ignore_ascii_case(kind))
            .unwrap_or(STREAM_ORDER.len())
    };
    let mut sorted: Vec<&(String, String)> =
        streams.iter().filter(|(_, url)| !url.is_empty()).collect();
    sorted.sort_by_key(|(k, _)| rank(k));
    let best = sorted.first().map(|s| (*s).clone());
    match choice {
        SizeChoice::Original | SizeChoice::Largest => best,
        // A picture size says nothing about video: keep the best stream but the original.
        SizeChoice::Suffix(_) => sorted
            .iter()
            .find(|(k, _)| k != "orig")
            .map(|s| (*s).clone())
            .or(best),
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
        let listed = listed_sizes(&with_o);
        assert_eq!(
            listed.iter().map(|l| l.suffix).collect::<Vec<_>>(),
            ["m", "l", "o"]
        );
        assert_eq!(pick(&listed, &SizeChoice::Original).unwrap().suffix, "o");
        assert_eq!(pick(&listed, &SizeChoice::Largest).unwrap().suffix, "o");
        assert_eq!(
            pick(&listed, &SizeChoice::Suffix("l".into()))
                .unwrap()
                .suffix,
            "l"
        );
        // Not listed: the largest below it, else the smallest.
        assert_eq!(
            pick(&listed, &SizeChoice::Suffix("c".into()))
                .unwrap()
                .suffix,
            "m"
        );
        assert_eq!(
            pick(&listed, &SizeChoice::Suffix("sq".into()))
                .unwrap()
                .suffix,
            "m"
        );

        let free = photo(serde_json::json!({
            "id": "2", "url_m": "https://x/2_m.jpg", "width_m": 500, "height_m": 375,
            "url_l": "https://x/2_b.jpg", "width_l": 1024, "height_l": 768,
        }));
        let listed = listed_sizes(&free);
        assert_eq!(pick(&listed, &SizeChoice::Original).unwrap().suffix, "l");
        assert!(pick(&[], &SizeChoice::Original).is_none());
    }

    #[test]
    fn streams_prefer_the_original() {
        let s = |k: &str| (k.to_owned(), format!("https://v/{k}.mp4"));
        let streams = vec![s("360p"), s("orig"), s("720p")];
        assert_eq!(
            pick_stream(&streams, &SizeChoice::Original).unwrap().0,
            "orig"
        );
        assert_eq!(
            pick_stream(&streams, &SizeChoice::Suffix("l".into()))
                .unwrap()
                .0,
            "720p"
        );
        assert_eq!(
            pick_stream(&streams[..1], &SizeChoice::Original).unwrap().0,
            "360p"
        );
        assert!(pick_stream(&[], &SizeChoice::Original).is_none());
        assert_eq!(url_ext("https://v/a/orig.mov?s=abc"), "mov");
        assert_eq!(url_ext("https://v/a/noext"), "");
    }
}
