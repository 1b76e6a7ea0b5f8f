//! The archive against a real PostgreSQL (a throwaway cluster), the
//! loopback Flickr's public members and a local directory store: every
//! kind of target archived once, bags that bagit.py validates, the catalog
//! agreeing with the store, a rerun that fetches only what changed, and a
//! target gone on Flickr recorded, not retried.
//!
//! Each scenario runs once per test binary, in a fixture of its own (its
//! own cluster, loopback Flickr and store) that records what each step
//! showed; the cases check the records.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod common;

use common::{bag_photos, opts, walk};
use flickr_archive::{Archive, Status, Store, Target, VerifyReport, WorkerReport};
use flickr_testkit::postgres_server::test_postgres;
use flickr_testkit::{bagit, Hosted};

/// What one target's bag held, read before the store was changed.
struct BagSeen {
    target: String,
    photos: Vec<u64>,
    /// What bagit.py said of it.
    verdict: (bool, String),
    /// Its `data/target.json`.
    record: serde_json::Value,
}

/// Every kind of target archived once, in order: added twice, worked
/// (one video gone since listed), verified, then verified again with a
/// byte changed in the store.
struct EveryKind {
    hosted: Hosted,
    _dir: tempfile::TempDir,
    users: Vec<String>,
    album: u64,
    gallery: u64,
    added: u64,
    added_again: u64,
    report: WorkerReport,
    status: Status,
    bags: Vec<BagSeen>,
    verified: VerifyReport,
    /// The stored file changed, and what verify said then.
    changed: PathBuf,
    verified_changed: VerifyReport,
}

fn every_kind() -> Option<&'static EveryKind> {
    static FIXTURE: OnceLock<Option<EveryKind>> = OnceLock::new();
    FIXTURE.get_or_init(archive_every_kind).as_ref()
}

fn archive_every_kind() -> Option<EveryKind> {
    let pg = test_postgres("every_kind_of_target")?;
    let hosted = Hosted::start_with(|b| b.photos(10).users(4));
    let fake = &hosted.fake;
    let users = fake.users();
    let group = fake.groups()[0].clone();
    let album = fake.albums_of(&users[1])[0];
    let gallery = fake.member_galleries()[2];
    let dir = flickr_testkit::fixture_tempdir();
    let (added, added_again, report, status, bags, verified, changed, verified_changed) = hosted
        .block_on(async {
            let archive = Archive::connect(&pg.url()).await.unwrap();
            let targets = [
                format!("user:{}", users[0]),
                format!("album:{}/{album}", users[1]),
                format!("group:{group}"),
                format!("gallery:{gallery}"),
                "commons".to_owned(),
            ];
            let targets: Vec<Target> = targets.iter().map(|t| Target::parse(t).unwrap()).collect();
            let added = archive.add(&targets).await.unwrap();
            let added_again = archive.add(&targets).await.unwrap();

            let store = Store::open(dir.path().to_str().unwrap()).unwrap();
            // A video deleted between its listing and its batch: the photo's
            // failure, not its target's.
            fake.inject(
                "flickr.video.getStreamInfo",
                flickr_testkit::Fault::Api {
                    code: 1,
                    message: "Video not found".into(),
                },
                1,
            );
            let report = archive
                .work(fake.key_client(), store.clone(), opts())
                .await
                .unwrap();
            let status = archive.status().await.unwrap();
            let bags = status
                .targets
                .iter()
                .filter_map(|t| {
                    let bag = t.bag.as_deref()?;
                    Some(BagSeen {
                        target: t.target.clone(),
                        photos: bag_photos(dir.path(), bag),
                        verdict: bagit::validate(&dir.path().join(bag)),
                        record: serde_json::from_slice(
                            &std::fs::read(dir.path().join(bag).join("data/target.json")).unwrap(),
                        )
                        .unwrap(),
                    })
                })
                .collect();
            let verified = archive.verify(&store, None).await.unwrap();

            // A byte changed in the store.
            let changed = walk(&dir.path().join("objects"))
                .into_iter()
                .next()
                .unwrap();
            let mut bytes = std::fs::read(&changed).unwrap();
            bytes[0] ^= 1;
            std::fs::write(&changed, bytes).unwrap();
            let verified_changed = archive.verify(&store, None).await.unwrap();
            (
                added,
                added_again,
                report,
                status,
                bags,
                verified,
                changed,
                verified_changed,
            )
        });
    drop(pg);
    Some(EveryKind {
        hosted,
        _dir: dir,
        users,
        album,
        gallery,
        added,
        added_again,
        report,
        status,
        bags,
        verified,
        changed,
        verified_changed,
    })
}

impl EveryKind {
    /// The photos Flickr lists for `t`.
    fn expected(&self, t: &str) -> BTreeSet<u64> {
        let fake = &self.hosted.fake;
        let (kind, key) = t.split_once(':').unwrap_or((t, ""));
        match kind {
            "user" => fake.public_photos_of(key).into_iter().collect(),
            "album" => fake
                .photoset_photos(self.album)
                .unwrap()
                .into_iter()
                .collect(),
            "group" => fake.pool_photos(key).into_iter().collect(),
            "gallery" => fake
                .gallery_photos(self.gallery)
                .unwrap()
                .into_iter()
                .collect(),
            _ => BTreeSet::new(),
        }
    }

    fn bag_of(&self, target: &str) -> &BagSeen {
        self.bags.iter().find(|b| b.target == target).unwrap()
    }
}

#[test]
fn each_target_is_added_once_and_commons_adds_its_institutions() {
    let Some(f) = every_kind() else {
        return;
    };
    assert_eq!(f.added, 5);
    assert_eq!(f.added_again, 0, "adding again adds nothing");
    // Commons added its institutions (the first two members; the first
    // was already a target) as targets of their own.
    let specs: Vec<&str> = f.status.targets.iter().map(|t| t.target.as_str()).collect();
    assert!(
        specs.contains(&format!("user:{}", f.users[1]).as_str()),
        "{specs:?}"
    );
    assert_eq!(f.status.targets.len(), 6, "{specs:?}");
}

#[test]
fn every_target_is_done_with_a_bag_of_its_photos_and_a_gone_video_fails_only_itself() {
    let Some(f) = every_kind() else {
        return;
    };
    let (report, status) = (&f.report, &f.status);
    assert_eq!(report.failed_attempts, 0, "{report:?}");
    for t in &status.targets {
        assert_eq!(t.state, "done", "{t:?}");
        if t.target == "commons" {
            assert!(t.bag.is_none());
            continue;
        }
        let listed: BTreeSet<u64> = f.bag_of(&t.target).photos.iter().copied().collect();
        assert_eq!(listed, f.expected(&t.target), "{}", t.target);
        assert_eq!(t.listed as usize, listed.len());
        assert_eq!(t.fetched + t.failed, t.listed, "{t:?}");
    }
    assert_eq!(
        status.targets.iter().map(|t| t.failed).sum::<i64>(),
        1,
        "the one video gone since listed: {status:?}"
    );
}

#[test]
fn every_bag_is_valid_and_records_each_photos_licence_and_download_setting() {
    let Some(f) = every_kind() else {
        return;
    };
    let fake = &f.hosted.fake;
    for t in &f.status.targets {
        let Some(bag) = t.bag.as_deref() else {
            continue;
        };
        let seen = f.bag_of(&t.target);
        let (passed, said) = &seen.verdict;
        assert!(passed, "bagit.py refuses {bag}:\n{said}");
        // Each photo's licence and its owner's download setting are recorded.
        for right in seen.record["rights"].as_array().unwrap() {
            let id: u64 = right["id"].as_str().unwrap().parse().unwrap();
            let photo = fake.photo(id).unwrap();
            let owner = fake.user(&photo.owner).unwrap();
            assert_eq!(
                right["can_download"].as_bool(),
                Some(owner.can_download),
                "{right}"
            );
            assert!(right["license"].is_string(), "{right}");
        }
    }
}

#[test]
fn an_albums_bag_keeps_flickrs_order() {
    let Some(f) = every_kind() else {
        return;
    };
    let album_bag = f
        .status
        .targets
        .iter()
        .find(|t| t.target.starts_with("album:"))
        .unwrap();
    assert_eq!(
        f.bag_of(&album_bag.target).photos,
        f.hosted.fake.photoset_photos(f.album).unwrap()
    );
}

#[test]
fn verify_passes_the_store_and_then_names_a_byte_changed_in_it() {
    let Some(f) = every_kind() else {
        return;
    };
    let verified = &f.verified;
    assert!(
        verified.checked > 0 && verified.problems.is_empty(),
        "{verified:?}"
    );
    assert_eq!(verified.ok, verified.checked);

    let verified = &f.verified_changed;
    assert_eq!(verified.problems.len(), 1, "{verified:?}");
    assert!(f.changed.ends_with(&verified.problems[0].0), "{verified:?}");
}

/// A gone target and a rerun, in order: a member and a hidden member
/// worked once, then one photo edited, the member refreshed and worked
/// again.
struct GoneAndRerun {
    _hosted: Hosted,
    gone_user: String,
    first: WorkerReport,
    first_status: Status,
    second: WorkerReport,
    second_status: Status,
}

fn gone_and_rerun() -> Option<&'static GoneAndRerun> {
    static FIXTURE: OnceLock<Option<GoneAndRerun>> = OnceLock::new();
    FIXTURE.get_or_init(archive_gone_and_rerun).as_ref()
}

fn archive_gone_and_rerun() -> Option<GoneAndRerun> {
    let pg = test_postgres("gone_and_rerun")?;
    let hosted = Hosted::start_with(|b| b.photos(10).users(3));
    let fake = &hosted.fake;
    let users = fake.users();
    fake.hide_user(&users[2]);
    let dir = flickr_testkit::fixture_tempdir();
    let (first, first_status, second, second_status) = hosted.block_on(async {
        let archive = Archive::connect(&pg.url()).await.unwrap();
        let t = |s: String| Target::parse(&s).unwrap();
        archive
            .add(&[
                t(format!("user:{}", users[0])),
                t(format!("user:{}", users[2])),
            ])
            .await
            .unwrap();
        let store = Store::open(dir.path().to_str().unwrap()).unwrap();
        let first = archive
            .work(fake.key_client(), store.clone(), opts())
            .await
            .unwrap();
        let first_status = archive.status().await.unwrap();

        // A photo edited on Flickr: a new listing fetches it alone.
        let edited = fake.public_photos_of(&users[0])[3];
        assert!(fake.edit_photo(edited, "edited since"));
        archive
            .refresh(&[t(format!("user:{}", users[0]))])
            .await
            .unwrap();
        let second = archive
            .work(fake.key_client(), store, opts())
            .await
            .unwrap();
        let second_status = archive.status().await.unwrap();
        (first, first_status, second, second_status)
    });
    drop(pg);
    Some(GoneAndRerun {
        gone_user: users[2].clone(),
        _hosted: hosted,
        first,
        first_status,
        second,
        second_status,
    })
}

#[test]
fn a_target_gone_on_flickr_is_recorded_and_tried_once_not_retried() {
    let Some(f) = gone_and_rerun() else {
        return;
    };
    let gone = f
        .first_status
        .targets
        .iter()
        .find(|t| t.target.ends_with(&f.gone_user))
        .unwrap();
    assert_eq!(gone.state, "gone", "{gone:?}");
    assert!(
        gone.reason
            .as_deref()
            .unwrap()
            .contains("flickr.photos.search"),
        "{gone:?}"
    );
    let first = &f.first;
    assert_eq!(
        first.failed_attempts, 1,
        "tried once, not retried: {first:?}"
    );
    assert!(first.files >= 90, "{first:?}");
}

#[test]
fn a_rerun_after_an_edit_fetches_only_the_edited_photo() {
    let Some(f) = gone_and_rerun() else {
        return;
    };
    let (first, second, status) = (&f.first, &f.second, &f.second_status);
    assert_eq!(second.files, 1, "{second:?}");
    assert!(
        status
            .targets
            .iter()
            .all(|t| t.state == "done" || t.state == "gone"),
        "{status:?}"
    );
    assert!(status.api_calls_last_hour as u64 >= first.api_calls + second.api_calls);
}

/// A member archived, and the same member backed up by flickr-backup
/// (photos and videos as the archive lists them: no per-photo detail
/// calls, no albums).
struct MemberBag {
    _hosted: Hosted,
    _dir: tempfile::TempDir,
    bag: PathBuf,
    mirror: PathBuf,
    /// The files of the bag's payload, and of the backup's library.
    ours: Vec<String>,
    theirs: Vec<String>,
}

fn member_bag() -> Option<&'static MemberBag> {
    static FIXTURE: OnceLock<Option<MemberBag>> = OnceLock::new();
    FIXTURE.get_or_init(bag_and_back_up_a_member).as_ref()
}

fn bag_and_back_up_a_member() -> Option<MemberBag> {
    let pg = test_postgres("bag_is_the_library")?;
    let hosted = Hosted::start_with(|b| b.photos(10).users(2));
    let fake = &hosted.fake;
    let member = fake.users()[1].clone();
    let dir = flickr_testkit::fixture_tempdir();
    let mirror = dir.path().join("mirror");
    let bag = hosted.block_on(async {
        let archive = Archive::connect(&pg.url()).await.unwrap();
        archive
            .add(&[Target::parse(&format!("user:{member}")).unwrap()])
            .await
            .unwrap();
        let store = Store::open(dir.path().join("store").to_str().unwrap()).unwrap();
        archive
            .work(fake.key_client(), store, opts())
            .await
            .unwrap();
        let status = archive.status().await.unwrap();
        let bag = dir
            .path()
            .join("store")
            .join(status.targets[0].bag.as_deref().unwrap());

        let options = flickr_backup::Options::default()
            .user(flickr_backup::UserSpec::Nsid(member.clone()))
            .include(flickr_backup::Include::parse("photos,videos").unwrap());
        flickr_backup::Backup::new(fake.key_client(), &mirror)
            .options(options)
            .run()
            .await
            .unwrap();
        bag
    });
    drop(pg);
    let files = |root: &Path| -> Vec<String> {
        walk(root)
            .into_iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .filter(|p| !p.starts_with(".flickr-backup/") && p != "target.json")
            .collect()
    };
    let (ours, theirs) = (files(&bag.join("data")), files(&mirror));
    Some(MemberBag {
        _hosted: hosted,
        _dir: dir,
        bag,
        mirror,
        ours,
        theirs,
    })
}

#[test]
fn a_members_bag_holds_the_same_files_as_the_backups_library() {
    let Some(f) = member_bag() else {
        return;
    };
    let ours = &f.ours;
    assert_eq!(
        *ours, f.theirs,
        "the bag's payload and the backup's library hold the same files"
    );
    assert!(
        ours.iter().any(|p| p.ends_with(".xmp")) && ours.contains(&"index.html".to_owned()),
        "{ours:?}"
    );
}

#[test]
fn a_members_bag_has_the_viewers_thumbnails_made_from_the_files_and_no_state() {
    let Some(f) = member_bag() else {
        return;
    };
    let bag = &f.bag;
    // The viewer's thumbnails come along, as in `flickr backup bag`: made
    // from the files, so the member's 10 videos show the viewer's
    // placeholder where the API backup shows Flickr's poster.
    let thumbs = walk(
        &bag.join("data")
            .join(flickr_backup::library::THUMBNAILS_DIR),
    );
    assert_eq!(
        thumbs.len(),
        walk(&f.mirror.join(flickr_backup::library::THUMBNAILS_DIR)).len() - 10
    );
    assert!(!thumbs.is_empty() && !bag.join("data/.flickr-backup/state.db").exists());
}

#[test]
fn only_the_videos_sidecars_differ_from_the_backups_and_only_by_their_streams() {
    let Some(f) = member_bag() else {
        return;
    };
    let mut videos = 0;
    for rel in &f.ours {
        let (a, b) = (
            std::fs::read(f.bag.join("data").join(rel)).unwrap(),
            std::fs::read(f.mirror.join(rel)).unwrap(),
        );
        if a == b {
            continue;
        }
        // A video's JSON sidecar from the API carries the streams the
        // backup asked flickr.photos.getSizes for; the rest is the same.
        let (mut a, mut b): (serde_json::Value, serde_json::Value) = (
            serde_json::from_slice(&a).unwrap(),
            serde_json::from_slice(&b).unwrap(),
        );
        assert!(rel.ends_with(".json"), "{rel} differs");
        a.as_object_mut().unwrap().remove("streams");
        b.as_object_mut().unwrap().remove("streams");
        assert_eq!(a, b, "{rel}");
        videos += 1;
    }
    assert!(
        videos <= 10,
        "only the videos' sidecars differ, by their streams ({videos})"
    );
}
