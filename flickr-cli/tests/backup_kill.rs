//! `flickr backup` killed (SIGKILL) at random points while downloading,
//! then as soon as XMP sidecars, album folders, thumbnails and the viewer
//! appear; the
//! resumed run equals a clean run, links included, and no complete file is
//! fetched again.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use common::flickr_authed;
#[cfg(unix)]
use common::mirror::assert_album_entries_are_hard_links;
use common::mirror::{backup, server};
use flickr_testkit::mirror::{media_ids, static_by_photo, tree};
use flickr_testkit::{Fault, STATIC_TARGET};

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
        let counts = static_by_photo(&server.fake);
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
    // Then kills in the last stages: as soon as the first XMP sidecar, the
    // album folders, the viewer's thumbnails and the viewer's page appear
    // (sidecars, links, thumbnails and the viewer's files being written).
    fn xmp_sidecar(d: &Path) -> bool {
        fn any_xmp(dir: &Path) -> bool {
            std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .any(|e| {
                    let path = e.path();
                    if path.is_dir() {
                        any_xmp(&path)
                    } else {
                        path.extension().is_some_and(|x| x == "xmp")
                    }
                })
        }
        any_xmp(&d.join("photos"))
    }
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
    let signs: [(&str, Sign); 4] = [
        ("XMP sidecars", xmp_sidecar),
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
    let counts = static_by_photo(&server.fake);
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
