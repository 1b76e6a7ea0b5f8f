//! One request of the client, attempted: each attempt sends a copy of the
//! request under its time limit and reads the answer; a failure is
//! classified by the client's rules ([`classify`]) and the attempts, waits
//! and quota are left to the one loop, [`crate::retry::run`], that the
//! backup's downloads use too.
//!
//! Each concern has its own home: the client's rules say which of its
//! errors are worth another attempt (reads and opted-in writes, transient
//! errors, a body that can be sent again), the loop says when, the
//! envelope's readers ([`ReadReply`]) read each answer into the type the
//! caller gets back. Every request of a client — REST calls, OAuth token
//! calls, uploads — runs through [`run`]. It is generic only over the reader
//! (three kinds), never over a method or response type.

use crate::envelope::ReadReply;
use crate::error::{Error, TimeoutError, TransportError, TransportErrorKind};
use crate::quota::Quota;
use crate::retry::{self, Attempt, Classified, RetryAction, RetryPolicy};
use crate::transport::{HttpRequest, HttpResponse, Transport};
use std::time::Duration;

/// What one request may do.
pub(crate) struct Limits<'a> {
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
    req: HttpRequest,
    plan: &Limits<'_>,
    read: &R,
) -> Result<R::Reply, Error> {
    let url = req.redacted_url();
    let mut pending = Some(req);
    let attempt = |attempt: Attempt| {
        // Keep a copy for the next attempt; multipart bodies cannot be
        // replayed, so they get exactly one attempt.
        let req = pending.take();
        if plan.idempotent && !attempt.is_last() {
            pending = req.as_ref().and_then(HttpRequest::try_clone);
        }
        let again = pending.is_some();
        let limit = attempt_limit(plan.timeout, attempt.remaining());
        let url = &url;
        async move {
            let Some(req) = req else {
                // The loop stops at the first failure it may not retry.
                return Err(classify(
                    Error::config("a request body cannot be sent twice"),
                    false,
                ));
            };
            let resp = once(transport, req, limit, plan.what)
                .await
                .map_err(|e| classify(e, again))?;
            tracing::Span::current().record("status", resp.status);
            read.read(resp, url).map_err(|e| classify(e, again))
        }
    };
    let on_retry = |err: &Error, attempt: Attempt, wait: Duration| {
        tracing::debug!(method = plan.what, attempt = attempt.number(), wait_ms = wait.as_millis() as u64, error = %err, "retrying");
    };
    retry::run(&plan.policy, quota, attempt, on_retry)
        .await
        .map_err(Classified::into_error)
}

/// The client's rules for a failed attempt: another attempt only for a
/// request that may be sent `again` (idempotent, replayable) and an error
/// that may pass ([`Error::is_retryable`]); an HTTP error's status and
/// `Retry-After` go to [`Classified::answered`] (the host's wait replaces the
/// backoff; a 429 or a `Retry-After` pauses the quota, even for a write that
/// is not tried again).
fn classify(err: Error, again: bool) -> Classified<Error> {
    let action = if again && err.is_retryable() {
        RetryAction::Retry
    } else {
        RetryAction::DontRetry
    };
    let answer = match &err {
        Error::Http(h) => Some((h.status, h.retry_after)),
        _ => None,
    };
    let classified = Classified::new(err, action);
    match answer {
        Some((status, retry_after)) => classified.answered_after(status, retry_after),
        None => classified,
    }
}

/// One attempt: the transport under the time limit.
async fn once(
    transport: &dyn Transport,
    mut req: HttpRequest,
    limit: Option<Duration>,
    what: &str,
) -> Result<HttpResponse, Error> {
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
    use crate::error::{ApiError, ErrorCode, HttpError};
    use crate::quota::DEFAULT_429_PAUSE;
    use crate::registry::Perms;

    fn http(status: u16, retry_after: Option<Duration>) -> Error {
        Error::from(HttpError {
            status,
            what: "m".into(),
            url: "u".into(),
            body_excerpt: String::new(),
            retry_after,
            location: None,
        })
    }

    fn api(code: u32) -> Error {
        Error::Api(ApiError {
            method: "m".into(),
            code,
            message: String::new(),
            kind: ErrorCode(code),
            needed_perms: Perms::None,
            had_token: true,
        })
    }

    #[test]
    fn reads_retry_on_transient_errors_only() {
        for e in [
            http(503, None),
            http(500, None),
            http(429, None),
            api(105),
            TransportError::new(TransportErrorKind::Connect, "refused", "u").into(),
            TransportError::new(TransportErrorKind::Timeout, "slow", "u").into(),
            TransportError::new(TransportErrorKind::Body, "connection reset", "u").into(),
        ] {
            let c = classify(e, true);
            assert_eq!(c.action(), RetryAction::Retry, "{}", c.error());
        }
        for e in [
            http(404, None),
            http(301, None),
            api(1),
            api(98),
            api(106),
            TransportError::new(TransportErrorKind::BodyTooLarge, "big", "u").into(),
            TransportError::new(TransportErrorKind::Request, "bad header", "u").into(),
            Error::config("x"),
        ] {
            let c = classify(e, true);
            assert_eq!(c.action(), RetryAction::DontRetry, "{}", c.error());
        }
    }

    #[test]
    fn retry_after_is_honored_and_pauses_the_quota() {
        let wait = Duration::from_secs(7);
        let c = classify(http(503, Some(wait)), true);
        assert_eq!(c.action(), RetryAction::RetryAfter(wait));
        assert_eq!(c.pause(), Some(wait));
        let c = classify(http(429, None), true);
        assert_eq!(c.pause(), Some(DEFAULT_429_PAUSE));
        assert_eq!(classify(http(503, None), true).pause(), None);
        assert_eq!(classify(api(105), true).pause(), None);
    }

    #[test]
    fn writes_and_single_use_bodies_are_not_retried_but_a_429_still_pauses() {
        let c = classify(http(503, None), false);
        assert_eq!(c.action(), RetryAction::DontRetry);
        let c = classify(http(429, Some(Duration::from_secs(3))), false);
        assert_eq!(c.action(), RetryAction::DontRetry);
        assert_eq!(c.pause(), Some(Duration::from_secs(3)));
    }

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
