//! `flickr backup DIR --from-export PATH` killed (SIGKILL) while it copies
//! files and while it writes sidecars, then run again: the tree equals a
//! clean import's, and whatever is in the tree after a kill is complete.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};

use common::mirror::server;
use flickr_testkit::mirror::tree;
use flickr_testkit::{ExportSpec, ALICE};

fn import(config: &Path, dir: &Path, export: &Path) -> StdCommand {
    let mut cmd = StdCommand::new(assert_cmd::cargo::cargo_bin("flickr"));
    cmd.arg("backup")
        .arg(dir)
        .arg("--from-export")
        .arg(export)
        .args(["--json", "--jobs", "1"])
        .env("FLICKR_CONFIG_DIR", config)
        .env_remove("FLICKR_ENDPOINT")
        .env_remove("FLICKR_API_KEY")
        .env_remove("FLICKR_PROFILE");
    cmd
}

/// The tree without the run's report (it counts what this run copied).
fn settled(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut t = tree(dir);
    t.remove("export-report.json");
    t
}

#[test]
fn killed_while_copying_or_writing_then_resumed_equals_a_clean_import() {
    let server = server();
    let export = tempfile::tempdir().unwrap();
    let mut spec = ExportSpec::default();
    spec.per_zip = 10;
    server
        .fake
        .write_export(ALICE, export.path(), &spec)
        .unwrap();
    let config = tempfile::tempdir().unwrap();
    let clean = tempfile::tempdir().unwrap();
    assert!(import(config.path(), clean.path(), export.path())
        .stdout(Stdio::null())
        .status()
        .unwrap()
        .success());
    let clean_tree = settled(clean.path());
    let files = clean_tree
        .keys()
        .filter(|k| k.starts_with("photos/") && !k.ends_with(".json") && !k.ends_with(".xmp"))
        .count();
    assert!(files > 30, "{files} files");

    // Kill points: after the k-th file is in place, and once sidecars are being written.
    let dir = tempfile::tempdir().unwrap();
    // Each run copies what the ones before did not: k counts this run's files.
    let points: Vec<(&str, usize)> = vec![
        ("file_done", 1),
        ("file_done", files / 3),
        ("file_done", files / 6),
        ("\"writing\"", 1),
        ("\"viewer\"", 1),
    ];
    for (what, k) in points {
        let mut child = import(config.path(), dir.path(), export.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut seen = 0;
        for line in BufReader::new(child.stdout.take().unwrap()).lines() {
            let line = line.unwrap();
            if line.contains(what) {
                seen += 1;
                if seen == k {
                    child.kill().unwrap();
                    break;
                }
            }
        }
        let _ = child.wait();
        assert_eq!(seen, k, "the run reached {what} {k} before it was killed");
        if what == "file_done" {
            assert!(
                !dir.path().join("export-report.json").exists(),
                "killed while copying, before the report"
            );
        }
        // Whatever is in the tree is complete: the clean import's bytes.
        for (path, bytes) in settled(dir.path()) {
            let want = clean_tree.get(&path);
            assert!(
                want.is_some() || path.starts_with("albums/") || path.starts_with("export/"),
                "{path}: not a file of the mirror (killed at {what} {k})"
            );
            if !path.ends_with(".json")
                && !path.ends_with(".xmp")
                && !path.ends_with(".js")
                && !path.ends_with(".html")
            {
                if let Some(want) = want {
                    assert_eq!(&bytes, want, "{path} after kill -9 at {what} {k}");
                }
            }
        }
    }
    let done = import(config.path(), dir.path(), export.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(done.success());
    assert_eq!(settled(dir.path()), clean_tree, "resumed equals clean");
    assert!(
        !dir.path()
            .join(".flickr-backup/tmp")
            .read_dir()
            .unwrap()
            .any(|_| true),
        "no temporary file left"
    );
}
