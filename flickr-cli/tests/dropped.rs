//! `flickr call … --dropped`, and `--answer FILE` to decode a saved answer,
//! through the real binary: the recorded answers drop nothing, a member added
//! by hand is listed with its path, and a live answer gets its list too.

mod common;

use common::{flickr, flickr_authed, json_documents, Server};
use predicates::prelude::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// `flickr call METHOD --answer FILE --dropped`: the typed response and the
/// dropped members, from stdout's two JSON documents.
fn decode_saved(method: &str, file: &Path) -> (Value, Vec<Value>) {
    let dir = tempfile::tempdir().unwrap();
    let out = flickr(dir.path())
        .args(["call", method, "--dropped", "--answer"])
        .arg(file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{method} {}: {}{stdout}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = json_documents(&stdout);
    let [typed, dropped] = <[Value; 2]>::try_from(docs).expect("the answer, then the dropped list");
    let members = dropped["dropped"].as_array().expect("a list").clone();
    (typed, members)
}

/// The recorded answers of REST methods this build knows (rows of
/// `recorded/index.jsonl`) and Flickr's documented examples.
fn recorded_answers() -> Vec<(String, PathBuf)> {
    let dir = fixtures();
    let index = std::fs::read_to_string(dir.join("recorded/index.jsonl")).unwrap();
    let mut out = Vec::new();
    for line in index.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).unwrap();
        let method = row["method"].as_str().unwrap_or_default();
        if row["endpoint"] == "rest"
            && row["stat"] == "ok"
            && flickr_sdk::registry::find(method).is_some()
        {
            let file = row["file"].as_str().unwrap();
            out.push((method.to_owned(), dir.join("recorded").join(file)));
        }
    }
    for entry in std::fs::read_dir(dir.join("reflection")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(method) = name.strip_suffix(".xml") {
            out.push((method.to_owned(), path));
        }
    }
    out.sort();
    out
}

/// What `flickr call --dropped` lists for one recorded answer, as lines.
fn problems_in((method, file): &(String, PathBuf)) -> Vec<String> {
    let (_, dropped) = decode_saved(method, file);
    dropped
        .into_iter()
        .filter(|member| {
            let path = member["path"].as_str().unwrap_or_default();
            // `flickr.test.echo` echoes the request's arguments, whatever
            // their names, at the top of its answer: no type can hold them.
            method != "flickr.test.echo" || path.contains(['.', '['])
        })
        .map(|member| format!("{method} {}: {member}", file.display()))
        .collect()
}

#[test]
fn no_recorded_answer_drops_anything() {
    let answers = recorded_answers();
    assert!(answers.len() > 500, "found {} answers", answers.len());
    // One process per answer, a few at a time (each mostly waits on its
    // own start-up).
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
    let chunk = answers.len().div_ceil(workers);
    let problems: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = answers
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().flat_map(problems_in).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a worker panicked"))
            .collect()
    });
    assert!(problems.is_empty(), "dropped:\n{}", problems.join("\n"));
}

#[test]
fn a_member_added_by_hand_is_listed_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let recorded = fixtures().join("recorded");

    // JSON: a new member of the photo, and one in the first tag.
    let source = recorded.join("flickr.photos.getInfo__flickrex-2017-photo.json");
    let mut answer: Value = serde_json::from_slice(&std::fs::read(source).unwrap()).unwrap();
    answer["photo"]["hdr_mode"] = json!("auto");
    answer["photo"]["tags"]["tag"][0]["mood"] = json!({"_content": "calm", "score": 3});
    let copy = dir.path().join("edited.json");
    std::fs::write(&copy, answer.to_string()).unwrap();
    let (typed, dropped) = decode_saved("photos.getInfo", &copy);
    assert_eq!(
        dropped,
        [
            json!({"path": "photo.hdr_mode", "value": "auto"}),
            json!({"path": "photo.tags.tag[0].mood", "value": {"_content": "calm", "score": 3}}),
        ]
    );
    assert!(
        typed["id"].is_string(),
        "the typed answer comes first: {typed}"
    );

    // REST XML: a new attribute and a new element of the photo.
    let source = recorded
        .join("flickr.photos.getInfo__flickypedia-2023-test_can_select_single_photo_on_flickr.xml");
    let xml = std::fs::read_to_string(source).unwrap();
    let edited = xml
        .replacen("<photo ", "<photo hdr_mode=\"auto\" ", 1)
        .replacen("</photo>", "<stitching panes=\"3\" /></photo>", 1);
    assert_ne!(edited, xml);
    let copy = dir.path().join("edited.xml");
    std::fs::write(&copy, edited).unwrap();
    let (_, dropped) = decode_saved("flickr.photos.getInfo", &copy);
    assert_eq!(
        dropped,
        [
            json!({"path": "photo.hdr_mode", "value": "auto"}),
            json!({"path": "photo.stitching", "value": {"panes": "3"}}),
        ]
    );
}

#[test]
fn a_live_answer_is_followed_by_its_dropped_list() {
    let server = Server::start_with(|b| b.photos(3));
    let dir = tempfile::tempdir().unwrap();
    let arg = format!("photo_id={}", server.fake.public_photo_ids()[0]);
    for format in ["json", "rest"] {
        let out = flickr_authed(&server, dir.path())
            .args([
                "call",
                "photos.getInfo",
                &arg,
                "--dropped",
                "--format",
                format,
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let docs = json_documents(&String::from_utf8_lossy(&out));
        assert_eq!(docs.len(), 2, "{docs:?}");
        assert_eq!(docs[1], json!({"dropped": []}), "{format}");
    }
}

#[test]
fn saved_answers_are_checked_like_live_ones() {
    let dir = tempfile::tempdir().unwrap();
    let fail = dir.path().join("fail.json");
    std::fs::write(
        &fail,
        r#"{"stat":"fail","code":1,"message":"Photo not found"}"#,
    )
    .unwrap();
    flickr(dir.path())
        .args(["call", "photos.getInfo", "--answer"])
        .arg(&fail)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("code:    1 (PhotoNotFound)"));
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"photo":{"id":[1]},"stat":"ok"}"#).unwrap();
    flickr(dir.path())
        .args(["call", "photos.getInfo", "--answer"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("photo.id"));
    flickr(dir.path())
        .args(["call", "photos.getInfo", "--answer"])
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.json"));
    // Arguments are not sent, so they are refused with a saved answer.
    flickr(dir.path())
        .args(["call", "photos.getInfo", "photo_id=1", "--answer"])
        .arg(&fail)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--answer"));
    // The answer on stdin.
    flickr(dir.path())
        .args(["call", "test.null", "--dropped", "--answer", "-"])
        .write_stdin(r#"{"stat":"ok","extra":"x"}"#)
        .assert()
        .success()
        .stdout(predicate::str::contains(r#""path": "extra""#));
}
