//! `flickr backup` killed (SIGKILL) at random points while downloading,
//! then as soon as XMP sidecars, album folders, thumbnails and the viewer
//! appear; the
//! resumed run equals a clean run, links included, and no complete file is
//! fetched again. The clean run, the kills and the resumed run each run
//! once, in order, by the first case that needs them; the cases check what
//! each showed.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command as StdCommand, Output, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use assert_cmd::prelude::*;
use common::flickr_authed;
#[cfg(unix)]
use common::mirror::assert_album_entries_are_hard_links;
use common::mirror::{backup, server};
use common::Server;
use flickr_testkit::mirror::{media_ids, static_by_photo, tree, Tree};
use flickr_testkit::{Fault, STATIC_TARGET};
use tempfile::TempDir;

/// The loopback Flickr and what a clean run's mirror held.
struct Clean {
    server: Server,
    config: TempDir,
    tree: Tree,
    /// The album folders' links (unix), or why they are wrong.
    links: Links,
}

/// How many album entries are hard links to their photo file, or the
/// failed check's message (`None` where there are no hard links).
type Links = Option<Result<usize, String>>;

/// What the tree held after one kill.
struct AfterKill {
    when: String,
    tree: Tree,
    links: Links,
}

/// Kills at random points while downloading, into `dir`.
struct RandomKills {
    dir: TempDir,
    /// The media files of a clean run (their downloads take 25 ms each).
    files: u64,
    after: Vec<AfterKill>,
    /// Each photo complete at some kill and its static-host requests then.
    guarded: BTreeMap<String, u64>,
}

/// The run after all the kills, and `backup verify` of it.
struct Resumed {
    tree: Tree,
    links: Links,
    counts: BTreeMap<String, u64>,
    verify: Output,
}

#[cfg(unix)]
fn album_links(dir: &Path) -> Links {
    Some(
        std::panic::catch_unwind(|| assert_album_entries_are_hard_links(dir))
            .map_err(|e| flickr_testkit::scenario::panic_message(&*e)),
    )
}

#[cfg(not(unix))]
fn album_links(_dir: &Path) -> Links {
    None
}

fn clean() -> &'static Clean {
    static CLEAN: OnceLock<Clean> = OnceLock::new();
    CLEAN.get_or_init(|| {
        let server = server();
        let config = flickr_testkit::fixture_tempdir();
        let dir = flickr_testkit::fixture_tempdir();
        backup(&server, config.path(), dir.path(), &[]);
        Clean {
            tree: tree(dir.path()),
            links: album_links(dir.path()),
            server,
            config,
        }
    })
}

/// `flickr backup DIR --jobs 1 --json`, its output discarded.
fn spawn(dir: &Path) -> Child {
    let Clean { server, config, .. } = clean();
    let creds = server.fake.credentials();
    StdCommand::new(assert_cmd::cargo::cargo_bin("flickr"))
        .arg("backup")
        .arg(dir)
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
}

fn after_kill(when: String, dir: &Path) -> AfterKill {
    AfterKill {
        when,
        tree: tree(dir),
        links: album_links(dir),
    }
}

/// A slow static host and one download at a time: the files alone take
/// over 2 s, more than all the kills together, so every kill lands before
/// the backup is done.
fn random_kills() -> &'static RandomKills {
    static RANDOM: OnceLock<RandomKills> = OnceLock::new();
    RANDOM.get_or_init(|| {
        let Clean {
            server,
            tree: clean_tree,
            ..
        } = clean();
        let files = media_ids(clean_tree).len() as u64;
        server.fake.inject_every(
            STATIC_TARGET,
            1,
            vec![Fault::Slow(Duration::from_millis(25))],
        );
        let dir = flickr_testkit::fixture_tempdir();
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
        let (mut after, mut guarded) = (Vec::new(), BTreeMap::new());
        for i in 0..4 {
            let mut child = spawn(dir.path());
            let wait = next(40, 400);
            std::thread::sleep(Duration::from_millis(wait));
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
            // Whatever is in the tree now must not be fetched again.
            let now = after_kill(format!("random kill {i} after {wait} ms"), dir.path());
            let counts = static_by_photo(&server.fake);
            for id in media_ids(&now.tree) {
                let at_kill = counts.get(&id).copied().unwrap_or(0);
                guarded.entry(id).or_insert(at_kill);
            }
            after.push(now);
        }
        eprintln!("{} file(s) were complete at some kill", guarded.len());
        server.fake.clear_faults();
        RandomKills {
            dir,
            files,
            after,
            guarded,
        }
    })
}

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

/// Then kills in the last stages: as soon as the first XMP sidecar, the
/// album folders, the viewer's thumbnails and the viewer's page appear
/// (sidecars, links, thumbnails and the viewer's files being written).
fn stage_kills() -> &'static Vec<AfterKill> {
    static STAGES: OnceLock<Vec<AfterKill>> = OnceLock::new();
    STAGES.get_or_init(|| {
        let dir = random_kills().dir.path();
        type Sign = fn(&Path) -> bool;
        let signs: [(&str, Sign); 4] = [
            ("XMP sidecars", xmp_sidecar),
            ("album folders", album_folder),
            ("thumbnails", thumbnails),
            ("viewer", viewer),
        ];
        let mut after = Vec::new();
        for (stage, sign) in signs {
            let mut child = spawn(dir);
            let started = std::time::Instant::now();
            let mut landed = false;
            while started.elapsed() < Duration::from_secs(60) {
                if sign(dir) {
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
            let outcome = if landed {
                "landed"
            } else {
                "the run had ended"
            };
            eprintln!("kill during {stage}: {outcome}");
            after.push(after_kill(format!("kill during {stage}"), dir));
        }
        after
    })
}

fn resumed() -> &'static Resumed {
    static RESUMED: OnceLock<Resumed> = OnceLock::new();
    RESUMED.get_or_init(|| {
        stage_kills();
        let Clean { server, config, .. } = clean();
        let dir = random_kills().dir.path();
        backup(server, config.path(), dir, &[]);
        Resumed {
            tree: tree(dir),
            links: album_links(dir),
            counts: static_by_photo(&server.fake),
            verify: flickr_authed(server, config.path())
                .args(["backup", "verify"])
                .arg(dir)
                .output()
                .unwrap(),
        }
    })
}

/// Whatever is in the tree after a kill is complete: a file or link is the
/// clean run's bytes, and a link the photo file's own inode.
fn assert_complete(after: &[AfterKill]) {
    let clean = clean();
    for AfterKill { when, tree, links } in after {
        for (path, bytes) in tree {
            let want = clean.tree.get(path);
            assert!(want.is_some(), "{path}: not a file of the mirror ({when})");
            if !path.ends_with(".json") {
                assert_eq!(
                    Some(bytes),
                    want,
                    "{path} in the tree after kill -9 is complete ({when})"
                );
            }
        }
        if let Some(Err(wrong)) = links {
            panic!("album links after {when}: {wrong}");
        }
    }
}

#[test]
fn the_random_kills_land_before_the_backup_is_done() {
    let kills = random_kills();
    assert!(kills.files * 25 > 4 * 400);
    assert_ne!(
        kills.after.last().unwrap().tree,
        clean().tree,
        "the kills interrupted the backup"
    );
}

#[test]
fn whatever_is_in_the_tree_after_a_random_kill_is_complete() {
    assert_complete(&random_kills().after);
}

#[test]
fn whatever_is_in_the_tree_after_a_kill_in_the_last_stages_is_complete() {
    assert_complete(stage_kills());
}

#[test]
fn the_resumed_tree_equals_a_clean_runs_with_the_same_links() {
    let (resumed, clean) = (resumed(), clean());
    assert_eq!(
        resumed.tree, clean.tree,
        "resumed tree equals a clean run's, byte for byte"
    );
    let count = |links: &Links| links.clone().map(|l| l.unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(
        count(&resumed.links),
        count(&clean.links),
        "and the same links"
    );
}

#[test]
fn no_file_complete_at_a_kill_is_fetched_again() {
    let counts = &resumed().counts;
    for (id, at_kill) in &random_kills().guarded {
        assert_eq!(
            counts[id], *at_kill,
            "photo {id} was complete at a kill and fetched again"
        );
    }
}

#[test]
fn the_resumed_mirror_verifies() {
    resumed().verify.clone().assert().success();
}
