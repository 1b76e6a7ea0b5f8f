//! The attempt loop, beside the policy it follows: quota, a time limit per
//! attempt, the answer read, and on a retryable failure a wait and another
//! try while [`RetryPolicy`] allows. Every request of a client — REST calls,
//! OAuth token calls, uploads — runs through [`run`]; nothing here is
//! generic, so it is compiled once.

use super::{Decision, RetryPolicy};
use crate::envelope::{self, Ctx, FormReply, JsonText, UploadReply};
use crate::error::{Error, TimeoutError, TransportErrorKind};
use crate::quota::Quota;
use crate::transport::{HttpRequest, HttpResponse, Transport};
use std::time::{Duration, Instant};
use tracing::Instrument;

/// How an answer is read, which decides what counts as a failure to retry.
pub(crate) enum Read<'a> {
    /// A REST envelope (JSON, JSONP or XML): `stat=fail` is an API error.
    Rest(Ctx<'a>),
    /// A form-encoded OAuth reply.
    Form(&'a str),
    /// An upload or replace reply (XML).
    Upload(&'a str),
}

/// An answer, read.
pub(crate) enum Reply {
    /// A REST answer with `stat=ok`, as JSON text.
    Rest {
        /// The JSON text (and the body it came from).
        text: JsonText,
        /// The `Content-Type` header.
        content_type: Option<String>,
    },
    /// An OAuth token reply.
    Form(FormReply),
    /// An upload or replace reply.
    Upload(UploadReply),
}

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
pub(crate) async fn run(
    transport: &dyn Transport,
    quota: Option<&Quota>,
    mut req: HttpRequest,
    plan: &Plan<'_>,
    read: &Read<'_>,
) -> Result<Reply, Error> {
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
                read_reply(read, resp, &url)
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
            Err(_) => return Err(timeout_error(what, Some(t))),
        },
        None => transport.send(req).await,
    };
    match sent {
        Ok(resp) => Ok(resp),
        Err(e) if e.kind == TransportErrorKind::Timeout => Err(timeout_error(what, limit)),
        Err(e) => Err(Error::Transport(e)),
    }
}

fn read_reply(read: &Read<'_>, resp: HttpResponse, url: &str) -> Result<Reply, Error> {
    match read {
        Read::Rest(ctx) => {
            if !resp.is_success() {
                return Err(envelope::status_error(*ctx, &resp, url));
            }
            let text = envelope::read_rest(*ctx, &resp.body)?;
            Ok(Reply::Rest {
                content_type: resp.content_type().map(str::to_owned),
                text,
            })
        }
        Read::Form(what) => envelope::decode_form(what, &resp, url).map(Reply::Form),
        Read::Upload(what) => envelope::decode_upload(what, &resp, url).map(Reply::Upload),
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

fn timeout_error(what: &str, limit: Option<Duration>) -> Error {
    Error::Timeout(TimeoutError {
        what: what.to_owned(),
        limit,
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
