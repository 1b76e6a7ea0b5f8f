//! The archive against a real PostgreSQL (a throwaway cluster), the
//! loopback Flickr's public members and a local directory store: every
//! kind of target archived once, bags that bagit.py validates, the catalog
//! agreeing with the store, a rerun that fetches only what changed, and a
//! target gone on Flickr recorded, not retried.

use std::collections::BTreeSet;
use std::path::Path;

mod common;

use common::{bag_photos, opts, walk};
use flickr_archive::{Archive, Store, Target};
use flickr_testkit::postgres_server::test_postgres;
use flickr_testkit::{bagit, FakeFlickr};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_target_is_archived_once_into_valid_bags() {
    let Some(pg) = test_postgres("every_kind_of_target") else {
        return;
    };
    let fake = FakeFlickr::builder()
        .photos(10)
        .users(4)
        .start()
        .await
        .unwrap();
    let users = fake.users();
    let group = fake.groups()[0].clone();
    let album = fake.albums_of(&users[1])[0];
    let gallery = fake.member_galleries()[2];
    let archive = Archive::connect(&pg.url()).await.unwrap();
    let targets = [
        format!("user:{}", users[0]),
        format!("album:{}/{album}", users[1]),
        format!("group:{group}"),
        format!("gallery:{gallery}"),
        "commons".to_owned(),
    ];
    let targets: Vec<Target> = targets.iter().map(|t| Target::parse(t).unwrap()).collect();
    assert_eq!(archive.add(&targets).await.unwrap(), 5);
    assert_eq!(
        archive.add(&targets).await.unwrap(),
        0,
        "adding again adds nothing"
    );

    let dir = tempfile::tempdir().unwrap();
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
    assert_eq!(report.failed_attempts, 0, "{report:?}");

    let status = archive.status().await.unwrap();
    // Commons added its institutions (the first two members; the first
    // was already a target) as targets of their own.
    let specs: Vec<&str> = status.targets.iter().map(|t| t.target.as_str()).collect();
    assert!(
        specs.contains(&format!("user:{}", users[1]).as_str()),
        "{specs:?}"
    );
    assert_eq!(status.targets.len(), 6, "{specs:?}");
    let expected = |t: &str| -> BTreeSet<u64> {
        let (kind, key) = t.split_once(':').unwrap_or((t, ""));
        match kind {
            "user" => fake.public_photos_of(key).into_iter().collect(),
            "album" => fake.photoset_photos(album).unwrap().into_iter().collect(),
            "group" => fake.pool_photos(key).into_iter().collect(),
            "gallery" => fake.gallery_photos(gallery).unwrap().into_iter().collect(),
            _ => BTreeSet::new(),
        }
    };
    for t in &status.targets {
        assert_eq!(t.state, "done", "{t:?}");
        if t.target == "commons" {
            assert!(t.bag.is_none());
            continue;
        }
        let bag = t.bag.as_deref().unwrap();
        let listed: BTreeSet<u64> = bag_photos(dir.path(), bag).into_iter().collect();
        assert_eq!(listed, expected(&t.target), "{}", t.target);
        assert_eq!(t.listed as usize, listed.len());
        assert_eq!(t.fetched + t.failed, t.listed, "{t:?}");
        bagit::assert_valid(&dir.path().join(bag));
        // Each photo's licence and its owner's download setting are recorded.
        let record: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.path().join(bag).join("data/target.json")).unwrap(),
        )
        .unwrap();
        for right in record["rights"].as_array().unwrap() {
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
    assert_eq!(
        status.targets.iter().map(|t| t.failed).sum::<i64>(),
        1,
        "the one video gone since listed: {status:?}"
    );
    // The album keeps Flickr's order.
    let album_bag = status
        .targets
        .iter()
        .find(|t| t.target.starts_with("album:"))
        .unwrap();
    assert_eq!(
        bag_photos(dir.path(), album_bag.bag.as_deref().unwrap()),
        fake.photoset_photos(album).unwrap()
    );

    let verified = archive.verify(&store, None).await.unwrap();
    assert!(
        verified.checked > 0 && verified.problems.is_empty(),
        "{verified:?}"
    );
    assert_eq!(verified.ok, verified.checked);

    // A byte changed in the store is named by verify.
    let some = walk(&dir.path().join("objects"))
        .into_iter()
        .next()
        .unwrap();
    let mut bytes = std::fs::read(&some).unwrap();
    bytes[0] ^= 1;
    std::fs::write(&some, bytes).unwrap();
    let verified = archive.verify(&store, None).await.unwrap();
    assert_eq!(verified.problems.len(), 1, "{verified:?}");
    assert!(some.ends_with(&verified.problems[0].0), "{verified:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gone_target_is_recorded_and_a_rerun_fetches_only_what_changed() {
    let Some(pg) = test_postgres("gone_and_rerun") else {
        return;
    };
    let fake = FakeFlickr::builder()
        .photos(10)
        .users(3)
        .start()
        .await
        .unwrap();
    let users = fake.users();
    fake.hide_user(&users[2]);
    let archive = Archive::connect(&pg.url()).await.unwrap();
    let t = |s: String| Target::parse(&s).unwrap();
    archive
        .add(&[
            t(format!("user:{}", users[0])),
            t(format!("user:{}", users[2])),
        ])
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().to_str().unwrap()).unwrap();
    let first = archive
        .work(fake.key_client(), store.clone(), opts())
        .await
        .unwrap();
    let status = archive.status().await.unwrap();
    let gone = status
        .targets
        .iter()
        .find(|t| t.target.ends_with(&users[2]))
        .unwrap();
    assert_eq!(gone.state, "gone", "{gone:?}");
    assert!(
        gone.reason
            .as_deref()
            .unwrap()
            .contains("flickr.photos.search"),
        "{gone:?}"
    );
    assert_eq!(
        first.failed_attempts, 1,
        "tried once, not retried: {first:?}"
    );
    assert!(first.files >= 90, "{first:?}");

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
    assert_eq!(second.files, 1, "{second:?}");
    let status = archive.status().await.unwrap();
    assert!(
        status
            .targets
            .iter()
            .all(|t| t.state == "done" || t.state == "gone"),
        "{status:?}"
    );
    assert!(status.api_calls_last_hour as u64 >= first.api_calls + second.api_calls);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_members_bag_holds_the_library_flickr_backup_writes() {
    let Some(pg) = test_postgres("bag_is_the_library") else {
        return;
    };
    let fake = FakeFlickr::builder()
        .photos(10)
        .users(2)
        .start()
        .await
        .unwrap();
    let member = fake.users()[1].clone();
    let archive = Archive::connect(&pg.url()).await.unwrap();
    archive
        .add(&[Target::parse(&format!("user:{member}")).unwrap()])
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
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

    // The backup of the same member, photos and videos as the archive
    // lists them (no per-photo detail calls, no albums).
    let mirror = dir.path().join("mirror");
    let options = flickr_backup::Options::default()
        .user(flickr_backup::UserSpec::Nsid(member.clone()))
        .include(flickr_backup::Include::parse("photos,videos").unwrap());
    flickr_backup::Backup::new(fake.key_client(), &mirror)
        .options(options)
        .run()
        .await
        .unwrap();

    let files = |root: &Path| -> Vec<String> {
        walk(root)
            .into_iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .filter(|p| !p.starts_with(".flickr-backup/") && p != "target.json")
            .collect()
    };
    let (ours, theirs) = (files(&bag.join("data")), files(&mirror));
    assert_eq!(
        ours, theirs,
        "the bag's payload and the backup's library hold the same files"
    );
    assert!(
        ours.iter().any(|p| p.ends_with(".xmp")) && ours.contains(&"index.html".to_owned()),
        "{ours:?}"
    );
    // The viewer's thumbnails come along, as in `flickr backup bag`: made
    // from the files, so the member's 10 videos show the viewer's
    // placeholder where the API backup shows Flickr's poster.
    let thumbs = walk(
        &bag.join("data")
            .join(flickr_backup::library::THUMBNAILS_DIR),
    );
    assert_eq!(
        thumbs.len(),
        walk(&mirror.join(flickr_backup::library::THUMBNAILS_DIR)).len() - 10
    );
    assert!(!thumbs.is_empty() && !bag.join("data/.flickr-backup/state.db").exists());
    let mut videos = 0;
    for rel in &ours {
        let (a, b) = (
            std::fs::read(bag.join("data").join(rel)).unwrap(),
            std::fs::read(mirror.join(rel)).unwrap(),
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
