//! A small mirror written by hand (a photo, its sidecars, an album folder
//! with a non-ASCII title linking it, the viewer and its thumbnail, the
//! state), bagged and checked.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::*;
use crate::error::Error;
use crate::state::{FileRow, FileStatus};

const PHOTO: &str = "photos/2024/05/01/1.jpg";
const ENTRY: &str = "albums/Été à Kyōto (721)/0001-1.jpg";

struct Fixture {
    _dir: tempfile::TempDir,
    mirror: PathBuf,
    out: PathBuf,
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = layout::resolve(root, rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// A mirror whose state records the photo as `recorded` bytes.
fn mirror_recording(recorded: &[u8]) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mirror = dir.path().join("mirror");
    let out = dir.path().join("bags").join("12345678@N00");
    let _lock = Tree::new(&mirror).open().unwrap();
    let state = State::open(&layout::state_db(&mirror)).unwrap();
    let photo = b"\xff\xd8\xff a photo \xff\xd9";
    write(&mirror, PHOTO, photo);
    write(&mirror, "photos/2024/05/01/1.json", b"{\"id\":\"1\"}");
    write(&mirror, "photos/2024/05/01/1.jpg.xmp", b"<x:xmpmeta/>");
    let entry = layout::resolve(&mirror, ENTRY);
    std::fs::create_dir_all(entry.parent().unwrap()).unwrap();
    std::fs::hard_link(layout::resolve(&mirror, PHOTO), &entry).unwrap();
    write(&mirror, "albums/721.json", b"{}");
    write(&mirror, "index.html", b"<html>");
    write(&mirror, "viewer/app.js", b"//");
    write(&mirror, &layout::thumbnail("1"), b"thumb");
    write(&mirror, ".flickr-backup/tmp/2.o.part", b"half");
    let row = FileRow {
        photo_id: "1".into(),
        url: "http://static/1.jpg".into(),
        variant: "o".into(),
        path: PHOTO.into(),
        status: FileStatus::Pending,
        size: None,
        sha256: None,
        tmp: None,
        old_path: None,
        error: None,
        origin: None,
    };
    let mut state = state;
    state.batch(|b| b.put_file(&row, None)).unwrap();
    let d = digests::of_bytes(recorded);
    state.file_placing("1", d.size, &d.sha256, "t").unwrap();
    state.file_done("1").unwrap();
    Fixture {
        _dir: dir,
        mirror,
        out,
    }
}

fn fixture() -> Fixture {
    mirror_recording(b"\xff\xd8\xff a photo \xff\xd9")
}

fn paths(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.split_once("  ").unwrap().1)
        .collect()
}

/// The fixture's mirror bagged, with the account as its identifier.
fn bagged() -> (Fixture, BagReport) {
    let f = fixture();
    let info = BagInfo::default().external_identifier("flickr:user:12345678@N00");
    let report = bag(&f.mirror, &f.out, &info).unwrap();
    (f, report)
}

#[test]
fn a_mirror_is_bagged_as_links_to_its_files_checked_against_its_state() {
    let (_f, report) = bagged();
    assert_eq!(report.files, 8, "{report:?}");
    assert_eq!(
        (report.linked, report.copied),
        (8, 0),
        "same file system: all links"
    );
    assert_eq!(report.checked_against_state, 1);
    assert_eq!(report.payload_oxum, format!("{}.8", report.bytes));
}

#[test]
fn the_bag_s_tag_files_list_every_file_but_the_state() {
    let (f, report) = bagged();
    let read = |name: &str| std::fs::read_to_string(f.out.join(name)).unwrap();
    assert_eq!(
        read("bagit.txt"),
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    );
    let manifest = read("manifest-sha256.txt");
    assert_eq!(
        paths(&manifest),
        [
            "data/.flickr-backup/thumbs/1.jpg",
            "data/albums/721.json",
            "data/albums/Été à Kyōto (721)/0001-1.jpg",
            "data/index.html",
            "data/photos/2024/05/01/1.jpg",
            "data/photos/2024/05/01/1.jpg.xmp",
            "data/photos/2024/05/01/1.json",
            "data/viewer/app.js",
        ]
    );
    assert!(
        !manifest.contains("state.sqlite") && !manifest.contains("tmp/"),
        "{manifest}"
    );
    assert_eq!(paths(&read("manifest-sha512.txt")), paths(&manifest));
    let info_txt = read("bag-info.txt");
    assert!(info_txt.contains("External-Identifier: flickr:user:12345678@N00\n"));
    assert!(info_txt.contains(&format!("Payload-Oxum: {}\n", report.payload_oxum)));
    assert_eq!(
        paths(&read("tagmanifest-sha512.txt")),
        [
            "bagit.txt",
            "bag-info.txt",
            "manifest-sha256.txt",
            "manifest-sha512.txt"
        ]
    );
}

#[cfg(unix)]
#[test]
fn the_bag_s_payload_is_hard_links_to_the_mirror_s_files() {
    use std::os::unix::fs::MetadataExt;
    let (f, _) = bagged();
    let ino = |p: PathBuf| std::fs::metadata(p).unwrap().ino();
    let photo = ino(layout::resolve(&f.out.join("data"), PHOTO));
    assert_eq!(photo, ino(layout::resolve(&f.out.join("data"), ENTRY)));
    assert_eq!(
        photo,
        ino(layout::resolve(&f.mirror, PHOTO)),
        "no extra bytes"
    );
}

#[test]
fn the_bag_is_valid_and_no_temporary_folder_is_left_beside_it() {
    let (f, report) = bagged();
    let check = validate_bag(&f.out).unwrap();
    assert!(check.is_valid(), "{:?}", check.problems);
    assert_eq!((check.files, check.bytes), (report.files, report.bytes));
    assert_eq!(check.checked, 8 * 2 + 4 * 2);
    let siblings: Vec<_> = std::fs::read_dir(f.out.parent().unwrap())
        .unwrap()
        .collect();
    assert_eq!(siblings.len(), 1, "no temporary folder left");
}

#[test]
fn a_changed_unlisted_or_missing_file_is_named() {
    let f = fixture();
    bag(&f.mirror, &f.out, &BagInfo::default()).unwrap();
    let data = f.out.join("data");
    std::fs::OpenOptions::new()
        .append(true)
        .open(data.join("index.html"))
        .unwrap()
        .write_all(b"!")
        .unwrap();
    write(&data, "extra.txt", b"more");
    std::fs::remove_file(data.join("viewer/app.js")).unwrap();
    let check = validate_bag(&f.out).unwrap();
    let said = |path: &str, words: &str| {
        check
            .problems
            .iter()
            .any(|p| p.path == path && p.reason.contains(words))
    };
    assert!(said("data/index.html", "sha256 is"), "{:?}", check.problems);
    assert!(said("data/index.html", "sha512 is"), "{:?}", check.problems);
    assert!(said("data/extra.txt", "not listed in manifest-sha256.txt"));
    assert!(said(
        "data/viewer/app.js",
        "listed in manifest-sha512.txt but missing"
    ));
    assert!(said("bag-info.txt", "Payload-Oxum"), "{:?}", check.problems);
    assert!(!check.is_valid());

    std::fs::write(f.out.join("bag-info.txt"), "Payload-Oxum: 1.1\n").unwrap();
    let check = validate_bag(&f.out).unwrap();
    assert!(check
        .problems
        .iter()
        .any(|p| p.path == "bag-info.txt" && p.reason.contains("tagmanifest-sha256.txt says")));
}

#[test]
fn a_bag_goes_only_into_a_new_folder_outside_a_sound_mirror() {
    let f = fixture();
    let usage = |r: Result<BagReport>| match r {
        Err(Error::Usage(m)) => m,
        other => panic!("{other:?}"),
    };
    let inside = f.mirror.join("bag");
    assert!(usage(bag(&f.mirror, &inside, &BagInfo::default())).contains("inside the mirror"));
    write(f.out.parent().unwrap(), "file", b"x");
    let file = f.out.parent().unwrap().join("file");
    assert!(usage(bag(&f.mirror, &file, &BagInfo::default())).contains("is a file"));
    std::fs::remove_file(&file).unwrap();
    write(&f.out, "x", b"x");
    assert!(usage(bag(&f.mirror, &f.out, &BagInfo::default())).contains("not empty"));
    std::fs::remove_dir_all(&f.out).unwrap();
    let not_a_mirror = f.out.parent().unwrap().to_path_buf();
    let r = bag(&not_a_mirror, &f.out, &BagInfo::default());
    assert!(usage(r).contains("not a backup"));

    // A killed run's temporary folder goes; an empty destination is used.
    let left = f.out.parent().unwrap().join(".12345678@N00.incomplete");
    write(&left, "bagit.txt", b"half");
    std::fs::create_dir_all(&f.out).unwrap();
    bag(&f.mirror, &f.out, &BagInfo::default()).unwrap();
    assert!(!left.exists());
    assert!(validate_bag(&f.out).unwrap().is_valid());
}

#[test]
fn a_mirror_file_that_differs_from_the_state_is_not_bagged() {
    let f = mirror_recording(b"what was downloaded");
    let err = bag(&f.mirror, &f.out, &BagInfo::default()).unwrap_err();
    assert!(err.to_string().contains(PHOTO), "{err}");
    assert!(!f.out.exists());
    assert_eq!(
        std::fs::read_dir(f.out.parent().unwrap()).unwrap().count(),
        0
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named_not_a_panic() {
    use std::os::unix::fs::PermissionsExt;
    let f = fixture();
    let js = f.mirror.join("viewer/app.js");
    std::fs::set_permissions(&js, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&js).is_ok() {
        return; // root reads anything
    }
    // Linked, then read for its digests: the error names the mirror's file.
    let err = bag(&f.mirror, &f.out, &BagInfo::default()).unwrap_err();
    assert!(err.to_string().contains("app.js"), "{err}");
}
