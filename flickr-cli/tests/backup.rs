//! `flickr backup`'s own surface against the loopback Flickr: `verify`'s
//! lines, message and exit status, and flags the library's parsers take
//! (`--user URL`, `--size`). What a backup does is flickr-backup's
//! `tests/mirror/`.

mod common;

use common::flickr_authed;
use common::mirror::{backup, server};
use flickr_testkit::mirror::tree;

#[test]
fn verify_names_each_problem_exits_1_and_succeeds_on_a_clean_mirror() {
    let server = server();
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    backup(&server, config.path(), dir.path(), &["--include", "photos"]);
    let verify = |extra: &[&str]| {
        let mut cmd = flickr_authed(&server, config.path());
        cmd.args(["backup", "verify"]).args(extra).arg(dir.path());
        cmd.output().unwrap()
    };
    let clean = verify(&["--json"]);
    assert!(clean.status.success(), "{clean:?}");
    serde_json::from_slice::<serde_json::Value>(&clean.stdout).expect("verify --json prints JSON");

    let t = tree(dir.path());
    let media: Vec<&String> = t
        .keys()
        .filter(|k| k.starts_with("photos/") && k.ends_with(".jpg"))
        .collect();
    let (truncated, changed, missing) = (media[0], media[1], media[2]);
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.path().join(truncated))
        .unwrap();
    f.set_len(t[truncated].len() as u64 / 2).unwrap();
    drop(f);
    let mut bytes = t[changed].clone();
    bytes[100] ^= 0xFF;
    std::fs::write(dir.path().join(changed), &bytes).unwrap();
    std::fs::remove_file(dir.path().join(missing)).unwrap();

    let out = verify(&[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("changed  {truncated}")) && text.contains("size"),
        "{text}"
    );
    assert!(
        text.contains(&format!("changed  {changed}")) && text.contains("SHA-256"),
        "{text}"
    );
    assert!(text.contains(&format!("missing  {missing}")), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 missing and 2 changed"));
}

#[test]
fn user_takes_a_url_and_size_a_size() {
    let server = server();
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let user = ["--user", "https://www.flickr.com/photos/carol/"];
    let args = [&user[..], &["--include", "photos", "--dry-run"]].concat();
    let report = backup(&server, config.path(), dir.path(), &args);
    assert_eq!(report["user"], flickr_testkit::CAROL);

    let dir = tempfile::tempdir().unwrap();
    let args = ["--size", "z", "--include", "photos", "--no-viewer"];
    let report = backup(&server, config.path(), dir.path(), &args);
    let kept = report["not_original"].as_array().unwrap();
    assert!(!kept.is_empty(), "{report}");
    assert!(kept.iter().all(|k| k["size_kept"] == "z"), "{report}");
}
