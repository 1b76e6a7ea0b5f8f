//! Flickr's export of an account the loopback Flickr serves, read by the
//! real binary: offline it gives the same files as the API backup of the
//! same account; with credentials (`--user me`) it is repaired: only the
//! originals the export lacks are downloaded (the static host's request
//! log says so), the API's newer titles win, the export's own data stays,
//! and a later plain `flickr backup DIR` continues from there fetching
//! nothing.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::mirror::{backup, import_offline, media_ids, server, sidecar, static_by_photo, tree};
use common::{flickr, Server};
use flickr_testkit::{ExportSpec, ALICE, FIRST_ACCOUNT_PHOTO_ID};
use serde_json::Value;

/// The media files of a tree (path → bytes), sidecars, links and viewer aside.
fn media(t: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    t.iter()
        .filter(|(k, _)| k.starts_with("photos/"))
        .filter(|(k, _)| !k.ends_with(".json") && !k.ends_with(".xmp"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Static-host requests per photo made since `before`.
fn fetched_since(server: &Server, before: &BTreeMap<String, u64>) -> BTreeSet<String> {
    static_by_photo(server)
        .into_iter()
        .filter(|(id, n)| before.get(id).copied().unwrap_or(0) < *n)
        .map(|(id, _)| id)
        .collect()
}

/// Flips a byte in the middle of `member`'s data, in whichever zip holds it.
fn damage(zips: &[std::path::PathBuf], member: &str) {
    for z in zips {
        let mut archive = zip::ZipArchive::new(std::fs::File::open(z).unwrap()).unwrap();
        let Ok(m) = archive.by_name(member) else {
            continue;
        };
        let at = m.data_start().unwrap() + m.compressed_size() / 2;
        drop(m);
        let mut bytes = std::fs::read(z).unwrap();
        bytes[at as usize] ^= 0x55;
        std::fs::write(z, bytes).unwrap();
        return;
    }
    panic!("no zip holds {member}");
}

#[test]
fn the_export_offline_equals_the_api_backup_and_a_key_repairs_only_what_it_lacks() {
    let server = server();
    let export = tempfile::tempdir().unwrap();
    let missing: Vec<u64> = [3u64, 9, 17]
        .iter()
        .map(|i| FIRST_ACCOUNT_PHOTO_ID + i)
        .collect();
    let mut spec = ExportSpec::default();
    spec.missing_media = missing.clone();
    spec.per_zip = 25;
    spec.metadata_parts = 2;
    // The real export's quirks that change nothing of the library.
    spec.duplicated = vec![FIRST_ACCOUNT_PHOTO_ID + 1, FIRST_ACCOUNT_PHOTO_ID + 30];
    spec.reuploaded = vec![FIRST_ACCOUNT_PHOTO_ID + 4];
    spec.geo_as_object = true;
    spec.quirky_albums = true;
    spec.photo_albums_filled = true;
    let written = server
        .fake
        .write_export(ALICE, export.path(), &spec)
        .unwrap();
    assert!(written.media_zips.len() >= 2);
    let missing: BTreeSet<String> = missing.iter().map(u64::to_string).collect();
    // One member damaged in its zip: its checksum no longer matches.
    let corrupt = FIRST_ACCOUNT_PHOTO_ID + 7;
    let member = written.media[&corrupt].clone();
    damage(&written.media_zips, &member);

    // Offline: the export's files are the API backup's, but for the missing ones.
    let config = tempfile::tempdir().unwrap();
    let from_export = tempfile::tempdir().unwrap();
    let r = import_offline(config.path(), from_export.path(), export.path(), &[]);
    assert_eq!(r["total_calls"], 0);
    let e = &r["export"];
    let reported: BTreeSet<String> = e["missing_media"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(reported, missing);
    let via_api = tempfile::tempdir().unwrap();
    backup(&server, config.path(), via_api.path(), &[]);
    let (x, a) = (tree(from_export.path()), tree(via_api.path()));
    let mut want = media(&a);
    want.retain(|k, _| !missing.iter().any(|m| k.contains(&format!("/{m}."))));
    want.retain(|k, _| !k.contains(&format!("/{corrupt}.")));
    assert!(
        e["problems"].to_string().contains(&member),
        "the damaged member by name: {}",
        e["problems"]
    );
    assert_eq!(
        media(&x),
        want,
        "the export's files are the API backup's, byte for byte"
    );
    for id in &missing {
        let s = sidecar(from_export.path(), &x, id);
        assert!(s["file"].is_null(), "{id} has its sidecar, without a file");
    }
    assert_eq!(e["duplicates"].as_array().unwrap().len(), 2);
    // Albums: the same albums, each in the same order as the API lists it.
    let albums = |t: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<String>> {
        t.iter()
            .filter(|(k, _)| {
                k.starts_with("albums/") && k.ends_with(".json") && k.matches('/').count() == 1
            })
            .map(|(k, v)| {
                let m: Value = serde_json::from_slice(v).unwrap();
                let ids = m["photos"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["id"].as_str().unwrap().to_owned());
                (k.clone(), ids.collect())
            })
            .collect()
    };
    assert!(!albums(&a).is_empty());
    assert_eq!(albums(&x), albums(&a), "albums.json's order is the API's");
    // Titles, dates, tags and places as the API gives them.
    let mut geotagged = 0;
    for id in media_ids(&x) {
        let from_x = sidecar(from_export.path(), &x, &id);
        let from_a = sidecar(via_api.path(), &a, &id);
        for key in ["title", "datetaken", "tags", "media"] {
            assert_eq!(from_x["flickr"][key], from_a["flickr"][key], "{id} {key}");
        }
        let lat = from_a["flickr"]["latitude"].as_f64().unwrap_or(0.0);
        if lat != 0.0 {
            geotagged += 1;
            for key in ["latitude", "longitude"] {
                let (ex, api) = (
                    from_x["flickr"][key].as_f64().unwrap(),
                    from_a["flickr"][key].as_f64().unwrap(),
                );
                assert!(
                    (ex - api).abs() < 1e-6,
                    "{id} {key}: {ex} from the export, {api} from the API"
                );
            }
        }
    }
    assert!(geotagged > 0);

    // Titles edited on Flickr since the export: the API's win.
    let edited = FIRST_ACCOUNT_PHOTO_ID + 5;
    assert!(server.fake.edit_photo(edited, "Edited after the export"));

    // Repair with credentials: only the missing originals are downloaded.
    let before = static_by_photo(&server);
    let repaired = tempfile::tempdir().unwrap();
    let r = backup(
        &server,
        config.path(),
        repaired.path(),
        &[
            "--from-export",
            export.path().to_str().unwrap(),
            "--user",
            "me",
        ],
    );
    // Favorites' and galleries' photos by other members are not in the
    // member's export: those and the missing ones are all that is fetched.
    let others: BTreeSet<String> = media_ids(
        &a.iter()
            .filter(|(k, _)| k.starts_with("others/"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    );
    assert!(!others.is_empty());
    let mut want: BTreeSet<String> = missing.union(&others).cloned().collect();
    // The damaged member is downloaded instead.
    want.insert(corrupt.to_string());
    assert_eq!(
        fetched_since(&server, &before),
        want,
        "only what the export lacks"
    );
    assert_eq!(r["files_fetched"].as_u64(), Some(want.len() as u64));
    assert!(r["export"]["files_copied"].as_u64().unwrap() > 40);
    let t = tree(repaired.path());
    assert_eq!(
        media_ids(&t),
        media_ids(&a),
        "every file, as the API backup has them"
    );
    // The edit moved nothing: the same bytes at the same paths.
    assert_eq!(media(&t), media(&a));
    let s = sidecar(repaired.path(), &t, &edited.to_string());
    assert_eq!(
        s["flickr"]["title"], "Edited after the export",
        "the API's title wins"
    );
    assert!(s["export"].is_object(), "the export's record is kept");
    assert!(t.contains_key("export/account_profile.json"));

    // A later plain backup continues from there: nothing fetched again.
    let before = static_by_photo(&server);
    let r = backup(&server, config.path(), repaired.path(), &[]);
    assert_eq!(r["files_fetched"], 0, "{r}");
    assert!(fetched_since(&server, &before).is_empty());
    // And `verify` agrees.
    flickr(config.path())
        .arg("backup")
        .arg("verify")
        .arg(repaired.path())
        .assert()
        .success();
}
