//! The HTTP server: a loopback listener, one task per connection (HTTP/1.1
//! with keep-alive), routing to the REST, upload, replace and OAuth
//! endpoints, and the connection drop used by fault injection. Reading a
//! request's URL and parameters is [`crate::request`]'s job.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use http::{header, Request, StatusCode};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::faults::{Fault, Faults};
use crate::state::State;
use crate::wire::{self, Reply};
use crate::{oauth, rest, static_host, upload};

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
        Some(Fault::Drop | Fault::Truncate) => FaultAction::Drop,
        Some(Fault::DropAfterEffect) => FaultAction::DropAfter,
    }
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
                "flickr-testkit: a loopback Flickr.\nREST: {0}services/rest/\nUpload: {0}services/upload/\nReplace: {0}services/replace/\nOAuth: {0}services/oauth/{{request_token,authorize,access_token}}\nStatic: {0}static/…\n",
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
                    // The static host streams (it can cut a body short); the rest answers whole.
                    if req.uri().path().starts_with("/static/") {
                        return static_host::handle(&shared, req).await;
                    }
                    match route(shared, req).await {
                        Ok(resp) => Ok::<_, DropConnection>(resp.map(static_host::whole)),
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
