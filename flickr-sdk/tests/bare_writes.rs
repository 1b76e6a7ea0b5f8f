//! A write that happened is never reported as failed: an older Flickr
//! answered some writes (`flickr.photos.addTags`,
//! `flickr.photos.transform.rotate`, …) with a bare `{"stat":"ok"}`.

use axum::routing::any;
use axum::Router;
use flickr_core::registry::Verb;
use flickr_sdk::registry::{decode_to_json, METHODS};
use flickr_sdk::Client;

const BARE: &str = r#"{"stat":"ok"}"#;

/// Every write method's typed decode accepts the bare answer.
#[test]
fn every_write_method_accepts_a_bare_answer() {
    let mut failures = Vec::new();
    let mut writes = 0;
    for m in METHODS.iter().filter(|m| m.verb == Verb::Post) {
        writes += 1;
        match decode_to_json(m.name, BARE) {
            Some(Ok(_)) => {}
            Some(Err(e)) => failures.push(format!("{}: {e}", m.name)),
            None => failures.push(format!("{}: no decoder", m.name)),
        }
    }
    assert!(writes >= 60, "only {writes} write methods in the registry");
    assert!(
        failures.is_empty(),
        "{} write methods fail on a bare answer:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Reads keep insisting on their member: a bare answer to a read is not
/// what Flickr documents, and says so.
#[test]
fn a_read_with_a_bare_answer_is_still_an_error() {
    let e = decode_to_json("flickr.photos.getSizes", BARE)
        .expect("known method")
        .unwrap_err();
    assert!(e.contains("`sizes`"), "{e}");
}

/// Over HTTP, through the generated calls.
#[tokio::test]
async fn bare_answers_to_writes_succeed_over_http() {
    let app = Router::new().fallback(any(|| async { BARE }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let flickr: Client = Client::builder()
        .oauth("key", "secret", "token", "token-secret")
        .base_url(&base)
        .build()
        .unwrap();
    let tags = flickr
        .photos()
        .add_tags("53410986372", ["bare"])
        .send()
        .await
        .expect("addTags with a bare answer succeeds");
    assert!(tags.tags.is_empty(), "{tags:?}");
    flickr
        .photos()
        .transform()
        .rotate(
            "53410986372",
            flickr_sdk::photos::transform::RotateDegrees::Deg90,
        )
        .send()
        .await
        .expect("rotate with a bare answer succeeds");
}
