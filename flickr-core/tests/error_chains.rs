//! Errors keep their causes: `source()` chains reach the underlying OS or
//! HTTP-library error, and each text is said once along the chain (an error
//! never repeats its cause's text), so `Chain` and `anyhow`-style reports
//! print every cause exactly once.

mod support;

use bytes::Bytes;
use flickr_core::client::{CallOptions, Client};
use flickr_core::error::{Chain, Error, TransportError, TransportErrorKind};
use flickr_core::params::Params;
use flickr_core::retry::RetryPolicy;
use flickr_core::transport::{HttpRequest, HttpResponse, Transport};
use flickr_core::upload::Upload;
use futures::future::BoxFuture;
use serde_json::Value;
use std::error::Error as StdError;
use std::sync::Arc;
use support::methods;

/// The chain from `err` down, as texts.
fn texts(err: &(dyn StdError + 'static)) -> Vec<String> {
    let mut out = vec![err.to_string()];
    let mut next = err.source();
    while let Some(cause) = next {
        out.push(cause.to_string());
        next = cause.source();
    }
    out
}

/// No error's text contains its cause's text: a report prints each once.
fn assert_each_text_once(err: &(dyn StdError + 'static)) {
    let texts = texts(err);
    for pair in texts.windows(2) {
        assert!(
            !pair[1].is_empty() && !pair[0].contains(&pair[1]),
            "`{}` repeats its cause `{}` (chain: {texts:?})",
            pair[0],
            pair[1]
        );
    }
}

/// The first cause in the chain of type `T`.
fn find<'a, T: StdError + 'static>(err: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut next = Some(err);
    while let Some(e) = next {
        if let Some(t) = e.downcast_ref::<T>() {
            return Some(t);
        }
        next = e.source();
    }
    None
}

#[tokio::test]
async fn a_refused_connection_reaches_the_os_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = Client::builder()
        .api_key("key")
        .base_url(&format!("http://127.0.0.1:{port}"))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = client
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Transport(t) if t.kind == TransportErrorKind::Connect));
    assert!(err.source().is_some(), "the HTTP library's error is kept");
    let os = find::<std::io::Error>(&err).expect("an io::Error in the chain");
    assert_eq!(os.kind(), std::io::ErrorKind::ConnectionRefused);
    assert_each_text_once(&err);
    let report = Chain(&err).to_string();
    assert!(
        report.starts_with(&format!(
            "could not connect to http://127.0.0.1:{port}/services/rest/"
        )),
        "{report}"
    );
    assert!(!report.contains("api_key"), "{report}");
}

#[tokio::test]
async fn an_unreadable_upload_names_the_file_and_keeps_the_os_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.jpg");
    let client = Client::builder()
        .oauth("key", "secret", "token", "token-secret")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let err = Upload::from_path(&missing).send(&client).await.unwrap_err();
    assert!(matches!(err, Error::Io(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("cannot read {} for upload", missing.display())
    );
    let os = err
        .source()
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .expect("the OS error is the source");
    assert_eq!(os.kind(), std::io::ErrorKind::NotFound);
    assert_each_text_once(&err);
}

/// Every request times out in the HTTP layer, with an OS error as the cause.
#[derive(Debug)]
struct TimesOut;

impl Transport for TimesOut {
    fn send(&self, _req: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let cause = std::io::Error::new(std::io::ErrorKind::TimedOut, "deadline has elapsed");
        let err = TransportError::new(
            TransportErrorKind::Timeout,
            "deadline has elapsed",
            "http://127.0.0.1:9/services/rest/",
        )
        .with_source(cause);
        Box::pin(async move { Err(err) })
    }
}

#[tokio::test]
async fn a_timeout_the_transport_noticed_keeps_its_report() {
    let client = Client::builder()
        .api_key("key")
        .transport(Arc::new(TimesOut))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = client
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    let Error::Timeout(t) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(t.what, "flickr.test.read");
    let report = t.source.as_ref().expect("the transport's report");
    assert_eq!(report.kind, TransportErrorKind::Timeout);
    let os = find::<std::io::Error>(&err).expect("the OS error at the end");
    assert_eq!(os.kind(), std::io::ErrorKind::TimedOut);
    assert_each_text_once(&err);
    assert_eq!(texts(&err).len(), 3, "{:?}", texts(&err));
}

/// `Error` is transparent: each variant shows the error it holds and
/// returns that error's source, so nothing is printed twice.
#[test]
fn every_variant_is_its_inner_error() {
    let cause = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset by peer");
    let inner = TransportError::new(TransportErrorKind::Body, "reset by peer", "http://h/p")
        .with_source(cause);
    let err: Error = inner.clone().into();
    assert_eq!(err.to_string(), inner.to_string());
    assert_eq!(
        err.source().map(ToString::to_string),
        inner.source().map(ToString::to_string)
    );
    assert!(!err.to_string().contains("reset by peer"), "{err}");
    assert_eq!(
        Chain(&err).to_string(),
        "connection failed while talking to http://h/p: reset by peer"
    );
    // Without a cause, the message is the error's own text.
    let plain: Error = TransportError::new(TransportErrorKind::Body, "reset", "http://h/p").into();
    assert_eq!(
        plain.to_string(),
        "connection failed while talking to http://h/p: reset"
    );
    assert!(plain.source().is_none());
    let io: Error = std::io::Error::other("disk on fire").into();
    assert_eq!(io.to_string(), "disk on fire");
    assert_each_text_once(&io);
    // Leaves have no source.
    let bytes = Bytes::from_static(b"{\"stat\":\"fail\",\"code\":1,\"message\":\"nope\"}");
    let ctx =
        flickr_core::__private::envelope::Called::new("m", flickr_core::registry::Perms::None);
    let api = flickr_core::__private::envelope::read_rest(ctx, &bytes).unwrap_err();
    assert!(matches!(api, Error::Api(_)) && api.source().is_none());
}
