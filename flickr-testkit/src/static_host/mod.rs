//! `BASE/static/…`: the static hosts (Flickr's `live.staticflickr.com` and
//! video hosts) for the image and video URLs the API lists.
//!
//! What a URL serves is [`files`]' business; this is
//! the HTTP side: `GET`/`HEAD`, a count per path (before anything else, as for
//! REST methods), and the faults queued for the target `static` — 5xx, 429
//! with `Retry-After`, slow answers, dropped connections and truncated
//! bodies ([`Fault::Truncate`]).

use std::collections::BTreeMap;

use bytes::Bytes;
use futures::StreamExt;
use http::{header, HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};

use crate::faults::Fault;
use crate::shared::{DropConnection, Shared};
use crate::wire::{self, Reply};
use crate::FakeFlickr;
use files::StaticFile;

mod body;
pub mod files;

/// The fault target of the static host.
pub const STATIC_TARGET: &str = "static";

/// Prefix of static-host paths in the request counts.
pub(crate) const COUNT_PREFIX: &str = "static:";

/// A response body of the server: whole, or (static host) one that can fail mid-way.
pub type Body = UnsyncBoxBody<Bytes, std::io::Error>;

/// A whole body as a [`Body`].
pub fn whole(body: Full<Bytes>) -> Body {
    body.map_err(|never| match never {}).boxed_unsync()
}

/// Handles one request to `/static/…`.
pub async fn handle(
    shared: &Shared,
    req: Request<Incoming>,
) -> Result<Response<Body>, DropConnection> {
    let path = req.uri().path().to_owned();
    let query = req.uri().query().map(str::to_owned);
    shared.state().count(&format!("{COUNT_PREFIX}{path}"));
    let fault = shared.faults().take(STATIC_TARGET, false);
    let truncate = match fault {
        None => false,
        Some(Fault::Slow(d)) => {
            tokio::time::sleep(d).await;
            false
        }
        Some(Fault::Status(code)) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return Ok(text(status, format!("{status} (injected by flickr-testkit)")).map(whole));
        }
        Some(Fault::RateLimited { retry_after }) => {
            let mut r = text(
                StatusCode::TOO_MANY_REQUESTS,
                "429 Too Many Requests".into(),
            );
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            return Ok(r.map(whole));
        }
        Some(Fault::Api { .. }) => {
            return Ok(text(StatusCode::SERVICE_UNAVAILABLE, "503".into()).map(whole));
        }
        Some(Fault::Drop | Fault::DropAfterEffect) => return Err(DropConnection),
        Some(Fault::Truncate) => true,
    };
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return Ok(text(StatusCode::METHOD_NOT_ALLOWED, "GET only".into()).map(whole));
    }
    let base = shared.base_url();
    let file = files::resolve(&shared.state(), &base, &path, query.as_deref());
    let Some(StaticFile {
        content_type,
        bytes,
        ..
    }) = file
    else {
        return Ok(text(StatusCode::NOT_FOUND, "404 Not Found".into()).map(whole));
    };
    let full_len = bytes.len();
    let bytes = Bytes::from(bytes);
    let body: Body = if req.method() == Method::HEAD {
        whole(Full::new(Bytes::new()))
    } else if truncate {
        // The full length announced, half the bytes sent, then an error:
        // hyper ends the connection, as a reset mid-file would.
        let half = bytes.slice(..full_len / 2);
        // The pause lets hyper flush the headers and the half first.
        let frames =
            futures::stream::iter([Ok(Frame::data(half))]).chain(futures::stream::once(async {
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "truncated by flickr-testkit",
                ))
            }));
        StreamBody::new(frames).boxed_unsync()
    } else {
        whole(Full::new(bytes))
    };
    let mut r = Response::new(body);
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(full_len));
    Ok(r)
}

fn text(status: StatusCode, body: String) -> Reply {
    wire::response(status, "text/plain; charset=utf-8", body)
}

impl FakeFlickr {
    /// Requests the static host received, by path (`/static/…`), counted
    /// before faults and checks: a URL fetched twice shows 2.
    pub fn static_requests(&self) -> BTreeMap<String, u64> {
        self.shared
            .state()
            .requests
            .iter()
            .filter_map(|(k, n)| Some((k.strip_prefix(COUNT_PREFIX)?.to_owned(), *n)))
            .collect()
    }

    /// Static-host requests in total.
    pub fn static_requests_total(&self) -> u64 {
        self.static_requests().values().sum()
    }

    /// Queues `fault` for the next `times` static-host requests.
    pub fn inject_static(&self, fault: Fault, times: u32) {
        self.shared.faults().push(STATIC_TARGET, fault, times);
    }

    /// From now on every `every`-th request to `target` (a method name, `*`
    /// for every REST method, or [`STATIC_TARGET`]) gets the next of `faults`,
    /// in turn; `every` 20 is a 5 % failure rate. [`FakeFlickr::clear_faults`] stops it.
    pub fn inject_every(&self, target: &str, every: u64, faults: Vec<Fault>) {
        self.shared.faults().every(target, every, faults);
    }

    /// What the static host serves at `url` now (a URL the API listed), if anything.
    pub fn static_file(&self, url: &str) -> Option<StaticFile> {
        let parsed = url::Url::parse(url).ok()?;
        files::resolve(
            &self.shared.state(),
            &self.shared.base_url(),
            parsed.path(),
            parsed.query(),
        )
    }
}
