//! `--quota-redis` / `FLICKR_QUOTA_REDIS`: `call` and `upload` take their
//! tokens from the budget shared in Redis (a real `redis-server`: the one
//! `scripts/test.sh` starts, or a private one), and a Redis that cannot be
//! reached stops the command with the URL, password redacted.
#![cfg(feature = "redis-quota")]

mod common;

use common::{flickr_authed, Server};
use flickr_sdk::quota::Quota;
use flickr_testkit::redis_server::test_redis;
use flickr_testkit::Config;
use predicates::prelude::*;

#[test]
fn call_and_upload_take_their_tokens_from_the_shared_budget() {
    let Some(redis) = test_redis("call_and_upload_take_their_tokens_from_the_shared_budget") else {
        return;
    };
    // A key of its own: the bucket in Redis is per API key.
    let key = format!(
        "cli-quota-{}-{:?}",
        std::process::id(),
        std::time::SystemTime::now()
    );
    let server = Server::start_with(|b| {
        b.config(Config {
            api_key: key.clone(),
            photos: 10,
            ..Config::default()
        })
    });
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("photo.jpg");
    std::fs::write(&photo, vec![7u8; 4096]).unwrap();

    flickr_authed(&server, dir.path())
        .args(["--quota-redis", &redis.url(), "--calls-per-hour", "5"])
        .args(["call", "flickr.test.echo"])
        .assert()
        .success();
    flickr_authed(&server, dir.path())
        .args(["--quota-redis", &redis.url(), "--calls-per-hour", "5"])
        .args(["upload", "--no-progress"])
        .arg(&photo)
        .assert()
        .success();
    flickr_authed(&server, dir.path())
        .env("FLICKR_QUOTA_REDIS", redis.url())
        .args(["--calls-per-hour", "5", "call", "flickr.test.echo"])
        .assert()
        .success();

    // Three processes, three tokens gone from the one bucket of the key.
    let left = server.runtime.block_on(async {
        let quota = Quota::redis(&redis.url(), &key)
            .per_hour(5)
            .connect()
            .await
            .unwrap();
        quota.remaining_now().await.unwrap()
    });
    assert_eq!(left, 2);
}

#[test]
fn an_unreachable_quota_redis_stops_the_command_naming_the_redacted_url() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    flickr_authed(&server, dir.path())
        .env(
            "FLICKR_QUOTA_REDIS",
            format!("redis://:hunter2@127.0.0.1:{port}/"),
        )
        .args(["call", "flickr.test.echo"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(format!(
            "quota store redis://:***@127.0.0.1:{port}/ is unreachable"
        )))
        .stderr(predicate::str::contains("hunter2").not());
    assert_eq!(server.fake.total_requests(), 0, "nothing was sent");
}

#[test]
fn a_fallback_share_goes_with_a_quota_redis_given_before_the_command() {
    let Some(redis) = test_redis("a_fallback_share_goes_with_a_quota_redis") else {
        return;
    };
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    // The global --quota-redis before the subcommand, the share from the
    // environment: accepted together.
    flickr_authed(&server, dir.path())
        .args(["--quota-redis", &redis.url()])
        .env("FLICKR_QUOTA_FALLBACK_SHARE", "0.5")
        .args(["call", "flickr.test.echo"])
        .assert()
        .success();
    // A share without the budget it falls back from: a usage error.
    flickr_authed(&server, dir.path())
        .args(["--quota-fallback-share", "0.5", "call", "flickr.test.echo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give --quota-redis too"));
}
