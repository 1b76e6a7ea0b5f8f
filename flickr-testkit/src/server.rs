//! The HTTP server: a loopback listener, one task per connection (HTTP/1.1
//! with keep-alive), routing to the REST, upload, replace and OAuth
//! endpoints, and the connection drop used by fault injection.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use http::{header, Method, Request, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::faults::{Fault, Faults};
use crate::state::State;
use crate::wire::{self, Reply};
use crate::{oauth, rest, upload};

/// Largest form body accepted on the REST and OAuth endpoints.
const MAX_FORM_BODY: usize = 8 * 1024 * 1024;

/// State shared by every connection.
#[derive(Debug)]
pub struct Shared {
    /// The in-memory Flickr.
    pub state: Mutex<State>,
    /// Pending faults.
    pub faults: Mutex<Faults>,
    /// The address the server listens on.
    pub addr: SocketAddr,
}

impl Shared {
    /// Locks the state (a panic elsewhere never makes it unusable).
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Locks the fault table.
    pub fn faults(&self) -> MutexGuard<'_, Faults> {
        self.faults.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn base_url(&self) -> String {
        format!("http://{}/", self.addr)
    }
}

/// Returned by a handler to close the connection without answering.
#[derive(Debug)]
pub struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for DropConnection {}

/// What a fault means for the request at hand.
#[derive(Debug)]
pub enum FaultAction {
    /// Handle normally.
    Continue,
    /// Answer with this instead.
    Respond(Reply),
    /// Answer `stat=fail` with this code and message (REST builds it in the caller's format).
    Api(u32, String),
    /// Close the connection now.
    Drop,
    /// Handle normally, then close the connection instead of answering.
    DropAfter,
}

/// Takes the next fault for `target` and carries out its waiting part.
pub async fn fault_for(shared: &Shared, target: &str, rest: bool) -> FaultAction {
    let fault = shared.faults().take(target, rest);
    match fault {
        None => FaultAction::Continue,
        Some(Fault::Slow(d)) => {
            tokio::time::sleep(d).await;
            FaultAction::Continue
        }
        Some(Fault::Status(status)) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            FaultAction::Respond(wire::response(
                status,
                "text/html; charset=utf-8",
                format!(
                    "<html><body><h1>{status}</h1><p>Injected by flickr-testkit.</p></body></html>"
                ),
            ))
        }
        Some(Fault::RateLimited { retry_after }) => {
            let mut resp = wire::response(
                StatusCode::TOO_MANY_REQUESTS,
                "text/html; charset=utf-8",
                "<html><body><h1>429 Too Many Requests</h1></body></html>",
            );
            resp.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(retry_after));
            FaultAction::Respond(resp)
        }
        Some(Fault::Api { code, message }) => FaultAction::Api(code, message),
        Some(Fault::Drop) => FaultAction::Drop,
        Some(Fault::DropAfterEffect) => FaultAction::DropAfter,
    }
}

/// A request's method, URL (as the client addressed it, no query) and parameters.
#[derive(Debug, Clone)]
pub struct Received {
    /// `GET` or `POST`.
    pub verb: String,
    /// `http://host:port/path`.
    pub url: String,
    /// Query, form body and `Authorization: OAuth` parameters, decoded, in order.
    pub params: Vec<(String, String)>,
}

/// The URL the client signed: `http://` + `Host` header + path.
pub fn request_url<B>(shared: &Shared, req: &Request<B>) -> String {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .unwrap_or_else(|| shared.addr.to_string());
    format!("http://{host}{}", req.uri().path())
}

/// Parameters from the query string and the `Authorization: OAuth …` header.
pub fn query_and_header_params<B>(req: &Request<B>) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = req
        .uri()
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();
    if let Some(auth) = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
    {
        params.extend(parse_oauth_header(auth));
    }
    params
}

/// `OAuth realm="…", oauth_consumer_key="…", …` → pairs (realm left out).
fn parse_oauth_header(value: &str) -> Vec<(String, String)> {
    let Some(rest) = value.trim().strip_prefix("OAuth") else {
        return Vec::new();
    };
    rest.split(',')
        .filter_map(|part| {
            let (k, v) = part.trim().split_once('=')?;
            let v = v.trim().trim_matches('"');
            let k = decode(k.trim());
            (k != "realm").then(|| (k, decode(v)))
        })
        .collect()
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Reads a request's parameters: query, `Authorization` header and, for a
/// form POST, the body. `Err` is a ready answer (body too large).
pub async fn read_params(shared: &Shared, req: Request<Incoming>) -> Result<Received, Reply> {
    let url = request_url(shared, &req);
    let verb = req.method().as_str().to_owned();
    let mut params = query_and_header_params(&req);
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if req.method() == Method::POST {
        let body = Limited::new(req.into_body(), MAX_FORM_BODY);
        let bytes: Bytes = match body.collect().await {
            Ok(c) => c.to_bytes(),
            Err(_) => {
                return Err(wire::response(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "text/plain; charset=utf-8",
                    "request body too large or broken",
                ))
            }
        };
        if is_form {
            params.extend(url::form_urlencoded::parse(&bytes).into_owned());
        }
    }
    Ok(Received { verb, url, params })
}

async fn route(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Reply, DropConnection> {
    let path = req.uri().path().trim_end_matches('/').to_owned();
    match path.as_str() {
        "/services/rest" => rest::handle(&shared, req).await,
        "/services/upload" => upload::handle(&shared, req, upload::Endpoint::Upload).await,
        "/services/replace" => upload::handle(&shared, req, upload::Endpoint::Replace).await,
        "/services/oauth/request_token" => oauth::request_token(&shared, req).await,
        "/services/oauth/authorize" => oauth::authorize(&shared, req).await,
        "/services/oauth/access_token" => oauth::access_token(&shared, req).await,
        "" => Ok(wire::response(
            StatusCode::OK,
            "text/plain; charset=utf-8",
            format!(
                "flickr-testkit: a loopback Flickr.\nREST: {0}services/rest/\nUpload: {0}services/upload/\nReplace: {0}services/replace/\nOAuth: {0}services/oauth/{{request_token,authorize,access_token}}\n",
                shared.base_url()
            ),
        )),
        _ => Ok(wire::response(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            "not found",
        )),
    }
}

/// Binds `127.0.0.1:port` and serves until `shutdown` turns true.
pub async fn bind(port: u16) -> std::io::Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port)).await
}

/// The accept loop: one task per connection, all stopped on shutdown.
pub async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = shutdown.changed() => return,
        };
        let Ok((stream, _)) = accepted else {
            // Out of file descriptors or similar: wait a little and go on.
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let shared = shared.clone();
        let mut stop = shutdown.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let shared = shared.clone();
                async move {
                    match route(shared, req).await {
                        Ok(resp) => Ok::<_, DropConnection>(resp),
                        Err(e) => Err(e),
                    }
                }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                // A DropConnection error from the service closes the connection unanswered.
                _ = conn => {}
                _ = stop.changed() => {}
            }
        });
    }
}
