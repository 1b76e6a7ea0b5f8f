//! Retries over real HTTP on loopback: reads retry on 503, 429 and Flickr
//! 105; writes are sent exactly once unless the caller opts in.
//! No test asserts timings; the policy uses 1 ms delays.

mod support;

use flickr_core::client::{CallOptions, Client};
use flickr_core::error::Error;
use flickr_core::params::Params;
use flickr_core::retry::RetryPolicy;
use serde_json::Value;
use std::time::Duration;
use support::{methods, Reply, TestServer};

fn fast_policy() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(4)
        .with_delays(Duration::from_millis(1), Duration::from_millis(5))
        .with_deadline(Some(Duration::from_secs(30)))
}

fn client(server: &TestServer) -> Client {
    Client::builder()
        .oauth("key", "secret", "token", "token-secret")
        .base_url(&server.base())
        .retry_policy(fast_policy())
        .build()
        .unwrap()
}

const OK: &str = r#"{"user":{"id":"1@N01"},"stat":"ok"}"#;

#[tokio::test]
async fn a_read_that_meets_two_503s_then_succeeds() {
    let server = TestServer::start().await;
    server
        .push(Reply::status(
            503,
            "<html><title>503 Service Unavailable</title></html>",
        ))
        .push(Reply::status(503, "busy"))
        .push(Reply::json(OK));
    let v: Value = client(&server)
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    assert_eq!(v["user"]["id"], "1@N01");
    assert_eq!(server.count(), 3);
    // Every attempt is freshly signed (new nonce), never a replay of the first.
    let nonces: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.param("oauth_nonce").unwrap())
        .collect();
    assert_eq!(nonces.len(), 3);
    assert!(nonces.iter().all(|n| !n.is_empty()));
}

#[tokio::test]
async fn a_write_that_meets_one_503_is_not_retried() {
    let server = TestServer::start().await;
    server
        .push(Reply::status(503, "busy"))
        .push(Reply::json(OK));
    let err = client(&server)
        .call::<Value>(&methods::WRITE, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Http(h) if h.status == 503), "{err:?}");
    assert_eq!(
        server.count(),
        1,
        "the write must reach the server exactly once"
    );
    assert_eq!(server.last().method, "POST");
}

#[tokio::test]
async fn a_write_retries_when_the_caller_opts_in() {
    let server = TestServer::start().await;
    server
        .push(Reply::status(503, "busy"))
        .push(Reply::json(OK));
    let opts = CallOptions::new().retry_writes(true);
    let v: Value = client(&server)
        .call::<Value>(&methods::WRITE, Params::new(), &opts)
        .await
        .unwrap();
    assert_eq!(v["stat"], "ok");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_then_succeeds() {
    let server = TestServer::start().await;
    server
        .push(Reply::status(429, "slow down").header("retry-after", "0"))
        .push(Reply::json(OK));
    let v: Value = client(&server)
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    assert_eq!(v["stat"], "ok");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn retry_after_beyond_the_deadline_gives_up_with_the_429() {
    let server = TestServer::start().await;
    server.set_default(Reply::status(429, "slow down").header("retry-after", "3600"));
    let c = Client::builder()
        .api_key("key")
        .base_url(&server.base())
        .retry_policy(
            fast_policy()
                .with_delays(Duration::from_millis(1), Duration::from_secs(3600))
                .with_deadline(Some(Duration::from_secs(5))),
        )
        .build()
        .unwrap();
    let err = c
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    let Error::Http(h) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(h.status, 429);
    assert_eq!(h.retry_after, Some(Duration::from_secs(3600)));
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn api_105_is_retried_for_reads_only() {
    let server = TestServer::start().await;
    server
        .push(Reply::api_error(105, "Service currently unavailable"))
        .push(Reply::json(OK));
    let v: Value = client(&server)
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    assert_eq!(v["stat"], "ok");
    assert_eq!(server.count(), 2);

    let server = TestServer::start().await;
    server
        .push(Reply::api_error(105, "Service currently unavailable"))
        .push(Reply::json(OK));
    let err = client(&server)
        .call::<Value>(&methods::WRITE, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert_eq!(err.api_code(), Some(105));
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn retries_stop_at_the_attempt_limit() {
    let server = TestServer::start().await;
    server.set_default(Reply::status(
        502,
        "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
    ));
    let err = client(&server)
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert_eq!(server.count(), 4);
    let Error::Http(h) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(h.status, 502);
    assert!(
        h.body_excerpt.contains("502 Bad Gateway"),
        "{}",
        h.body_excerpt
    );
}

#[tokio::test]
async fn permanent_errors_are_not_retried() {
    let server = TestServer::start().await;
    server.set_default(Reply::api_error(1, "Photo not found"));
    let err = client(&server)
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert_eq!(err.api_code(), Some(1));
    assert_eq!(server.count(), 1);

    let server = TestServer::start().await;
    server.set_default(Reply::status(404, "not here"));
    let err = client(&server)
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Http(h) if h.status == 404));
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn timeouts_are_retried_for_reads() {
    let server = TestServer::start().await;
    server
        .push(Reply::json(OK).delay(Duration::from_secs(5)))
        .push(Reply::json(OK));
    let c = Client::builder()
        .api_key("key")
        .base_url(&server.base())
        .timeout(Duration::from_millis(200))
        .retry_policy(fast_policy())
        .build()
        .unwrap();
    let v: Value = c
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    assert_eq!(v["stat"], "ok");
    assert_eq!(server.count(), 2);
}

/// Flickr's transient answers (an HTML page with 200, a body that is no
/// document, `stat=fail` with code 0 or 201): reads retry them.
#[tokio::test]
async fn a_read_retries_transient_answers_until_a_real_one() {
    let server = TestServer::start().await;
    server
        .push(
            Reply::status(200, "<html><body>Flickr is having a nap</body></html>")
                .header("content-type", "text/html"),
        )
        .push(Reply::status(
            200,
            "jsonFlickrApi({\"stat\":\"ok\",\"photos\":{",
        ))
        .push(Reply::json(
            r#"{"stat":"fail","code":201,"message":"API not available"}"#,
        ))
        .push(Reply::json(OK));
    let policy = fast_policy().with_max_attempts(5);
    let v: Value = Client::builder()
        .oauth("key", "secret", "token", "token-secret")
        .base_url(&server.base())
        .retry_policy(policy)
        .build()
        .unwrap()
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    assert_eq!(v["user"]["id"], "1@N01");
    assert_eq!(server.count(), 4);

    let server = TestServer::start().await;
    server
        .push(Reply::json(r#"{"stat":"fail","code":0,"message":"Sorry"}"#))
        .push(Reply::json(OK));
    let v: Value = client(&server)
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    assert_eq!(v["user"]["id"], "1@N01");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_write_meeting_a_transient_answer_is_not_retried() {
    for reply in [
        Reply::status(200, "<html>maintenance</html>"),
        Reply::json(r#"{"stat":"fail","code":201,"message":"API not available"}"#),
        Reply::status(429, "<html>too many</html>").header("retry-after", "1"),
    ] {
        let server = TestServer::start().await;
        server.push(reply).push(Reply::json(OK));
        let err = client(&server)
            .call::<Value>(&methods::WRITE, Params::new(), &CallOptions::new())
            .await
            .unwrap_err();
        assert!(err.is_retryable(), "transient, but a write: {err:?}");
        assert_eq!(
            server.count(),
            1,
            "the write must reach the server exactly once"
        );
    }
}

/// A 429 whose body is a Flickr envelope is a rate limit with its
/// `Retry-After`, not the envelope's API error.
#[tokio::test]
async fn a_429_with_an_envelope_keeps_its_retry_after() {
    let server = TestServer::start().await;
    server.push(
        Reply::status(
            429,
            r#"{"stat":"fail","code":105,"message":"Service currently unavailable"}"#,
        )
        .header("retry-after", "7"),
    );
    let err = Client::builder()
        .oauth("key", "secret", "token", "token-secret")
        .base_url(&server.base())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Http(h) if h.status == 429), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
}
