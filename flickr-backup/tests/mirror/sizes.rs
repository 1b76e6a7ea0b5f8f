//! The size kept: a free account's largest listed size, and `size`.

use flickr_backup::{Backup, Include, Options, Report, SizeChoice, UserSpec};
use flickr_testkit::{AccountSpec, FakeFlickr};

use crate::common::quick;
use crate::fixture::{media_ids, sidecar, tree, Tree};

async fn account_fake() -> FakeFlickr {
    let fake = FakeFlickr::builder()
        .photos(30)
        .account(AccountSpec::default());
    fake.start().await.unwrap()
}

/// A backup of photos only (`--include photos`) with `options`.
async fn photos(fake: &FakeFlickr, options: Options) -> (Report, Tree) {
    let dir = tempfile::tempdir().unwrap();
    let options = options.include(Include::parse("photos").unwrap());
    let backup = Backup::new(fake.client(), dir.path()).options(options);
    let report = backup.run().await.unwrap();
    (report, tree(dir.path()))
}

/// Carol's photostream, named by its URL (a path alias: one
/// flickr.urls.lookupUser): a free account, no original listed.
#[tokio::test]
async fn a_free_account_named_by_its_url_gets_its_largest_listed_size() {
    let fake = account_fake().await;
    let carol = flickr_testkit::CAROL;
    let user = UserSpec::parse("https://www.flickr.com/photos/carol/").unwrap();
    let (report, t) = photos(&fake, quick().user(user)).await;
    assert_eq!(report.user, carol);
    assert_eq!(fake.requests("flickr.urls.lookupUser"), 1);
    let ids = media_ids(&t);
    assert_eq!(ids.len(), fake.photos_of(carol).len());
    for id in &ids {
        let s = sidecar(&t, id);
        assert_eq!(s["file"]["size_variant"], "l", "photo {id}");
        // Her account is the one mirrored: her photos go by date taken.
        assert!(s["file"]["path"].as_str().unwrap().starts_with("photos/"));
    }
    assert!(
        fake.static_requests().keys().all(|p| !p.contains("_o.")),
        "no original URL was built by hand"
    );
}

/// `size z`: that size for every photo of alice's.
#[tokio::test]
async fn a_size_is_kept_for_every_photo() {
    let fake = account_fake().await;
    let size = SizeChoice::parse("z").unwrap();
    let (_, t) = photos(&fake, quick().size(size)).await;
    let ids = media_ids(&t);
    assert!(!ids.is_empty());
    for id in &ids {
        assert_eq!(sidecar(&t, id)["file"]["size_variant"], "z", "photo {id}");
    }
}
