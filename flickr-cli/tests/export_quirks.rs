//! `flickr backup DIR --from-export PATH` offline, with the real binary, on
//! an export written here by hand with every quirk FLICKR-EXPORT.md lists:
//! metadata over two parts, the three file-name forms and a re-upload, the
//! same file in two zips, geo as a list and as an object in microdegrees,
//! the zero date, a video whose `original` is a poster, `albums.json` with
//! `"0"` and a catch-all list merged with per-photo albums, a title in
//! Japanese with an HTML entity, HTML in a description; and the broken
//! downloads: an HTML page saved as a zip, a zip cut short, a corrupt
//! member, a member named with `..`.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use common::flickr;
use common::mirror::{sidecar, tree};
use serde_json::{json, Value};
use zip::write::SimpleFileOptions;

const NSID: &str = "12345678@N00";

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

struct Written {
    tokyo: Vec<u8>,
    untitled: Vec<u8>,
    movie: Vec<u8>,
    reupload: Vec<u8>,
    no_meta: Vec<u8>,
    truncated_whole: Vec<u8>,
    legacy: Vec<u8>,
    truncated_at_flickr: Vec<u8>,
}

/// Flickr's export of a small account, with its quirks and damage, under `dir`.
fn write_export(dir: &Path) -> Written {
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

fn run_offline(config: &Path, dir: &Path, export: &Path) -> Value {
    let out = flickr(config)
        .env("TZ", "UTC")
        .arg("backup")
        .arg(dir)
        .arg("--from-export")
        .arg(export)
        .arg("--json")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "offline import failed: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(report["event"], "report");
    report
}

/// An export with every quirk, imported offline once by the real binary.
struct Imported {
    export: tempfile::TempDir,
    config: tempfile::TempDir,
    outer: tempfile::TempDir,
    dir: std::path::PathBuf,
    written: Written,
    report: Value,
    tree: BTreeMap<String, Vec<u8>>,
}

/// Writes the export and imports it into `outer/mirror`, offline.
fn import() -> Imported {
    let export = tempfile::tempdir().unwrap();
    let written = write_export(export.path());
    let config = tempfile::tempdir().unwrap();
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("mirror");
    let report = run_offline(config.path(), &dir, export.path());
    let tree = tree(&dir);
    Imported {
        export,
        config,
        outer,
        dir,
        written,
        report,
        tree,
    }
}

/// The import the read-only cases share (made by the first that asks).
fn imported() -> &'static Imported {
    static IMPORTED: OnceLock<Imported> = OnceLock::new();
    IMPORTED.get_or_init(import)
}

#[test]
fn no_api_call_is_made_and_the_account_is_the_export_s() {
    let report = &imported().report;
    assert_eq!(report["total_calls"], 0, "no API call: {report}");
    assert_eq!(report["user"], NSID);
}

#[test]
fn every_name_form_lands_at_its_date_with_the_export_s_bytes() {
    let m = imported();
    let t = &m.tree;
    let w = &m.written;
    let outer = &m.outer;
    // Files: every form of name, at their dates, with the export's bytes.
    assert_eq!(t["photos/2024/05/31/53000000001.jpg"], w.tokyo);
    assert_eq!(
        t["photos/undated/53000000002.png"], w.untitled,
        "the zero date is no date"
    );
    assert_eq!(
        t["photos/2023/01/02/53000000003.mov"], w.movie,
        "a video without `_o`"
    );
    assert_eq!(
        t["photos/2022/06/07/53000000004.jpg"], w.reupload,
        "a re-upload's last id"
    );
    assert_eq!(
        t["photos/undated/53000000005.gif"], w.no_meta,
        "a file without metadata"
    );
    assert_eq!(
        t["photos/undated/53000000008.jpg"], w.reupload,
        "`..` in a name never escapes"
    );
    assert_eq!(
        t["photos/undated/53000000010.jpg"], w.truncated_whole,
        "a cut zip's whole member"
    );
    assert_eq!(
        t["photos/2005/05/05/53000000012.jpg"], w.legacy,
        "a legacy file without extension"
    );
    assert_eq!(
        t["photos/2004/04/04/53000000014.jpg"], w.truncated_at_flickr,
        "an original truncated on Flickr itself is kept: it is the only copy"
    );
    assert_eq!(
        std::fs::read_dir(outer.path()).unwrap().count(),
        1,
        "nothing written beside the mirror"
    );
    assert!(
        !t.keys().any(|k| k.contains("53000000007.jpg")),
        "a corrupt member never lands"
    );
    assert!(
        !t.keys().any(|k| k.contains("53000000011.jpg")),
        "a cut member never lands"
    );
}

#[test]
fn what_the_export_lacks_is_reported_by_id_and_by_name() {
    let m = imported();
    let t = &m.tree;
    let e = &m.report["export"];
    // What the export lacks, said plainly.
    assert_eq!(e["missing_media"], json!(["53000000006", "53000000013"]));
    assert_eq!(
        e["no_metadata"],
        json!(["53000000005", "53000000008", "53000000010"])
    );
    assert_eq!(e["photos"], 9);
    assert_eq!(
        e["albums_missing_photos"],
        json!([{"album": "72157700000000002", "title": "Gone", "missing": ["53000000099"]}])
    );
    assert_eq!(e["duplicates"][0]["photo"], "53000000001");
    assert_eq!(e["files_copied"], 9);
    let problems = e["problems"].to_string();
    assert!(
        problems.contains("data-download-4.zip") && problems.contains("HTML"),
        "{problems}"
    );
    assert!(
        problems.contains("data-download-3.zip") && problems.contains("cut short"),
        "{problems}"
    );
    assert!(
        problems.contains("trunc_53000000011_o.jpg"),
        "the cut member by name: {problems}"
    );
    assert!(
        problems.contains("bad_53000000007_o.jpg"),
        "the corrupt member by name: {problems}"
    );
    assert!(
        problems.contains("old_53000000014_o.jpg") && problems.contains("kept"),
        "the truncated original is kept and said: {problems}"
    );
    let on_disk: Value = serde_json::from_slice(&t["export-report.json"]).unwrap();
    assert_eq!(&on_disk, e, "the report on disk is the run's");
}

#[test]
fn a_photo_without_a_file_still_has_its_sidecar() {
    let m = imported();
    let t = &m.tree;
    let dir = m.dir.as_path();
    // A photo without a file still has its sidecar.
    let never = sidecar(dir, t, "53000000006");
    assert_eq!(never["flickr"]["title"], "never exported");
    assert!(never["file"].is_null());
    assert!(t.contains_key("photos/2019/09/09/53000000006.json"));
}

#[test]
fn metadata_takes_the_api_s_shapes() {
    let m = imported();
    let t = &m.tree;
    let dir = m.dir.as_path();
    // Metadata in the API's shapes: entities unescaped, HTML kept in the
    // description, degrees, the licence's id, comments, the export's record.
    let tokyo = sidecar(dir, t, "53000000001");
    assert_eq!(
        tokyo["flickr"]["title"], "東京タワー &amp; sky",
        "as Flickr sends titles"
    );
    assert_eq!(
        tokyo["flickr"]["description"],
        "<a href=\"https://example.com/\">link</a><br>second line"
    );
    assert_eq!(tokyo["flickr"]["latitude"], 35.6586);
    assert_eq!(tokyo["flickr"]["longitude"], 139.7454);
    assert_eq!(tokyo["flickr"]["license"], 11, "CC BY 4.0 by its id");
    assert_eq!(tokyo["comments"][0]["_content"], "Nice!");
    assert_eq!(tokyo["export"]["privacy"], "public");
    assert_eq!(tokyo["file"]["path"], "photos/2024/05/31/53000000001.jpg");
    assert_eq!(
        tokyo["file"]["from_export"], "data-download-1.zip/東京タワー-sky_53000000001_o.jpg",
        "where the file came from"
    );
    let untitled = sidecar(dir, t, "53000000002");
    assert_eq!(untitled["flickr"]["latitude"], -33.8688, "geo as an object");
    assert_eq!(untitled["flickr"]["datetakenunknown"], true);
    assert_eq!(untitled["export"]["privacy"], "friend & family");
    let unprocessed = sidecar(dir, t, "53000000013");
    assert_eq!(unprocessed["media"], "video", "known by its poster's name");
    assert!(unprocessed["file"].is_null());
    let video = sidecar(dir, t, "53000000003");
    assert_eq!(video["media"], "video");
    assert!(
        video["flickr"]["url_o"].is_null(),
        "a video's `original` is a poster, not its file"
    );
}

#[test]
fn xmp_sidecars_carry_the_export_s_metadata() {
    let m = imported();
    let t = &m.tree;
    // XMP sidecars for photo tools.
    let xmp = String::from_utf8(t["photos/2024/05/31/53000000001.jpg.xmp"].clone()).unwrap();
    assert!(
        xmp.contains("東京タワー &amp; sky"),
        "the title, shown decoded: {xmp}"
    );
    assert!(!xmp.contains("&amp;amp;"), "entities decoded once: {xmp}");
    assert!(xmp.contains("35,39.516"), "GPS in XMP's form: {xmp}");
    assert!(
        xmp.contains("link") && !xmp.contains("<br>"),
        "the description as text: {xmp}"
    );
}

#[test]
fn albums_follow_albums_json_merged_with_per_photo_albums() {
    let m = imported();
    let t = &m.tree;
    // Albums: albums.json's order without "0", per-photo albums merged in,
    // the catch-all list ignored, an album only photos name.
    let trips: Value = serde_json::from_slice(&t["albums/72157700000000001.json"]).unwrap();
    let ids: Vec<&str> = trips["photos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["53000000002", "53000000001", "53000000004"]);
    assert!(t.contains_key("albums/72157700000000003.json"));
    assert!(
        !t.contains_key("albums/72157700000000009.json"),
        "not an album"
    );
    assert!(t.contains_key("albums/Trips (72157700000000001)/0001-53000000002.png"));
    assert!(t.contains_key("albums/Trips (72157700000000001)/0003-53000000004.jpg"));
}

#[test]
fn file_times_are_the_date_taken() {
    let m = imported();
    let dir = m.dir.as_path();
    // File dates are the date taken (TZ=UTC for the run).
    let mtime = std::fs::metadata(dir.join("photos/2024/05/31/53000000001.jpg"))
        .unwrap()
        .modified()
        .unwrap()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert_eq!(mtime, 1_717_180_200);
}

#[test]
fn the_viewer_and_its_thumbnails_are_made_offline() {
    let m = imported();
    let t = &m.tree;
    let dir = m.dir.as_path();
    let report = &m.report;
    // The viewer, with thumbnails made from the files (none for the video).
    assert!(t.contains_key("index.html"));
    let data = String::from_utf8(t["viewer/data.js"].clone()).unwrap();
    // `&` is written `\u0026` in the page's script.
    assert!(
        data.contains("東京タワー \\u0026 sky"),
        "the viewer shows the title decoded"
    );
    let thumbs = dir.join(".flickr-backup/thumbs");
    let thumb = image::open(thumbs.join("53000000001.jpg")).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (150, 150));
    assert!(
        thumbs.join("53000000005.jpg").is_file(),
        "a GIF's thumbnail"
    );
    assert!(
        !thumbs.join("53000000003.jpg").exists(),
        "a video gets the placeholder"
    );
    assert!(report["thumbnails_made"].as_u64().unwrap() >= 6);
}

#[test]
fn the_account_s_own_files_are_kept_as_they_are() {
    let m = imported();
    let t = &m.tree;
    // The account's own files, kept as they are.
    assert!(t.contains_key("export/faves_part001.json"));
    assert!(t.contains_key("export/account_profile.json"));
}

#[test]
fn verify_reads_it_and_a_second_run_changes_nothing() {
    // Its own import: this test runs the import again in the mirror.
    let m = import();
    let t = &m.tree;
    let dir = m.dir.as_path();
    let config = &m.config;
    let export = &m.export;
    // `verify` reads the mirror; a second run copies nothing and changes nothing.
    flickr(config.path())
        .arg("backup")
        .arg("verify")
        .arg(dir)
        .assert()
        .success();
    let again = run_offline(config.path(), dir, export.path());
    assert_eq!(again["export"]["files_copied"], 0, "{again}");
    let mut after = tree(dir);
    let mut before = t.clone();
    for t in [&mut before, &mut after] {
        t.remove("export-report.json");
    }
    assert_eq!(before, after, "a second run changes nothing");
}

#[test]
fn without_credentials_or_an_export_the_command_says_what_it_needs() {
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-export");
    let out = flickr(config.path())
        .arg("backup")
        .arg(dir.path().join("m"))
        .arg("--from-export")
        .arg(&missing)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no-such-export"), "{err}");
}
