//! What every handler shares: the in-memory Flickr and the fault table
//! behind locks ([`Shared`]), and what a queued fault means for the request
//! at hand ([`fault_for`], [`FaultAction`], [`DropConnection`]).

use std::net::SocketAddr;
use std::sync::{Mutex, MutexGuard};

use http::{header, StatusCode};

use crate::faults::{Fault, Faults};
use crate::state::State;
use crate::wire::{self, Reply};

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
