//! When and how long to wait before trying again, and the one loop that
//! does the trying.
//!
//! Every retried request of the workspace goes through [`run`]: API calls
//! (the client's attempt loop), the backup's files and its thumbnails. The
//! caller classifies each failed attempt ([`RetryAction`], and whether the
//! host refused for rate, [`Classified::answered`]); the loop counts attempts,
//! takes a quota token before each one, pauses the shared quota on a
//! refusal, and waits the policy's backoff or the host's `Retry-After`. So a
//! caller that is not an API call never forges an API error to ask the
//! policy, and every caller backs off the same way (rclone's `Pacer.Call`,
//! smithy-rs's `ClassifyRetry` answering with a `RetryAction`).
//!
//! The policy's decisions are pure functions ([`RetryPolicy::backoff`],
//! [`RetryPolicy::jittered`], and the crate's `RetryPolicy::decide`) tested
//! without clocks; [`run`] only sleeps where they say.
//!
//! Only reads are retried automatically: a repeated comment, favorite or
//! upload is data corruption, so the client classifies a write's failure as
//! [`RetryAction::DontRetry`] unless the caller opts in per call. What the
//! client retries: connect errors, timeouts, HTTP 429 (with any body) and
//! 5xx, Flickr's codes 0, 105 ("service currently unavailable") and 201
//! ("API not available"), and bodies that are no JSON, JSONP or XML document
//! at all (an HTML page, garbage, a truncated answer).

mod run;

pub use self::run::{run, Attempt, Classified};

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

/// How the caller judges a failed attempt: the question the loop ([`run`])
/// asks the caller, which knows its own errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryAction {
    /// Transient: try again after the policy's jittered backoff.
    Retry,
    /// Transient, and the host said when to come back (`Retry-After`): try
    /// again after that long, capped at the policy's `max_delay`.
    RetryAfter(Duration),
    /// Final: another attempt would fail the same way, or must not be made
    /// (a write, a body that cannot be sent twice).
    DontRetry,
}

/// What the loop does after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
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

    /// The decision after a failed attempt the caller judged `action`: whether
    /// to try again and after how long, given the attempt number (1-based),
    /// the time spent so far and a random `unit` in `[0, 1)` (passed in to
    /// keep this pure). A host's `Retry-After` replaces the backoff (capped
    /// at `max_delay`); the wait never runs past the deadline.
    pub(crate) fn decide(
        &self,
        action: RetryAction,
        attempt: u32,
        elapsed: Duration,
        unit: f64,
    ) -> Decision {
        let wait = match action {
            RetryAction::DontRetry => return Decision::GiveUp,
            _ if attempt >= self.max_attempts => return Decision::GiveUp,
            RetryAction::RetryAfter(ra) => ra.min(self.max_delay),
            RetryAction::Retry => self.jittered(self.backoff(attempt), unit),
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
    pub(crate) fn delay(&self, action: RetryAction, attempt: u32, elapsed: Duration) -> Decision {
        self.decide(action, attempt, elapsed, rand::thread_rng().gen::<f64>())
    }

    /// Time left before the deadline, if there is one.
    pub fn remaining(&self, elapsed: Duration) -> Option<Duration> {
        self.deadline.map(|d| d.saturating_sub(elapsed))
    }
}

/// Parses a `Retry-After` value: delay-seconds or an HTTP date (RFC 9110
/// §10.2.3, read by `httpdate`). Dates in the past give zero; garbage gives
/// `None`.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 4 attempts, 100 ms doubling to 2 s, 10 s in all, no jitter (the loop's tests too).
    pub(super) fn policy() -> RetryPolicy {
        RetryPolicy::default()
            .with_max_attempts(4)
            .with_delays(Duration::from_millis(100), Duration::from_secs(2))
            .with_deadline(Some(Duration::from_secs(10)))
            .with_jitter(0.0)
    }

    fn decide(action: RetryAction, attempt: u32) -> Decision {
        policy().decide(action, attempt, Duration::ZERO, 0.0)
    }

    #[test]
    fn only_what_the_caller_calls_transient_is_retried() {
        assert_eq!(
            decide(RetryAction::Retry, 1),
            Decision::RetryAfter(Duration::from_millis(100))
        );
        assert_eq!(decide(RetryAction::DontRetry, 1), Decision::GiveUp);
    }

    #[test]
    fn attempts_are_limited() {
        assert!(matches!(
            decide(RetryAction::Retry, 3),
            Decision::RetryAfter(_)
        ));
        assert_eq!(decide(RetryAction::Retry, 4), Decision::GiveUp);
        let wait = RetryAction::RetryAfter(Duration::from_secs(1));
        assert_eq!(decide(wait, 4), Decision::GiveUp);
        assert_eq!(
            RetryPolicy::none().decide(RetryAction::Retry, 1, Duration::ZERO, 0.0),
            Decision::GiveUp
        );
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
        assert_eq!(
            decide(RetryAction::Retry, 2),
            Decision::RetryAfter(Duration::from_millis(200))
        );
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
        assert_eq!(
            p.decide(RetryAction::Retry, 1, Duration::ZERO, 1.0),
            Decision::RetryAfter(Duration::from_millis(50))
        );
    }

    #[test]
    fn retry_after_replaces_backoff_and_is_capped() {
        let d = decide(RetryAction::RetryAfter(Duration::from_secs(1)), 1);
        assert_eq!(d, Decision::RetryAfter(Duration::from_secs(1)));
        let d = decide(RetryAction::RetryAfter(Duration::from_secs(3600)), 1);
        assert_eq!(d, Decision::RetryAfter(Duration::from_secs(2)));
    }

    #[test]
    fn deadline_stops_waiting() {
        let p = policy();
        assert_eq!(
            p.decide(RetryAction::Retry, 1, Duration::from_millis(9950), 0.0),
            Decision::GiveUp
        );
        assert_eq!(
            p.decide(RetryAction::Retry, 1, Duration::from_millis(100), 0.0),
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
        // The obsolete forms recipients must still read (RFC 9110 §5.6.7).
        for obsolete in ["Sunday, 06-Nov-94 08:49:47 GMT", "Sun Nov  6 08:49:47 1994"] {
            assert_eq!(
                parse_retry_after(obsolete, now),
                Some(Duration::from_secs(10)),
                "{obsolete}"
            );
        }
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
        assert_eq!(
            parse_retry_after("Sun, 32 Nov 1994 08:49:47 GMT", now),
            None
        );
        let epoch = SystemTime::UNIX_EPOCH;
        assert_eq!(
            parse_retry_after("Tue, 29 Feb 2000 12:00:00 GMT", epoch),
            Some(Duration::from_secs(951_825_600))
        );
    }
}
