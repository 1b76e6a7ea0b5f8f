//! The attempt loop, the client's orchestration of one request: quota, a
//! time limit per attempt, the answer read, and on a failure a wait and
//! another try while the retry policy allows.
//!
//! Each concern has its own home and this loop only runs them in turn:
//! [`RetryPolicy::delay`] answers "again, and when?", the envelope's readers
//! ([`ReadReply`]) read each answer into the type the caller gets back, the
//! quota ([`crate::quota`]) paces attempts. Every request of a client — REST
//! calls, OAuth token calls, uploads — runs through [`run`]. It is generic
//! only over the reader (three kinds), never over a method or response type.

use crate::envelope::ReadReply;
use crate::error::{Error, TimeoutError, TransportError, TransportErrorKind};
use crate::quota::Quota;
use crate::retry::{Decision, RetryPolicy};
use crate::transport::{HttpRequest, HttpResponse, Transport};
use std::time::{Duration, Instant};
use tracing::Instrument;

/// What one request may do.
pub(crate) struct Plan<'a> {
    /// Names the request in messages and spans.
    pub what: &'a str,
    /// Safe to send twice (a read, or a write the caller opted in).
    pub idempotent: bool,
    pub policy: RetryPolicy,
    /// Limit per attempt (cut to the policy's deadline).
    pub timeout: Option<Duration>,
}

/// Sends `req` until it succeeds or the plan says stop.
pub(crate) async fn run<R: ReadReply>(
    transport: &dyn Transport,
    quota: Option<&Quota>,
    mut req: HttpRequest,
    plan: &Plan<'_>,
    read: &R,
) -> Result<R::Reply, Error> {
    let start = Instant::now();
    let url = req.redacted_url();
    let policy = &plan.policy;
    let mut attempt = 1u32;
    loop {
        // Keep a copy for the next attempt; multipart bodies cannot be
        // replayed, so they get exactly one attempt.
        let next = if plan.idempotent && attempt < policy.max_attempts {
            req.try_clone()
        } else {
            None
        };
        let span = tracing::debug_span!("flickr_attempt", attempt, status = tracing::field::Empty);
        let limit = attempt_limit(plan.timeout, policy.remaining(start.elapsed()));
        let result = once(transport, quota, req, limit, plan.what)
            .instrument(span.clone())
            .await
            .and_then(|resp| {
                span.record("status", resp.status);
                read.read(resp, &url)
            });
        let err = match result {
            Ok(reply) => return Ok(reply),
            Err(e) => e,
        };
        // Quota: a 429 / Retry-After holds back every clone of the client.
        if let Some(quota) = quota {
            crate::quota::note_refusal(quota, &err).await;
        }
        let Some(again) = next else { return Err(err) };
        match policy.delay(&err, attempt, plan.idempotent, start.elapsed()) {
            Decision::GiveUp => return Err(err),
            Decision::RetryAfter(wait) => {
                tracing::debug!(method = plan.what, attempt, wait_ms = wait.as_millis() as u64, error = %err, "retrying");
                tokio::time::sleep(wait).await;
                req = again;
                attempt += 1;
            }
        }
    }
}

/// One attempt: a quota token (or the quota store's failure: nothing sent),
/// then the transport under the time limit.
async fn once(
    transport: &dyn Transport,
    quota: Option<&Quota>,
    mut req: HttpRequest,
    limit: Option<Duration>,
    what: &str,
) -> Result<HttpResponse, Error> {
    if let Some(quota) = quota {
        quota.acquire().await?;
    }
    req.timeout = limit;
    let sent = match limit {
        Some(t) => match tokio::time::timeout(t, transport.send(req)).await {
            Ok(r) => r,
            Err(_) => return Err(timeout_error(what, Some(t), None)),
        },
        None => transport.send(req).await,
    };
    match sent {
        Ok(resp) => Ok(resp),
        Err(e) if e.kind == TransportErrorKind::Timeout => Err(timeout_error(what, limit, Some(e))),
        Err(e) => Err(Error::Transport(e)),
    }
}

/// The per-attempt limit: the configured timeout, cut to what is left of the deadline.
pub(crate) fn attempt_limit(
    timeout: Option<Duration>,
    remaining: Option<Duration>,
) -> Option<Duration> {
    match (timeout, remaining) {
        (Some(t), Some(r)) => Some(t.min(r.max(Duration::from_millis(1)))),
        (Some(t), None) => Some(t),
        (None, r) => r.map(|r| r.max(Duration::from_millis(1))),
    }
}

fn timeout_error(what: &str, limit: Option<Duration>, cause: Option<TransportError>) -> Error {
    Error::Timeout(TimeoutError {
        what: what.to_owned(),
        limit,
        source: cause.map(Box::new),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempt_limits_respect_the_deadline() {
        let s = Duration::from_secs;
        assert_eq!(attempt_limit(Some(s(60)), Some(s(5))), Some(s(5)));
        assert_eq!(attempt_limit(Some(s(1)), Some(s(5))), Some(s(1)));
        assert_eq!(attempt_limit(None, None), None);
        assert_eq!(
            attempt_limit(Some(s(1)), Some(Duration::ZERO)),
            Some(Duration::from_millis(1))
        );
    }
}
