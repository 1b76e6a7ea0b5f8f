//! `flickr backup` end to end: the real binary against the loopback Flickr
//! (REST and static hosts over HTTP), with an account of photos, videos,
//! PNG/GIF originals, albums, a nested collection, galleries and favorites,
//! including a free account's photos (no original listed).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use common::{flickr_authed, json_documents, Server};
use flickr_testkit::STATIC_TARGET;
use flickr_testkit::{AccountSpec, Fault};
use serde_json::Value;

fn server() -> Server {
    Server::start_with(|b| b.photos(30).account(AccountSpec::default()))
}

/// Every file under `dir` but the state directory: relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == ".flickr-backup" {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

/// Media files (not sidecars, manifests, album folders' links or the
/// viewer) in a tree, by photo id.
fn media_ids(t: &BTreeMap<String, Vec<u8>>) -> BTreeSet<String> {
    t.keys()
        .filter(|k| k.starts_with("photos/") || k.starts_with("others/"))
        .filter(|k| !k.ends_with(".json"))
        .filter_map(|k| k.rsplit('/').next()?.split('.').next().map(str::to_owned))
        .collect()
}

/// Whether a static-host path is a viewer thumbnail (the 150 px square).
fn is_thumbnail(path: &str) -> bool {
    path.ends_with("_q.jpg")
}

/// Every entry of the album and collection folders is a hard link to the
/// file of the same name (less its `NNNN-` position) under photos/ or others/.
#[cfg(unix)]
fn assert_album_entries_are_hard_links(dir: &Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    fn walk(d: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
            if e.file_type().unwrap().is_dir() {
                walk(&e.path(), out);
            } else {
                out.push(e.path());
            }
        }
    }
    let mut files = Vec::new();
    walk(&dir.join("photos"), &mut files);
    walk(&dir.join("others"), &mut files);
    let by_name: BTreeMap<String, u64> = files
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::metadata(p).unwrap().ino())
        })
        .collect();
    let mut links = Vec::new();
    walk(&dir.join("collections"), &mut links);
    for e in std::fs::read_dir(dir.join("albums"))
        .into_iter()
        .flatten()
        .flatten()
    {
        if e.file_type().unwrap().is_dir() {
            walk(&e.path(), &mut links);
        }
    }
    for l in &links {
        let name = l.file_name().unwrap().to_string_lossy().into_owned();
        let (_, file) = name.split_once('-').expect("NNNN-ID.EXT");
        let meta = std::fs::symlink_metadata(l).unwrap();
        assert!(
            meta.is_file(),
            "{} is a hard link, not a symlink",
            l.display()
        );
        assert_eq!(
            Some(&meta.ino()),
            by_name.get(file),
            "{} links {file}",
            l.display()
        );
    }
    links.len()
}

/// Static-host requests per photo id (media files, not viewer thumbnails).
fn static_by_photo(server: &Server) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for (path, n) in server.fake.static_requests() {
        if is_thumbnail(&path) {
            continue;
        }
        let parts: Vec<&str> = path.trim_start_matches("/static/").split('/').collect();
        let id = match parts.as_slice() {
            ["video", id, ..] => (*id).to_owned(),
            [_, file] => file.split('_').next().unwrap_or_default().to_owned(),
            _ => continue,
        };
        *out.entry(id).or_default() += n;
    }
    out
}

/// Runs `flickr backup DIR --json EXTRA…`; returns the final report.
fn backup(server: &Server, config: &Path, dir: &Path, extra: &[&str]) -> Value {
    let out = flickr_authed(server, config)
        .arg("backup")
        .arg(dir)
        .args(["--json", "--retry-delay-ms", "5"])
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "flickr backup failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        stdout.lines().rev().take(5).collect::<Vec<_>>().join("\n")
    );
    let docs = json_documents(&stdout);
    let report = docs.last().cloned().expect("a report");
    assert_eq!(report["event"], "report");
    report
}

fn sidecar(dir: &Path, t: &BTreeMap<String, Vec<u8>>, id: &str) -> Value {
    let key = t
        .keys()
        .find(|k| k.ends_with(&format!("/{id}.json")))
        .unwrap_or_else(|| panic!("no sidecar for {id}"));
    serde_json::from_slice(&std::fs::read(dir.join(key)).unwrap()).unwrap()
}

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
fn killed_at_random_points_then_resumed_equals_a_clean_run() {
    let server = server();
    let config = tempfile::tempdir().unwrap();
    let clean = tempfile::tempdir().unwrap();
    backup(&server, config.path(), clean.path(), &[]);
    let clean_tree = tree(clean.path());

    // A slow static host and one download at a time: the files alone take
    // over 2 s, more than all the kills below together, so every kill
    // lands before the backup is done.
    let files = media_ids(&clean_tree).len() as u64;
    assert!(files * 25 > 4 * 400);
    server.fake.inject_every(
        STATIC_TARGET,
        1,
        vec![Fault::Slow(Duration::from_millis(25))],
    );
    let dir = tempfile::tempdir().unwrap();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("kill points seed {seed}");
    let mut rng = seed | 1;
    let mut next = move |lo: u64, hi: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        lo + rng % (hi - lo)
    };
    let creds = server.fake.credentials();
    let spawn = || {
        StdCommand::new(assert_cmd::cargo::cargo_bin("flickr"))
            .arg("backup")
            .arg(dir.path())
            .args(["--jobs", "1", "--json"])
            .env("FLICKR_CONFIG_DIR", config.path())
            .env("FLICKR_ENDPOINT", server.base_url())
            .env("FLICKR_API_KEY", &creds.api_key)
            .env("FLICKR_API_SECRET", &creds.api_secret)
            .env("FLICKR_OAUTH_TOKEN", &creds.oauth_token)
            .env("FLICKR_OAUTH_TOKEN_SECRET", &creds.oauth_token_secret)
            .env_remove("FLICKR_PROFILE")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // Whatever is in the tree after a kill is complete: a file or link is
    // the clean run's bytes, and a link the photo file's own inode.
    let check_after_kill = |now: &BTreeMap<String, Vec<u8>>| {
        for (path, bytes) in now {
            let want = clean_tree.get(path);
            assert!(want.is_some(), "{path}: not a file of the mirror");
            if !path.ends_with(".json") {
                assert_eq!(
                    Some(bytes),
                    want,
                    "{path} in the tree after kill -9 is complete"
                );
            }
        }
        #[cfg(unix)]
        assert_album_entries_are_hard_links(dir.path());
    };
    let mut guarded: BTreeMap<String, u64> = BTreeMap::new();
    for _ in 0..4 {
        let mut child = spawn();
        std::thread::sleep(Duration::from_millis(next(40, 400)));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // Whatever is in the tree now is complete, and must not be fetched again.
        let now = tree(dir.path());
        check_after_kill(&now);
        let counts = static_by_photo(&server);
        for id in media_ids(&now) {
            guarded
                .entry(id.clone())
                .or_insert(counts.get(&id).copied().unwrap_or(0));
        }
    }
    assert_ne!(
        tree(dir.path()),
        clean_tree,
        "the kills interrupted the backup"
    );
    eprintln!("{} file(s) were complete at some kill", guarded.len());
    server.fake.clear_faults();
    // Then kills in the last stages: as soon as the album folders, the
    // viewer's thumbnails and the viewer's page appear (links, thumbnails
    // and the viewer's files being written).
    fn album_folder(d: &Path) -> bool {
        std::fs::read_dir(d.join("albums"))
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| e.path().is_dir())
    }
    fn thumbnails(d: &Path) -> bool {
        d.join(".flickr-backup/thumbs").is_dir()
    }
    fn viewer(d: &Path) -> bool {
        d.join("index.html").is_file()
    }
    type Sign = fn(&Path) -> bool;
    let signs: [(&str, Sign); 3] = [
        ("album folders", album_folder),
        ("thumbnails", thumbnails),
        ("viewer", viewer),
    ];
    for (stage, sign) in signs {
        let mut child = spawn();
        let started = std::time::Instant::now();
        let mut landed = false;
        while started.elapsed() < Duration::from_secs(60) {
            if sign(dir.path()) {
                let _ = child.kill();
                landed = child.try_wait().ok().flatten().is_none_or(|s| !s.success());
                break;
            }
            if child.try_wait().ok().flatten().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let _ = child.kill();
        let _ = child.wait();
        eprintln!(
            "kill during {stage}: {}",
            if landed {
                "landed"
            } else {
                "the run had ended"
            }
        );
        check_after_kill(&tree(dir.path()));
    }
    backup(&server, config.path(), dir.path(), &[]);
    assert_eq!(
        tree(dir.path()),
        clean_tree,
        "resumed tree equals a clean run's, byte for byte"
    );
    #[cfg(unix)]
    assert_eq!(
        assert_album_entries_are_hard_links(dir.path()),
        assert_album_entries_are_hard_links(clean.path()),
        "and the same links"
    );
    let counts = static_by_photo(&server);
    for (id, at_kill) in &guarded {
        assert_eq!(
            counts[id], *at_kill,
            "photo {id} was complete at a kill and fetched again"
        );
    }
    flickr_authed(&server, config.path())
        .args(["backup", "verify"])
        .arg(dir.path())
        .assert()
        .success();
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
