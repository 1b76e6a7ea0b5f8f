//! `flickr upload` and `flickr replace` against the loopback Flickr.

mod common;

use common::{flickr_authed, Server};
use predicates::prelude::*;

#[test]
fn upload_prints_one_photo_id_per_file_in_order() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = (0..3)
        .map(|i| {
            let path = dir.path().join(format!("photo-{i}.jpg"));
            std::fs::write(&path, vec![i as u8; 10_000 + i * 4096]).unwrap();
            path
        })
        .collect();
    let before = server.fake.photo_count();
    let out = flickr_authed(&server, dir.path())
        .arg("upload")
        .args(&files)
        .args([
            "--title",
            "Beach, día 1",
            "--tags",
            "beach,new york",
            "--friends",
            "--safety",
            "moderate",
            "--jobs",
            "2",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    for (line, file) in lines.iter().zip(&files) {
        let (id, path) = line.split_once('\t').unwrap();
        assert!(id.bytes().all(|b| b.is_ascii_digit()), "{line}");
        assert_eq!(path, file.display().to_string());
        let photo = server
            .fake
            .photo(id.parse().unwrap())
            .expect("uploaded photo exists");
        let debug = format!("{photo:?}");
        assert!(debug.contains("Beach, día 1"), "{debug}");
        assert!(debug.contains("new york"), "{debug}");
    }
    assert_eq!(server.fake.photo_count(), before + 3);
}

#[test]
fn asynchronous_uploads_wait_for_their_tickets() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clip.mp4");
    std::fs::write(&path, vec![7u8; 50_000]).unwrap();
    let out = flickr_authed(&server, dir.path())
        .args(["upload", "--async"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let id = out.split('\t').next().unwrap();
    assert!(server.fake.photo(id.parse().unwrap()).is_some(), "{out}");
    flickr_authed(&server, dir.path())
        .args(["upload", "--async", "--no-wait"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ticket:"));
}

#[test]
fn replace_sends_new_bytes_for_an_existing_photo() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.jpg");
    std::fs::write(&path, b"first version").unwrap();
    let out = flickr_authed(&server, dir.path())
        .arg("upload")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let id = String::from_utf8(out)
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    std::fs::write(&path, b"second, longer version").unwrap();
    flickr_authed(&server, dir.path())
        .args(["replace", &id])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!("{id}\t")));
    assert!(server.fake.uploads().len() >= 2);
}

#[test]
fn bad_files_and_ids_fail_before_any_traffic() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    flickr_authed(&server, dir.path())
        .args(["upload", "/no/such/file.jpg"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/file.jpg"));
    flickr_authed(&server, dir.path())
        .arg("upload")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a file"));
    flickr_authed(&server, dir.path())
        .args(["replace", "12ab", "x.jpg"])
        .assert()
        .code(2);
    assert_eq!(server.fake.total_requests(), 0);
}
