//! A library from a listing (`Backup::from_listing`) against the loopback
//! Flickr: an API backup of an account into A; the same list items (the
//! photostream search with the backup's extras, the albums' getList and
//! getPhotos, made here) with A's files copied to a cache under names
//! without extension, as an object store keeps them, into B with no
//! request; A and B the same tree byte for byte, but for what a listing
//! cannot hold (a video's streams in its JSON sidecar) and the viewer's
//! thumbnails (fetched from Flickr in A, made from the files in B). Then
//! a second run that changes nothing, a changed item, and photos whose
//! file is absent, missing or not its format.
//!
//! Each scenario runs once, in order, in a fixture shared by this binary's
//! cases ([`from_api`], [`without_files`]), which records what each run
//! showed; each case checks one run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::SystemTime;

use flickr_backup::{
    Backup, Include, ListedAlbum, ListedPhoto, Listing, LocalFile, Options, Report,
};
use flickr_sdk::types::{Media, Photo, SafeSearch};
use flickr_testkit::mirror::{is_media, tree, Tree};
use flickr_testkit::{AccountSpec, Hosted};
use futures::StreamExt;
use serde_json::Value;

/// An account of photos, videos (every 5th), PNGs and GIFs, in 3 albums.
fn hosted() -> Hosted {
    Hosted::start_with(|b| {
        b.photos(3).account(AccountSpec {
            photos: 24,
            video_every: 5,
            other_format_every: 7,
            albums: 3,
            album_size: 8,
            collections: 0,
            galleries: 0,
            favorites: 0,
            ..AccountSpec::default()
        })
    })
}

/// The photostream's list items as the backup's list stage asks for them.
async fn photostream(client: &flickr_sdk::Client, me: &str) -> Vec<Photo> {
    client
        .photos()
        .search()
        .user_id(me.to_owned())
        .safe_search(SafeSearch::Restricted)
        .media(Media::All)
        .extras(flickr_backup::library::list_extras())
        .per_page(500)
        .walk_by_upload_date()
        .map(|r| r.expect("the photostream lists"))
        .collect()
        .await
}

/// The albums as `getList` gives them, each with its photos in order.
async fn albums(client: &flickr_sdk::Client, me: &str) -> Vec<ListedAlbum> {
    let sets: Vec<_> = client
        .photosets()
        .get_list()
        .user_id(me.to_owned())
        .per_page(500)
        .items()
        .map(|r| r.expect("the albums list"))
        .collect()
        .await;
    let mut out = Vec::new();
    for set in sets {
        let ids: Vec<String> = client
            .photosets()
            .get_photos(set.id.as_str().to_owned(), me.to_owned())
            .per_page(500)
            .items()
            .map(|r| r.expect("an album lists").id.as_str().to_owned())
            .collect()
            .await;
        out.push(ListedAlbum::from_photoset(set, ids));
    }
    out
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// The photos' files of library `a` (by its JSON sidecars), copied to
/// `cache/ID` with no extension: (id → (cached copy, URL it came from)).
fn cache_files(a: &Path, cache: &Path) -> BTreeMap<String, (PathBuf, String)> {
    std::fs::create_dir_all(cache).unwrap();
    let mut out = BTreeMap::new();
    for (rel, bytes) in tree(a) {
        if !(rel.starts_with("photos/") && rel.ends_with(".json")) {
            continue;
        }
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        let id = v["id"].as_str().unwrap().to_owned();
        let file = &v["file"];
        let copy = cache.join(&id);
        std::fs::copy(a.join(file["path"].as_str().unwrap()), &copy).unwrap();
        out.insert(id, (copy, file["url"].as_str().unwrap().to_owned()));
    }
    out
}

/// A's JSON sidecar as a listing can match it: without a video's streams.
fn without_streams(mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        m.remove("streams");
    }
    v
}

/// The media files' modification times of library `root`, by relative path.
fn media_times(root: &Path, t: &Tree) -> BTreeMap<String, SystemTime> {
    t.keys()
        .filter(|k| k.starts_with("photos/") && is_media(k))
        .map(|k| (k.clone(), mtime(&root.join(k))))
        .collect()
}

/// The API backup into A, then three runs from its listing into B: the
/// first, the same listing again, and one with an item changed.
struct FromApi {
    _hosted: &'static Hosted,
    _dir: tempfile::TempDir,
    /// How many list items, and how many files were cached.
    items: usize,
    cached: usize,
    api: Report,
    /// (REST, static) requests before the first listing run, and after it.
    requests: (u64, u64),
    requests_after: (u64, u64),
    /// The REST requests once the changed item had run.
    requests_at_end: u64,
    from_listing: Report,
    /// A and B after the first listing run, and their media files' times.
    ta: Tree,
    tb: Tree,
    times_a: BTreeMap<String, SystemTime>,
    times_b: BTreeMap<String, SystemTime>,
    /// The inodes of a cached copy and of B's file made from it.
    #[cfg(unix)]
    inodes: (u64, u64),
    again: Report,
    edited: Report,
    /// The changed item's JSON sidecar in B after its run.
    edited_sidecar: Value,
}

fn from_api() -> &'static FromApi {
    static FIXTURE: OnceLock<FromApi> = OnceLock::new();
    FIXTURE.get_or_init(back_up_then_list_three_times)
}

fn back_up_then_list_three_times() -> FromApi {
    // Kept for the fixture's life, the binary's.
    let hosted: &'static Hosted = Box::leak(Box::new(hosted()));
    let fake = &hosted.fake;
    let dir = flickr_testkit::fixture_tempdir();
    let (a, b, cache) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("cache"),
    );
    hosted.block_on(async {
        let include = Include::parse("photos,videos,albums").unwrap();
        let api = Backup::new(fake.client(), &a)
            .options(Options::default().include(include))
            .run()
            .await
            .unwrap();

        let me = fake.credentials().user_nsid;
        let c = fake.client();
        let items = photostream(&c, &me).await;
        let albums = albums(&c, &me).await;
        let files = cache_files(&a, &cache);
        let listed = |items: &[Photo]| -> Listing {
            Listing::new(me.clone())
                .photos(items.iter().map(|item| {
                    let (copy, url) = &files[item.id.as_str()];
                    ListedPhoto::new(item.clone()).file(LocalFile::new(copy).url(url.clone()))
                }))
                .albums(albums.clone())
        };

        let requests = (fake.total_requests(), fake.static_requests_total());
        let from_listing = Backup::from_listing(&b, listed(&items))
            .run()
            .await
            .unwrap();
        let requests_after = (fake.total_requests(), fake.static_requests_total());
        let (ta, tb) = (tree(&a), tree(&b));
        let (times_a, times_b) = (media_times(&a, &ta), media_times(&b, &tb));
        #[cfg(unix)]
        let inodes = {
            use std::os::unix::fs::MetadataExt;
            let (id, (copy, _)) = files.iter().next().unwrap();
            let kept = tb
                .keys()
                .find(|k| k.starts_with("photos/") && k.contains(&format!("/{id}.")) && is_media(k))
                .unwrap();
            let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
            (ino(copy), ino(&b.join(kept)))
        };

        let again = Backup::from_listing(&b, listed(&items))
            .run()
            .await
            .unwrap();

        let mut changed = items.clone();
        let p = &mut changed[0];
        p.title = Some("Renamed on Flickr".to_owned());
        p.last_update = p.last_update.map(|t| t + 60);
        let id = p.id.as_str().to_owned();
        let edited = Backup::from_listing(&b, listed(&changed))
            .run()
            .await
            .unwrap();
        let (_, sidecar) = tree(&b)
            .into_iter()
            .find(|(k, _)| k.starts_with("photos/") && k.ends_with(&format!("/{id}.json")))
            .unwrap();

        FromApi {
            items: items.len(),
            cached: files.len(),
            api,
            requests,
            requests_after,
            requests_at_end: fake.total_requests(),
            from_listing,
            ta,
            tb,
            times_a,
            times_b,
            #[cfg(unix)]
            inodes,
            again,
            edited,
            edited_sidecar: serde_json::from_slice(&sidecar).unwrap(),
            _dir: dir,
            _hosted: hosted,
        }
    })
}

#[test]
fn a_listing_copies_what_the_api_backup_fetched_without_a_request() {
    let f = from_api();
    assert!(f.api.failed.is_empty(), "{:?}", f.api.failed);
    assert_eq!(f.cached, f.items);
    assert_eq!(f.requests_after, f.requests, "no request from a listing");
    let r = &f.from_listing;
    assert_eq!(r.total_calls(), 0);
    assert!(r.failed.is_empty(), "{:?}", r.failed);
    assert_eq!(r.files_copied, f.api.files_fetched);
    assert_eq!(r.bytes_copied, f.api.bytes);
    assert_eq!(r.files_fetched, 0);
    assert_eq!(r.album_links, f.api.album_links);
    assert!(r.thumbnails_made > 0);
}

#[test]
fn a_listing_s_library_is_the_api_s_byte_for_byte_but_a_video_s_streams() {
    let (ta, tb) = (&from_api().ta, &from_api().tb);
    assert_eq!(
        ta.keys().collect::<BTreeSet<_>>(),
        tb.keys().collect::<BTreeSet<_>>(),
        "the same files"
    );
    let mut videos = 0;
    for (rel, ba) in ta {
        let bb = &tb[rel];
        if rel.starts_with("photos/") && rel.ends_with(".json") {
            let va: Value = serde_json::from_slice(ba).unwrap();
            if va.get("streams").is_some() {
                videos += 1;
                let vb: Value = serde_json::from_slice(bb).unwrap();
                assert_eq!(without_streams(va), vb, "{rel}");
                continue;
            }
        }
        assert!(ba == bb, "{rel} differs");
    }
    assert!(videos > 0, "the account has videos");
    assert!(ta
        .keys()
        .any(|k| k.starts_with("albums/") && k.contains("/0001-")));
    assert!(ta.contains_key("viewer/data.js"));
}

#[test]
fn a_listing_s_media_files_keep_their_date_taken_and_no_inode_of_the_producer() {
    let f = from_api();
    for (rel, ta) in &f.times_a {
        assert_eq!(
            Some(ta),
            f.times_b.get(rel),
            "{rel}: its time is its date taken"
        );
    }
    // The library shares no inode with the producer's files.
    #[cfg(unix)]
    assert_ne!(f.inodes.0, f.inodes.1);
}

#[test]
fn the_same_listing_again_changes_nothing() {
    let f = from_api();
    let again = &f.again;
    assert_eq!(
        (again.files_copied, again.files_complete),
        (0, f.api.files_fetched)
    );
    assert_eq!(
        (
            again.documents_written,
            again.album_links,
            again.viewer_written
        ),
        (0, 0, 0)
    );
    assert!(again.failed.is_empty());
}

#[test]
fn a_changed_item_has_its_sidecars_rewritten_and_its_file_left_alone() {
    let f = from_api();
    let edited = &f.edited;
    assert_eq!(edited.files_copied, 0);
    assert!(edited.documents_written >= 2, "{edited:?}");
    assert_eq!(f.edited_sidecar["flickr"]["title"], "Renamed on Flickr");
    assert_eq!(f.requests_at_end, f.requests.0);
}

/// A small JPEG by its signature (the format check's view of one).
const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 0xFF, 0xD9,
];

/// Four photos listed with no file, a missing one, one not a JPEG and a
/// good one, run three times (the missing file appears; a complete listing
/// of the good one alone), then a listing of another account.
struct WithoutFiles {
    _hosted: &'static Hosted,
    _dir: tempfile::TempDir,
    items: Vec<Photo>,
    missing: PathBuf,
    not_jpeg: PathBuf,
    /// The REST requests before the first run, after it and after the second.
    requests: u64,
    requests_after: u64,
    requests_after_again: u64,
    first: Report,
    /// After the first run, for each item: its JSON sidecar's id, and
    /// whether its file was there (with the file's path).
    sidecars: Vec<(Value, bool, String)>,
    /// How many entries `albums/` held after the first run.
    album_entries: usize,
    again: Report,
    /// Whether the second item's file was there after the second run.
    appeared: bool,
    complete: Report,
    /// Whether the second item's file stayed after the complete listing,
    /// and its sidecar then.
    kept: bool,
    kept_sidecar: Value,
    other_refused: bool,
}

fn without_files() -> &'static WithoutFiles {
    static FIXTURE: OnceLock<WithoutFiles> = OnceLock::new();
    FIXTURE.get_or_init(list_photos_without_their_files)
}

fn list_photos_without_their_files() -> WithoutFiles {
    // Kept for the fixture's life, the binary's.
    let hosted: &'static Hosted = Box::leak(Box::new(hosted()));
    let fake = &hosted.fake;
    let me = fake.credentials().user_nsid;
    let dir = flickr_testkit::fixture_tempdir();
    let (lib, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    std::fs::create_dir_all(&cache).unwrap();
    let (missing, not_jpeg, good) = (cache.join("gone"), cache.join("html"), cache.join("ok"));
    std::fs::write(&not_jpeg, b"<html>503</html>").unwrap();
    std::fs::write(&good, JPEG).unwrap();
    hosted.block_on(async {
        let items: Vec<Photo> = photostream(&fake.client(), &me)
            .await
            .into_iter()
            .filter(|p| p.media.as_ref().is_none_or(|m| m.as_str() != "video"))
            .take(4)
            .collect();
        let listing = || {
            Listing::new(me.clone())
                .photo(ListedPhoto::new(items[0].clone()))
                .photo(ListedPhoto::new(items[1].clone()).file(LocalFile::new(&missing).ext("jpg")))
                .photo(
                    ListedPhoto::new(items[2].clone()).file(LocalFile::new(&not_jpeg).ext("jpg")),
                )
                .photo(ListedPhoto::new(items[3].clone()).file(LocalFile::new(&good).ext("jpg")))
                .album(ListedAlbum::new(
                    "72157000000000001",
                    "Some",
                    [items[3].id.as_str(), "999"],
                ))
        };
        let requests = fake.total_requests();
        let first = Backup::from_listing(&lib, listing()).run().await.unwrap();
        let requests_after = fake.total_requests();
        let sidecars = items
            .iter()
            .map(|item| {
                let file = flickr_backup::library::photo_file(item, true, "jpg");
                let sidecar = json(&lib.join(flickr_backup::library::json_sidecar(&file)));
                (sidecar["id"].clone(), lib.join(&file).exists(), file)
            })
            .collect();
        let album_entries = std::fs::read_dir(lib.join("albums")).unwrap().count();

        // The missing file appears.
        std::fs::write(&missing, JPEG).unwrap();
        let again = Backup::from_listing(&lib, listing()).run().await.unwrap();
        let appeared = lib
            .join(flickr_backup::library::photo_file(&items[1], true, "jpg"))
            .exists();
        let requests_after_again = fake.total_requests();

        let only = Listing::new(me.clone())
            .photo(ListedPhoto::new(items[3].clone()).file(LocalFile::new(&good).ext("jpg")))
            .complete(true);
        let complete = Backup::from_listing(&lib, only).run().await.unwrap();
        let kept = flickr_backup::library::photo_file(&items[1], true, "jpg");
        let kept_sidecar = json(&lib.join(flickr_backup::library::json_sidecar(&kept)));
        let kept = lib.join(&kept).exists();

        let other = Backup::from_listing(&lib, Listing::new("999@N00"))
            .run()
            .await;

        WithoutFiles {
            items,
            missing,
            not_jpeg,
            requests,
            requests_after,
            requests_after_again,
            first,
            sidecars,
            album_entries,
            again,
            appeared,
            complete,
            kept,
            kept_sidecar,
            other_refused: other.is_err(),
            _dir: dir,
            _hosted: hosted,
        }
    })
}

#[test]
fn photos_without_a_readable_file_are_reported_with_why_and_no_request() {
    let f = without_files();
    assert_eq!(f.requests_after, f.requests);
    assert_eq!(f.first.files_copied, 1);
    let failed: BTreeMap<&str, &str> = f
        .first
        .failed
        .iter()
        .map(|f| (f.photo.as_str(), f.reason.as_str()))
        .collect();
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert!(failed[f.items[0].id.as_str()].contains("no local file"));
    let gone = failed[f.items[1].id.as_str()];
    assert!(
        gone.contains(&f.missing.display().to_string()) && gone.contains("cannot be read"),
        "{gone}"
    );
    let html = failed[f.items[2].id.as_str()];
    assert!(
        html.contains(&f.not_jpeg.display().to_string()) && html.contains("not a .jpg"),
        "{html}"
    );
}

#[test]
fn every_listed_photo_has_its_sidecar_and_only_the_copied_one_its_file() {
    let f = without_files();
    for (i, (item, (id, exists, file))) in f.items.iter().zip(&f.sidecars).enumerate() {
        assert_eq!(*id, item.id.as_str());
        assert_eq!(*exists, i == 3, "{file}");
    }
    assert!(f.album_entries >= 2, "manifest and folder");
}

#[test]
fn a_file_that_appears_is_copied_on_the_next_run_and_only_it() {
    let f = without_files();
    assert_eq!(f.again.files_copied, 1);
    assert_eq!(f.again.failed.len(), 2, "{:?}", f.again.failed);
    assert!(f.appeared);
    assert_eq!(f.requests_after_again, f.requests);
}

#[test]
fn a_complete_listing_flags_what_it_lost_and_another_account_s_listing_is_refused() {
    let f = without_files();
    let complete = &f.complete;
    assert_eq!(complete.deleted_on_flickr, 3, "{complete:?}");
    assert!(complete.complete_listing && complete.failed.is_empty());
    assert!(f.kept);
    assert_eq!(f.kept_sidecar["deleted_on_flickr"], true);
    // A listing of another account over the same library is refused.
    assert!(f.other_refused);
}
