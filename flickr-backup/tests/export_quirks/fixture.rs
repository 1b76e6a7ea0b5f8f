//! Flickr's export of a small account, written by hand with every quirk
//! FLICKR-EXPORT.md lists and the damage real downloads suffer; and the
//! zone the cases run in.

use std::sync::Once;

use std::io::Write;
use std::path::Path;

use serde_json::{json, Value};
use zip::write::SimpleFileOptions;

use super::NSID;

/// File dates are wall clocks (Flickr's date taken has no zone): every
/// import of this binary runs in UTC, so the date taken is the file's
/// time as it stands. Every case calls this first.
pub fn utc() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Sound (`set_var` is `unsafe` from edition 2024): every case calls
        // this before anything else, and the others wait on `ONCE`, so no
        // thread of ours reads the environment now; the runtimes and the
        // imports start after it.
        std::env::set_var("TZ", "UTC");
    });
}

/// A real image of `w`×`h` in `format`, its colour from `seed`.
fn image_bytes(format: image::ImageFormat, w: u32, h: u32, seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([seed, (x * 7) as u8, (y * 5) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

/// The start of an MP4/MOV file (what the backup checks of a video).
fn movie_bytes() -> Vec<u8> {
    let mut v = vec![
        0, 0, 0, 0x18, b'f', b't', b'y', b'p', b'q', b't', b' ', b' ', 0, 0, 2, 0,
    ];
    v.extend_from_slice(b"qt  qt  ");
    v.extend(std::iter::repeat_n(7u8, 3000));
    v
}

/// Writes a zip of `members` (stored, so a test can find and damage a member's bytes).
fn write_zip(path: &Path, members: &[(&str, Vec<u8>)]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in members {
        z.start_file(*name, stored).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

fn json_bytes(v: Value) -> Vec<u8> {
    serde_json::to_vec_pretty(&v).unwrap()
}

pub struct Written {
    pub tokyo: Vec<u8>,
    pub untitled: Vec<u8>,
    pub movie: Vec<u8>,
    pub reupload: Vec<u8>,
    pub no_meta: Vec<u8>,
    pub truncated_whole: Vec<u8>,
    pub legacy: Vec<u8>,
    pub truncated_at_flickr: Vec<u8>,
}

/// Flickr's export of a small account, with its quirks and damage, under `dir`.
pub fn write_export(dir: &Path) -> Written {
    let w = Written {
        tokyo: image_bytes(image::ImageFormat::Jpeg, 40, 30, 10),
        untitled: image_bytes(image::ImageFormat::Png, 20, 20, 20),
        movie: movie_bytes(),
        reupload: image_bytes(image::ImageFormat::Jpeg, 30, 30, 30),
        no_meta: image_bytes(image::ImageFormat::Gif, 10, 10, 40),
        truncated_whole: image_bytes(image::ImageFormat::Jpeg, 16, 16, 50),
        legacy: image_bytes(image::ImageFormat::Jpeg, 18, 18, 80),
        truncated_at_flickr: {
            let whole = image_bytes(image::ImageFormat::Jpeg, 32, 32, 90);
            whole[..whole.len() / 2].to_vec()
        },
    };
    let photo = |id: &str, extra: Value| {
        let mut v = json!({
            "id": id, "name": "", "description": "", "count_views": "3", "count_faves": "0",
            "count_comments": "0", "date_taken": "2020-01-01 00:00:00", "count_tags": "0",
            "count_notes": "0", "rotation": 0, "date_imported": "2020-01-02 10:00:00",
            "photopage": format!("https://www.flickr.com/photos/janedoe/{id}/"),
            "original": format!("https://live.staticflickr.com/65535/{id}_0123456789_o.jpg"),
            "license": "All Rights Reserved", "geo": [], "groups": [], "albums": [], "tags": [],
            "people": [], "notes": [], "privacy": "public",
            "comment_permissions": "any flickr member", "tagging_permissions": "people you follow",
            "safety": "safe", "comments": []
        });
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        (format!("photo_{id}.json"), json_bytes(v))
    };
    let p1 = photo(
        "53000000001",
        json!({
            "name": "東京タワー &amp; sky",
            "description": "<a href=\"https://example.com/\">link</a><br>second line",
            "date_taken": "2024-05-31 18:30:00",
            "geo": [{"latitude": "35658600", "longitude": "139745400", "accuracy": "16"}],
            "tags": [{"tag": "tokyo", "user": NSID, "date_create": "1717171717"}],
            "license": "CC BY 4.0",
            "comments": [{"id": "c1", "date": "2024-06-01 08:00:00", "user": "999@N00",
                          "comment": "Nice!", "url": "https://www.flickr.com/photos/janedoe/53000000001/#comment1"}]
        }),
    );
    let p2 = photo(
        "53000000002",
        json!({
            "date_taken": "0000-00-00 00:00:00", "license": null, "privacy": "friend & family",
            "geo": {"latitude": "-33868800", "longitude": "151209300", "accuracy": "11"}
        }),
    );
    let p3 = photo(
        "53000000003",
        json!({
            "name": "clip", "date_taken": "2023-01-02 03:04:05",
            "original": "https://live.staticflickr.com/65535/53000000003_aaaaaaaaaa_o.jpg"
        }),
    );
    let p4 = photo(
        "53000000004",
        json!({
            "name": "old", "date_taken": "2022-06-07 08:09:10",
            "albums": [
                {"id": "72157700000000001", "title": "Trips", "url": "x"},
                {"id": "72157700000000003", "title": "Only named by photos", "url": "y"}
            ]
        }),
    );
    let p6 = photo(
        "53000000006",
        json!({"name": "never exported", "date_taken": "2019-09-09 09:09:09"}),
    );
    let p7 = photo(
        "53000000007",
        json!({"name": "bad", "date_taken": "2018-08-08 08:08:08"}),
    );
    // A legacy file without an extension; a video Flickr never processed
    // (its `original` is the placeholder poster; no file); an original
    // truncated on Flickr itself (whole in its zip, but no JPEG end).
    let p12 = photo(
        "53000000012",
        json!({"name": "legacy", "date_taken": "2005-05-05 05:05:05"}),
    );
    let p13 = photo(
        "53000000013",
        json!({"name": "never encoded", "original": "https://live.staticflickr.com/0/video_encoding.jpg"}),
    );
    let p14 = photo(
        "53000000014",
        json!({"name": "old", "date_taken": "2004-04-04 04:04:04"}),
    );
    let albums = json!({"albums": [
        {"photo_count": "3", "id": "72157700000000001", "url": "u", "title": "Trips",
         "description": "Away", "view_count": "0", "created": "1700000000", "last_updated": "1700000100",
         "cover_photo": "https://www.flickr.com/photos/janedoe/0",
         "photos": ["53000000002", "0", "53000000001"]},
        {"photo_count": "1", "id": "72157700000000009", "url": "u", "title": "not in an album 1",
         "description": "", "view_count": "0", "created": "1700000000", "last_updated": "1700000100",
         "cover_photo": "https://www.flickr.com/photos/janedoe/0", "photos": ["53000000003"]},
        {"photo_count": "2", "id": "72157700000000002", "url": "u", "title": "Gone",
         "description": "", "view_count": "0", "created": "1700000000", "last_updated": "1700000100",
         "cover_photo": "https://www.flickr.com/photos/janedoe/53000000001",
         "photos": ["53000000001", "53000000099"]}
    ]});
    let profile = json!({"nsid": NSID, "path_alias": "janedoe", "screen_name": "Jane", "real_name": "Jane Doe"});
    let faves = json!({"faves": [{"photo_id": "42", "photo_url": "https://www.flickr.com/photos/bob/42/"}]});
    write_zip(
        &dir.join("72157724905358313_3ac1836c2225_part1.zip"),
        &[
            (p1.0.as_str(), p1.1),
            (p2.0.as_str(), p2.1),
            (p3.0.as_str(), p3.1),
            ("albums.json", json_bytes(albums)),
            ("account_profile.json", json_bytes(profile)),
            ("faves_part001.json", json_bytes(faves)),
        ],
    );
    write_zip(
        &dir.join("72157724905358313_3ac1836c2225_part2.zip"),
        &[
            (p4.0.as_str(), p4.1),
            (p6.0.as_str(), p6.1),
            (p7.0.as_str(), p7.1),
            (p12.0.as_str(), p12.1),
            (p13.0.as_str(), p13.1),
            (p14.0.as_str(), p14.1),
        ],
    );
    write_zip(
        &dir.join("data-download-1.zip"),
        &[
            ("東京タワー-sky_53000000001_o.jpg", w.tokyo.clone()),
            ("53000000002_be0461e77c_o.png", w.untitled.clone()),
            ("clip_53000000003.mov", w.movie.clone()),
            ("old_52000000009_53000000004_o.jpg", w.reupload.clone()),
            ("legacy_53000000012_o", w.legacy.clone()),
            ("old_53000000014_o.jpg", w.truncated_at_flickr.clone()),
        ],
    );
    // The same file again, a file without metadata, a name with `..`, and a
    // member whose bytes are damaged (its checksum no longer matches).
    let mut bad = image_bytes(image::ImageFormat::Jpeg, 12, 12, 60);
    bad.extend_from_slice(b"MARKER-TO-DAMAGE");
    let second = dir.join("data-download-2.zip");
    write_zip(
        &second,
        &[
            ("東京タワー-sky_53000000001_o.jpg", w.tokyo.clone()),
            ("53000000005_abcdef0123_o.gif", w.no_meta.clone()),
            ("../../evil_53000000008_o.jpg", w.reupload.clone()),
            ("bad_53000000007_o.jpg", bad),
        ],
    );
    let mut z = std::fs::read(&second).unwrap();
    let at = z
        .windows(16)
        .position(|w| w == b"MARKER-TO-DAMAGE")
        .unwrap();
    z[at] ^= 0xFF;
    std::fs::write(&second, z).unwrap();
    // A zip cut short: the first member is whole, the second is not.
    let cut = dir.join("data-download-3.zip");
    write_zip(
        &cut,
        &[
            ("trunc_53000000010_o.jpg", w.truncated_whole.clone()),
            (
                "trunc_53000000011_o.jpg",
                image_bytes(image::ImageFormat::Jpeg, 64, 64, 70),
            ),
        ],
    );
    let z = std::fs::read(&cut).unwrap();
    std::fs::write(&cut, &z[..z.len() * 3 / 5]).unwrap();
    // An expired link saved under a zip's name.
    std::fs::write(
        dir.join("data-download-4.zip"),
        b"<!DOCTYPE html><html>Link expired</html>",
    )
    .unwrap();
    w
}
