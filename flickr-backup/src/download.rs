//! Files from the static hosts, `jobs` at a time, within their own budget (a
//! flickr-core [`Quota`], separate from the API's) and under the same
//! [`RetryPolicy`](flickr_sdk::retry::RetryPolicy) as API calls: each file
//! is streamed to its temporary name while hashed, checked (the announced
//! length, the format's signature), fsync'd, and placed by the tree
//! ([`crate::tree`]), so a file in the tree is always complete.
//!
//! A failed attempt is judged as flickr-core judges a call ([`Failed`] carries
//! it as core's error): 429 (its `Retry-After`, seconds or an HTTP date,
//! pauses every download), 5xx, 408, resets, short bodies and content that
//! is not its format are retried with jittered exponential backoff; a 404
//! means the listing is out of date and is left to the next run.
//!
//! The files do not go through flickr-core's `Transport`: it reads a whole
//! answer into memory (up to its 64 MB cap), and a video can be gigabytes.

use std::time::{Duration, Instant, SystemTime};

use flickr_sdk::error::{
    DecodeError, Error as CoreError, HttpError, TimeoutError, TransportError, TransportErrorKind,
};
use flickr_sdk::quota::{note_refusal, Quota};
use flickr_sdk::retry::{parse_retry_after, Decision};
use futures::StreamExt;

use crate::check::{self, Edges};
use crate::choose::url_ext;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::events::{Event, Stage};
use crate::state::FileRow;
use crate::tree::{Partial, Tree, Written};

/// What the downloads came to.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub done: u64,
    pub bytes: u64,
    pub failed: Vec<(String, String)>,
}

/// The HTTP client for static hosts.
pub(crate) fn http_client() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(15))
        .read_timeout(Duration::from_secs(60))
        .user_agent(concat!("flickr-backup/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Error::internal("cannot build the HTTP client for static hosts", e))
}

/// The static hosts' budget: at most `per_second` download starts, evenly
/// spaced (unset: only `jobs` limits them). Either way a 429 pauses it, and
/// so every download.
pub(crate) fn static_budget(per_second: Option<f64>) -> Quota {
    let Some(rate) = per_second.filter(|r| *r > 0.0 && r.is_finite()) else {
        return Quota::new(u32::MAX, Duration::from_millis(1));
    };
    // A bucket of one start per 1/rate s; past 1,000 a second (the bucket's
    // finest period is 1 ms) a bucket of a few starts per millisecond.
    let starts = (rate / 1000.0).ceil().clamp(1.0, f64::from(u32::MAX));
    let period = Duration::try_from_secs_f64(starts / rate)
        .unwrap_or(Duration::MAX)
        .min(Duration::from_secs(86_400));
    Quota::new(starts as u32, period)
}

/// Downloads the `count` files planned for this run, `jobs` at a time,
/// reading them from the state a batch at a time.
pub(crate) async fn download_all(ctx: &Ctx, count: u64) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    if count == 0 {
        return Ok(outcome);
    }
    ctx.emit(Event::Stage {
        stage: Stage::Files,
    });
    let http = http_client()?;
    let budget = static_budget(ctx.opts.files_per_second);
    // Pending files a page at a time; within a page, `jobs` at once.
    let mut after: Option<String> = None;
    loop {
        let page = ctx.db().pending_after(ctx.run, after.as_deref(), 256)?;
        let Some(last) = page.last() else {
            break;
        };
        after = Some(last.photo_id.clone());
        let mut results = std::pin::pin!(futures::stream::iter(page)
            .map(|f| {
                let (http, budget) = (&http, &budget);
                async move {
                    let r = fetch_and_place(ctx, http, budget, &f).await;
                    (f, r)
                }
            })
            .buffer_unordered(ctx.opts.jobs.max(1)));
        while let Some((f, r)) = results.next().await {
            match r? {
                Ok(bytes) => {
                    outcome.done += 1;
                    outcome.bytes += bytes;
                }
                Err(reason) => {
                    ctx.db().file_failed(&f.photo_id, &reason)?;
                    ctx.emit(Event::FileFailed {
                        photo: f.photo_id.clone(),
                        reason: reason.clone(),
                    });
                    outcome.failed.push((f.photo_id, reason));
                }
            }
        }
    }
    Ok(outcome)
}

/// Attempts one file until it is in place or the retry policy gives up. The
/// outer error stops the run (state or tree unusable); the inner one is this
/// file's.
async fn fetch_and_place(
    ctx: &Ctx,
    http: &reqwest::Client,
    budget: &Quota,
    f: &FileRow,
) -> Result<std::result::Result<u64, String>> {
    let policy = &ctx.opts.file_retry;
    let start = Instant::now();
    let mut attempt = 1;
    loop {
        if let Err(e) = budget.acquire().await {
            // An in-process budget always answers; kept for any store.
            return Ok(Err(e.to_string()));
        }
        let failed = match fetch(http, &ctx.tree, f).await {
            Ok(written) => {
                let bytes = written.size;
                ctx.tree.place(&ctx.state, f, written)?;
                ctx.emit(Event::FileDone {
                    photo: f.photo_id.clone(),
                    path: f.path.clone(),
                    bytes,
                });
                return Ok(Ok(bytes));
            }
            Err(failed) => failed,
        };
        // A 429 or `Retry-After` holds back every download, as it does every call.
        note_refusal(budget, &failed.error).await;
        match policy.delay(&failed.error, attempt, true, start.elapsed()) {
            Decision::RetryAfter(wait) => {
                ctx.emit(Event::FileRetry {
                    photo: f.photo_id.clone(),
                    attempt,
                    reason: failed.reason,
                });
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            Decision::GiveUp if failed.error.is_retryable() => {
                return Ok(Err(format!(
                    "{} (gave up after {attempt} attempts; the next run tries again)",
                    failed.reason
                )))
            }
            Decision::GiveUp => return Ok(Err(failed.reason)),
        }
    }
}

/// A failed attempt: the reason told in events and the report, and the same
/// failure as flickr-core's error, which the retry policy and the quota judge.
#[derive(Debug)]
struct Failed {
    reason: String,
    error: CoreError,
}

impl Failed {
    /// The host answered `status` instead of 200.
    fn status(url: &str, status: u16, retry_after: Option<Duration>) -> Failed {
        let error = match status {
            // The host gave up waiting for us: as transient as our own timeout.
            408 => CoreError::Timeout(TimeoutError {
                what: format!("GET {url}"),
                limit: None,
                source: None,
            }),
            _ => CoreError::from(HttpError {
                status,
                what: "GET".to_owned(),
                url: url.to_owned(),
                body_excerpt: String::new(),
                retry_after,
                location: None,
            }),
        };
        let reason = match status {
            429 => format!("GET {url}: 429 Too Many Requests"),
            _ if error.is_retryable() => format!("GET {url}: HTTP {status}"),
            _ => format!(
                "GET {url}: HTTP {status} (the URL Flickr listed no longer serves; the next run lists it again)"
            ),
        };
        Failed { reason, error }
    }

    /// The connection failed (`context` says when).
    fn transport(url: &str, context: &str, e: &reqwest::Error) -> Failed {
        let kind = if e.is_timeout() {
            TransportErrorKind::Timeout
        } else if e.is_connect() {
            TransportErrorKind::Connect
        } else if e.is_builder() {
            TransportErrorKind::Request
        } else {
            TransportErrorKind::Body
        };
        let message = describe(e);
        Failed {
            reason: format!("GET {url}: {context}{message}"),
            error: CoreError::Transport(TransportError::new(kind, message, url)),
        }
    }

    /// The body was not all there, or not the file it claims to be.
    fn body(url: &str, message: String) -> Failed {
        Failed {
            reason: format!("GET {url}: {message}"),
            error: CoreError::Decode(Box::new(DecodeError {
                method: "GET".to_owned(),
                path: String::new(),
                message,
                body_excerpt: String::new(),
                unparsable: true,
            })),
        }
    }

    /// The temporary file could not be written: not worth another attempt now.
    fn local(e: Error) -> Failed {
        let reason = flickr_sdk::error::Chain(&e).to_string();
        Failed {
            error: CoreError::Io(std::io::Error::other(reason.clone())),
            reason,
        }
    }
}

/// `Retry-After` of an answer, as flickr-core reads it.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, SystemTime::now())
}

/// GETs `f.url` into its temporary file, checked and fsync'd (not yet placed).
async fn fetch(
    http: &reqwest::Client,
    tree: &Tree,
    f: &FileRow,
) -> std::result::Result<Written, Failed> {
    let url = redact(&f.url);
    let mut resp = http
        .get(&f.url)
        .send()
        .await
        .map_err(|e| Failed::transport(url, "", &e))?;
    let status = resp.status().as_u16();
    if status != 200 {
        return Err(Failed::status(url, status, retry_after(resp.headers())));
    }
    let mut partial = tree.partial(f).await.map_err(Failed::local)?;
    match stream(&mut resp, &mut partial, url).await {
        Ok(()) => partial.finish().await.map_err(Failed::local),
        Err(failed) => {
            partial.discard().await;
            Err(failed)
        }
    }
}

/// Copies the body into `partial`, then checks its length and signature.
async fn stream(
    resp: &mut reqwest::Response,
    partial: &mut Partial,
    url: &str,
) -> std::result::Result<(), Failed> {
    let expected = resp.content_length();
    let mut edges = Edges::default();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                edges.push(&chunk);
                partial.write(&chunk).await.map_err(Failed::local)?;
            }
            Ok(None) => break,
            Err(e) => {
                let context = format!(
                    "connection lost after {}{} bytes: ",
                    partial.size(),
                    expected.map(|n| format!(" of {n}")).unwrap_or_default(),
                );
                return Err(Failed::transport(url, &context, &e));
            }
        }
    }
    let size = partial.size();
    if let Some(n) = expected.filter(|n| *n != size) {
        return Err(Failed::body(url, format!("got {size} of {n} bytes")));
    }
    check::signature(&url_ext(url), &edges.head, &edges.tail).map_err(|e| Failed::body(url, e))
}

/// A URL without its query (video URLs carry the secret there).
fn redact(url: &str) -> &str {
    url.split('?').next().unwrap_or(url)
}

/// A reqwest error and its causes, without the URL reqwest repeats (query
/// included) in its message.
fn describe(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s.split(" for url (").next().unwrap_or(&s).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use flickr_sdk::retry::RetryPolicy;

    fn policy() -> RetryPolicy {
        crate::Options::default()
            .file_retry
            .with_delays(Duration::from_millis(100), Duration::from_secs(2))
            .with_jitter(0.0)
    }

    fn decide(f: &Failed, attempt: u32) -> Decision {
        policy().decide(&f.error, attempt, true, Duration::ZERO, 0.0)
    }

    #[test]
    fn rate_limits_server_errors_and_timeouts_are_retried_a_gone_url_is_not() {
        let u = "http://static/1_o.jpg";
        let limited = Failed::status(u, 429, Some(Duration::from_secs(1)));
        assert_eq!(
            decide(&limited, 1),
            Decision::RetryAfter(Duration::from_secs(1))
        );
        // `Retry-After` is capped by the policy's longest wait.
        let long = Failed::status(u, 429, Some(Duration::from_secs(3600)));
        assert_eq!(
            decide(&long, 1),
            Decision::RetryAfter(Duration::from_secs(2))
        );
        for status in [408, 500, 503] {
            let f = Failed::status(u, status, None);
            assert_eq!(
                decide(&f, 2),
                Decision::RetryAfter(Duration::from_millis(200))
            );
            assert_eq!(f.reason, format!("GET {u}: HTTP {status}"));
        }
        let gone = Failed::status(u, 404, None);
        assert_eq!(decide(&gone, 1), Decision::GiveUp);
        assert!(gone.reason.contains("no longer serves"), "{}", gone.reason);
        // Out of attempts.
        let attempts = policy().max_attempts;
        assert_eq!(
            decide(&Failed::status(u, 503, None), attempts),
            Decision::GiveUp
        );
    }

    #[test]
    fn short_or_wrong_bodies_are_retried_local_write_failures_are_not() {
        let short = Failed::body("http://static/1.jpg", "got 3 of 9 bytes".into());
        assert!(matches!(decide(&short, 1), Decision::RetryAfter(_)));
        assert_eq!(short.reason, "GET http://static/1.jpg: got 3 of 9 bytes");
        let disk = Failed::local(Error::io(
            "cannot write",
            "/m/.flickr-backup/tmp/1.o.part",
            std::io::Error::other("disk full"),
        ));
        assert_eq!(decide(&disk, 1), Decision::GiveUp);
        assert!(disk.reason.contains("disk full"), "{}", disk.reason);
    }

    #[test]
    fn retry_after_is_read_as_seconds_or_an_http_date() {
        let mut h = reqwest::header::HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert(reqwest::header::RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        h.insert(
            reqwest::header::RETRY_AFTER,
            "Thu, 01 Jan 1970 00:00:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO), "a date in the past");
    }

    #[test]
    fn the_budget_spaces_starts_at_the_rate_asked() {
        let q = static_budget(Some(2.0));
        assert_eq!((q.capacity(), q.period()), (1, Duration::from_millis(500)));
        let q = static_budget(Some(5000.0));
        assert_eq!((q.capacity(), q.period()), (5, Duration::from_millis(1)));
        let q = static_budget(Some(1e-9));
        assert_eq!(q.period(), Duration::from_secs(86_400));
        for unpaced in [None, Some(0.0), Some(-1.0), Some(f64::NAN)] {
            assert_eq!(static_budget(unpaced).capacity(), u32::MAX, "{unpaced:?}");
        }
    }
}
