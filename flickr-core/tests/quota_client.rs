//! The quota governor wired into the call pipeline: every attempt takes a
//! token from a bucket shared by all clones, and a 429 with `Retry-After`
//! pauses the bucket. No timings are asserted: the tests look at the budget.

use bytes::Bytes;
use flickr_core::client::{CallOptions, Client, MethodRef};
use flickr_core::quota::{Admission, Quota};
use flickr_core::retry::RetryPolicy;
use flickr_core::transport::{HttpRequest, HttpResponse, Transport};
use futures::future::BoxFuture;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use flickr_core::registry::Verb;
use serde_json::Value;

/// A method the client knows only by name.
const NULL: MethodRef<'static> = MethodRef::Named {
    name: "flickr.test.null",
    verb: Verb::Get,
};

#[derive(Debug)]
struct Canned {
    status: u16,
    headers: Vec<(String, String)>,
    body: &'static str,
    sent: AtomicUsize,
}

impl Transport for Canned {
    fn send(
        &self,
        _req: HttpRequest,
    ) -> BoxFuture<'_, Result<HttpResponse, flickr_core::error::TransportError>> {
        self.sent.fetch_add(1, Ordering::SeqCst);
        let resp = HttpResponse {
            status: self.status,
            headers: self.headers.clone(),
            body: Bytes::from_static(self.body.as_bytes()),
        };
        Box::pin(async move { Ok(resp) })
    }
}

fn client(transport: Arc<Canned>, quota: Quota) -> Client {
    Client::builder()
        .api_key("key")
        .transport(transport)
        .retry_policy(RetryPolicy::none())
        .quota(quota)
        .build()
        .unwrap()
}

#[tokio::test]
async fn calls_spend_the_budget_shared_by_every_clone() {
    let transport = Arc::new(Canned {
        status: 200,
        headers: vec![("content-type".into(), "application/json".into())],
        body: r#"{"stat":"ok"}"#,
        sent: AtomicUsize::new(0),
    });
    let quota = Quota::per_hour(3);
    let a = client(transport.clone(), quota.clone());
    let b = a.clone();
    a.call::<Value>(NULL, [("k", "v")].into(), &CallOptions::new())
        .await
        .unwrap();
    b.call::<Value>(NULL, [("k", "v")].into(), &CallOptions::new())
        .await
        .unwrap();
    assert_eq!(transport.sent.load(Ordering::SeqCst), 2);
    assert_eq!(a.quota().unwrap().remaining(), 1);
    assert_eq!(b.quota().unwrap().remaining(), 1);
    b.call::<Value>(NULL, [("k", "v")].into(), &CallOptions::new())
        .await
        .unwrap();
    // The next call would have to wait: the bucket grants nothing now.
    assert!(matches!(quota.admit().await, Ok(Admission::Wait(_))));
    assert_eq!(a.quota().unwrap().remaining(), 0);
}

#[tokio::test]
async fn a_429_with_retry_after_pauses_the_bucket() {
    let transport = Arc::new(Canned {
        status: 429,
        headers: vec![("retry-after".into(), "3600".into())],
        body: "slow down",
        sent: AtomicUsize::new(0),
    });
    let quota = Quota::per_hour(100);
    let c = client(transport.clone(), quota.clone());
    let err = c
        .call::<Value>(NULL, [("k", "v")].into(), &CallOptions::new())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("429"), "{err}");
    assert_eq!(quota.remaining(), 0, "paused after Retry-After");
    assert!(
        matches!(quota.admit().await, Ok(Admission::Wait(w)) if w > Duration::from_secs(3000)),
        "held back for Flickr's Retry-After"
    );
}

#[test]
fn clients_without_a_quota_have_none() {
    let c = Client::builder().api_key("key").build().unwrap();
    assert!(c.quota().is_none());
}
