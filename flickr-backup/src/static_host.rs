//! The static hosts, for the files and the thumbnails alike: one HTTP
//! client, one budget per run (a flickr-core [`Quota`], separate from the
//! API's), one GET, and how each failed attempt is judged ([`Failure`]):
//! 429 (its `Retry-After`, seconds or an HTTP date, pauses every download
//! and thumbnail), 5xx, 408, resets, short bodies and content that is not
//! its format are retried with jittered exponential backoff; a 404 means the
//! listing is out of date and is left to the next run; a file that cannot
//! be written here is not retried now. The loop asks nothing else: the
//! host's failure is never dressed up as an API error.
//!
//! Public for the other producers of the same library (flickr-archive's
//! workers fetch through the same GET and the same judgement).

use std::fmt;
use std::time::Duration;

use flickr_sdk::error::Error as CoreError;
use flickr_sdk::quota::Quota;
use flickr_sdk::retry::{Classified, RetryAction};

use crate::error::{Error, Result};

/// The HTTP client for static hosts.
pub fn http_client() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(15))
        .read_timeout(Duration::from_secs(60))
        .user_agent(concat!("flickr-backup/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Error::internal("cannot build the HTTP client for static hosts", e))
}

/// The static hosts' budget: at most `per_second` download starts, evenly
/// spaced (unset: only `jobs` limits them). Either way a 429 pauses it, and
/// so every download and thumbnail. One per run.
pub fn static_budget(per_second: Option<f64>) -> Quota {
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

/// Why an attempt at a file or a thumbnail failed, as told in events and the
/// report.
#[derive(Debug)]
pub struct Failure(String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<CoreError> for Failure {
    /// The budget's store could not answer (an in-process budget always does).
    fn from(e: CoreError) -> Failure {
        Failure(e.to_string())
    }
}

/// A failed attempt, classified for the loop.
pub type Failed = Classified<Failure>;

impl Failure {
    /// The host answered `status` instead of 200: a rate limit (429), its own
    /// impatience (408) or trouble (5xx) pass; anything else means the URL
    /// is stale. Its `Retry-After` sets the wait and pauses the budget.
    pub fn status(url: &str, status: u16, retry_after: Option<&str>) -> Failed {
        let transient = matches!(status, 408 | 429 | 500..=599);
        let reason = match status {
            429 => format!("GET {url}: 429 Too Many Requests"),
            _ if transient => format!("GET {url}: HTTP {status}"),
            _ => format!(
                "GET {url}: HTTP {status} (the URL Flickr listed no longer serves; the next run lists it again)"
            ),
        };
        Classified::new(Failure(reason), action(transient)).answered(status, retry_after)
    }

    /// The connection failed (`context` says when): worth another attempt,
    /// unless the request itself could not be built.
    pub fn transport(url: &str, context: &str, e: &reqwest::Error) -> Failed {
        let reason = format!("GET {url}: {context}{}", describe(e));
        Classified::new(Failure(reason), action(!e.is_builder()))
    }

    /// The body was not all there, or not the file it claims to be: the
    /// next copy may be whole.
    pub fn body(url: &str, message: String) -> Failed {
        Classified::new(Failure(format!("GET {url}: {message}")), RetryAction::Retry)
    }

    /// The temporary file could not be written: not worth another attempt now.
    pub fn local(e: Error) -> Failed {
        let reason = flickr_sdk::error::Chain(&e).to_string();
        Classified::new(Failure(reason), RetryAction::DontRetry)
    }
}

/// Another attempt for what may pass, none for the rest.
fn action(transient: bool) -> RetryAction {
    if transient {
        RetryAction::Retry
    } else {
        RetryAction::DontRetry
    }
}

/// `Retry-After` of an answer, read by flickr-core (`Classified::answered`).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<&str> {
    headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()
}

/// GETs `url`: its answer when it is 200 (the body still to read), its
/// failure judged otherwise. Errors show the URL without its query.
pub async fn get(
    http: &reqwest::Client,
    url: &str,
) -> std::result::Result<reqwest::Response, Failed> {
    let shown = redact(url);
    let resp = http
        .get(url)
        .send()
        .await
        .map_err(|e| Failure::transport(shown, "", &e))?;
    let status = resp.status().as_u16();
    if status != 200 {
        return Err(Failure::status(shown, status, retry_after(resp.headers())));
    }
    Ok(resp)
}

/// A URL without its query (video URLs carry the secret there).
pub fn redact(url: &str) -> &str {
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

    // How long and how often the loop waits is flickr-core's (tested with
    // `retry::run`): the cap on `Retry-After`, the attempt limit, the
    // deadline. Here: how each failure of a static host is judged.

    #[test]
    fn rate_limits_server_errors_and_timeouts_are_retried_a_gone_url_is_not() {
        let u = "http://static/1_o.jpg";
        let limited = Failure::status(u, 429, Some("1"));
        let s = Duration::from_secs;
        assert_eq!(limited.action(), RetryAction::RetryAfter(s(1)));
        assert_eq!(limited.pause(), Some(s(1)), "a 429 pauses every download");
        assert_eq!(limited.error().0, format!("GET {u}: 429 Too Many Requests"));
        let bare = Failure::status(u, 429, None);
        assert_eq!(bare.action(), RetryAction::Retry);
        assert!(
            bare.pause().is_some(),
            "a 429 pauses without Retry-After too"
        );
        for status in [408, 500, 503] {
            let f = Failure::status(u, status, None);
            assert_eq!(f.action(), RetryAction::Retry);
            assert_eq!(f.pause(), None);
            assert_eq!(f.error().0, format!("GET {u}: HTTP {status}"));
        }
        for status in [404, 403, 410, 301] {
            let gone = Failure::status(u, status, None);
            assert_eq!(gone.action(), RetryAction::DontRetry);
            assert!(
                gone.error().0.contains("no longer serves"),
                "{}",
                gone.error()
            );
        }
    }

    #[test]
    fn short_or_wrong_bodies_are_retried_local_write_failures_are_not() {
        let short = Failure::body("http://static/1.jpg", "got 3 of 9 bytes".into());
        assert_eq!(short.action(), RetryAction::Retry);
        assert_eq!(short.error().0, "GET http://static/1.jpg: got 3 of 9 bytes");
        let disk = Failure::local(Error::io(
            "cannot write",
            "/m/.flickr-backup/tmp/1.o.part",
            std::io::Error::other("disk full"),
        ));
        assert_eq!(disk.action(), RetryAction::DontRetry);
        assert!(disk.error().0.contains("disk full"), "{}", disk.error());
    }

    #[test]
    fn retry_after_is_read_as_seconds_or_an_http_date() {
        let u = "http://static/1_o.jpg";
        let mut h = reqwest::header::HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert(reqwest::header::RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(
            Failure::status(u, 503, retry_after(&h)).action(),
            RetryAction::RetryAfter(Duration::from_secs(7))
        );
        h.insert(
            reqwest::header::RETRY_AFTER,
            "Thu, 01 Jan 1970 00:00:00 GMT".parse().unwrap(),
        );
        assert_eq!(
            Failure::status(u, 503, retry_after(&h)).action(),
            RetryAction::RetryAfter(Duration::ZERO),
            "a date in the past"
        );
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
