//! When and how long to wait before trying a call again.
//!
//! Only reads are retried automatically: a repeated comment, favorite or
//! upload is data corruption, so a write is retried only when the caller opts
//! in per call. What is retryable: connect errors, timeouts, HTTP 429 (with
//! any body) and 5xx, Flickr's codes 0, 105 ("service currently unavailable")
//! and 201 ("API not available"), and bodies that are no JSON, JSONP or XML
//! document at all (an HTML page, garbage, a truncated answer).
//!
//! The decisions are pure functions ([`RetryPolicy::should_retry`],
//! [`RetryPolicy::backoff`], [`RetryPolicy::decide`]) so they are tested
//! without clocks: this module answers "again, and when?" and nothing else.
//! The client's attempt loop (`crate::client`'s orchestration) asks it after
//! each failed attempt and does the sleeping.

use crate::error::Error;
use rand::Rng;
use std::time::{Duration, SystemTime};

/// Retry settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included (1 = never retry).
    pub max_attempts: u32,
    /// Delay before the first retry, before jitter.
    pub base_delay: Duration,
    /// Largest delay between attempts (also caps `Retry-After`).
    pub max_delay: Duration,
    /// Time budget for all attempts of one call, waits included.
    pub deadline: Option<Duration>,
    /// Fraction of each delay that is randomized, 0.0–1.0 (1.0 = "full jitter").
    pub jitter: f64,
}

impl Default for RetryPolicy {
    /// 4 attempts, 500 ms doubling to at most 30 s, 2 minutes in total, half jitter.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            deadline: Some(Duration::from_secs(120)),
            jitter: 0.5,
        }
    }
}

/// Why a call stops (or goes on) after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then try again.
    RetryAfter(Duration),
    /// Give up: the error is final.
    GiveUp,
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Sets the attempt limit (at least 1).
    pub fn with_max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// Sets the base and maximum delays.
    pub fn with_delays(mut self, base: Duration, max: Duration) -> Self {
        self.base_delay = base;
        self.max_delay = max.max(base);
        self
    }

    /// Sets the total deadline.
    pub fn with_deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// Sets the jitter fraction (clamped to 0.0–1.0).
    pub fn with_jitter(mut self, jitter: f64) -> Self {
        self.jitter = if jitter.is_nan() {
            0.0
        } else {
            jitter.clamp(0.0, 1.0)
        };
        self
    }

    /// Whether `err`, met on attempt number `attempt` (1-based), may be
    /// retried at all: the request must be idempotent (a read, or a write the
    /// caller opted in for), the error transient, and attempts left.
    pub fn should_retry<E>(&self, err: &Error<E>, attempt: u32, idempotent: bool) -> bool {
        idempotent && attempt < self.max_attempts && err.is_retryable()
    }

    /// Exponential delay before retry number `attempt` (1 = the first retry),
    /// without jitter: `base * 2^(attempt-1)`, capped at `max_delay`.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exp = attempt.saturating_sub(1).min(31);
        self.base_delay
            .saturating_mul(1u32 << exp)
            .min(self.max_delay)
    }

    /// `delay` with jitter applied: uniformly in `[delay*(1-jitter), delay]`.
    /// `unit` is a random number in `[0, 1)` (passed in to keep this pure).
    pub fn jittered(&self, delay: Duration, unit: f64) -> Duration {
        let unit = if unit.is_finite() {
            unit.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let cut = delay.as_secs_f64() * self.jitter * unit;
        delay.saturating_sub(Duration::from_secs_f64(cut.max(0.0)))
    }

    /// The full decision after a failed attempt: whether to retry and how long
    /// to wait, given the attempt number (1-based), the time spent so far and a
    /// random `unit` in `[0, 1)`. A server's `Retry-After` replaces the backoff
    /// (capped at `max_delay`); the wait never runs past the deadline.
    pub fn decide<E>(
        &self,
        err: &Error<E>,
        attempt: u32,
        idempotent: bool,
        elapsed: Duration,
        unit: f64,
    ) -> Decision {
        if !self.should_retry(err, attempt, idempotent) {
            return Decision::GiveUp;
        }
        let wait = match err.retry_after() {
            Some(ra) => ra.min(self.max_delay),
            None => self.jittered(self.backoff(attempt), unit),
        };
        if let Some(deadline) = self.deadline {
            // Waiting past the deadline only to fail afterwards helps no one.
            if elapsed.saturating_add(wait) >= deadline {
                return Decision::GiveUp;
            }
        }
        Decision::RetryAfter(wait)
    }

    /// [`RetryPolicy::decide`] with a fresh random number.
    pub fn delay<E>(
        &self,
        err: &Error<E>,
        attempt: u32,
        idempotent: bool,
        elapsed: Duration,
    ) -> Decision {
        self.decide(
            err,
            attempt,
            idempotent,
            elapsed,
            rand::thread_rng().gen::<f64>(),
        )
    }

    /// Time left before the deadline, if there is one.
    pub fn remaining(&self, elapsed: Duration) -> Option<Duration> {
        self.deadline.map(|d| d.saturating_sub(elapsed))
    }
}

/// Parses a `Retry-After` value: delay-seconds or an HTTP date (RFC 9110
/// §10.2.3). Dates in the past give zero; garbage gives `None`.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = parse_http_date(value)?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Parses the IMF-fixdate form, `Sun, 06 Nov 1994 08:49:37 GMT`, the only
/// one servers may send (RFC 9110 §5.6.7).
pub fn parse_http_date(s: &str) -> Option<SystemTime> {
    let rest = s.split_once(", ")?.1;
    let mut it = rest.split(' ');
    let day: u64 = it.next()?.parse().ok()?;
    let month = match it.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = it.next()?.parse().ok()?;
    let mut hms = it.next()?.split(':');
    let h: u64 = hms.next()?.parse().ok()?;
    let m: u64 = hms.next()?.parse().ok()?;
    let sec: u64 = hms.next()?.parse().ok()?;
    if it.next()? != "GMT"
        || !(1..=31).contains(&day)
        || h > 23
        || m > 59
        || sec > 60
        || year < 1970
    {
        return None;
    }
    let days = crate::civil::days_from_civil(year, month, day as u32);
    let secs = u64::try_from(days).ok()? * 86_400 + h * 3600 + m * 60 + sec;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ApiError, ErrorCode, HttpError, TransportError, TransportErrorKind};
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

    fn policy() -> RetryPolicy {
        RetryPolicy::default()
            .with_max_attempts(4)
            .with_delays(Duration::from_millis(100), Duration::from_secs(2))
            .with_deadline(Some(Duration::from_secs(10)))
            .with_jitter(0.0)
    }

    #[test]
    fn reads_retry_on_transient_errors_only() {
        let p = policy();
        for e in [
            http(503, None),
            http(500, None),
            http(429, None),
            api(105),
            TransportError::new(TransportErrorKind::Connect, "refused", "u").into(),
            TransportError::new(TransportErrorKind::Timeout, "slow", "u").into(),
            TransportError::new(TransportErrorKind::Body, "connection reset", "u").into(),
        ] {
            assert!(p.should_retry(&e, 1, true), "{e}");
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
            assert!(!p.should_retry(&e, 1, true), "{e}");
        }
    }

    #[test]
    fn writes_are_never_retried_unless_opted_in() {
        let p = policy();
        assert!(!p.should_retry(&http(503, None), 1, false));
        assert_eq!(
            p.decide(&http(503, None), 1, false, Duration::ZERO, 0.5),
            Decision::GiveUp
        );
        assert!(p.should_retry(&http(503, None), 1, true));
    }

    #[test]
    fn attempts_are_limited() {
        let p = policy();
        assert!(p.should_retry(&http(503, None), 3, true));
        assert!(!p.should_retry(&http(503, None), 4, true));
        assert!(!RetryPolicy::none().should_retry(&http(503, None), 1, true));
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = policy();
        let ms = |a| p.backoff(a).as_millis();
        assert_eq!(
            [ms(1), ms(2), ms(3), ms(4), ms(5), ms(6)],
            [100, 200, 400, 800, 1600, 2000]
        );
        assert_eq!(p.backoff(u32::MAX), Duration::from_secs(2));
    }

    #[test]
    fn jitter_stays_within_its_fraction() {
        let p = policy().with_jitter(0.5);
        let d = Duration::from_millis(1000);
        assert_eq!(p.jittered(d, 0.0), d);
        assert_eq!(p.jittered(d, 1.0), Duration::from_millis(500));
        assert_eq!(p.jittered(d, 0.5), Duration::from_millis(750));
        assert_eq!(p.jittered(d, f64::NAN), d);
        assert_eq!(policy().with_jitter(7.0).jitter, 1.0);
    }

    #[test]
    fn retry_after_replaces_backoff_and_is_capped() {
        let p = policy();
        let d = p.decide(
            &http(429, Some(Duration::from_secs(1))),
            1,
            true,
            Duration::ZERO,
            0.0,
        );
        assert_eq!(d, Decision::RetryAfter(Duration::from_secs(1)));
        let d = p.decide(
            &http(429, Some(Duration::from_secs(3600))),
            1,
            true,
            Duration::ZERO,
            0.0,
        );
        assert_eq!(d, Decision::RetryAfter(Duration::from_secs(2)));
    }

    #[test]
    fn deadline_stops_waiting() {
        let p = policy();
        assert_eq!(
            p.decide(&http(503, None), 1, true, Duration::from_millis(9950), 0.0),
            Decision::GiveUp
        );
        assert_eq!(
            p.decide(&http(503, None), 1, true, Duration::from_millis(100), 0.0),
            Decision::RetryAfter(Duration::from_millis(100))
        );
        assert_eq!(p.remaining(Duration::from_secs(11)), Some(Duration::ZERO));
    }

    #[test]
    fn retry_after_parses_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
        assert_eq!(
            parse_retry_after("Sun, 32 Nov 1994 08:49:47 GMT", now),
            None
        );
        assert_eq!(
            parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"),
            Some(SystemTime::UNIX_EPOCH)
        );
        assert_eq!(
            parse_http_date("Tue, 29 Feb 2000 12:00:00 GMT"),
            Some(SystemTime::UNIX_EPOCH + Duration::from_secs(951_825_600))
        );
    }
}
