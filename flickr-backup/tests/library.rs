//! The library against the loopback Flickr: a full mirror, the calls it
//! costs, a second run that fetches nothing, and the layout.
//!
//! The runs over files whose path changed happen once, in order, in a
//! fixture shared by their cases ([`paths_changed`]).

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::quick;
use flickr_backup::{Backup, Event, Report, VerifyReport};
use flickr_testkit::{AccountSpec, FakeFlickr, Hosted};

/// The seeded world plus alice's default backup account.
async fn account_fake() -> FakeFlickr {
    FakeFlickr::builder()
        .photos(30)
        .account(AccountSpec::default())
        .start()
        .await
        .unwrap()
}

/// An account of `spec`'s photostream only (no albums, collections,
/// galleries or favorites).
fn photostream_only(spec: AccountSpec) -> AccountSpec {
    AccountSpec {
        albums: 0,
        collections: 0,
        galleries: 0,
        favorites: 0,
        ..spec
    }
}

/// A small seeded world plus an account of `spec`'s photostream only.
async fn photostream_fake(spec: AccountSpec) -> FakeFlickr {
    FakeFlickr::builder()
        .photos(3)
        .account(photostream_only(spec))
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_full_mirror_then_a_second_run_that_fetches_nothing() {
    let fake = account_fake().await;
    let dir = flickr_testkit::fixture_tempdir();
    let mut job = Backup::new(fake.client(), dir.path())
        .options(quick())
        .start();
    let mut done_events = 0;
    while let Some(e) = job.next_event().await {
        if matches!(e, Event::FileDone { .. }) {
            done_events += 1;
        }
    }
    let report = job.finish().await.unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    // 75 of alice's (60 + 10 seeded + 5 private), 8 gallery photos, 6 favorites (some may overlap).
    assert!(report.files_fetched >= 75 + 6, "{report:?}");
    assert_eq!(done_events, report.files_fetched);
    let static_total = fake.static_requests_total();
    // The viewer's thumbnails are static files too: one each, no API call.
    assert_eq!(report.thumbnails_failed, 0);
    assert_eq!(
        static_total,
        report.files_fetched + report.thumbnails_fetched,
        "each file and thumbnail fetched once"
    );
    let calls: u64 = report.api_calls.values().sum();
    assert_eq!(calls, fake.total_requests(), "{:?}", report.api_calls);
    // Per-photo calls only for the 6 videos.
    assert_eq!(report.api_calls["flickr.video.getStreamInfo"], 6);
    assert!(!report.api_calls.contains_key("flickr.photos.getInfo"));
    assert!(!report.api_calls.contains_key("flickr.photos.getSizes"));

    let again = Backup::new(fake.client(), dir.path())
        .options(quick())
        .run()
        .await
        .unwrap();
    assert_eq!(again.files_fetched, 0);
    assert_eq!(again.files_complete, report.files_fetched);
    assert_eq!(fake.static_requests_total(), static_total);
    assert_eq!(again.thumbnails_fetched, 0);
    assert_eq!((again.viewer_written, again.album_links), (0, 0));
    assert_eq!(again.api_calls.get("flickr.video.getStreamInfo"), None);
    assert_eq!(
        again.documents_written, 0,
        "nothing changed, nothing rewritten"
    );
    let v = flickr_backup::verify(dir.path(), |_, _| {}).unwrap();
    assert!(v.is_clean());
    assert_eq!(v.ok, report.files_fetched);
}

#[tokio::test]
async fn past_the_search_cap_the_walker_lists_every_photo_in_a_dry_run() {
    let fake = photostream_fake(AccountSpec {
        photos: 4_600,
        ..AccountSpec::default()
    })
    .await;
    let dir = flickr_testkit::fixture_tempdir();
    let report = Backup::new(fake.client(), dir.path().join("mirror"))
        .options(
            quick()
                .dry_run(true)
                .include(flickr_backup::Include::parse("photos,videos").unwrap()),
        )
        .run()
        .await
        .unwrap();
    // 4,600 + alice's seeded photo + 5 private ones, each once, past the 4,000 cap.
    assert_eq!(report.listed, 4_606, "{report:?}");
    assert_eq!(report.files_fetched, 4_606);
    let searches = report.api_calls["flickr.photos.search"];
    assert!(searches >= 10 + 2, "pages plus window probes: {searches}");
    assert_eq!(report.planned_calls["flickr.video.getStreamInfo"], 460);
    assert_eq!(
        report.total_calls(),
        report.api_calls.values().sum::<u64>() + 460,
        "the listing made plus one call per video"
    );
    assert!(
        !dir.path().join("mirror").exists(),
        "a dry run creates nothing"
    );
}

#[tokio::test]
async fn since_lists_only_what_changed_and_flags_no_deletions() {
    let fake = account_fake().await;
    let dir = flickr_testkit::fixture_tempdir();
    let first = Backup::new(fake.client(), dir.path())
        .options(quick())
        .run()
        .await
        .unwrap();
    let me = fake.credentials().user_nsid;
    let gone = fake.photos_of(&me)[3];
    assert!(fake.delete_photo(gone));
    let added = fake.add_account_photos(3);
    let since = flickr_testkit::now_unix() - 3_600;
    let report = Backup::new(fake.client(), dir.path())
        .options(
            quick()
                .since(Some(since))
                .include(flickr_backup::Include::parse("photos,videos").unwrap()),
        )
        .run()
        .await
        .unwrap();
    assert_eq!(report.api_calls.get("flickr.photos.search"), None);
    assert_eq!(report.api_calls["flickr.photos.recentlyUpdated"], 1);
    assert_eq!(report.files_fetched, added.len() as u64);
    assert_eq!(
        report.deleted_on_flickr, 0,
        "a partial listing cannot tell deletions"
    );
    assert!(!report.complete_listing);
    assert!(
        report.files_complete >= first.files_fetched - 6 - 8,
        "{report:?}"
    );
}

#[tokio::test]
async fn one_run_at_a_time_per_mirror() {
    let fake = FakeFlickr::builder().photos(6).start().await.unwrap();
    let dir = flickr_testkit::fixture_tempdir();
    let state_dir = dir.path().join(".flickr-backup");
    std::fs::create_dir_all(&state_dir).unwrap();
    let held = std::fs::File::create(state_dir.join("lock")).unwrap();
    held.try_lock().unwrap();
    let err = Backup::new(fake.client(), dir.path())
        .options(quick())
        .run()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("another backup is running"),
        "{err}"
    );
    assert!(
        matches!(&err, flickr_backup::Error::Locked { mirror, .. } if mirror == dir.path()),
        "{err:?}"
    );
    drop(held);
    let report = Backup::new(fake.client(), dir.path())
        .options(quick())
        .run()
        .await
        .unwrap();
    assert!(report.failed.is_empty());
}

/// A mirror holds one account, and a newer build's state is left alone:
/// each is its own error, so a caller can tell them apart.
#[tokio::test]
async fn another_accounts_mirror_and_a_newer_state_format_are_their_own_errors() {
    let fake = FakeFlickr::builder().photos(6).start().await.unwrap();
    let dir = flickr_testkit::fixture_tempdir();
    Backup::new(fake.client(), dir.path())
        .options(quick())
        .run()
        .await
        .unwrap();
    let bob = quick().user(flickr_backup::UserSpec::parse(flickr_testkit::BOB).unwrap());
    let err = Backup::new(fake.client(), dir.path())
        .options(bob)
        .run()
        .await
        .unwrap_err();
    match &err {
        flickr_backup::Error::OtherAccount { owner, asked, .. } => {
            assert_eq!(owner, flickr_testkit::ALICE);
            assert_eq!(asked, flickr_testkit::BOB);
        }
        other => panic!("{other:?}"),
    }

    let db = dir.path().join(".flickr-backup/state.sqlite");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("UPDATE meta SET value = '99' WHERE key = 'schema'", [])
        .unwrap();
    let err = Backup::new(fake.client(), dir.path())
        .options(quick())
        .run()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, flickr_backup::Error::NewerSchema { found, .. } if found == "99"),
        "{err:?}"
    );
    assert!(err.to_string().contains("use a newer flickr"), "{err}");
    let err = flickr_backup::verify(dir.path(), |_, _| {}).unwrap_err();
    assert!(
        matches!(err, flickr_backup::Error::NewerSchema { .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn exif_and_comments_cost_a_call_per_new_or_changed_photo_only_when_included() {
    let fake = FakeFlickr::builder()
        .photos(12)
        .account(AccountSpec {
            photos: 20,
            ..AccountSpec::default()
        })
        .start()
        .await
        .unwrap();
    let dir = flickr_testkit::fixture_tempdir();
    let all =
        quick().include(flickr_backup::Include::parse("photos,videos,exif,comments").unwrap());
    let first = Backup::new(fake.client(), dir.path())
        .options(all.clone())
        .run()
        .await
        .unwrap();
    assert!(first.failed.is_empty(), "{:?}", first.failed);
    assert_eq!(first.api_calls["flickr.photos.getExif"], first.listed);
    assert_eq!(
        first.api_calls["flickr.photos.comments.getList"],
        first.listed
    );
    let me = fake.credentials().user_nsid;
    let edited = fake.photos_of(&me)[0];
    assert!(fake.edit_photo(edited, "Edited"));
    let second = Backup::new(fake.client(), dir.path())
        .options(all)
        .run()
        .await
        .unwrap();
    assert_eq!(
        second.api_calls["flickr.photos.getExif"], 1,
        "only the edited photo"
    );
    assert_eq!(second.api_calls["flickr.photos.comments.getList"], 1);
    // Without them: no per-photo call at all but the videos' streams (none new).
    let third = Backup::new(fake.client(), dir.path())
        .options(quick().include(flickr_backup::Include::parse("photos,videos").unwrap()))
        .run()
        .await
        .unwrap();
    assert!(
        third
            .api_calls
            .keys()
            .all(|m| m.starts_with("flickr.photos.search") || m == "flickr.test.login"),
        "{:?}",
        third.api_calls
    );
}

/// A run of four photos; then, as if their date taken had changed, the
/// first file moved elsewhere with the state, and the second recorded
/// elsewhere but left home (a run killed between moving it and recording
/// its new path); then a run again.
struct PathsChanged {
    _dir: tempfile::TempDir,
    first: Report,
    /// The first file's home and where it was moved; the second's home.
    home: PathBuf,
    elsewhere: PathBuf,
    adopted_home: PathBuf,
    /// Static-host requests before the second run, and after.
    static_before: u64,
    static_after: u64,
    again: Report,
    /// Where the files were after the second run: the first at home, the
    /// first elsewhere, the second at home.
    seen: (bool, bool, bool),
    verify: VerifyReport,
}

fn paths_changed() -> &'static PathsChanged {
    static FIXTURE: OnceLock<PathsChanged> = OnceLock::new();
    FIXTURE.get_or_init(move_a_file_and_record_another_elsewhere)
}

fn move_a_file_and_record_another_elsewhere() -> PathsChanged {
    let hosted = Hosted::start_with(|b| {
        b.photos(3).account(photostream_only(AccountSpec {
            photos: 4,
            video_every: 0,
            ..AccountSpec::default()
        }))
    });
    let fake = &hosted.fake;
    let dir = flickr_testkit::fixture_tempdir();
    let run = || {
        hosted.block_on(
            Backup::new(fake.client(), dir.path())
                .options(quick())
                .run(),
        )
    };
    let first = run().unwrap();
    assert!(first.files_fetched >= 4, "{first:?}");
    let db = dir.path().join(".flickr-backup/state.sqlite");
    let dated: Vec<(String, String)> = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT photo_id, path FROM files WHERE path LIKE 'photos/2%' ORDER BY photo_id",
            )
            .unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    assert!(dated.len() >= 2, "{dated:?}");
    let at = |rel: &str| dir.path().join(rel);
    let (moved_id, home) = &dated[0];
    let elsewhere = format!("photos/undated/{moved_id}.jpg");
    std::fs::create_dir_all(at("photos/undated")).unwrap();
    std::fs::rename(at(home), at(&elsewhere)).unwrap();
    let (adopted_id, adopted_home) = &dated[1];
    let recorded_elsewhere = format!("photos/undated/{adopted_id}.jpg");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let set_path = "UPDATE files SET path=?2 WHERE photo_id=?1";
        conn.execute(set_path, [moved_id, &elsewhere]).unwrap();
        conn.execute(set_path, [adopted_id, &recorded_elsewhere])
            .unwrap();
    }
    let static_before = fake.static_requests_total();

    let again = run().unwrap();
    let static_after = fake.static_requests_total();
    let (home, elsewhere, adopted_home) = (at(home), at(&elsewhere), at(adopted_home));
    let seen = (home.is_file(), elsewhere.exists(), adopted_home.is_file());
    let verify = flickr_backup::verify(dir.path(), |_, _| {}).unwrap();
    PathsChanged {
        _dir: dir,
        first,
        home,
        elsewhere,
        adopted_home,
        static_before,
        static_after,
        again,
        seen,
        verify,
    }
}

#[test]
fn a_complete_file_whose_path_changed_is_not_fetched_again() {
    let f = paths_changed();
    let again = &f.again;
    assert_eq!(again.files_fetched, 0, "{again:?}");
    assert_eq!(again.files_complete, f.first.files_fetched);
    assert_eq!(f.static_after, f.static_before);
}

#[test]
fn a_file_moved_off_its_path_is_moved_back_and_one_left_home_is_adopted() {
    let f = paths_changed();
    let (home, elsewhere, adopted_home) = f.seen;
    assert!(home, "moved back to {}", f.home.display());
    assert!(!elsewhere, "{} is gone", f.elsewhere.display());
    assert!(adopted_home, "{} adopted", f.adopted_home.display());
    let v = &f.verify;
    assert!(v.is_clean(), "{v:?}");
    assert_eq!(
        v.ok, f.first.files_fetched,
        "the state records where each file is"
    );
}
