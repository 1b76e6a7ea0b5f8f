//! The hostile-response suite: malformed or surprising answers served over
//! loopback, each with the error it must produce (kind and a piece of the
//! message). Every case also checks that the call neither panicked nor hung,
//! that no secret reached the error's Display or Debug text, and that a
//! second host (the target of the redirect cases) never saw a request.
//!
//! The table is documented in RELIABILITY.md at the repository root; keep
//! the two in step.

mod hostile;
mod support;

use hostile::*;

use flickr_core::client::{CallOptions, Client};
use flickr_core::credentials::Secret;
use flickr_core::error::Error;
use flickr_core::oauth::{self, RequestToken};
use flickr_core::params::Params;
use flickr_core::retry::RetryPolicy;
use flickr_core::upload::Upload;
use serde_json::Value;
use std::time::Duration;
use support::{methods, TestServer};

/// Runs one case; `Err` describes a failed expectation.
async fn run(case: &Case) -> Result<(), String> {
    let other = TestServer::start().await;
    let server = TestServer::start().await;
    server.set_default((case.reply)(&other.base()));
    let client = Client::builder()
        .oauth("key", SECRET, "token", TOKEN_SECRET)
        .base_url(&server.base())
        .retry_policy(RetryPolicy::none())
        .timeout(case.timeout)
        .max_body(8 << 20)
        .build()
        .map_err(|e| format!("build: {e}"))?;
    let outcome: Result<Value, Error> = match case.via {
        Via::Read => {
            client
                .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
                .await
        }
        Via::Write => {
            client
                .call::<Value>(&methods::WRITE, Params::new(), &CallOptions::new())
                .await
        }
        Via::Typed => client
            .call::<Page>(&methods::READ, Params::new(), &CallOptions::new())
            .await
            .map(|p| Value::String(format!("{p:?}"))),
        Via::Upload => Upload::from_reader(PHOTO, PHOTO.len() as u64)
            .title("t")
            .timeout(case.timeout)
            .send(&client)
            .await
            .map(|r| Value::String(format!("{r:?}"))),
        Via::RequestToken => oauth::request_token(&client, None)
            .await
            .map(|r| Value::String(format!("{r:?}"))),
        Via::AccessToken => {
            let rt = RequestToken {
                token: "req-token".into(),
                secret: Secret::new("REQUEST-SECRET-q"),
                callback_confirmed: true,
            };
            oauth::access_token(&client, &rt, "123-456")
                .await
                .map(|r| Value::String(format!("{r:?}")))
        }
    };
    if other.count() != 0 {
        return Err("the second host received a request".into());
    }
    let err = match (outcome, case.want) {
        (Ok(v), Want::Ok) => {
            let text = v.to_string();
            if std::env::var_os("HOSTILE_PRINT").is_some() {
                eprintln!(
                    "CASE\t{}\t{:?}\t{:?}\t{}",
                    case.name,
                    case.via,
                    case.want,
                    excerpt(&text)
                );
            }
            return if text.contains(case.msg) {
                Ok(())
            } else {
                Err(format!("value lacks {:?}: {}", case.msg, excerpt(&text)))
            };
        }
        (Ok(v), want) => {
            return Err(format!(
                "expected {want:?}, got Ok({})",
                excerpt(&v.to_string())
            ))
        }
        (Err(e), Want::Ok) => return Err(format!("expected Ok, got {e}")),
        (Err(e), _) => e,
    };
    let kind_ok = match (&err, case.want) {
        (Error::Decode(_), Want::Decode) => true,
        (Error::Api(a), Want::Api(code)) => a.code == code,
        (Error::Http(h), Want::Http(status)) => h.status == status,
        (Error::Transport(t), Want::Transport(kind)) => t.kind == kind,
        (Error::Timeout(_), Want::Timeout) => true,
        (Error::OAuth(_), Want::OAuth) => true,
        _ => false,
    };
    let text = err.to_string();
    let debug = format!("{err:?}");
    if std::env::var_os("HOSTILE_PRINT").is_some() {
        eprintln!(
            "CASE\t{}\t{:?}\t{:?}\t{}",
            case.name,
            case.via,
            case.want,
            excerpt(&text)
        );
    }
    if !kind_ok {
        return Err(format!("expected {:?}, got {debug}", case.want));
    }
    if !text.contains(case.msg) {
        return Err(format!("message lacks {:?}: {text}", case.msg));
    }
    for t in [&text, &debug] {
        if t.contains(SECRET) || t.contains(TOKEN_SECRET) || t.contains("REQUEST-SECRET-q") {
            return Err(format!("a secret leaked: {t}"));
        }
        if t.contains("oauth_signature=") || t.contains("oauth_signature%3D") {
            return Err(format!("a signature leaked: {t}"));
        }
    }
    if text.len() > 4096 {
        return Err(format!("message is {} bytes long", text.len()));
    }
    Ok(())
}

fn excerpt(s: &str) -> String {
    s.chars().take(300).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_hostile_answer_gets_its_documented_error() {
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut names = std::collections::HashSet::new();
    for c in &cases {
        assert!(names.insert(c.name), "duplicate case name {}", c.name);
    }
    // Each case runs in its own task (a panic is caught and reported by
    // name) under an outer limit far above any case's own timeout.
    let cases: Vec<std::sync::Arc<Case>> = cases.into_iter().map(std::sync::Arc::new).collect();
    let mut tasks = Vec::new();
    for c in &cases {
        let c = c.clone();
        tasks.push(tokio::spawn(async move {
            tokio::time::timeout(Duration::from_secs(120), run(&c)).await
        }));
    }
    let mut failures = Vec::new();
    for (c, task) in cases.iter().zip(tasks) {
        match task.await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(why))) => failures.push(format!("{}: {why}", c.name)),
            Ok(Err(_)) => failures.push(format!("{}: hung", c.name)),
            Err(e) => failures.push(format!("{}: panicked: {e}", c.name)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
