//! A target larger than `bag_max_bytes` is packaged as a group of bags of
//! bounded size, and a target packaged again (after a refresh, in another
//! number of parts, with a photo deleted on Flickr) leaves nothing of its
//! earlier bags behind.
//!
//! The four packagings run once, in order, in a fixture shared by this
//! binary's cases ([`packagings`]), which records what the store held
//! after each; each case checks one packaging.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{bag_photos, opts, walk};
use flickr_archive::{Archive, Status, Store, Target, TargetStatus, WorkerReport};
use flickr_testkit::postgres_server::test_postgres;
use flickr_testkit::{bagit, Hosted};

/// One part folder as a packaging left it.
struct PartSeen {
    verdict: (bool, String),
    info: String,
    record: serde_json::Value,
    photos: Vec<u64>,
    /// Whether it held the viewer, `data/index.html`.
    viewer: bool,
}

/// What the store held after one packaging.
struct Packaging {
    status: Status,
    /// What the target's folder holds, sorted.
    entries: Vec<String>,
    /// Every file under the target's folder.
    files: Vec<PathBuf>,
    /// bagit.py's verdict on the target's folder, when one bag.
    whole: Option<(bool, String)>,
    /// The photos the folder's `target.json` lists, when one bag.
    photos: Vec<u64>,
    parts: Vec<PartSeen>,
}

/// The four packagings, in order: under the default bound; refreshed with
/// a third of its bytes per bag; with a photo deleted on Flickr and half
/// that bound; refreshed under the default bound again.
struct Packagings {
    _hosted: Hosted,
    _dir: tempfile::TempDir,
    top: PathBuf,
    /// The member's photos before the deletion, and after.
    every: BTreeSet<u64>,
    every_after: BTreeSet<u64>,
    deleted: u64,
    bound: u64,
    whole: Packaging,
    again_report: WorkerReport,
    again: Packaging,
    smaller: Packaging,
    one: Packaging,
}

fn packagings() -> Option<&'static Packagings> {
    static FIXTURE: OnceLock<Option<Packagings>> = OnceLock::new();
    FIXTURE.get_or_init(package_four_times).as_ref()
}

fn package_four_times() -> Option<Packagings> {
    let pg = test_postgres("bags_in_parts")?;
    let hosted = Hosted::start_with(|b| b.photos(10).users(1));
    let fake = &hosted.fake;
    let user = fake.users()[0].clone();
    let target = Target::parse(&format!("user:{user}")).unwrap();
    let dir = flickr_testkit::fixture_tempdir();
    let every: BTreeSet<u64> = fake.public_photos_of(&user).into_iter().collect();
    let f = hosted.block_on(async {
        let archive = Archive::connect(&pg.url()).await.unwrap();
        archive.add(std::slice::from_ref(&target)).await.unwrap();
        let store = Store::open(dir.path().to_str().unwrap()).unwrap();

        // Under the default bound.
        archive
            .work(fake.key_client(), store.clone(), opts())
            .await
            .unwrap();
        let status = archive.status().await.unwrap();
        let t = &status.targets[0];
        let top = dir.path().join(t.bag.as_deref().unwrap());
        let bound = t.bytes as u64 / 3 + 1;
        let whole = seen(&top, status, true);

        // Packaged again with a third of its bytes per bag.
        archive
            .refresh(std::slice::from_ref(&target))
            .await
            .unwrap();
        let again_report = archive
            .work(
                fake.key_client(),
                store.clone(),
                opts().bag_max_bytes(bound),
            )
            .await
            .unwrap();
        let again = seen(&top, archive.status().await.unwrap(), false);

        // A photo deleted on Flickr, and a smaller bound.
        let deleted = fake.public_photos_of(&user)[7];
        assert!(fake.delete_photo(deleted));
        let every_after: BTreeSet<u64> = fake.public_photos_of(&user).into_iter().collect();
        archive
            .refresh(std::slice::from_ref(&target))
            .await
            .unwrap();
        archive
            .work(
                fake.key_client(),
                store.clone(),
                opts().bag_max_bytes(bound / 2),
            )
            .await
            .unwrap();
        let smaller = seen(&top, archive.status().await.unwrap(), false);

        // And back to the default bound.
        archive
            .refresh(std::slice::from_ref(&target))
            .await
            .unwrap();
        archive
            .work(fake.key_client(), store.clone(), opts())
            .await
            .unwrap();
        let one = seen(&top, archive.status().await.unwrap(), true);
        (
            top,
            every_after,
            deleted,
            bound,
            whole,
            again_report,
            again,
            smaller,
            one,
        )
    });
    drop(pg);
    let (top, every_after, deleted, bound, whole, again_report, again, smaller, one) = f;
    Some(Packagings {
        _hosted: hosted,
        _dir: dir,
        top,
        every,
        every_after,
        deleted,
        bound,
        whole,
        again_report,
        again,
        smaller,
        one,
    })
}

/// Records the target's folder `top` as it is now; `one_bag` when it
/// should be a single bag (then bagit.py checks it whole).
fn seen(top: &Path, status: Status, one_bag: bool) -> Packaging {
    let mut entries: Vec<String> = std::fs::read_dir(top)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    let parts = entries
        .iter()
        .filter(|n| n.starts_with("part-"))
        .map(|name| {
            let bag = top.join(name);
            PartSeen {
                verdict: bagit::validate(&bag),
                info: std::fs::read_to_string(bag.join("bag-info.txt")).unwrap(),
                record: serde_json::from_slice(
                    &std::fs::read(bag.join("data/target.json")).unwrap(),
                )
                .unwrap(),
                photos: bag_photos(top, name),
                viewer: bag.join("data/index.html").exists(),
            }
        })
        .collect();
    let (whole, photos) = if one_bag {
        let name = top.file_name().unwrap().to_str().unwrap();
        (
            Some(bagit::validate(top)),
            bag_photos(top.parent().unwrap(), name),
        )
    } else {
        (None, Vec::new())
    };
    Packaging {
        status,
        entries,
        files: walk(top),
        whole,
        photos,
        parts,
    }
}

fn status_of(status: &Status) -> TargetStatus {
    assert_eq!(status.targets.len(), 1);
    let t = status.targets[0].clone();
    assert_eq!(t.state, "done", "{t:?}");
    t
}

fn assert_valid(top: &Path, verdict: &(bool, String)) {
    let (passed, said) = verdict;
    assert!(passed, "bagit.py refuses {}:\n{said}", top.display());
}

/// Checks the target's bags as a group of parts within `bound` that
/// together hold `every` photo once, and returns how many there are.
fn parts_of(top: &Path, seen: &Packaging, bound: u64, every: &BTreeSet<u64>) -> usize {
    let t = status_of(&seen.status);
    let n = t.bag_parts.unwrap() as usize;
    assert!(n > 1, "{t:?}");
    let expected: Vec<String> = (1..=n).map(|k| format!("part-{k:04}")).collect();
    assert_eq!(
        seen.entries,
        expected,
        "only the parts under {}",
        top.display()
    );
    let group = format!("flickr:{}", t.target);
    let mut seen_photos = Vec::new();
    for (k, (name, part)) in expected.iter().zip(&seen.parts).enumerate() {
        assert_valid(&top.join(name), &part.verdict);
        let info = &part.info;
        assert!(
            info.contains(&format!("External-Identifier: {group}/{name}\n"))
                && info.contains(&format!("Bag-Group-Identifier: {group}\n"))
                && info.contains(&format!("Bag-Count: {} of {n}\n", k + 1)),
            "{info}"
        );
        let record = &part.record;
        let photos = record["photos"].as_array().unwrap().len();
        let bytes = record["file_bytes"].as_u64().unwrap();
        assert!(
            bytes <= bound || photos == 1,
            "{name}: {bytes} bytes over {bound}"
        );
        assert_eq!(
            (record["part"].as_u64(), record["parts"].as_u64()),
            (Some(k as u64 + 1), Some(n as u64))
        );
        assert!(part.viewer, "each part has its viewer");
        seen_photos.extend(part.photos.iter().copied());
    }
    assert_eq!(seen_photos.len(), every.len(), "each photo in one part");
    assert_eq!(seen_photos.into_iter().collect::<BTreeSet<_>>(), *every);
    n
}

#[test]
fn under_the_default_bound_a_target_is_one_valid_bag_of_all_its_photos() {
    let Some(f) = packagings() else {
        return;
    };
    let whole = status_of(&f.whole.status);
    assert_eq!(whole.bag_parts, Some(1), "{whole:?}");
    assert_valid(&f.top, f.whole.whole.as_ref().unwrap());
    assert_eq!(f.whole.photos.len(), f.every.len());
}

#[test]
fn packaged_again_with_a_third_of_its_bytes_per_bag_it_is_parts_and_nothing_is_fetched() {
    let Some(f) = packagings() else {
        return;
    };
    // Parts, and none of the single bag's files left at the top.
    let again = &f.again_report;
    assert_eq!(again.files, 0, "nothing fetched again: {again:?}");
    let parts = parts_of(&f.top, &f.again, f.bound, &f.every);
    assert!((3..=5).contains(&parts), "{parts} parts");
}

#[test]
fn with_a_photo_deleted_and_a_smaller_bound_there_are_more_parts_none_holding_it() {
    let Some(f) = packagings() else {
        return;
    };
    let parts = f.again.status.targets[0].bag_parts.unwrap() as usize;
    let more = parts_of(&f.top, &f.smaller, f.bound / 2, &f.every_after);
    assert!(more > parts, "{more} parts, {parts} before");
    let files = &f.smaller.files;
    let names: Vec<_> = files
        .iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.split('.').next() == Some(f.deleted.to_string().as_str())
        })
        .collect();
    assert!(
        files
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "xmp")),
        "photos are named by id: {files:?}"
    );
    assert!(
        names.is_empty(),
        "the deleted photo's files remain: {names:?}"
    );
}

#[test]
fn back_under_the_default_bound_it_is_one_bag_again_with_no_part_folder_left() {
    let Some(f) = packagings() else {
        return;
    };
    let one = status_of(&f.one.status);
    assert_eq!(one.bag_parts, Some(1));
    assert_valid(&f.top, f.one.whole.as_ref().unwrap());
    let left: Vec<_> = f
        .one
        .entries
        .iter()
        .filter(|n| n.starts_with("part-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(
        f.one.photos.iter().copied().collect::<BTreeSet<_>>(),
        f.every_after
    );
}
