//! `flickr archive` end to end with the real binary and real servers: a
//! throwaway PostgreSQL, Redis for the key's budget, the loopback Flickr's
//! public members, and a directory store. Three worker processes; one is
//! killed with SIGKILL while it fetches a batch, and the database is
//! restarted under the other two. Every target ends packaged exactly once,
//! every bag is what Flickr lists and valid for bagit.py, and every API
//! call of every worker went through the one budget in Redis.
#![cfg(all(unix, feature = "redis-quota"))]

mod common;

use std::collections::BTreeSet;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::fleet::{flickr, run_ok, status, wait_exit};
use common::Server;
use flickr_sdk::quota::Quota;
use flickr_testkit::postgres_server::test_postgres;
use flickr_testkit::redis_server::test_redis;
use flickr_testkit::{bagit, Config, Fault, STATIC_TARGET};

/// Flickr's own budget: it refills one call a second, little next to
/// what the run takes.
const BUDGET: &str = "3600";

#[test]
fn three_workers_one_killed_and_the_database_restarted_archive_every_target_once() {
    let Some(mut pg) = test_postgres("archive_fleet") else {
        return;
    };
    let Some(redis) = test_redis("archive_fleet") else {
        return;
    };
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
    let fake = &server.fake;
    let users = fake.users();
    let group = fake.groups()[1].clone();
    let album = fake.albums_of(&users[2])[0];
    let gallery = fake.member_galleries()[3];
    let config = tempfile::tempdir().unwrap();
    let store = tempfile::tempdir().unwrap();
    let db = pg.url();

    let targets_file = config.path().join("targets.txt");
    std::fs::write(
        &targets_file,
        format!(
            "# the fleet's work\nuser:{}\ngroup:{group}  # a pool\n",
            users[0]
        ),
    )
    .unwrap();
    let mut add = flickr(&server, config.path(), &key);
    add.args([
        "archive",
        "--db",
        &db,
        "add",
        &format!("user:{}", users[1]),
        "user:member4",
    ])
    .arg(format!("album:{}/{album}", users[2]))
    .arg(format!("gallery:{gallery}"))
    .args(["commons", "--file"])
    .arg(&targets_file);
    assert_eq!(run_ok(add).trim(), "7 target(s) added, 0 already there");
    let mut again = flickr(&server, config.path(), &key);
    again.args(["archive", "--db", &db, "add", &format!("user:{}", users[1])]);
    assert_eq!(run_ok(again).trim(), "0 target(s) added, 1 already there");

    // Files come slowly enough that a batch is under way when a worker dies.
    fake.inject_every(
        STATIC_TARGET,
        1,
        vec![Fault::Slow(Duration::from_millis(40))],
    );
    let worker = |name: &str| {
        let mut cmd = flickr(&server, config.path(), &key);
        cmd.args(["--quota-redis", &redis.url(), "--calls-per-hour", BUDGET])
            .args(["archive", "--db", &db, "worker", "--store"])
            .arg(store.path())
            .args([
                "--until-idle",
                "--lease-seconds",
                "2",
                "--batch",
                "15",
                "--jobs",
                "2",
                "--name",
                name,
                "--json",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd.spawn().unwrap()
    };
    let started = Instant::now();
    let mut workers: Vec<Child> = ["w1", "w2", "w3"].iter().map(|n| worker(n)).collect();

    // Kill the first worker seen fetching a batch.
    let end = Instant::now() + Duration::from_secs(60);
    let victim = loop {
        let s = status(&server, config.path(), &key, &db);
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
    let index = ["w1", "w2", "w3"]
        .iter()
        .position(|n| *n == victim)
        .unwrap();
    let mut killed = workers.remove(index);
    killed.kill().unwrap();
    let _ = killed.wait();

    // The database goes away under the other two, and comes back.
    pg.stop();
    std::thread::sleep(Duration::from_millis(1500));
    pg.start_again().unwrap();

    for mut w in workers {
        let code = wait_exit(&mut w, Duration::from_secs(180));
        let mut err = String::new();
        std::io::Read::read_to_string(w.stderr.as_mut().unwrap(), &mut err).unwrap();
        assert!(code.success(), "a worker failed: {err}");
    }
    fake.clear_faults();

    let s = status(&server, config.path(), &key, &db);
    let targets = s["targets"].as_array().unwrap();
    // The killed worker never said goodbye, and holds nothing now: its
    // batch went to another worker when its lease ran out.
    let dead = s["workers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["worker"] == victim.as_str())
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
    // Commons's two institutions (the first two members) were targets already.
    assert_eq!(targets.len(), 7, "{s}");
    assert!(s["jobs"].get("failed").is_none(), "{s}");
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
    for t in targets {
        let spec = t["target"].as_str().unwrap();
        assert_eq!(t["state"], "done", "{t}");
        if spec == "commons" {
            continue;
        }
        assert_eq!(t["packaged"], 1, "packaged exactly once: {t}");
        let bag = store.path().join(t["bag"].as_str().unwrap());
        let record: serde_json::Value =
            serde_json::from_slice(&std::fs::read(bag.join("data/target.json")).unwrap()).unwrap();
        let photos: BTreeSet<u64> = record["photos"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().parse().unwrap())
            .collect();
        assert_eq!(photos, expected(spec), "{spec}");
        assert_eq!(t["fetched"], t["listed"], "{t}");
        bagit::assert_valid(&bag);
    }
    let mut verify = flickr(&server, config.path(), &key);
    verify
        .args(["archive", "--db", &db, "verify", "--store"])
        .arg(store.path());
    assert!(run_ok(verify).contains("as the catalog says"));

    // Every worker's every call, the killed one's too, took its token from
    // the one budget in Redis.
    let calls = fake.total_requests();
    let left = server.runtime.block_on(async {
        let quota = Quota::redis(&redis.url(), &key)
            .per_hour(BUDGET.parse().unwrap())
            .connect()
            .await
            .unwrap();
        quota.remaining_now().await.unwrap()
    });
    // What is left is the budget less every call, plus what refilled since
    // the first (one a second).
    let budget: u64 = BUDGET.parse().unwrap();
    let refilled = started.elapsed().as_secs() + 1;
    let left = u64::from(left);
    assert!(
        left >= budget - calls && left <= budget - calls + refilled,
        "{left} left of {budget} after {calls} calls in {refilled} s"
    );
    let counted: i64 = s["workers"]
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
