//! A mirror of the loopback Flickr's account (one album retitled `Été à
//! Kyōto`) bagged with [`flickr_backup::bag()`]: the bag is what RFC 8493
//! asks, checked by an independent implementation, the Library of
//! Congress's bagit.py ([`flickr_testkit::bagit`]), and by our own
//! [`flickr_backup::validate_bag`]; one byte appended to a payload file
//! makes both name it.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::quick;
use flickr_backup::{Backup, BagCheck, BagInfo, BagReport};
use flickr_testkit::{bagit, AccountSpec, FakeFlickr, ALICE, FIRST_ACCOUNT_ALBUM_ID};

/// The title one album takes before the backup.
const TITLE: &str = "Été à Kyōto";

/// The bag's `External-Identifier`.
fn identifier() -> String {
    format!("flickr:user:{ALICE}")
}

/// What bagit.py and `validate_bag` said of the bag at one step.
struct Verdicts {
    bagit: (bool, String),
    ours: BagCheck,
}

impl Verdicts {
    fn of(bag: &Path) -> Verdicts {
        Verdicts {
            bagit: bagit::validate(bag),
            ours: flickr_backup::validate_bag(bag).unwrap(),
        }
    }

    /// Whether ours names `path` with a reason containing `words`.
    fn names(&self, path: &str, words: &str) -> bool {
        let problems = &self.ours.problems;
        problems
            .iter()
            .any(|p| p.path == path && p.reason.contains(words))
    }
}

/// The bag and the steps made on it, in order: as made, with one byte
/// appended to an album entry, and with Payload-Oxum then made to fit.
struct Bagged {
    _work: tempfile::TempDir,
    out: PathBuf,
    report: BagReport,
    /// `bag-info.txt` as made.
    info: String,
    /// The album entry changed, its path in the bag.
    entry: PathBuf,
    rel: String,
    intact: Verdicts,
    appended: Verdicts,
    oxum_fitted: Verdicts,
}

fn bagged() -> &'static Bagged {
    static BAGGED: OnceLock<Bagged> = OnceLock::new();
    BAGGED.get_or_init(make)
}

fn make() -> Bagged {
    bagit::python();
    let work = flickr_testkit::fixture_tempdir();
    let mirror = work.path().join("mirror");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let fake = FakeFlickr::builder()
            .photos(30)
            .account(AccountSpec::default());
        let fake = fake.start().await.unwrap();
        fake.with_state(|s| {
            let album = s
                .photosets
                .get_mut(&FIRST_ACCOUNT_ALBUM_ID)
                .expect("the first album");
            album.title = TITLE.to_owned();
        });
        let backup = Backup::new(fake.client(), &mirror).options(quick());
        backup.run().await.unwrap();
    });
    let out = work.path().join("bags").join(ALICE);
    let info = BagInfo::default()
        .source_organization("Example Archive")
        .external_identifier(identifier());
    let report = flickr_backup::bag(&mirror, &out, &info).unwrap();
    let info = std::fs::read_to_string(out.join("bag-info.txt")).unwrap();
    let intact = Verdicts::of(&out);

    // One byte more in the album entry (and so in its file, a hard link).
    let album = format!("{TITLE} ({FIRST_ACCOUNT_ALBUM_ID})");
    let first = names(&out.join("data/albums").join(&album))
        .into_iter()
        .find(|n| n.starts_with("0001-"))
        .expect("an album entry");
    let entry = out.join("data/albums").join(&album).join(&first);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&entry)
        .unwrap();
    std::io::Write::write_all(&mut f, b"!").unwrap();
    drop(f);
    let appended = Verdicts::of(&out);

    // Payload-Oxum made to fit (the byte counts once per path linking the file).
    let fitted = info.replace(
        &format!("Payload-Oxum: {}.{}", report.bytes, report.files),
        &format!("Payload-Oxum: {}.{}", appended.ours.bytes, report.files),
    );
    std::fs::write(out.join("bag-info.txt"), fitted).unwrap();
    let oxum_fitted = Verdicts::of(&out);
    Bagged {
        _work: work,
        out,
        report,
        info,
        entry,
        rel: format!("data/albums/{album}/{first}"),
        intact,
        appended,
        oxum_fitted,
    }
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
fn every_file_is_linked_and_the_media_checked_against_the_state() {
    let r = &bagged().report;
    assert!(r.files > 100, "{r:?}");
    assert_eq!(r.linked, r.files, "same file system: {r:?}");
    assert_eq!(r.copied, 0);
    assert!(r.checked_against_state >= 60, "{r:?}");
}

#[test]
fn the_library_is_under_data_with_its_viewer_and_no_state() {
    let data = bagged().out.join("data");
    assert!(data.join("index.html").is_file());
    assert!(data.join("viewer").is_dir());
    assert!(!names(&data.join(".flickr-backup/thumbs")).is_empty());
    assert_eq!(names(&data.join(".flickr-backup")), ["thumbs"]);
}

#[test]
fn an_album_titled_ete_a_kyoto_is_a_folder_of_files_by_that_title() {
    let b = bagged();
    let album = b
        .out
        .join("data/albums")
        .join(format!("{TITLE} ({FIRST_ACCOUNT_ALBUM_ID})"));
    assert!(album.is_dir(), "{}", album.display());
    assert_eq!(b.entry.parent(), Some(album.as_path()));
    assert!(std::fs::symlink_metadata(&b.entry).unwrap().is_file());
}

#[test]
fn bag_info_names_the_archive_and_the_payload() {
    let b = bagged();
    let info = &b.info;
    let id = format!("External-Identifier: {}\n", identifier());
    assert!(info.contains(&id), "{info}");
    assert!(
        info.contains("Source-Organization: Example Archive\n"),
        "{info}"
    );
    let oxum = format!("Payload-Oxum: {}.{}\n", b.report.bytes, b.report.files);
    assert!(info.contains(&oxum), "{info}");
}

#[test]
fn nothing_is_left_beside_the_bag() {
    let out = &bagged().out;
    assert_eq!(
        names(out.parent().unwrap()),
        [ALICE],
        "no temporary folder beside the bag"
    );
}

#[test]
fn bagit_py_and_validate_bag_accept_the_bag() {
    let b = bagged();
    let (ok, said) = &b.intact.bagit;
    assert!(ok, "bagit.py refused the bag:\n{said}");
    assert!(b.intact.ours.is_valid(), "{:?}", b.intact.ours.problems);
    assert_eq!(b.intact.ours.files, b.report.files);
}

#[test]
fn an_appended_byte_fails_payload_oxum_and_ours_names_the_file() {
    let b = bagged();
    let (ok, said) = &b.appended.bagit;
    assert!(!ok, "bagit.py took a changed file");
    assert!(said.contains("Payload-Oxum validation failed"), "{said}");
    let v = &b.appended;
    assert!(v.names(&b.rel, "sha256"), "{:?}", v.ours.problems);
    assert!(v.names(&b.rel, "sha512"), "{:?}", v.ours.problems);
    assert!(
        v.names("bag-info.txt", "Payload-Oxum"),
        "{:?}",
        v.ours.problems
    );
    assert!(v.ours.bytes > b.report.bytes);
}

#[test]
fn with_payload_oxum_fitted_both_name_the_changed_file() {
    // bagit.py goes on to the checksums and names the file (and ours
    // bag-info.txt too, no longer as its tag manifests say).
    let b = bagged();
    let (ok, said) = &b.oxum_fitted.bagit;
    assert!(!ok, "bagit.py took a changed file");
    assert!(
        said.contains(&format!("{} sha256 validation failed", b.rel)),
        "{said}"
    );
    let v = &b.oxum_fitted;
    assert!(v.names(&b.rel, "sha256"), "{:?}", v.ours.problems);
    assert!(
        v.names("bag-info.txt", "tagmanifest-sha256.txt says"),
        "{:?}",
        v.ours.problems
    );
    assert!(
        !v.names("bag-info.txt", "Payload-Oxum"),
        "{:?}",
        v.ours.problems
    );
}
