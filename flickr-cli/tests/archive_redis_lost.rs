//! `flickr archive worker --quota-redis` when Redis is lost: by default the
//! quota fails closed, so a job that needs a call waits for Redis without
//! spending its attempts, and the run ends with every target archived once
//! Redis is back; with `--quota-fallback-share` a worker goes on with its
//! share of the budget while Redis stays away.
//!
//! The two runs happen once, in order, by the first case that asks
//! ([`lost`]); the servers stop when they are done, and each case checks
//! one recorded outcome.
#![cfg(all(unix, feature = "redis-quota"))]

mod common;

use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::fleet::{flickr, run_ok, status, wait_exit};
use common::Server;
use flickr_testkit::postgres_server::test_postgres;
use flickr_testkit::redis_server::private_redis;
use flickr_testkit::scenario;
use flickr_testkit::{Fault, STATIC_TARGET};
use serde_json::Value;

/// What the two runs showed.
struct Lost {
    /// `status --json` three seconds after Redis was lost in the first run.
    while_lost: Value,
    /// The first run, which Redis came back to.
    first: Run,
    /// The second run, which Redis left for good, with the calls the
    /// loopback Flickr had answered when Redis went and when it ended.
    second: Run,
    at_loss: u64,
    calls_at_end: u64,
}

/// How a worker ended and the status after it.
struct Run {
    code: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
    status: Value,
}

impl Run {
    /// The worker's JSON report; it must have succeeded.
    fn report(&self) -> Value {
        assert!(self.code.success(), "{}", self.stderr);
        serde_json::from_slice(&self.stdout).unwrap()
    }
}

/// The runs' outcome, made by the first case that asks; `None` when
/// PostgreSQL or Redis is missing and not required (the case skips). Runs
/// that failed fail every case with their message, and are not made again.
fn lost() -> Option<&'static Lost> {
    static LOST: scenario::Once<Lost> = OnceLock::new();
    scenario::run_once(&LOST, "the runs without Redis", run)
}

const WORKER_ARGS: [&str; 8] = [
    "worker",
    "--until-idle",
    "--jobs",
    "2",
    "--batch",
    "10",
    "--json",
    "--store",
];

/// Both runs in order: the first loses Redis once its first member is
/// listed and gets it back; the second, with a share of the budget, loses
/// it for good once it has made a call.
fn run() -> Option<Lost> {
    let pg = test_postgres("archive_redis_lost")?;
    let mut redis = private_redis("archive_redis_lost", None)?;
    let server = Server::start_with(|b| b.photos(10).users(2));
    let key = server.fake.credentials().api_key;
    let users = server.fake.users();
    let (config, store) = (
        flickr_testkit::fixture_tempdir(),
        flickr_testkit::fixture_tempdir(),
    );
    let (db, redis_url) = (pg.url(), redis.url());
    let archive = |args: &[&str]| {
        let mut cmd = flickr(&server, config.path(), &key);
        cmd.args(["--quota-redis", &redis_url])
            .args(["archive", "--db", &db])
            .args(args);
        cmd
    };
    let spawn = |mut worker: Command| {
        worker
            .arg(store.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        worker.spawn().unwrap()
    };
    let finish = |mut worker: Child| {
        let code = wait_exit(&mut worker, Duration::from_secs(120));
        let out = worker.wait_with_output().unwrap();
        (code, out)
    };
    let status_now = || status(&server, config.path(), &key, &db);
    let targets = [format!("user:{}", users[0]), format!("user:{}", users[1])];
    run_ok(archive(&["add", &targets[0], &targets[1]]));
    server.fake.inject_every(
        STATIC_TARGET,
        1,
        vec![Fault::Slow(Duration::from_millis(20))],
    );
    let worker = spawn(archive(&WORKER_ARGS));

    // Redis goes away once the first member is listed: the second one's
    // listing (claimed after the first one's batches) needs it.
    let end = Instant::now() + Duration::from_secs(60);
    loop {
        let s = status_now();
        if s["targets"][0]["state"] == "fetching" {
            break;
        }
        assert!(Instant::now() < end, "the first member was not listed: {s}");
        std::thread::sleep(Duration::from_millis(30));
    }
    redis.kill();
    std::thread::sleep(Duration::from_secs(3));
    let while_lost = status_now();
    redis.start_again().unwrap();
    let (code, out) = finish(worker);
    let first = Run {
        code,
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        status: status_now(),
    };
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
    let mut worker = archive(&WORKER_ARGS);
    worker.env("FLICKR_QUOTA_FALLBACK_SHARE", "0.5");
    let worker = spawn(worker);
    let end = Instant::now() + Duration::from_secs(60);
    while server.fake.total_requests() == before_second_run {
        assert!(Instant::now() < end, "the second run made no call");
        std::thread::sleep(Duration::from_millis(20));
    }
    redis.kill();
    let at_loss = server.fake.total_requests();
    let (code, out) = finish(worker);
    let calls_at_end = server.fake.total_requests();
    let second = Run {
        code,
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        status: status_now(),
    };
    Some(Lost {
        while_lost,
        first,
        second,
        at_loss,
        calls_at_end,
    })
}

#[test]
fn nothing_is_done_or_failed_while_redis_is_lost() {
    let Some(l) = lost() else { return };
    let s = &l.while_lost;
    assert!(
        s["targets"][1]["state"] != "done" && s["jobs"].get("failed").is_none(),
        "nothing was done or failed without the budget: {s}"
    );
}

#[test]
fn a_job_waits_for_a_lost_redis_without_spending_its_attempts() {
    let Some(l) = lost() else { return };
    let report = l.first.report();
    assert!(report["quota_waits"].as_u64().unwrap() >= 1, "{report}");
    assert_eq!(report["failed_attempts"], 0, "{report}");
}

#[test]
fn once_redis_is_back_every_target_is_archived_once() {
    let Some(l) = lost() else { return };
    let s = &l.first.status;
    for t in s["targets"].as_array().unwrap() {
        assert_eq!(t["state"], "done", "{t}");
        assert_eq!(t["packaged"], 1, "{t}");
    }
    assert!(s["jobs"].get("failed").is_none(), "{s}");
}

#[test]
fn with_a_share_of_the_budget_a_worker_goes_on_without_redis() {
    let Some(l) = lost() else { return };
    let report = l.second.report();
    assert_eq!(report["quota_waits"], 0, "{report}");
    assert!(
        l.calls_at_end > l.at_loss,
        "calls went on from the local share after Redis was lost"
    );
    for t in l.second.status["targets"].as_array().unwrap() {
        assert_eq!(t["state"], "done", "{t}");
        assert_eq!(t["packaged"], 2, "{t}");
    }
}
