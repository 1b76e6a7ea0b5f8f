//! The backup through the library against the loopback Flickr (REST and
//! static hosts over HTTP), with an account of photos, videos, PNG/GIF
//! originals, albums, a nested collection, galleries and favorites,
//! including a free account's photos (no original listed): a full mirror,
//! then an incremental run after adds, edits, replaces and deletes, and a
//! third run with nothing to do (the steps in [`fixture`]); injected faults
//! ([`faults`]), `verify` ([`verify`]) and the size kept ([`sizes`]).

#[path = "../common/mod.rs"]
mod common;
mod faults;
mod fixture;
mod sizes;
mod verify;

use std::collections::BTreeSet;

use fixture::{first, id_of, is_thumbnail, second, sidecar, third, world};
use serde_json::Value;

#[test]
fn the_dry_run_writes_nothing_and_counts_what_the_run_costs() {
    let f = first();
    assert!(f.planned_tree.is_empty(), "a dry run writes nothing");
    let listing: u64 = f.plan.api_calls.values().sum();
    assert_eq!(f.planning, listing);
    assert_eq!(
        f.plan.total_calls(),
        f.made,
        "dry run {:?}\nreal {:?}",
        f.plan,
        f.report
    );
    assert_eq!(f.report.total_calls(), f.made);
    assert_eq!(f.plan.files_fetched, f.report.files_fetched);
}

#[test]
fn every_own_file_once_as_the_static_host_serves_it() {
    let (f, t) = (first(), &first().tree);
    for id in &f.own {
        let s = sidecar(t, &id.to_string());
        let file = &s["file"];
        let url = file["url"].as_str().unwrap();
        let path = file["path"].as_str().unwrap();
        let served = f.served.get(url).expect("a URL the API listed");
        assert_eq!(&t[path], served, "{path} is what the static host serves");
        assert_eq!(file["bytes"].as_u64().unwrap(), served.len() as u64);
        if f.media[id] == "video" {
            assert_eq!(file["size_variant"], "orig");
            assert_eq!(&t[path][4..8], b"ftyp");
            assert!(s["streams"].as_array().is_some_and(|a| !a.is_empty()));
        } else {
            assert_eq!(
                file["size_variant"], "o",
                "the original of alice's photo {id}"
            );
        }
        assert!(path.starts_with("photos/"), "{path}");
    }
    let exts: BTreeSet<&str> = t.keys().filter_map(|k| k.rsplit('.').next()).collect();
    for ext in ["jpg", "png", "gif", "mp4", "json"] {
        assert!(exts.contains(ext), "{ext} in {exts:?}");
    }
}

#[test]
fn each_file_and_viewer_thumbnail_is_fetched_once() {
    let (f, r) = (first(), &first().report);
    assert_eq!(
        f.static_total,
        r.files_fetched + r.thumbnails_fetched,
        "each file and viewer thumbnail fetched once"
    );
    let thumbnail_requests: u64 = f
        .static_requests
        .iter()
        .filter(|(p, _)| is_thumbnail(p))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(
        thumbnail_requests, r.thumbnails_fetched,
        "a thumbnail is a 150 px square"
    );
}

#[test]
fn one_stream_call_per_video_and_no_per_photo_call() {
    let calls = &first().report.api_calls;
    assert!(!calls.contains_key("flickr.photos.getInfo"));
    assert!(!calls.contains_key("flickr.photos.getSizes"));
    assert_eq!(
        calls.get("flickr.video.getStreamInfo"),
        Some(&6),
        "one call per video only"
    );
}

/// Carol's, in favorites and galleries: the largest listed size, and no
/// original URL was ever asked for.
#[test]
fn a_free_accounts_photos_get_their_largest_listed_size() {
    let (f, t) = (first(), &first().tree);
    let carol = flickr_testkit::CAROL;
    let carols: Vec<&String> = t
        .keys()
        .filter(|k| k.starts_with(&format!("others/{carol}/")) && !k.ends_with(".json"))
        .collect();
    assert!(!carols.is_empty());
    for k in &carols {
        assert_eq!(sidecar(t, id_of(k))["file"]["size_variant"], "l", "{k}");
    }
    let carol_ids: BTreeSet<&str> = carols.iter().map(|k| id_of(k)).collect();
    for path in f.static_requests.keys() {
        let id = path.rsplit('/').next().unwrap().split('_').next().unwrap();
        assert!(!(carol_ids.contains(id) && path.contains("_o.")), "{path}");
    }
}

#[test]
fn albums_the_nested_collection_galleries_and_favorites_have_manifests() {
    let (f, t) = (first(), &first().tree);
    let albums = t
        .keys()
        .filter(|k| k.starts_with("albums/") && k.ends_with(".json"));
    assert_eq!(albums.count(), 3 + 1);
    let collections: Value = serde_json::from_slice(&t["collections.json"]).unwrap();
    let top = &collections["collection"][0];
    assert_eq!(top["collection"][0]["title"], "Nested");
    assert!(top["set"][0]["manifest"]
        .as_str()
        .unwrap()
        .starts_with("albums/"));
    assert_eq!(t.keys().filter(|k| k.starts_with("galleries/")).count(), 2);
    let faves: Value = serde_json::from_slice(&t["favorites.json"]).unwrap();
    let faves = faves["photos"].as_array().unwrap();
    assert_eq!(faves.len(), f.favorites);
    for fave in faves {
        assert!(t.contains_key(fave["file"].as_str().unwrap()));
    }
}

/// Every entry of the album and collection folders is a hard link to the
/// file of the same name (less its `NNNN-` position) under photos/ or others/.
#[cfg(unix)]
#[test]
fn album_folder_entries_are_hard_links_to_the_files() {
    let links = &first().links;
    assert!(!links.is_empty());
    for l in links {
        assert!(l.is_file, "{} is a hard link, not a symlink", l.path);
        assert_eq!(Some(l.inode), l.target, "{} links its file", l.path);
    }
}

#[test]
fn the_incremental_dry_run_counts_what_the_run_costs() {
    let s = second();
    assert!(s.planning > 0, "the dry run made its listing calls");
    assert_eq!(
        s.plan.total_calls(),
        s.made,
        "incremental dry run {:?}\nreal {:?}",
        s.plan,
        s.report
    );
}

#[test]
fn an_incremental_run_fetches_only_the_added_and_the_replaced() {
    let s = second();
    assert_eq!(
        s.report.files_fetched, 3,
        "2 added and 1 replaced: {:?}",
        s.report
    );
    assert_eq!(s.report.deleted_on_flickr, 1);
    for (id, n) in &s.after {
        let was = s.before.get(id).copied().unwrap_or(0);
        let expected_new =
            s.added.iter().any(|a| a.to_string() == *id) || *id == s.replaced.to_string();
        assert_eq!(*n > was, expected_new, "photo {id}: {was} → {n}");
    }
}

#[test]
fn added_and_edited_photos_have_their_titles_and_a_replaced_one_its_new_file() {
    let (s, t) = (second(), &second().tree);
    for id in &s.added {
        let title = sidecar(t, &id.to_string())["flickr"]["title"].clone();
        assert!(title.as_str().unwrap().starts_with("Added"), "{title}");
    }
    assert_eq!(
        sidecar(t, &s.edited.to_string())["flickr"]["title"],
        "Renamed"
    );
    let r = sidecar(t, &s.replaced.to_string());
    let served = world()
        .fake
        .static_file(r["file"]["url"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        t[r["file"]["path"].as_str().unwrap()],
        served.bytes,
        "the new file"
    );
}

#[test]
fn a_photo_deleted_on_flickr_is_flagged_kept_and_out_of_its_album() {
    let (s, t) = (second(), &second().tree);
    let d = sidecar(t, &s.deleted.to_string());
    assert_eq!(d["deleted_on_flickr"], true);
    assert!(
        t.contains_key(d["file"]["path"].as_str().unwrap()),
        "kept locally"
    );
    let album_id = flickr_testkit::FIRST_ACCOUNT_ALBUM_ID;
    let album: Value = serde_json::from_slice(&t[&format!("albums/{album_id}.json")]).unwrap();
    let deleted = s.deleted.to_string();
    assert!(
        album["photos"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["id"].as_str() != Some(deleted.as_str())),
        "Flickr's album no longer lists it"
    );
}

#[test]
fn a_third_run_has_nothing_to_do() {
    let t = third();
    assert_eq!(t.report.files_fetched, 0);
    assert_eq!(t.report.documents_written, 0);
    assert_eq!(t.tree, second().tree);
}
