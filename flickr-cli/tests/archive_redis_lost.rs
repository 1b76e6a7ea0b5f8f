//! `flickr archive worker --quota-redis` when Redis is lost: by default the
//! quota fails closed, so a job that needs a call waits for Redis without
//! spending its attempts, and the run ends with every target archived once
//! Redis is back; with `--quota-fallback-share` a worker goes on with its
//! share of the budget while Redis stays away.
#![cfg(all(unix, feature = "redis-quota"))]

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::fleet::{flickr, run_ok, status, wait_exit};
use common::Server;
use flickr_testkit::postgres_server::test_postgres;
use flickr_testkit::redis_server::private_redis;
use flickr_testkit::{Fault, STATIC_TARGET};

#[test]
fn workers_wait_for_a_lost_redis_or_go_on_with_their_share() {
    let Some(pg) = test_postgres("archive_redis_lost") else {
        return;
    };
    let Some(mut redis) = private_redis("archive_redis_lost", None) else {
        return;
    };
    let server = Server::start_with(|b| b.photos(10).users(2));
    let key = server.fake.credentials().api_key;
    let users = server.fake.users();
    let (config, store) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (db, redis_url) = (pg.url(), redis.url());
    let archive = |args: &[&str]| {
        let mut cmd = flickr(&server, config.path(), &key);
        cmd.args(["--quota-redis", &redis_url])
            .args(["archive", "--db", &db])
            .args(args);
        cmd
    };
    let targets = [format!("user:{}", users[0]), format!("user:{}", users[1])];
    run_ok(archive(&["add", &targets[0], &targets[1]]));
    server.fake.inject_every(
        STATIC_TARGET,
        1,
        vec![Fault::Slow(Duration::from_millis(20))],
    );
    let worker_args = [
        "worker",
        "--until-idle",
        "--jobs",
        "2",
        "--batch",
        "10",
        "--json",
        "--store",
    ];
    let mut worker = archive(&worker_args);
    worker
        .arg(store.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut worker = worker.spawn().unwrap();

    // Redis goes away once the first member is listed: the second one's
    // listing (claimed after the first one's batches) needs it.
    let end = Instant::now() + Duration::from_secs(60);
    loop {
        let s = status(&server, config.path(), &key, &db);
        if s["targets"][0]["state"] == "fetching" {
            break;
        }
        assert!(Instant::now() < end, "the first member was not listed: {s}");
        std::thread::sleep(Duration::from_millis(30));
    }
    redis.kill();
    std::thread::sleep(Duration::from_secs(3));
    let s = status(&server, config.path(), &key, &db);
    assert!(
        s["targets"][1]["state"] != "done" && s["jobs"].get("failed").is_none(),
        "nothing was done or failed without the budget: {s}"
    );
    redis.start_again().unwrap();

    let code = wait_exit(&mut worker, Duration::from_secs(120));
    let out = worker.wait_with_output().unwrap();
    assert!(code.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["quota_waits"].as_u64().unwrap() >= 1, "{report}");
    assert_eq!(report["failed_attempts"], 0, "{report}");
    let s = status(&server, config.path(), &key, &db);
    for t in s["targets"].as_array().unwrap() {
        assert_eq!(t["state"], "done", "{t}");
        assert_eq!(t["packaged"], 1, "{t}");
    }
    assert!(s["jobs"].get("failed").is_none(), "{s}");
    let before_second_run = server.fake.total_requests();

    // Redis lost for good during a run: with a share of the budget the
    // work goes on. Calls come slowly, so the worker still has calls to
    // make when Redis goes.
    server.fake.clear_faults();
    server
        .fake
        .inject_every("*", 1, vec![Fault::Slow(Duration::from_millis(250))]);
    let mut refresh = flickr(&server, config.path(), &key);
    refresh.args(["archive", "--db", &db, "refresh"]);
    run_ok(refresh);
    let mut worker = archive(&worker_args);
    worker
        .arg(store.path())
        .env("FLICKR_QUOTA_FALLBACK_SHARE", "0.5")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut worker = worker.spawn().unwrap();
    let end = Instant::now() + Duration::from_secs(60);
    while server.fake.total_requests() == before_second_run {
        assert!(Instant::now() < end, "the second run made no call");
        std::thread::sleep(Duration::from_millis(20));
    }
    redis.kill();
    let at_loss = server.fake.total_requests();
    let code = wait_exit(&mut worker, Duration::from_secs(120));
    let out = worker.wait_with_output().unwrap();
    assert!(code.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["quota_waits"], 0, "{report}");
    assert!(
        server.fake.total_requests() > at_loss,
        "calls went on from the local share after Redis was lost"
    );
    let s = status(&server, config.path(), &key, &db);
    for t in s["targets"].as_array().unwrap() {
        assert_eq!(t["state"], "done", "{t}");
        assert_eq!(t["packaged"], 2, "{t}");
    }
}
