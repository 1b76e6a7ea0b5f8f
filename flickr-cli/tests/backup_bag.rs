//! `flickr backup bag DIR OUT` with the real binary, on a mirror the real
//! binary made from the loopback Flickr (one album retitled `Été à Kyōto`):
//! the bag is what RFC 8493 asks, checked by an independent implementation,
//! the Library of Congress's bagit.py (`python -m bagit --validate`, in the
//! venv named by FLICKR_TEST_PYTHON), and by our own `validate_bag`; one
//! byte appended to a payload file makes both name it.

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::flickr;
use common::mirror::{backup, server};
use flickr_testkit::{ALICE, FIRST_ACCOUNT_ALBUM_ID};

fn python() -> OsString {
    std::env::var_os("FLICKR_TEST_PYTHON").unwrap_or_else(|| {
        panic!(
            "FLICKR_TEST_PYTHON is not set: run the test suite with `bash scripts/test.sh`, which \
             creates target/pyenv with scripts/requirements-test.txt (bagit among them) and sets it"
        )
    })
}

/// `python -m bagit --validate BAG`: whether it passed, and what it said.
fn bagit_py(python: &OsString, bag: &Path) -> (bool, String) {
    let out = Command::new(python)
        .args(["-m", "bagit", "--validate"])
        .arg(bag)
        .env("PYTHONIOENCODING", "utf-8")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python:?}: {e}"));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

/// The files in `dir`, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

#[test]
fn a_bagged_mirror_passes_bagit_py_and_a_changed_byte_is_named_by_both() {
    let python = python();
    let server = server();
    server.fake.with_state(|s| {
        s.photosets
            .get_mut(&FIRST_ACCOUNT_ALBUM_ID)
            .expect("the account's first album")
            .title = "Été à Kyōto".to_owned();
    });
    let config = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let mirror = work.path().join("mirror");
    backup(&server, config.path(), &mirror, &[]);

    let out = work.path().join("bags").join(ALICE);
    let identifier = format!("flickr:user:{ALICE}");
    let run = flickr(config.path())
        .args(["backup", "bag"])
        .arg(&mirror)
        .arg(&out)
        .args(["--source-organization", "Example Archive"])
        .args(["--external-identifier", &identifier, "--json"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "flickr backup bag failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let files = report["files"].as_u64().unwrap();
    assert!(files > 100, "{report}");
    assert_eq!(
        report["linked"].as_u64(),
        Some(files),
        "same file system: {report}"
    );
    assert_eq!(report["copied"], 0);
    assert!(
        report["checked_against_state"].as_u64().unwrap() >= 60,
        "{report}"
    );

    // The library under data/, the viewer working from there, no state.
    let data = out.join("data");
    assert!(data.join("index.html").is_file());
    assert!(data.join("viewer").is_dir());
    assert!(!names(&data.join(".flickr-backup/thumbs")).is_empty());
    assert_eq!(names(&data.join(".flickr-backup")), ["thumbs"]);
    let album = data
        .join("albums")
        .join(format!("Été à Kyōto ({FIRST_ACCOUNT_ALBUM_ID})"));
    let entries = names(&album);
    let first = entries
        .iter()
        .find(|n| n.starts_with("0001-"))
        .expect("an album entry");
    let entry: PathBuf = album.join(first);
    assert!(std::fs::symlink_metadata(&entry).unwrap().is_file());
    let info = std::fs::read_to_string(out.join("bag-info.txt")).unwrap();
    assert!(
        info.contains(&format!("External-Identifier: {identifier}\n")),
        "{info}"
    );
    assert!(
        info.contains("Source-Organization: Example Archive\n"),
        "{info}"
    );
    assert!(
        info.contains(&format!("Payload-Oxum: {}.{files}\n", report["bytes"])),
        "{info}"
    );
    let leftovers: Vec<String> = names(out.parent().unwrap());
    assert_eq!(leftovers, [ALICE], "no temporary folder beside the bag");

    let (ok, said) = bagit_py(&python, &out);
    assert!(ok, "bagit.py refused the bag:\n{said}");
    let ours = flickr_backup::validate_bag(&out).unwrap();
    assert!(ours.is_valid(), "{:?}", ours.problems);
    assert_eq!(ours.files, files);

    // One byte more in the album entry (and so in its file, a hard link).
    std::fs::OpenOptions::new()
        .append(true)
        .open(&entry)
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"!"))
        .unwrap();
    let rel = format!("data/albums/Été à Kyōto ({FIRST_ACCOUNT_ALBUM_ID})/{first}");
    let (ok, said) = bagit_py(&python, &out);
    assert!(!ok, "bagit.py took a changed file");
    assert!(said.contains("Payload-Oxum validation failed"), "{said}");
    let ours = flickr_backup::validate_bag(&out).unwrap();
    let named = |check: &flickr_backup::BagCheck, path: &str, words: &str| {
        check
            .problems
            .iter()
            .any(|p| p.path == path && p.reason.contains(words))
    };
    assert!(named(&ours, &rel, "sha256"), "{:?}", ours.problems);
    assert!(named(&ours, &rel, "sha512"), "{:?}", ours.problems);
    assert!(
        named(&ours, "bag-info.txt", "Payload-Oxum"),
        "{:?}",
        ours.problems
    );

    // With Payload-Oxum made to fit (the byte counts once per path linking
    // the file), bagit.py goes on to the checksums and names the file (and
    // bag-info.txt, no longer as its tag manifests say).
    let bytes = report["bytes"].as_u64().unwrap();
    assert!(ours.bytes > bytes);
    let text = std::fs::read_to_string(out.join("bag-info.txt")).unwrap();
    let covered = text.replace(
        &format!("Payload-Oxum: {bytes}.{files}"),
        &format!("Payload-Oxum: {}.{files}", ours.bytes),
    );
    std::fs::write(out.join("bag-info.txt"), covered).unwrap();
    let (ok, said) = bagit_py(&python, &out);
    assert!(!ok, "bagit.py took a changed file");
    assert!(
        said.contains(&format!("{rel} sha256 validation failed")),
        "{said}"
    );
    let ours = flickr_backup::validate_bag(&out).unwrap();
    assert!(named(&ours, &rel, "sha256"), "{:?}", ours.problems);
    assert!(
        named(&ours, "bag-info.txt", "tagmanifest-sha256.txt says"),
        "{:?}",
        ours.problems
    );
    assert!(
        !named(&ours, "bag-info.txt", "Payload-Oxum"),
        "{:?}",
        ours.problems
    );
}

#[test]
fn bag_says_what_it_made_and_refuses_a_folder_in_use() {
    let server = server();
    let config = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let mirror = work.path().join("mirror");
    backup(&server, config.path(), &mirror, &["--include", "photos"]);
    let out = work.path().join("bag");
    let run = flickr(config.path())
        .args(["backup", "bag"])
        .arg(&mirror)
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.contains("a BagIt bag of") && stdout.contains("hard-linked"),
        "{stdout}"
    );
    let again = flickr(config.path())
        .args(["backup", "bag"])
        .arg(&mirror)
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}
