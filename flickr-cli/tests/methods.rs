//! `flickr methods`, offline: no server, no credentials.

mod common;

use common::flickr;
use predicates::prelude::*;

/// What a successful `flickr ARGS` printed on stdout.
fn stdout(dir: &std::path::Path, args: &[&str]) -> String {
    let out = flickr(dir)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("stdout is UTF-8")
}

#[test]
fn methods_show_prints_arguments_defaults_and_error_codes() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(
        dir.path(),
        &["methods", "show", "flickr.stats.getPhotostreamReferrers"],
    );
    for needle in [
        "flickr.stats.getPhotostreamReferrers",
        "verb:    GET",
        "perms:   read",
        "date  (required)",
        "type:    date (YYYY-MM-DD, unix timestamp)",
        "domain  (required)",
        "per_page  (optional)",
        "type:    integer 1..=100",
        "default: 25",
        "default: 1",
        "1  UserDoesNotHaveStats: User does not have stats",
        "2  NoStatsForThatDate: No stats for that date",
        "98  LoginFailed",
        "docs:    https://www.flickr.com/services/api/flickr.stats.getPhotostreamReferrers.html",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    assert!(!text.lines().any(|l| l.ends_with(' ')), "trailing spaces");
}

#[test]
fn methods_show_json_carries_the_same_facts() {
    let dir = tempfile::tempdir().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(
        dir.path(),
        &["methods", "show", "stats.getPhotostreamReferrers", "--json"],
    ))
    .unwrap();
    assert_eq!(v["name"], "flickr.stats.getPhotostreamReferrers");
    assert_eq!(v["perms"], "read");
    let per_page = v["args"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "per_page")
        .unwrap();
    assert_eq!(per_page["default"], "25");
    assert_eq!(per_page["required"], false);
    assert_eq!(per_page["constraints"]["max"], 100);
    let codes: Vec<u64> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_u64().unwrap())
        .collect();
    assert!(codes.starts_with(&[1, 2, 3, 5]), "{codes:?}");
    assert_eq!(v["not_in_reflection"], serde_json::Value::Null);
}

#[test]
fn methods_show_marks_a_method_flickrs_reflection_does_not_list() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(dir.path(), &["methods", "show", "video.getStreamInfo"]);
    for needle in [
        "flickr.video.getStreamInfo",
        "Not listed by Flickr's reflection data:",
        "youtube-dl",
        "docs:    none on flickr.com",
        "photo_id  (required)",
        "secret  (required)",
        "1  PhotoNotFound: Photo not found",
        "returns: VideoStreams",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    assert!(!text.lines().any(|l| l.ends_with(' ')), "trailing spaces");

    let v: serde_json::Value = serde_json::from_str(&stdout(
        dir.path(),
        &["methods", "show", "flickr.video.getStreamInfo", "--json"],
    ))
    .unwrap();
    assert!(v["not_in_reflection"]
        .as_str()
        .is_some_and(|why| why.contains("downloader")));
}

#[test]
fn methods_lists_a_namespace_and_rejects_unknown_ones() {
    let dir = tempfile::tempdir().unwrap();
    flickr(dir.path())
        .args(["methods", "photos.geo"])
        .assert()
        .success()
        .stdout(predicate::str::contains("flickr.photos.geo.getLocation"))
        .stdout(predicate::str::contains("flickr.photos.search").not());
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(dir.path(), &["methods", "--json"])).unwrap();
    // Flickr's 223 listed methods and flickr.video.getStreamInfo.
    assert_eq!(all.len(), 224);
    let unlisted: Vec<&str> = all
        .iter()
        .filter(|m| m["not_in_reflection"].is_string())
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(unlisted, ["flickr.video.getStreamInfo"]);
    flickr(dir.path())
        .args(["methods", "nosuchspace"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("namespaces: activity"));
    flickr(dir.path())
        .args(["methods", "show", "flickr.photos.serach"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean: flickr.photos.search",
        ));
}

#[test]
fn url_helpers_work_offline() {
    let dir = tempfile::tempdir().unwrap();
    flickr(dir.path())
        .args(["url", "short", "3392387861"])
        .assert()
        .success()
        .stdout("https://flic.kr/p/6aLSHT\n");
    let v: serde_json::Value = serde_json::from_str(&stdout(
        dir.path(),
        &["url", "parse", "https://flic.kr/p/6aLSHT"],
    ))
    .unwrap();
    assert_eq!(v["kind"], "photo");
    assert_eq!(v["photo_id"], "3392387861");
    flickr(dir.path())
        .args(["url", "sources", "12533665685", "3705", "58d3618cdd"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "z\thttps://live.staticflickr.com/3705/12533665685_58d3618cdd_z.jpg",
        ))
        .stdout(predicate::str::contains("_o.").not())
        .stderr(predicate::str::contains("only the API lists them"))
        .stderr(predicate::str::contains("free accounts").not());
    flickr(dir.path())
        .args(["url", "sources", "12533665685", "3705", "58d3618cdd"])
        .args([
            "--original-secret",
            "0a1b2c3d4e",
            "--original-format",
            "jpg",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "o\thttps://live.staticflickr.com/3705/12533665685_0a1b2c3d4e_o.jpg",
        ))
        .stderr(predicate::str::contains("free accounts' photos"));
    flickr(dir.path())
        .args(["url", "parse", "https://example.com/x"])
        .assert()
        .code(2);
}
