//! `flickr backup` as a photo library: an XMP sidecar beside every photo
//! and video, read back by an independent reader (exiftool), file dates
//! equal to dates taken, capped sizes said and healed, `--include
//! info,people,contexts`, and an incremental run that changes exactly the
//! affected files.
//!
//! exiftool is Debian's `libimage-exiftool-perl`; `scripts/test.sh`
//! installs it and sets `FLICKR_REQUIRE_EXIFTOOL=1`, so a missing exiftool
//! fails there instead of skipping.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Command as StdCommand;

use common::mirror::{backup, backup_env, sidecar, tree};
use common::{flickr_authed, Server};
use flickr_sdk::types::License;
use flickr_sdk::Open;
use flickr_testkit::{AccountSpec, ALICE, CAROL, FIRST_ACCOUNT_ALBUM_ID, FIRST_ACCOUNT_PHOTO_ID};
use serde_json::Value;

fn server() -> Server {
    Server::start_with(|b| b.photos(30).account(AccountSpec::default()))
}

/// Whether exiftool is here; with `FLICKR_REQUIRE_EXIFTOOL=1`, a failure when not.
fn have_exiftool() -> bool {
    let ok = StdCommand::new("exiftool")
        .arg("-ver")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("FLICKR_REQUIRE_EXIFTOOL").as_deref() != Ok("1"),
            "exiftool is required (FLICKR_REQUIRE_EXIFTOOL=1): install Debian's libimage-exiftool-perl"
        );
        eprintln!("skipped: exiftool is not installed");
    }
    ok
}

/// exiftool's JSON for files under `dir` with extension `ext`, by path
/// relative to `dir`; `args` go before the directory.
fn exiftool(dir: &Path, ext: &str, args: &[&str], tz: &str) -> BTreeMap<String, Value> {
    let out = StdCommand::new("exiftool")
        .args(["-j", "-r", "-ext", ext])
        .args(args)
        .arg(dir)
        .env("TZ", tz)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let prefix = format!("{}/", dir.display());
    all.into_iter()
        .map(|v| {
            let src = v["SourceFile"].as_str().unwrap();
            (src.strip_prefix(&prefix).unwrap_or(src).to_owned(), v)
        })
        .collect()
}

/// Every XMP sidecar under `dir` as exiftool reads it (`-G1 -a -n`), by
/// the path of its media file.
fn xmp_of(dir: &Path) -> BTreeMap<String, Value> {
    exiftool(dir, "xmp", &["-G1", "-a", "-n"], "UTC")
        .into_iter()
        .map(|(k, v)| (k.strip_suffix(".xmp").unwrap().to_owned(), v))
        .collect()
}

/// A value as text (exiftool writes numbers as numbers with `-n`).
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list value (exiftool writes a one-item list as the item).
fn list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(text).collect(),
        other => text(other).into_iter().collect(),
    }
}

fn is_media(path: &str) -> bool {
    (path.starts_with("photos/") || path.starts_with("others/"))
        && !path.ends_with(".json")
        && !path.ends_with(".xmp")
}

/// Photo id of a mirror path.
fn id_of(path: &str) -> u64 {
    let name = path.rsplit('/').next().unwrap();
    name.split('.').next().unwrap().parse().unwrap()
}

#[test]
fn every_media_file_has_an_xmp_sidecar_that_exiftool_reads_back_and_its_date() {
    if !have_exiftool() {
        return;
    }
    let server = server();
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Dates taken are read as local time: the run's zone is Tokyo's.
    let report = backup_env(
        &server,
        config.path(),
        dir.path(),
        &[],
        &[("TZ", "Asia/Tokyo")],
    );
    let t = tree(dir.path());
    let media: Vec<&String> = t.keys().filter(|k| is_media(k)).collect();
    for m in &media {
        assert!(
            t.contains_key(&format!("{m}.xmp")),
            "no XMP sidecar beside {m}"
        );
    }
    assert_eq!(
        t.keys()
            .filter(|k| k.ends_with(".xmp") && is_media(k.trim_end_matches(".xmp")))
            .count(),
        media.len(),
        "one XMP per media file (album folders hold links to them)"
    );
    let xmp = xmp_of(dir.path());
    let mtimes = exiftool(
        dir.path(),
        "jpg",
        &[
            "-ext",
            "png",
            "-ext",
            "gif",
            "-ext",
            "mp4",
            "-d",
            "%Y-%m-%d %H:%M:%S",
            "-FileModifyDate",
        ],
        "Asia/Tokyo",
    );
    let albums: Vec<_> = (0..3)
        .filter_map(|a| server.fake.photoset(FIRST_ACCOUNT_ALBUM_ID + a))
        .collect();
    let mut seen = BTreeSet::new();
    for m in &media {
        let id = id_of(m);
        let p = server.fake.photo(id).unwrap();
        let x = &xmp[m.as_str()];
        let owner = server.fake.user(&p.owner).unwrap();
        // Flickr's titles can carry HTML entities; photo tools show the characters.
        let title = p.title.replace("&amp;", "&");
        assert_eq!(text(&x["XMP-dc:Title"]).unwrap_or_default(), title, "{m}");
        let description = if p.description.contains('<') {
            "Bold start\nline two, a link (https://example.org/?a=1&b=2)".to_owned()
        } else {
            p.description.clone()
        };
        assert_eq!(text(&x["XMP-dc:Description"]).unwrap(), description, "{m}");
        assert_eq!(list(&x["XMP-dc:Subject"]), p.clean_tags(), "{m}");
        assert_eq!(
            list(&x["XMP-dc:Creator"]),
            vec![owner.username.clone()],
            "{m}"
        );
        let license = serde_json::from_value::<Open<License>>(p.license.into())
            .unwrap()
            .known()
            .unwrap();
        assert_eq!(text(&x["XMP-dc:Rights"]).unwrap(), license.name(), "{m}");
        assert_eq!(
            text(&x["XMP-xmpRights:WebStatement"]).unwrap(),
            license.url()
        );
        assert_eq!(
            text(&x["XMP-cc:License"]),
            license
                .is_creative_commons()
                .then(|| license.url().to_owned()),
            "{m}"
        );
        assert_eq!(
            text(&x["XMP-dc:Source"]).unwrap(),
            format!("https://www.flickr.com/photos/{}/{id}/", owner.path_alias)
        );
        assert_eq!(text(&x["XMP-flickr:Id"]).unwrap(), id.to_string());
        // The date taken at its granularity, and nothing when unknown.
        let (date, time) = p.date_taken.split_once(' ').unwrap();
        let exif_date = date.replace('-', ":");
        let want = match (p.more.date_taken_unknown, p.more.date_taken_granularity) {
            (true, _) => None,
            (false, 0) => Some(format!("{exif_date} {time}")),
            (false, 4) => Some(exif_date[..7].to_owned()),
            (false, _) => Some(exif_date[..4].to_owned()),
        };
        assert_eq!(text(&x["XMP-exif:DateTimeOriginal"]), want, "{m}");
        assert_eq!(text(&x["XMP-photoshop:DateCreated"]), want, "{m}");
        // A place exactly when geotagged (never 0,0).
        match p.geo {
            Some((lat, lon, _)) => {
                let got = |k: &str| x[k].as_f64().unwrap();
                assert!((got("XMP-exif:GPSLatitude") - lat).abs() < 1e-6, "{m}");
                assert!((got("XMP-exif:GPSLongitude") - lon).abs() < 1e-6, "{m}");
            }
            None => assert!(x.get("XMP-exif:GPSLatitude").is_none(), "{m}: {x}"),
        }
        // Albums and favorites as hierarchical keywords.
        let hier = list(&x["XMP-lr:HierarchicalSubject"]);
        let tags = list(&x["XMP-digiKam:TagsList"]);
        for a in albums.iter().filter(|a| a.photos.contains(&id)) {
            assert!(
                hier.contains(&format!("Flickr|Albums|{}", a.title)),
                "{m}: {hier:?}"
            );
            assert!(
                tags.contains(&format!("Flickr/Albums/{}", a.title)),
                "{m}: {tags:?}"
            );
        }
        let faved = server.fake.favorites(ALICE).contains(&id);
        assert_eq!(hier.contains(&"Flickr|Favorites".to_owned()), faved, "{m}");
        // A free account's file says which size it is and why.
        let capped = text(&x["XMP-flickr:SizeKept"]);
        assert_eq!(capped.as_deref(), (p.owner == CAROL).then_some("l"), "{m}");
        // The file's date: the date taken as local time, else the upload date.
        if p.more.date_taken_unknown {
            let meta = std::fs::metadata(dir.path().join(m)).unwrap();
            assert_eq!(meta.mtime(), p.date_upload, "{m}");
        } else {
            assert_eq!(
                text(&mtimes[m.as_str()]["FileModifyDate"]).unwrap(),
                p.date_taken,
                "{m}"
            );
        }
        seen.insert(
            match (p.more.date_taken_unknown, p.more.date_taken_granularity) {
                (true, _) => "unknown date",
                (false, 4) => "month",
                (false, 6) => "year",
                (false, 8) => "circa",
                _ => "full date",
            },
        );
        seen.insert(if p.geo.is_some() {
            "geotagged"
        } else {
            "no place"
        });
        seen.insert(if p.media == "video" { "video" } else { "photo" });
        if license.is_creative_commons() {
            seen.insert("cc");
        }
        if faved {
            seen.insert("favorite");
        }
    }
    let expected = [
        "unknown date",
        "month",
        "year",
        "circa",
        "full date",
        "geotagged",
        "no place",
        "video",
        "photo",
        "cc",
        "favorite",
    ];
    assert_eq!(
        seen,
        expected.into_iter().collect(),
        "every case is covered"
    );
    // The hard title, read back exactly.
    let hard = &xmp[&sidecar(dir.path(), &t, &FIRST_ACCOUNT_PHOTO_ID.to_string())["file"]["path"]
        .as_str()
        .unwrap()
        .to_owned()];
    assert_eq!(hard["XMP-dc:Title"], "Sunset <at> \"Café\" & friends 🌅");
    // The report and the JSON sidecar say which files are not originals, and why.
    let not_original = report["not_original"].as_array().unwrap();
    let carols = media
        .iter()
        .filter(|m| m.starts_with(&format!("others/{CAROL}/")))
        .count();
    assert!(carols > 0);
    assert_eq!(not_original.len(), carols, "{report}");
    for c in not_original {
        assert_eq!(c["size_kept"], "l");
        assert!(c["reason"].as_str().unwrap().contains("no original"), "{c}");
        let s = sidecar(dir.path(), &t, c["photo"].as_str().unwrap());
        assert_eq!(s["file"]["not_original"], c["reason"]);
    }
}

/// Path → (bytes, inode, mtime) of every file of the mirror.
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, u64, i64)> {
    tree(dir)
        .into_iter()
        .map(|(k, bytes)| {
            let m = std::fs::metadata(dir.join(&k)).unwrap();
            (k, (bytes, m.ino(), m.mtime()))
        })
        .collect()
}

#[test]
fn an_incremental_run_after_a_retitle_a_retag_a_new_date_and_an_owner_going_pro_changes_exactly_the_affected_files(
) {
    let server = server();
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    backup(&server, config.path(), dir.path(), &[]);
    let before = snapshot(dir.path());
    let t = tree(dir.path());
    let path_of = |id: u64| {
        sidecar(dir.path(), &t, &id.to_string())["file"]["path"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let own: Vec<u64> = server
        .fake
        .photos_of(ALICE)
        .into_iter()
        .filter(|id| {
            server.fake.photo(*id).unwrap().media == "photo"
                && t.keys().any(|k| k.ends_with(&format!("/{id}.json")))
        })
        .collect();
    let (retitled, retagged, redated) = (own[3], own[4], own[5]);
    let paths: BTreeMap<u64, String> = own[3..7].iter().map(|id| (*id, path_of(*id))).collect();
    let path_of = |id: u64| paths[&id].clone();
    assert!(server.fake.edit_photo(retitled, "Renamed <b>"));
    assert!(server
        .fake
        .retag_photo(retagged, &["retagged", "ns:pred=value"]));
    server.fake.with_state(|s| {
        let p = s.photos.get_mut(&redated).unwrap();
        p.date_taken = "2001-02-03 04:05:06".to_owned();
        p.last_update += 1;
    });
    assert!(server.fake.set_pro(CAROL, true));
    // Her photos (alice's favorites, some in galleries too).
    let carols: Vec<String> = t
        .keys()
        .filter(|k| is_media(k) && k.starts_with(&format!("others/{CAROL}/")))
        .cloned()
        .collect();
    assert!(!carols.is_empty());

    let report = backup(&server, config.path(), dir.path(), &[]);
    let after = snapshot(dir.path());
    let changed: BTreeSet<String> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .cloned()
        .collect();

    let mut expected = BTreeSet::new();
    let sidecars = |media: &str| {
        [
            format!("{}.json", media.rsplit_once('.').unwrap().0),
            format!("{media}.xmp"),
        ]
    };
    for id in [retitled, retagged] {
        expected.extend(sidecars(&path_of(id)));
    }
    let old = path_of(redated);
    let new = format!("photos/2001/02/03/{redated}.jpg");
    assert_eq!(old.rsplit('.').next(), Some("jpg"));
    for p in [&old, &new] {
        expected.insert(p.clone());
        expected.extend(sidecars(p));
    }
    for c in &carols {
        expected.insert(c.clone());
        expected.extend(sidecars(c));
    }
    // Album manifests list their photos' titles and paths.
    let sets: Vec<_> = server
        .fake
        .with_state(|s| s.photosets.values().cloned().collect());
    for set in sets.iter().filter(|s| s.owner == ALICE) {
        if set.photos.contains(&retitled) || set.photos.contains(&redated) {
            expected.insert(format!("albums/{}.json", set.id));
        }
    }
    // Album and collection folders' entries are links to those files: the
    // rewritten XMP sidecars' links are made again, and the moved photo's
    // entry takes its new date (the same inode).
    for entry in after
        .keys()
        .filter(|k| k.starts_with("albums/") || k.starts_with("collections/"))
    {
        let name = entry.rsplit('/').next().unwrap();
        let Some((_, rest)) = name.split_once('-') else {
            continue;
        };
        let id: u64 = rest.split('.').next().unwrap().parse().unwrap();
        if (id == retitled || id == retagged) && entry.ends_with(".xmp") || id == redated {
            expected.insert(entry.clone());
        }
    }
    // The viewer's data holds titles, tags and dates.
    expected.insert("viewer/data.js".to_owned());
    assert_eq!(changed, expected, "report {report}");
    assert!(!after.contains_key(&old) && !after.contains_key(&format!("{old}.xmp")));

    // Owner went Pro: the originals replaced the capped files, and the report says so.
    let mut healed: Vec<String> = report["originals_fetched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    healed.sort();
    let mut want: Vec<String> = carols.iter().map(|c| id_of(c).to_string()).collect();
    want.sort();
    assert_eq!(healed, want);
    assert_eq!(
        report["files_fetched"].as_u64().unwrap(),
        carols.len() as u64
    );
    assert!(
        report["not_original"].as_array().unwrap().is_empty(),
        "{report}"
    );
    for c in &carols {
        let s = sidecar(dir.path(), &tree(dir.path()), &id_of(c).to_string());
        assert_eq!(s["file"]["size_variant"], "o");
        assert!(s["file"].get("not_original").is_none());
        let served = server
            .fake
            .static_file(s["file"]["url"].as_str().unwrap())
            .unwrap();
        assert_eq!(after[c].0, served.bytes, "{c} is the original now");
        let xmp = String::from_utf8(after[&format!("{c}.xmp")].0.clone()).unwrap();
        assert!(!xmp.contains("flickr:sizeKept"), "{xmp}");
    }
    // The moved file kept its date (the new one), read here in UTC.
    assert_eq!(after[&new].2, 981_173_106);
    let retitled_xmp =
        String::from_utf8(after[&format!("{}.xmp", path_of(retitled))].0.clone()).unwrap();
    assert!(retitled_xmp.contains("Renamed &lt;b&gt;"), "{retitled_xmp}");

    // A file repaired after verify gets its date back.
    let victim = path_of(own[6]);
    std::fs::write(dir.path().join(&victim), b"broken").unwrap();
    flickr_authed(&server, config.path())
        .args(["backup", "verify"])
        .arg(dir.path())
        .assert()
        .code(1);
    let report = backup(&server, config.path(), dir.path(), &[]);
    assert_eq!(report["files_fetched"], 1);
    let repaired = snapshot(dir.path());
    assert_eq!(repaired[&victim].0, after[&victim].0);
    assert_eq!(
        repaired[&victim].2, after[&victim].2,
        "the repaired file has its date"
    );
    assert_eq!(report["documents_written"], 0, "{report}");
}

#[test]
fn include_info_people_and_contexts_cost_one_call_per_new_or_changed_photo_and_reach_both_sidecars()
{
    let server = server();
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let args = ["--include", "info,people", "--include", "contexts"];
    let methods = [
        "flickr.photos.getInfo",
        "flickr.photos.people.getList",
        "flickr.photos.getAllContexts",
    ];
    let plan = backup(
        &server,
        config.path(),
        dir.path(),
        &[&args[..], &["--dry-run"]].concat(),
    );
    let before = server.fake.total_requests();
    let report = backup(&server, config.path(), dir.path(), &args);
    assert_eq!(
        plan["total_calls"].as_u64().unwrap(),
        server.fake.total_requests() - before
    );
    let listed = report["listed"].as_u64().unwrap();
    for m in methods {
        assert_eq!(
            plan["planned_calls"][m].as_u64(),
            Some(listed),
            "{m}: {plan}"
        );
        assert_eq!(
            report["api_calls"][m].as_u64(),
            Some(listed),
            "{m}: {report}"
        );
    }
    let t = tree(dir.path());
    let hard = FIRST_ACCOUNT_PHOTO_ID;
    let s = sidecar(dir.path(), &t, &hard.to_string());
    assert!(
        s["info"].is_object() && s["people"].is_object() && s["contexts"].is_object(),
        "{s}"
    );
    let noted = FIRST_ACCOUNT_PHOTO_ID + 1;
    if have_exiftool() {
        let xmp = xmp_of(dir.path());
        let path = |id: u64| {
            sidecar(dir.path(), &t, &id.to_string())["file"]["path"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        // Tags as typed (getInfo's raw form), machine tag included.
        assert_eq!(
            list(&xmp[&path(hard)]["XMP-dc:Subject"]),
            ["New York", "account", "dc:subject=xmp"]
        );
        let x = &xmp[&path(noted)];
        assert_eq!(list(&x["XMP-flickr:Notes"]), ["A note on the photo"]);
        assert_eq!(list(&x["XMP-flickr:People"]), ["Bob Example"]);
        assert_eq!(list(&x["XMP-flickr:Groups"]), ["Loopback Pool"]);
        assert_eq!(text(&x["XMP-flickr:SafetyLevel"]).unwrap(), "1");
        assert_eq!(text(&x["XMP-flickr:HasPeople"]).unwrap(), "true");
    }
    // Nothing changed: no per-photo call; one photo re-tagged: one of each.
    let report = backup(&server, config.path(), dir.path(), &args);
    for m in methods {
        assert_eq!(report["api_calls"].get(m), None, "{m}: {report}");
    }
    assert!(server.fake.retag_photo(noted, &["again"]));
    let report = backup(&server, config.path(), dir.path(), &args);
    for m in methods {
        assert_eq!(report["api_calls"][m], 1, "{m}: {report}");
    }
}
