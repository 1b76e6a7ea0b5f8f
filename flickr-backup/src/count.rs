//! Counting API requests: flickr-core's [`Observed`] transport noting each
//! request's Flickr method (retries included, as Flickr and the quota
//! count them) before passing it on unchanged.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use flickr_sdk::transport::{Body, HttpRequest, HttpResponse, Observed, Transport, TransportError};
use futures::future::BoxFuture;
use tokio::sync::mpsc::UnboundedSender;

use crate::events::Event;

/// Requests per Flickr method.
#[derive(Debug, Clone, Default)]
pub struct Counts(Arc<Mutex<BTreeMap<String, u64>>>);

impl Counts {
    /// A snapshot.
    pub fn get(&self) -> BTreeMap<String, u64> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Adds `n` to `method`.
    pub fn add(&self, method: &str, n: u64) -> u64 {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *map.entry(method.to_owned()).or_default() += n;
        map.values().sum()
    }
}

/// `inner`, counting each request's method into `counts` and announcing
/// it on `events`.
pub fn counting(
    inner: Arc<dyn Transport>,
    counts: Counts,
    events: UnboundedSender<Event>,
) -> Observed<impl Fn(&HttpRequest) + Send + Sync + 'static> {
    Observed::new(inner, move |req: &HttpRequest| {
        let method = method_of(req);
        let total = counts.add(&method, 1);
        let _ = events.send(Event::ApiCall { method, total });
    })
}

/// The `method` parameter of a REST request (query or form body).
fn method_of(req: &HttpRequest) -> String {
    let from_pairs = |pairs: url::form_urlencoded::Parse<'_>| {
        pairs
            .into_iter()
            .find(|(k, _)| k == "method")
            .map(|(_, v)| v.into_owned())
    };
    from_pairs(req.url.query_pairs())
        .or_else(|| match &req.body {
            Body::Form(form) => from_pairs(url::form_urlencoded::parse(form.as_bytes())),
            _ => None,
        })
        .unwrap_or_else(|| req.url.path().trim_matches('/').to_owned())
}

/// The transport of a run from an export alone: it refuses every request,
/// so such a run provably makes none (its stages make none; this makes any
/// mistake an error rather than a request).
#[derive(Debug)]
pub struct OfflineTransport;

impl Transport for OfflineTransport {
    fn send(&self, req: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let url = format!(
            "{}://{}{}",
            req.url.scheme(),
            req.url.host_str().unwrap_or_default(),
            req.url.path()
        );
        Box::pin(async move {
            Err(TransportError::new(
                flickr_sdk::transport::TransportErrorKind::Connect,
                "a backup from an export alone makes no request (give credentials to repair it from Flickr)",
                url,
            ))
        })
    }
}

/// The client of a run from an export alone (see [`OfflineTransport`]).
pub fn offline_client() -> flickr_sdk::Client {
    flickr_sdk::Client::builder()
        .transport(Arc::new(OfflineTransport))
        .build()
        .expect("a client with no credentials and a transport always builds")
}
