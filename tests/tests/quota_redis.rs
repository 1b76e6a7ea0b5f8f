//! The Redis quota store against a real `redis-server` and real processes.
//!
//! Workers are `quota-worker` processes (tests/src/bin/quota_worker.rs): each
//! builds a client with `Quota::redis(..)` and calls `flickr.test.echo` on a
//! loopback Flickr as fast as the shared quota lets it. The loopback Flickr
//! logs when each request arrives, and the checks are made on those times.
//!
//! **The bound checked.** The bucket holds `C` calls, refills at `C/P`, and
//! is full at start, so the calls *admitted* in any window of length `W` are
//! at most `C + C·W/P` (+1 for a token refilled exactly at the window's edge).
//! A call arrives at the server some time after its admission; with `D` the
//! longest such delay, arrivals in a window of `W` were admitted within
//! `W + D`, so the hard bound on arrivals is `C + C·(W + D)/P + 1`. `D` is set
//! to a generous 0.5 s (a loaded 2-core machine may stall a process that
//! long); without sharing, four workers would make four times the budget.
//!
//! **Use of the budget.** From the first arrival to the last (`span`), the
//! fleet may make `C + C·span/P` calls; at least 90 % of that must arrive. No
//! other timing is asserted.
//!
//! Run by `scripts/test.sh`, which starts a Redis and sets
//! `FLICKR_REQUIRE_REDIS=1` so that these tests fail, not skip, without one.

use flickr_core::error::{Error, QuotaErrorKind};
use flickr_core::quota::{Admission, Quota};
use flickr_testkit::busiest_window;
use flickr_testkit::redis_server::{private_redis, test_redis};
use flickr_testkit::{Config, FakeFlickr, Fault};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The longest delay allowed between a call's admission and its arrival.
const TRANSIT: Duration = Duration::from_millis(500);

/// The multi-process tests run one at a time: each needs the machine's
/// cores to use its budget.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// An API key no other test or run shares (the bucket is keyed by it).
fn unique_key(label: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{label}-{}-{nanos}", std::process::id())
}

async fn fake_flickr(api_key: &str) -> FakeFlickr {
    FakeFlickr::start_with(Config {
        api_key: api_key.to_owned(),
        photos: 10,
        ..Config::default()
    })
    .await
    .expect("start the loopback Flickr")
}

/// A running `quota-worker` and the lines it printed.
struct Worker {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Worker {
    fn spawn(
        fake: &FakeFlickr,
        redis: &str,
        budget: (u32, Duration),
        run: Duration,
        share: Option<f64>,
    ) -> Worker {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_quota-worker"));
        cmd.arg(fake.base_url())
            .arg(redis)
            .arg(fake.credentials().api_key)
            .arg(budget.0.to_string())
            .arg(budget.1.as_millis().to_string())
            .arg(run.as_millis().to_string());
        if let Some(s) = share {
            cmd.arg(s.to_string());
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn quota-worker");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let out = child.stdout.take().expect("worker stdout");
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Worker { child, lines }
    }

    fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    fn count(&self, prefix: &str) -> usize {
        self.lines()
            .iter()
            .filter(|l| l.starts_with(prefix))
            .count()
    }

    /// Waits (at most `limit`) for the exit code; kills it past the limit.
    async fn finish(&mut self, limit: Duration) -> Option<i32> {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader thread take the last lines.
                tokio::time::sleep(Duration::from_millis(50)).await;
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "worker still running after {limit:?}; it printed {:?}",
                    self.lines().iter().rev().take(5).collect::<Vec<_>>()
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Worker {
    /// Waits for the worker to exit with `code`, failing with its output otherwise.
    async fn expect_exit(&mut self, code: i32, limit: Duration) {
        let status = self.finish(limit).await;
        assert_eq!(status, Some(code), "{:?}", self.lines());
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Arrival times of `flickr.test.echo` at `fake`.
fn echo_times(fake: &FakeFlickr) -> Vec<Instant> {
    fake.arrivals()
        .into_iter()
        .filter(|a| a.what == "flickr.test.echo")
        .map(|a| a.at)
        .collect()
}

async fn wait_for_arrivals(fake: &FakeFlickr, n: usize, limit: Duration) {
    let deadline = Instant::now() + limit;
    while echo_times(fake).len() < n {
        assert!(
            Instant::now() < deadline,
            "fewer than {n} calls arrived within {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The hard bound: arrivals in any window of `w` stay within `C + C·(w + D)/P + 1`.
fn assert_never_over_budget(times: &[Instant], (calls, period): (u32, Duration), what: &str) {
    let span = span_of(times);
    let mut windows: Vec<Duration> = [0.125, 0.25, 0.5, 1.0, 2.0]
        .iter()
        .map(|k| period.mul_f64(*k))
        .collect();
    windows.push(span);
    for w in windows {
        let (most, _) = busiest_window(times, w);
        let bound =
            f64::from(calls) * (1.0 + (w + TRANSIT).as_secs_f64() / period.as_secs_f64()) + 1.0;
        eprintln!("{what}: busiest {w:?} window: {most} calls (bound {bound:.1})");
        assert!(
            most as f64 <= bound,
            "{what}: {most} calls within {w:?}, over the budget's bound of {bound:.1}"
        );
    }
}

/// At least 90 % of what the budget allowed from the first arrival to the
/// last arrived; `full_at_start` adds the initial burst of `C`.
fn assert_budget_used(
    times: &[Instant],
    (calls, period): (u32, Duration),
    full_at_start: bool,
    what: &str,
) {
    let span = span_of(times);
    let burst = if full_at_start { f64::from(calls) } else { 0.0 };
    let allowed = burst + f64::from(calls) * span.as_secs_f64() / period.as_secs_f64();
    eprintln!(
        "{what}: {} calls over {span:?}; the budget allowed {allowed:.1}",
        times.len()
    );
    assert!(
        times.len() as f64 >= 0.9 * allowed,
        "{what}: only {} calls over {span:?}, under 90 % of the {allowed:.1} allowed",
        times.len()
    );
}

fn span_of(times: &[Instant]) -> Duration {
    match (times.first(), times.last()) {
        (Some(a), Some(b)) => b.saturating_duration_since(*a),
        _ => Duration::ZERO,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_processes_share_one_budget_and_a_killed_one_leaks_nothing() {
    let Some(redis) = test_redis("four_processes_share_one_budget") else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let budget = (120, Duration::from_secs(2));
    let fake = fake_flickr(&unique_key("fleet")).await;
    let run = Duration::from_secs(8);
    let mut workers: Vec<Worker> = (0..4)
        .map(|_| Worker::spawn(&fake, &redis.url(), budget, run, None))
        .collect();

    // Kill one worker (SIGKILL) a third of the way in, while it is calling.
    wait_for_arrivals(&fake, 1, Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let victim_calls = workers[0].count("ok");
    workers[0].child.kill().expect("SIGKILL a worker");
    let killed_at = Instant::now();
    assert!(victim_calls > 0, "the killed worker had made no call");

    for w in &mut workers[1..] {
        w.expect_exit(0, Duration::from_secs(60)).await;
        assert_eq!(w.count("error"), 0, "{:?}", w.lines());
    }
    let times = echo_times(&fake);
    assert_never_over_budget(&times, budget, "4 processes");
    assert_budget_used(&times, budget, true, "4 processes");

    // After the kill the three others alone still use the whole refill: the
    // killed process took no tokens with it.
    let after: Vec<Instant> = times.iter().copied().filter(|t| *t > killed_at).collect();
    assert_budget_used(&after, budget, false, "3 processes after the kill");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_answered_to_one_process_pauses_the_others() {
    let Some(redis) = test_redis("a_429_answered_to_one_process_pauses_the_others") else {
        return;
    };
    let _serial = SERIAL.lock().await;
    // A budget the workers cannot exhaust: only the pause holds them back.
    let budget = (5000, Duration::from_secs(2));
    let fake = fake_flickr(&unique_key("pause")).await;
    let mut workers: Vec<Worker> = (0..4)
        .map(|_| Worker::spawn(&fake, &redis.url(), budget, Duration::from_secs(8), None))
        .collect();
    wait_for_arrivals(&fake, 200, Duration::from_secs(30)).await;
    // The next request, whichever worker sends it, gets a 429 with Retry-After: 3.
    fake.inject("flickr.test.echo", Fault::RateLimited { retry_after: 3 }, 1);
    let injected = Instant::now();
    for w in &mut workers {
        w.expect_exit(0, Duration::from_secs(60)).await;
    }
    let times = echo_times(&fake);
    let within = |from: f64, to: f64| {
        times
            .iter()
            .filter(|t| {
                let d = t.saturating_duration_since(injected).as_secs_f64();
                **t > injected && d >= from && d < to
            })
            .count()
    };
    let before = times
        .iter()
        .filter(|t| **t <= injected && injected.duration_since(**t) < Duration::from_millis(500))
        .count();
    eprintln!(
        "429 pause: {before} calls in the 0.5 s before, {} in 0.5–2.5 s after, {} after 3.5 s",
        within(0.5, 2.5),
        within(3.5, f64::MAX)
    );
    assert!(
        before > 10,
        "the workers were not busy before the 429 ({before})"
    );
    assert_eq!(
        within(0.5, 2.5),
        0,
        "calls arrived while the 429's Retry-After: 3 should hold every process back"
    );
    assert!(
        within(3.5, f64::MAX) > 0,
        "the workers never resumed after the pause"
    );
    // The worker that got the 429 retried it after the pause: no call failed.
    for w in &workers {
        assert_eq!(w.count("error"), 0, "{:?}", w.lines());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_keys_keep_independent_budgets() {
    let Some(redis) = test_redis("two_keys_keep_independent_budgets") else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let budget = (60, Duration::from_secs(2));
    let run = Duration::from_secs(6);
    let a = fake_flickr(&unique_key("key-a")).await;
    let b = fake_flickr(&unique_key("key-b")).await;
    let mut workers: Vec<Worker> = [&a, &a, &b, &b]
        .iter()
        .map(|fake| Worker::spawn(fake, &redis.url(), budget, run, None))
        .collect();
    for w in &mut workers {
        w.expect_exit(0, Duration::from_secs(60)).await;
    }
    for (fake, what) in [(&a, "key A"), (&b, "key B")] {
        let times = echo_times(fake);
        assert_never_over_budget(&times, budget, what);
        // Had the keys shared a bucket, each would get about half.
        assert_budget_used(&times, budget, true, what);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_lost_mid_run_fails_the_calls_by_default() {
    let password = "s3cret-pw";
    let Some(mut redis) = private_redis(
        "redis_lost_mid_run_fails_the_calls_by_default",
        Some(password),
    ) else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let fake = fake_flickr(&unique_key("lost")).await;
    let budget = (5000, Duration::from_secs(2));
    let mut workers: Vec<Worker> = (0..2)
        .map(|_| Worker::spawn(&fake, &redis.url(), budget, Duration::from_secs(60), None))
        .collect();
    wait_for_arrivals(&fake, 100, Duration::from_secs(30)).await;
    redis.kill();
    let killed_at = Instant::now();
    let shown = format!("redis://:***@127.0.0.1:{}/", redis.port());
    for w in &mut workers {
        w.expect_exit(4, Duration::from_secs(30)).await;
        let lines = w.lines();
        let last = lines.last().cloned().unwrap_or_default();
        assert!(
            last.starts_with("quota-error")
                && last.contains(&shown)
                && last.contains("stopped answering"),
            "{last}"
        );
        assert!(
            lines.iter().all(|l| !l.contains(password)),
            "password leaked: {lines:?}"
        );
    }
    // Nothing was sent without the quota's say-so (allowing for calls in flight).
    let late = echo_times(&fake)
        .into_iter()
        .filter(|t| t.saturating_duration_since(killed_at) > TRANSIT)
        .count();
    assert_eq!(late, 0, "calls went out after Redis was lost");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_lost_mid_run_falls_back_to_the_local_share_when_configured() {
    let Some(mut redis) = private_redis(
        "redis_lost_mid_run_falls_back_to_the_local_share_when_configured",
        None,
    ) else {
        return;
    };
    let _serial = SERIAL.lock().await;
    let fake = fake_flickr(&unique_key("fallback")).await;
    let budget = (100, Duration::from_secs(2));
    // Two workers with half the budget each: together, the whole budget.
    let mut workers: Vec<Worker> = (0..2)
        .map(|_| {
            Worker::spawn(
                &fake,
                &redis.url(),
                budget,
                Duration::from_secs(9),
                Some(0.5),
            )
        })
        .collect();
    wait_for_arrivals(&fake, 1, Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    redis.kill();
    let killed_at = Instant::now();
    for w in &mut workers {
        w.expect_exit(0, Duration::from_secs(60)).await;
        assert_eq!(w.count("quota-error"), 0, "{:?}", w.lines());
    }
    let times = echo_times(&fake);
    let after: Vec<Instant> = times
        .iter()
        .copied()
        .filter(|t| *t > killed_at + TRANSIT)
        .collect();
    // Each local bucket is full when the fallback begins: C/2 each, C in all.
    assert_never_over_budget(&after, budget, "fallback");
    assert_budget_used(&after, budget, false, "fallback");
    // Across the switch the fleet may spend the Redis bucket and then the
    // full local buckets: at most two capacities' burst, never more.
    assert_never_over_budget(&times, (budget.0 * 2, budget.1), "whole run");
}

#[tokio::test]
async fn unreachable_redis_at_start_is_a_clear_error_naming_the_redacted_url() {
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    let url = format!("redis://:hunter2@127.0.0.1:{port}/");
    let err = Quota::redis(&url, "some-api-key")
        .timeout(Duration::from_secs(1))
        .connect()
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(&err, Error::Quota(q) if q.kind == QuotaErrorKind::Unreachable),
        "{text}"
    );
    assert!(
        text.contains(&format!("redis://:***@127.0.0.1:{port}/")),
        "{text}"
    );
    assert!(
        !text.contains("hunter2") && !format!("{err:?}").contains("hunter2"),
        "{text}"
    );
    assert!(!text.contains("some-api-key"), "{text}");
}

#[tokio::test]
async fn the_shared_bucket_is_full_at_start_and_every_client_sees_it_empty() {
    let Some(redis) =
        test_redis("the_shared_bucket_is_full_at_start_and_every_client_sees_it_empty")
    else {
        return;
    };
    let key = unique_key("inspect");
    let connect = || Quota::redis(&redis.url(), &key).per_hour(5).connect();
    let a = connect().await.unwrap();
    let b = connect().await.unwrap();
    assert_eq!(a.store_name(), "redis");
    assert_eq!(a.remaining_now().await.unwrap(), 5, "full at start");
    for _ in 0..3 {
        assert_eq!(a.admit().await.unwrap(), Admission::Granted);
    }
    assert_eq!(a.remaining(), 2, "the last answer's count, without I/O");
    assert_eq!(
        b.remaining_now().await.unwrap(),
        2,
        "another client sees the same budget"
    );
    b.acquire().await.unwrap();
    b.acquire().await.unwrap();
    // Empty: the next token comes back in 3600 s / 5 = 12 minutes.
    match a.admit().await.unwrap() {
        Admission::Wait(w) => assert!(
            w > Duration::from_secs(600) && w <= Duration::from_secs(720),
            "{w:?}"
        ),
        Admission::Granted => panic!("a sixth call was admitted from a budget of five"),
    }
    // Debug shows the redacted URL and the hashed key, never the API key.
    let shown = format!("{a:?}");
    assert!(
        shown.contains("flickr-rs:quota:") && !shown.contains(&key),
        "{shown}"
    );
}

#[tokio::test]
async fn a_pause_from_one_client_holds_the_other_back_but_not_another_key() {
    let Some(redis) =
        test_redis("a_pause_from_one_client_holds_the_other_back_but_not_another_key")
    else {
        return;
    };
    // A pause from one client holds the other back, on the server's clock.
    let paused_key = unique_key("inspect-pause");
    let connect_paused = || {
        Quota::redis(&redis.url(), &paused_key)
            .per_hour(5)
            .connect()
    };
    let (c, c2) = (
        connect_paused().await.unwrap(),
        connect_paused().await.unwrap(),
    );
    c.pause(Duration::from_secs(30)).await.unwrap();
    assert_eq!(
        c2.remaining_now().await.unwrap(),
        0,
        "paused by the other client"
    );
    match c2.admit().await.unwrap() {
        Admission::Wait(w) => assert!(
            w > Duration::from_secs(20) && w <= Duration::from_secs(30),
            "{w:?}"
        ),
        Admission::Granted => panic!("admitted during another client's pause"),
    }
    let other = Quota::redis(&redis.url(), &unique_key("inspect-other"))
        .per_hour(5)
        .connect()
        .await
        .unwrap();
    assert_eq!(
        other.remaining_now().await.unwrap(),
        5,
        "another key is not paused"
    );
}
