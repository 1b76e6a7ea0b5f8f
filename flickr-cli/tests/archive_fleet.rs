//! `flickr archive` end to end with the real binary and real servers: a
//! throwaway PostgreSQL, Redis for the key's budget, the loopback Flickr's
//! public members, and a directory store. Three worker processes; one is
//! killed with SIGKILL while it fetches a batch, and the database is
//! restarted under the other two. Every target ends packaged exactly once,
//! every bag is what Flickr lists and valid for bagit.py, and every API
//! call of every worker went through the one budget in Redis.
//!
//! The scenario runs once, in order, by the first case that asks
//! ([`fleet`]); it stops its servers when done and keeps what each step
//! showed, and each case checks one of those outcomes.
#![cfg(all(unix, feature = "redis-quota"))]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::fleet::{flickr, run_ok, status, wait_exit};
use common::Server;
use flickr_sdk::quota::Quota;
use flickr_testkit::postgres_server::test_postgres;
use flickr_testkit::redis_server::test_redis;
use flickr_testkit::scenario;
use flickr_testkit::{bagit, Config, Fault, STATIC_TARGET};
use serde_json::Value;

/// Flickr's own budget: it refills one call a second, little next to
/// what the run takes.
const BUDGET: &str = "3600";

/// The workers' names.
const WORKERS: [&str; 3] = ["w1", "w2", "w3"];

/// What each step of the scenario showed.
struct Fleet {
    /// What `add` said for the seven targets, and for one of them again.
    added: String,
    added_again: String,
    /// The worker killed while it fetched a batch.
    victim: String,
    /// How the two other workers ended, with what they said on stderr.
    survivors: Vec<(ExitStatus, String)>,
    /// `status --json` once they were done.
    status: Value,
    /// Every target's bag but commons's, by target.
    bags: BTreeMap<String, Bag>,
    /// What `verify` said of the store.
    verified: String,
    /// The calls the loopback Flickr answered, the tokens left in Redis
    /// then, and the seconds the budget had to refill (one a second).
    calls: u64,
    left: u64,
    refilled: u64,
}

/// A target's bag in the store.
struct Bag {
    /// The photos Flickr lists for the target, and those its
    /// `data/target.json` records.
    expected: BTreeSet<u64>,
    photos: BTreeSet<u64>,
    /// bagit.py's verdict, and what it said.
    valid: (bool, String),
}

/// The scenario's outcome, run by the first case that asks; `None` when
/// PostgreSQL or Redis is missing and not required (the case skips). A
/// scenario that failed fails every case with its message, and is not run
/// again.
fn fleet() -> Option<&'static Fleet> {
    static FLEET: scenario::Once<Fleet> = OnceLock::new();
    scenario::run_once(&FLEET, "the fleet scenario", run)
}

/// The loopback Flickr, the directories and the database the steps share.
struct Scene {
    server: Server,
    key: String,
    config: tempfile::TempDir,
    store: tempfile::TempDir,
    db: String,
    redis: String,
}

impl Scene {
    /// `flickr` against the loopback with the scene's key and config.
    fn flickr(&self) -> std::process::Command {
        flickr(&self.server, self.config.path(), &self.key)
    }

    fn status(&self) -> Value {
        status(&self.server, self.config.path(), &self.key, &self.db)
    }

    /// A worker named `name` on the shared budget, its output piped.
    fn worker(&self, name: &str) -> Child {
        let mut cmd = self.flickr();
        cmd.args(["--quota-redis", &self.redis, "--calls-per-hour", BUDGET])
            .args(["archive", "--db", &self.db, "worker", "--store"])
            .arg(self.store.path())
            .args(["--until-idle", "--lease-seconds", "2", "--batch", "15"])
            .args(["--jobs", "2", "--name", name, "--json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd.spawn().unwrap()
    }
}

/// Every step in order: the targets added, three workers started, one
/// killed while it fetches, the database restarted, the two others
/// waited for, and the catalog, the store and the budget read.
fn run() -> Option<Fleet> {
    let mut pg = test_postgres("archive_fleet")?;
    let redis = test_redis("archive_fleet")?;
    // A key of its own: the budget in Redis is per API key.
    let key = format!(
        "fleet-{}-{:?}",
        std::process::id(),
        std::time::SystemTime::now()
    );
    let server = Server::start_with(|b| {
        b.config(Config {
            api_key: key.clone(),
            photos: 10,
            ..Config::default()
        })
        .users(6)
    });
    let scene = Scene {
        server,
        key,
        config: flickr_testkit::fixture_tempdir(),
        store: flickr_testkit::fixture_tempdir(),
        db: pg.url(),
        redis: redis.url(),
    };
    let (added, added_again) = add_targets(&scene);

    // Files come slowly enough that a batch is under way when a worker dies.
    scene.server.fake.inject_every(
        STATIC_TARGET,
        1,
        vec![Fault::Slow(Duration::from_millis(40))],
    );
    let started = Instant::now();
    let mut workers: Vec<Child> = WORKERS.iter().map(|n| scene.worker(n)).collect();
    let victim = kill_a_fetching_worker(&scene, &mut workers);

    // The database goes away under the other two, and comes back.
    pg.stop();
    std::thread::sleep(Duration::from_millis(1500));
    pg.start_again().unwrap();

    let survivors = workers
        .into_iter()
        .map(|mut w| {
            let code = wait_exit(&mut w, Duration::from_secs(180));
            let mut err = String::new();
            std::io::Read::read_to_string(w.stderr.as_mut().unwrap(), &mut err).unwrap();
            (code, err)
        })
        .collect();
    scene.server.fake.clear_faults();

    let status = scene.status();
    let bags = read_bags(&scene, &status);
    let mut verify = scene.flickr();
    verify
        .args(["archive", "--db", &scene.db, "verify", "--store"])
        .arg(scene.store.path());
    let verified = run_ok(verify);

    let calls = scene.server.fake.total_requests();
    let left = scene.server.runtime.block_on(async {
        let quota = Quota::redis(&scene.redis, &scene.key)
            .per_hour(BUDGET.parse().unwrap())
            .connect()
            .await
            .unwrap();
        quota.remaining_now().await.unwrap()
    });
    Some(Fleet {
        added,
        added_again,
        victim,
        survivors,
        status,
        bags,
        verified,
        calls,
        left: u64::from(left),
        refilled: started.elapsed().as_secs() + 1,
    })
}

/// Adds seven targets (two from a file), then one of them again: what
/// each `add` said.
fn add_targets(scene: &Scene) -> (String, String) {
    let fake = &scene.server.fake;
    let users = fake.users();
    let group = fake.groups()[1].clone();
    let album = fake.albums_of(&users[2])[0];
    let gallery = fake.member_galleries()[3];
    let targets_file = scene.config.path().join("targets.txt");
    std::fs::write(
        &targets_file,
        format!(
            "# the fleet's work\nuser:{}\ngroup:{group}  # a pool\n",
            users[0]
        ),
    )
    .unwrap();
    let mut add = scene.flickr();
    add.args(["archive", "--db", &scene.db, "add"])
        .args([&format!("user:{}", users[1]), "user:member4"])
        .arg(format!("album:{}/{album}", users[2]))
        .arg(format!("gallery:{gallery}"))
        .args(["commons", "--file"])
        .arg(&targets_file);
    let mut again = scene.flickr();
    again.args([
        "archive",
        "--db",
        &scene.db,
        "add",
        &format!("user:{}", users[1]),
    ]);
    (run_ok(add), run_ok(again))
}

/// Kills (SIGKILL) the first worker seen fetching a batch and takes it out
/// of `workers`: its name.
fn kill_a_fetching_worker(scene: &Scene, workers: &mut Vec<Child>) -> String {
    let end = Instant::now() + Duration::from_secs(60);
    let victim = loop {
        let s = scene.status();
        let fetching = s["workers"].as_array().unwrap().iter().find(|w| {
            w["current_job"]
                .as_str()
                .is_some_and(|j| j.starts_with("fetch "))
        });
        if let Some(w) = fetching {
            break w["worker"].as_str().unwrap().to_owned();
        }
        assert!(Instant::now() < end, "no worker fetched a batch: {s}");
        std::thread::sleep(Duration::from_millis(50));
    };
    let index = WORKERS.iter().position(|n| *n == victim).unwrap();
    let mut killed = workers.remove(index);
    killed.kill().unwrap();
    let _ = killed.wait();
    victim
}

/// Every packaged target's bag (commons packages none), with the photos
/// Flickr lists for the target.
fn read_bags(scene: &Scene, status: &Value) -> BTreeMap<String, Bag> {
    let fake = &scene.server.fake;
    let users = fake.users();
    let album = fake.albums_of(&users[2])[0];
    let gallery = fake.member_galleries()[3];
    let expected = |t: &str| -> BTreeSet<u64> {
        let (kind, key) = t.split_once(':').unwrap_or((t, ""));
        match kind {
            "user" if key == "member4" => fake.public_photos_of(&users[3]).into_iter().collect(),
            "user" => fake.public_photos_of(key).into_iter().collect(),
            "album" => fake.photoset_photos(album).unwrap().into_iter().collect(),
            "group" => fake.pool_photos(key).into_iter().collect(),
            "gallery" => fake.gallery_photos(gallery).unwrap().into_iter().collect(),
            _ => BTreeSet::new(),
        }
    };
    let mut bags = BTreeMap::new();
    for t in status["targets"].as_array().unwrap() {
        let spec = t["target"].as_str().unwrap();
        let Some(bag) = t["bag"].as_str().filter(|_| spec != "commons") else {
            continue;
        };
        let bag = scene.store.path().join(bag);
        bags.insert(spec.to_owned(), read_bag(&bag, expected(spec)));
    }
    bags
}

fn read_bag(bag: &Path, expected: BTreeSet<u64>) -> Bag {
    let record: Value =
        serde_json::from_slice(&std::fs::read(bag.join("data/target.json")).unwrap()).unwrap();
    let photos = record["photos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().parse().unwrap())
        .collect();
    Bag {
        expected,
        photos,
        valid: bagit::validate(bag),
    }
}

#[test]
fn the_other_workers_finish_after_the_kill_and_the_database_restart() {
    let Some(f) = fleet() else { return };
    for (code, err) in &f.survivors {
        assert!(code.success(), "a worker failed: {err}");
    }
}

#[test]
fn the_killed_worker_holds_nothing_and_no_job_is_left_running_or_ready() {
    let Some(f) = fleet() else { return };
    let s = &f.status;
    // The killed worker never said goodbye, and holds nothing now: its
    // batch went to another worker when its lease ran out.
    let dead = s["workers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["worker"] == f.victim.as_str())
        .unwrap();
    assert_eq!(
        (dead["stopped"].as_bool(), dead["current_job"].as_str()),
        (Some(false), None),
        "{dead}"
    );
    assert!(
        s["jobs"].get("running").is_none() && s["jobs"].get("ready").is_none(),
        "{s}"
    );
}

#[test]
fn seven_targets_are_added_once_and_all_end_done_with_no_job_failed() {
    let Some(f) = fleet() else { return };
    assert_eq!(f.added.trim(), "7 target(s) added, 0 already there");
    assert_eq!(f.added_again.trim(), "0 target(s) added, 1 already there");
    let s = &f.status;
    let targets = s["targets"].as_array().unwrap();
    // Commons's two institutions (the first two members) were targets already.
    assert_eq!(targets.len(), 7, "{s}");
    assert!(s["jobs"].get("failed").is_none(), "{s}");
    for t in targets {
        assert_eq!(t["state"], "done", "{t}");
    }
}

#[test]
fn every_target_is_packaged_once_with_every_photo_flickr_lists() {
    let Some(f) = fleet() else { return };
    for t in f.status["targets"].as_array().unwrap() {
        let spec = t["target"].as_str().unwrap();
        if spec == "commons" {
            continue;
        }
        assert_eq!(t["packaged"], 1, "packaged exactly once: {t}");
        let bag = f.bags.get(spec).unwrap_or_else(|| panic!("no bag: {t}"));
        assert_eq!(bag.photos, bag.expected, "{spec}");
        assert_eq!(t["fetched"], t["listed"], "{t}");
    }
}

#[test]
fn every_bag_is_valid_for_bagit_py_and_verify_agrees() {
    let Some(f) = fleet() else { return };
    assert_eq!(f.bags.len(), 6, "every target but commons has a bag");
    for (spec, bag) in &f.bags {
        let (passed, said) = &bag.valid;
        assert!(passed, "bagit.py refuses the bag of {spec}:\n{said}");
    }
    assert!(f.verified.contains("as the catalog says"));
}

#[test]
fn every_call_of_every_worker_took_a_token_from_the_one_budget_in_redis() {
    let Some(f) = fleet() else { return };
    // Every worker's every call, the killed one's too, took its token from
    // the one budget in Redis. What is left is the budget less every call,
    // plus what refilled since the first (one a second).
    let budget: u64 = BUDGET.parse().unwrap();
    let (calls, left, refilled) = (f.calls, f.left, f.refilled);
    assert!(
        left >= budget - calls && left <= budget - calls + refilled,
        "{left} left of {budget} after {calls} calls in {refilled} s"
    );
    let counted: i64 = f.status["workers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["api_calls"].as_i64().unwrap())
        .sum();
    assert!(
        counted as u64 <= calls && counted > 0,
        "{counted} of {calls}"
    );
}
