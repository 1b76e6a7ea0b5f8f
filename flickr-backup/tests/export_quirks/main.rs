//! Flickr's export read offline through the library
//! ([`flickr_backup::Backup::from_export`], the options `flickr backup DIR
//! --from-export PATH` builds), on an export written here by hand with
//! every quirk FLICKR-EXPORT.md lists: metadata over two parts, the three
//! file-name forms and a re-upload, the same file in two zips, geo as a
//! list and as an object in microdegrees, the zero date, a video whose
//! `original` is a poster, `albums.json` with `"0"` and a catch-all list
//! merged with per-photo albums, a title in Japanese with an HTML entity,
//! HTML in a description; and the broken downloads: an HTML page saved as
//! a zip, a zip cut short, a corrupt member, a member named with `..`.
//! Every import runs in UTC (file times are wall clocks).

#[path = "../common/mod.rs"]
mod common;
mod fixture;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use fixture::{utc, write_export, Written};
use flickr_backup::{Backup, Include, Options, Report, SizeChoice, UserSpec};
use flickr_testkit::mirror::{sidecar, tree};
use serde_json::Value;

const NSID: &str = "12345678@N00";

/// The options `flickr backup DIR --from-export EXPORT` builds: its flags'
/// defaults, and the export.
fn offline_options(export: &Path) -> Options {
    let defaults = Options::default();
    let retry = defaults
        .file_retry
        .with_max_attempts(6)
        .with_delays(Duration::from_millis(500), defaults.file_retry.max_delay);
    defaults
        .user(UserSpec::parse("me").unwrap())
        .include(Include::parse("photos,videos,albums,collections,galleries,favorites").unwrap())
        .size(SizeChoice::parse("original").unwrap())
        .jobs(4)
        .files_per_second(None)
        .since(None)
        .dry_run(false)
        .viewer(true)
        .file_retry(retry)
        .from_export([export])
}

/// The offline import of `export` into `dir`, on a runtime of its own.
fn run_offline(dir: &Path, export: &Path) -> Report {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime
        .block_on(
            Backup::from_export(dir, [export])
                .options(offline_options(export))
                .run(),
        )
        .expect("the offline import runs")
}

/// An export with every quirk, imported offline once.
struct Imported {
    export: tempfile::TempDir,
    outer: tempfile::TempDir,
    dir: std::path::PathBuf,
    written: Written,
    report: Report,
    tree: BTreeMap<String, Vec<u8>>,
}

/// Writes the export and imports it into `outer/mirror`, offline.
fn import() -> Imported {
    let export = flickr_testkit::fixture_tempdir();
    let written = write_export(export.path());
    let outer = flickr_testkit::fixture_tempdir();
    let dir = outer.path().join("mirror");
    let report = run_offline(&dir, export.path());
    let tree = tree(&dir);
    Imported {
        export,
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
    utc();
    let report = &imported().report;
    assert_eq!(report.total_calls(), 0, "no API call: {report:?}");
    assert_eq!(report.user, NSID);
}

#[test]
fn every_name_form_lands_at_its_date_with_the_export_s_bytes() {
    utc();
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
    utc();
    let m = imported();
    let t = &m.tree;
    let e = m
        .report
        .export
        .as_ref()
        .expect("an export run reports on its export");
    // What the export lacks, said plainly.
    assert_eq!(e.missing_media, ["53000000006", "53000000013"]);
    assert_eq!(e.no_metadata, ["53000000005", "53000000008", "53000000010"]);
    assert_eq!(e.photos, 9);
    let gaps: Vec<(&str, &str, &[String])> = e
        .albums_missing_photos
        .iter()
        .map(|g| (g.album.as_str(), g.title.as_str(), g.missing.as_slice()))
        .collect();
    assert_eq!(
        gaps,
        [("72157700000000002", "Gone", &["53000000099".to_owned()][..])]
    );
    assert_eq!(e.duplicates[0].photo, "53000000001");
    assert_eq!(e.files_copied, 9);
    let problems = serde_json::to_string(&e.problems).unwrap();
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
    assert_eq!(
        on_disk,
        serde_json::to_value(e).unwrap(),
        "the report on disk is the run's"
    );
}

#[test]
fn a_photo_without_a_file_still_has_its_sidecar() {
    utc();
    let m = imported();
    let t = &m.tree;
    // A photo without a file still has its sidecar.
    let never = sidecar(t, "53000000006");
    assert_eq!(never["flickr"]["title"], "never exported");
    assert!(never["file"].is_null());
    assert!(t.contains_key("photos/2019/09/09/53000000006.json"));
}

#[test]
fn metadata_takes_the_api_s_shapes() {
    utc();
    let m = imported();
    let t = &m.tree;
    // Metadata in the API's shapes: entities unescaped, HTML kept in the
    // description, degrees, the licence's id, comments, the export's record.
    let tokyo = sidecar(t, "53000000001");
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
    let untitled = sidecar(t, "53000000002");
    assert_eq!(untitled["flickr"]["latitude"], -33.8688, "geo as an object");
    assert_eq!(untitled["flickr"]["datetakenunknown"], true);
    assert_eq!(untitled["export"]["privacy"], "friend & family");
    let unprocessed = sidecar(t, "53000000013");
    assert_eq!(unprocessed["media"], "video", "known by its poster's name");
    assert!(unprocessed["file"].is_null());
    let video = sidecar(t, "53000000003");
    assert_eq!(video["media"], "video");
    assert!(
        video["flickr"]["url_o"].is_null(),
        "a video's `original` is a poster, not its file"
    );
}

#[test]
fn xmp_sidecars_carry_the_export_s_metadata() {
    utc();
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
    utc();
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
    utc();
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
    utc();
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
    assert!(report.thumbnails_made >= 6);
}

#[test]
fn the_account_s_own_files_are_kept_as_they_are() {
    utc();
    let m = imported();
    let t = &m.tree;
    // The account's own files, kept as they are.
    assert!(t.contains_key("export/faves_part001.json"));
    assert!(t.contains_key("export/account_profile.json"));
}

#[test]
fn verify_reads_it_and_a_second_run_changes_nothing() {
    utc();
    // Its own import: this test runs the import again in the mirror.
    let m = import();
    let t = &m.tree;
    let dir = m.dir.as_path();
    let export = &m.export;
    // `verify` reads the mirror; a second run copies nothing and changes nothing.
    let verified = flickr_backup::verify(dir, |_, _| {}).expect("verify reads the mirror");
    assert!(verified.is_clean(), "{verified:?}");
    let again = run_offline(dir, export.path());
    let copied = again.export.as_ref().map(|e| e.files_copied);
    assert_eq!(copied, Some(0), "{again:?}");
    let mut after = tree(dir);
    let mut before = t.clone();
    for t in [&mut before, &mut after] {
        t.remove("export-report.json");
    }
    assert_eq!(before, after, "a second run changes nothing");
}
