//! `flickr backup` end to end: the real binary against the loopback Flickr
//! (REST and static hosts over HTTP), with an account of photos, videos,
//! PNG/GIF originals, albums, a nested collection, galleries and favorites,
//! including a free account's photos (no original listed).

mod common;

use std::collections::BTreeSet;

#[cfg(unix)]
use common::mirror::assert_album_entries_are_hard_links;
use common::mirror::{backup, is_thumbnail, media_ids, server, sidecar, static_by_photo, tree};
use common::{flickr_authed, Server};
use flickr_testkit::STATIC_TARGET;
use flickr_testkit::{AccountSpec, Fault};
use serde_json::Value;

#[test]
fn full_backup_then_an_incremental_run_after_adds_edits_replaces_and_deletes() {
    let server = server();
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let me = server.fake.credentials().user_nsid;

    // The dry run's count is what the backup then makes.
    let before = server.fake.total_requests();
    let plan = backup(&server, config.path(), dir.path(), &["--dry-run"]);
    assert!(tree(dir.path()).is_empty(), "a dry run writes nothing");
    let planning = server.fake.total_requests() - before;
    assert_eq!(
        planning,
        plan["api_calls"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum::<u64>()
    );
    let before = server.fake.total_requests();
    let report = backup(&server, config.path(), dir.path(), &[]);
    let made = server.fake.total_requests() - before;
    assert_eq!(
        plan["total_calls"].as_u64().unwrap(),
        made,
        "dry run {plan}\nreal {report}"
    );
    assert_eq!(report["total_calls"].as_u64().unwrap(), made);
    assert_eq!(plan["files_fetched"], report["files_fetched"]);

    // Everything is there, once.
    let t = tree(dir.path());
    let own = server.fake.photos_of(&me);
    for id in &own {
        let s = sidecar(dir.path(), &t, &id.to_string());
        let file = &s["file"];
        let url = file["url"].as_str().unwrap();
        let path = file["path"].as_str().unwrap();
        let served = server.fake.static_file(url).expect("a URL the API listed");
        assert_eq!(
            t[path], served.bytes,
            "{path} is what the static host serves"
        );
        assert_eq!(file["bytes"].as_u64().unwrap(), served.bytes.len() as u64);
        let media = server.fake.photo(*id).unwrap().media;
        if media == "video" {
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
    let files = report["files_fetched"].as_u64().unwrap();
    let thumbnails = report["thumbnails_fetched"].as_u64().unwrap();
    assert_eq!(
        server.fake.static_requests_total(),
        files + thumbnails,
        "each file and viewer thumbnail fetched once"
    );
    let thumbnail_requests: u64 = server
        .fake
        .static_requests()
        .iter()
        .filter(|(p, _)| is_thumbnail(p))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(
        thumbnail_requests, thumbnails,
        "a thumbnail is a 150 px square"
    );
    assert!(report["api_calls"].get("flickr.photos.getInfo").is_none());
    assert!(report["api_calls"].get("flickr.photos.getSizes").is_none());
    assert_eq!(
        report["api_calls"]["flickr.video.getStreamInfo"], 6,
        "one call per video only"
    );

    // A free account's photos (carol's, in favorites and galleries): the
    // largest listed size, and no original URL was ever asked for.
    let carol = flickr_testkit::CAROL;
    let carols: Vec<&String> = t
        .keys()
        .filter(|k| k.starts_with(&format!("others/{carol}/")) && !k.ends_with(".json"))
        .collect();
    assert!(!carols.is_empty());
    for k in &carols {
        let id = k.rsplit('/').next().unwrap().split('.').next().unwrap();
        assert_eq!(
            sidecar(dir.path(), &t, id)["file"]["size_variant"],
            "l",
            "{k}"
        );
    }
    let carol_ids: BTreeSet<&str> = carols
        .iter()
        .map(|k| k.rsplit('/').next().unwrap().split('.').next().unwrap())
        .collect();
    for path in server.fake.static_requests().keys() {
        let id = path.rsplit('/').next().unwrap().split('_').next().unwrap();
        assert!(!(carol_ids.contains(id) && path.contains("_o.")), "{path}");
    }

    // Manifests: albums, the nested collection, galleries, favorites.
    let albums: Vec<&String> = t
        .keys()
        .filter(|k| k.starts_with("albums/") && k.ends_with(".json"))
        .collect();
    assert_eq!(albums.len(), 3 + 1);
    #[cfg(unix)]
    assert!(assert_album_entries_are_hard_links(dir.path()) > 0);
    let collections: Value = serde_json::from_slice(&t["collections.json"]).unwrap();
    assert_eq!(
        collections["collection"][0]["collection"][0]["title"],
        "Nested"
    );
    assert!(collections["collection"][0]["set"][0]["manifest"]
        .as_str()
        .unwrap()
        .starts_with("albums/"));
    assert_eq!(t.keys().filter(|k| k.starts_with("galleries/")).count(), 2);
    let faves: Value = serde_json::from_slice(&t["favorites.json"]).unwrap();
    assert_eq!(
        faves["photos"].as_array().unwrap().len(),
        server.fake.favorites(&me).len()
    );
    for f in faves["photos"].as_array().unwrap() {
        assert!(t.contains_key(f["file"].as_str().unwrap()));
    }

    // Edits on Flickr between runs.
    let added = server.fake.add_account_photos(2);
    let (edited, replaced) = (own[10], own[11]);
    // A photo in the first album: its manifest flags it.
    let album_id = flickr_testkit::FIRST_ACCOUNT_ALBUM_ID;
    let deleted = server.fake.photoset(album_id).unwrap().photos[1];
    assert!(server.fake.edit_photo(edited, "Renamed"));
    assert!(server.fake.replace_photo_file(replaced));
    assert!(server.fake.delete_photo(deleted));
    let counts_before = static_by_photo(&server);

    let before = server.fake.total_requests();
    let plan = backup(&server, config.path(), dir.path(), &["--dry-run"]);
    let before_real = server.fake.total_requests();
    let report = backup(&server, config.path(), dir.path(), &[]);
    assert_eq!(
        plan["total_calls"].as_u64().unwrap(),
        server.fake.total_requests() - before_real,
        "incremental dry run {plan}\nreal {report}"
    );
    assert!(before_real > before);
    assert_eq!(
        report["files_fetched"], 3,
        "2 added and 1 replaced: {report}"
    );
    assert_eq!(report["deleted_on_flickr"], 1);
    let counts_after = static_by_photo(&server);
    for (id, n) in &counts_after {
        let was = counts_before.get(id).copied().unwrap_or(0);
        let expected_new =
            added.iter().any(|a| a.to_string() == *id) || *id == replaced.to_string();
        assert_eq!(*n > was, expected_new, "photo {id}: {was} → {n}");
    }
    let t2 = tree(dir.path());
    for id in &added {
        let title = sidecar(dir.path(), &t2, &id.to_string())["flickr"]["title"].clone();
        assert!(title.as_str().unwrap().starts_with("Added"), "{title}");
    }
    assert_eq!(
        sidecar(dir.path(), &t2, &edited.to_string())["flickr"]["title"],
        "Renamed"
    );
    let r = sidecar(dir.path(), &t2, &replaced.to_string());
    let served = server
        .fake
        .static_file(r["file"]["url"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        t2[r["file"]["path"].as_str().unwrap()],
        served.bytes,
        "the new file"
    );
    let d = sidecar(dir.path(), &t2, &deleted.to_string());
    assert_eq!(d["deleted_on_flickr"], true);
    assert!(
        t2.contains_key(d["file"]["path"].as_str().unwrap()),
        "kept locally"
    );
    let album: Value = serde_json::from_slice(&t2[&format!("albums/{album_id}.json")]).unwrap();
    assert!(
        album["photos"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["id"].as_str() != Some(deleted.to_string().as_str())),
        "Flickr's album no longer lists it"
    );

    // And a third run has nothing to do.
    let report = backup(&server, config.path(), dir.path(), &[]);
    assert_eq!(report["files_fetched"], 0);
    assert_eq!(report["documents_written"], 0);
    assert_eq!(tree(dir.path()), t2);
}

#[test]
fn five_percent_faults_on_api_and_static_host_lose_nothing() {
    // Thirty albums: enough API calls for a 5 % rate to hit some.
    let server = Server::start_with(|b| {
        b.photos(30).account(AccountSpec {
            albums: 30,
            album_size: 4,
            ..AccountSpec::default()
        })
    });
    let config = tempfile::tempdir().unwrap();
    let clean = tempfile::tempdir().unwrap();
    let clean_report = backup(&server, config.path(), clean.path(), &[]);
    let clean_calls = clean_report["total_calls"].as_u64().unwrap();
    assert!(clean_calls >= 40, "{clean_report}");
    let static_before = server.fake.static_requests_total();
    let api_before = server.fake.total_requests();

    server.fake.inject_every(
        "*",
        20,
        vec![Fault::Status(500), Fault::unavailable(), Fault::Status(502)],
    );
    server.fake.inject_every(
        STATIC_TARGET,
        20,
        vec![
            Fault::Status(503),
            Fault::Truncate,
            Fault::RateLimited { retry_after: 0 },
            Fault::Drop,
            Fault::Status(500),
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let report = backup(&server, config.path(), dir.path(), &[]);
    server.fake.clear_faults();
    assert!(report["failed"].as_array().unwrap().is_empty(), "{report}");
    let files = report["files_fetched"].as_u64().unwrap();
    let requests = server.fake.static_requests_total() - static_before;
    assert!(
        requests > files,
        "faults were hit: {requests} requests for {files} files"
    );
    let api = server.fake.total_requests() - api_before;
    assert!(
        api > clean_calls,
        "API faults were hit and retried: {api} requests for {clean_calls} calls"
    );
    assert_eq!(
        report["total_calls"].as_u64().unwrap(),
        api,
        "retries are counted as requests"
    );
    assert_eq!(
        tree(dir.path()),
        tree(clean.path()),
        "nothing lost, nothing different"
    );
}

#[test]
fn verify_detects_a_truncated_a_changed_and_a_missing_file_and_the_next_run_repairs_them() {
    let server = server();
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    backup(&server, config.path(), dir.path(), &[]);
    let t = tree(dir.path());
    let media: Vec<&String> = t
        .keys()
        .filter(|k| k.starts_with("photos/") && k.ends_with(".jpg"))
        .collect();
    let (truncated, changed, missing) = (media[0], media[1], media[2]);
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.path().join(truncated))
        .unwrap();
    f.set_len(t[truncated].len() as u64 / 2).unwrap();
    drop(f);
    let mut bytes = t[changed].clone();
    bytes[100] ^= 0xFF;
    std::fs::write(dir.path().join(changed), &bytes).unwrap();
    std::fs::remove_file(dir.path().join(missing)).unwrap();

    let out = flickr_authed(&server, config.path())
        .args(["backup", "verify"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("changed  {truncated}")) && text.contains("size"),
        "{text}"
    );
    assert!(
        text.contains(&format!("changed  {changed}")) && text.contains("SHA-256"),
        "{text}"
    );
    assert!(text.contains(&format!("missing  {missing}")), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 missing and 2 changed"));

    let report = backup(&server, config.path(), dir.path(), &[]);
    assert_eq!(report["files_fetched"], 3);
    assert_eq!(tree(dir.path()), t);
    flickr_authed(&server, config.path())
        .args(["backup", "verify", "--json"])
        .arg(dir.path())
        .assert()
        .success();
}

#[test]
fn a_free_account_gets_its_largest_listed_size_and_size_picks_one() {
    let server = server();
    let config = tempfile::tempdir().unwrap();
    // Carol's photostream, named by its URL (a path alias: one
    // flickr.urls.lookupUser): a free account, no original listed.
    let carol = flickr_testkit::CAROL;
    let dir = tempfile::tempdir().unwrap();
    let report = backup(
        &server,
        config.path(),
        dir.path(),
        &[
            "--user",
            "https://www.flickr.com/photos/carol/",
            "--include",
            "photos",
        ],
    );
    assert_eq!(report["user"], carol);
    assert_eq!(server.fake.requests("flickr.urls.lookupUser"), 1);
    let t = tree(dir.path());
    let ids = media_ids(&t);
    assert_eq!(ids.len(), server.fake.photos_of(carol).len());
    for id in &ids {
        let s = sidecar(dir.path(), &t, id);
        assert_eq!(s["file"]["size_variant"], "l", "photo {id}");
        // Her account is the one mirrored: her photos go by date taken.
        assert!(s["file"]["path"].as_str().unwrap().starts_with("photos/"));
    }
    assert!(
        server
            .fake
            .static_requests()
            .keys()
            .all(|p| !p.contains("_o.")),
        "no original URL was built by hand"
    );

    // --size z: that size for every photo of alice's.
    let dir = tempfile::tempdir().unwrap();
    backup(
        &server,
        config.path(),
        dir.path(),
        &["--size", "z", "--include", "photos"],
    );
    let t = tree(dir.path());
    let ids = media_ids(&t);
    assert!(!ids.is_empty());
    for id in &ids {
        assert_eq!(
            sidecar(dir.path(), &t, id)["file"]["size_variant"],
            "z",
            "photo {id}"
        );
    }
}
