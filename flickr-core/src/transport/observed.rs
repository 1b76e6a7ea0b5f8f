//! [`Observed`]: a transport that shows each request to a function, then
//! passes it on unchanged.

use std::fmt;
use std::sync::Arc;

use futures::future::BoxFuture;

use super::{HttpRequest, HttpResponse, Transport, TransportError};

/// A [`Transport`] that calls `observe` with each request, retries
/// included (as Flickr and the quota count them), then sends it with
/// `inner` unchanged: to count, log or record the calls a client makes.
///
/// ```
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use std::sync::Arc;
/// use flickr_core::client::Client;
/// use flickr_core::transport::Observed;
///
/// let client = Client::builder().api_key("key").build().unwrap();
/// let calls = Arc::new(AtomicU64::new(0));
/// let seen = calls.clone();
/// let counted = client.with_transport(Arc::new(Observed::new(
///     client.transport().clone(),
///     move |_req| {
///         seen.fetch_add(1, Ordering::Relaxed);
///     },
/// )));
/// # let _ = counted;
/// ```
pub struct Observed<F> {
    inner: Arc<dyn Transport>,
    observe: F,
}

impl<F: Fn(&HttpRequest) + Send + Sync + 'static> Observed<F> {
    /// Sends with `inner`, showing each request to `observe` first.
    pub fn new(inner: Arc<dyn Transport>, observe: F) -> Self {
        Observed { inner, observe }
    }
}

impl<F> fmt::Debug for Observed<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Observed")
            .field("inner", &self.inner)
            .finish_non_exhaustive()
    }
}

impl<F: Fn(&HttpRequest) + Send + Sync + 'static> Transport for Observed<F> {
    fn send(&self, req: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        (self.observe)(&req);
        self.inner.send(req)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// Answers 204 to everything.
    #[derive(Debug)]
    struct Empty;

    impl Transport for Empty {
        fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
            Box::pin(async {
                Ok(HttpResponse {
                    status: 204,
                    headers: Vec::new(),
                    body: Default::default(),
                })
            })
        }
    }

    #[tokio::test]
    async fn every_request_is_shown_then_sent_unchanged() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        let observed = Observed::new(Arc::new(Empty), move |req: &HttpRequest| {
            sink.lock().unwrap().push(req.url.to_string());
        });
        for n in 1..=2 {
            let url = url::Url::parse(&format!("http://127.0.0.1:9/services/rest/?n={n}")).unwrap();
            let resp = observed.send(HttpRequest::get(url)).await.unwrap();
            assert_eq!(resp.status, 204, "the inner transport's answer");
        }
        assert_eq!(
            *seen.lock().unwrap(),
            [
                "http://127.0.0.1:9/services/rest/?n=1",
                "http://127.0.0.1:9/services/rest/?n=2"
            ]
        );
        assert!(format!("{observed:?}").contains("Empty"));
    }
}
