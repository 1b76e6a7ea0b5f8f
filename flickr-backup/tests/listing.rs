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

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use flickr_backup::{Backup, Include, ListedAlbum, ListedPhoto, Listing, LocalFile, Options};
use flickr_sdk::types::{Media, Photo, SafeSearch};
use flickr_testkit::{AccountSpec, FakeFlickr};
use futures::StreamExt;
use serde_json::Value;

/// An account of photos, videos (every 5th), PNGs and GIFs, in 3 albums.
async fn fake() -> FakeFlickr {
    FakeFlickr::builder()
        .photos(3)
        .account(AccountSpec {
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
        .start()
        .await
        .unwrap()
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

/// Every file under `root` but the state directory, by relative path.
fn tree(root: &Path) -> BTreeMap<String, PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if rel == ".flickr-backup" {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(rel.replace('\\', "/"), path);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn mtime(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// The photos' files of library `a` (by its JSON sidecars), copied to
/// `cache/ID` with no extension: (id → (cached copy, URL it came from)).
fn cache_files(a: &Path, cache: &Path) -> BTreeMap<String, (PathBuf, String)> {
    std::fs::create_dir_all(cache).unwrap();
    let mut out = BTreeMap::new();
    for (rel, path) in tree(a) {
        if !(rel.starts_with("photos/") && rel.ends_with(".json")) {
            continue;
        }
        let v = json(&path);
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

#[tokio::test]
async fn a_listing_writes_the_library_an_api_backup_writes() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let (a, b, cache) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("cache"),
    );
    let include = Include::parse("photos,videos,albums").unwrap();
    let api = Backup::new(fake.client(), &a)
        .options(Options::default().include(include))
        .run()
        .await
        .unwrap();
    assert!(api.failed.is_empty(), "{:?}", api.failed);

    let me = fake.credentials().user_nsid;
    let c = fake.client();
    let items = photostream(&c, &me).await;
    let albums = albums(&c, &me).await;
    let files = cache_files(&a, &cache);
    assert_eq!(files.len(), items.len());
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
    assert_eq!(
        (fake.total_requests(), fake.static_requests_total()),
        requests,
        "no request from a listing"
    );
    assert_eq!(from_listing.total_calls(), 0);
    assert!(from_listing.failed.is_empty(), "{:?}", from_listing.failed);
    assert_eq!(from_listing.files_copied, api.files_fetched);
    assert_eq!(from_listing.bytes_copied, api.bytes);
    assert_eq!(from_listing.files_fetched, 0);
    assert_eq!(from_listing.album_links, api.album_links);
    assert!(from_listing.thumbnails_made > 0);

    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(
        ta.keys().collect::<BTreeSet<_>>(),
        tb.keys().collect::<BTreeSet<_>>(),
        "the same files"
    );
    let mut videos = 0;
    for (rel, pa) in &ta {
        let pb = &tb[rel];
        let (ba, bb) = (std::fs::read(pa).unwrap(), std::fs::read(pb).unwrap());
        if rel.starts_with("photos/") && rel.ends_with(".json") {
            let va = json(pa);
            if va.get("streams").is_some() {
                videos += 1;
                assert_eq!(without_streams(va), json(pb), "{rel}");
                continue;
            }
        }
        assert!(ba == bb, "{rel} differs");
        let media = rel.starts_with("photos/") && !rel.ends_with(".json") && !rel.ends_with(".xmp");
        if media {
            assert_eq!(mtime(pa), mtime(pb), "{rel}: its time is its date taken");
        }
    }
    assert!(videos > 0, "the account has videos");
    assert!(ta
        .keys()
        .any(|k| k.starts_with("albums/") && k.contains("/0001-")));
    assert!(ta.contains_key("viewer/data.js"));

    // The library shares no inode with the producer's files.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (id, (copy, _)) = files.iter().next().unwrap();
        let kept = tb
            .iter()
            .find(|(k, _)| {
                k.starts_with("photos/")
                    && k.contains(&format!("/{id}."))
                    && !k.ends_with(".json")
                    && !k.ends_with(".xmp")
            })
            .unwrap()
            .1;
        let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
        assert_ne!(ino(copy), ino(kept));
    }

    // Again: nothing changes.
    let again = Backup::from_listing(&b, listed(&items))
        .run()
        .await
        .unwrap();
    assert_eq!(
        (again.files_copied, again.files_complete),
        (0, api.files_fetched)
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

    // A changed item: its sidecars are rewritten, its file left alone.
    let mut changed = items.clone();
    let p = &mut changed[0];
    p.title = Some("Renamed on Flickr".to_owned());
    p.last_update = p.last_update.map(|t| t + 60);
    let id = p.id.as_str().to_owned();
    let edited = Backup::from_listing(&b, listed(&changed))
        .run()
        .await
        .unwrap();
    assert_eq!(edited.files_copied, 0);
    assert!(edited.documents_written >= 2, "{edited:?}");
    let sidecar = tree(&b)
        .into_iter()
        .find(|(k, _)| k.starts_with("photos/") && k.ends_with(&format!("/{id}.json")))
        .unwrap()
        .1;
    assert_eq!(json(&sidecar)["flickr"]["title"], "Renamed on Flickr");
    assert_eq!(fake.total_requests(), requests.0);
}

/// A small JPEG by its signature (the format check's view of one).
const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 0xFF, 0xD9,
];

#[tokio::test]
async fn photos_without_their_file_keep_their_sidecars_and_are_reported() {
    let fake = fake().await;
    let me = fake.credentials().user_nsid;
    let items: Vec<Photo> = photostream(&fake.client(), &me)
        .await
        .into_iter()
        .filter(|p| p.media.as_ref().is_none_or(|m| m.as_str() != "video"))
        .take(4)
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let (lib, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    std::fs::create_dir_all(&cache).unwrap();
    let (missing, not_jpeg, good) = (cache.join("gone"), cache.join("html"), cache.join("ok"));
    std::fs::write(&not_jpeg, b"<html>503</html>").unwrap();
    std::fs::write(&good, JPEG).unwrap();
    let listing = || {
        Listing::new(me.clone())
            .photo(ListedPhoto::new(items[0].clone()))
            .photo(ListedPhoto::new(items[1].clone()).file(LocalFile::new(&missing).ext("jpg")))
            .photo(ListedPhoto::new(items[2].clone()).file(LocalFile::new(&not_jpeg).ext("jpg")))
            .photo(ListedPhoto::new(items[3].clone()).file(LocalFile::new(&good).ext("jpg")))
            .album(ListedAlbum::new(
                "72157000000000001",
                "Some",
                [items[3].id.as_str(), "999"],
            ))
    };
    let requests = fake.total_requests();
    let report = Backup::from_listing(&lib, listing()).run().await.unwrap();
    assert_eq!(fake.total_requests(), requests);
    assert_eq!(report.files_copied, 1);
    let failed: BTreeMap<&str, &str> = report
        .failed
        .iter()
        .map(|f| (f.photo.as_str(), f.reason.as_str()))
        .collect();
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert!(failed[items[0].id.as_str()].contains("no local file"));
    let gone = failed[items[1].id.as_str()];
    assert!(
        gone.contains(&missing.display().to_string()) && gone.contains("cannot be read"),
        "{gone}"
    );
    let html = failed[items[2].id.as_str()];
    assert!(
        html.contains(&not_jpeg.display().to_string()) && html.contains("not a .jpg"),
        "{html}"
    );
    // Every photo has its JSON sidecar; only the one copied has a file.
    for (i, item) in items.iter().enumerate() {
        let file = flickr_backup::library::photo_file(item, true, "jpg");
        let sidecar = json(&lib.join(flickr_backup::library::json_sidecar(&file)));
        assert_eq!(sidecar["id"], item.id.as_str());
        assert_eq!(lib.join(&file).exists(), i == 3, "{file}");
    }
    assert!(
        std::fs::read_dir(lib.join("albums")).unwrap().count() >= 2,
        "manifest and folder"
    );

    // The missing file appears: the next run copies it, and only it.
    std::fs::write(&missing, JPEG).unwrap();
    let again = Backup::from_listing(&lib, listing()).run().await.unwrap();
    assert_eq!(again.files_copied, 1);
    assert_eq!(again.failed.len(), 2, "{:?}", again.failed);
    assert!(lib
        .join(flickr_backup::library::photo_file(&items[1], true, "jpg"))
        .exists());
    assert_eq!(fake.total_requests(), requests);

    // A complete listing flags what it no longer holds, which stays.
    let only = Listing::new(me.clone())
        .photo(ListedPhoto::new(items[3].clone()).file(LocalFile::new(&good).ext("jpg")))
        .complete(true);
    let complete = Backup::from_listing(&lib, only).run().await.unwrap();
    assert_eq!(complete.deleted_on_flickr, 3, "{complete:?}");
    assert!(complete.complete_listing && complete.failed.is_empty());
    let kept = flickr_backup::library::photo_file(&items[1], true, "jpg");
    assert!(lib.join(&kept).exists());
    let sidecar = json(&lib.join(flickr_backup::library::json_sidecar(&kept)));
    assert_eq!(sidecar["deleted_on_flickr"], true);

    // A listing of another account over the same library is refused.
    let other = Backup::from_listing(&lib, Listing::new("999@N00"))
        .run()
        .await;
    assert!(other.is_err());
}
