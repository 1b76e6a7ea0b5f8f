//! An optional token bucket that keeps a client under Flickr's rate limit
//! (3,600 calls per hour per API key), shared by every clone of the client.
//!
//! ```
//! # fn f() -> Result<(), flickr_core::error::Error> {
//! use flickr_core::{client::Client, quota::Quota};
//! let quota = Quota::flickr_default();              // 3,600 calls/hour, full at start
//! let client = Client::builder().api_key("key").quota(quota.clone()).build()?;
//! assert_eq!(quota.remaining(), 3600);                // inspect the budget any time
//! # let _ = client; Ok(()) }
//! ```
//!
//! Every attempt (retries included) takes one token; when the bucket is
//! empty the call waits for the next token instead of earning Flickr's
//! refusal. A 429 answer (or any HTTP error carrying `Retry-After`) pauses
//! the whole bucket for the time Flickr asked, so the other tasks sharing the
//! client hold back too.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::time::Instant;

/// Flickr's documented limit per API key.
pub const FLICKR_CALLS_PER_HOUR: u32 = 3600;

/// How long to hold back after a 429 that came without `Retry-After`.
pub const DEFAULT_429_PAUSE: Duration = Duration::from_secs(5);

/// A token bucket: `capacity` calls, refilled evenly over `period`. Cheap to
/// clone; clones share the bucket.
#[derive(Clone)]
pub struct Quota {
    shared: Arc<Shared>,
}

struct Shared {
    capacity: u32,
    period: Duration,
    state: Mutex<State>,
}

struct State {
    tokens: f64,
    refilled_at: Instant,
    paused_until: Option<Instant>,
}

impl fmt::Debug for Quota {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Quota")
            .field("capacity", &self.shared.capacity)
            .field("period", &self.shared.period)
            .field("remaining", &self.remaining())
            .finish()
    }
}

impl Quota {
    /// `calls` per `period`, full at start. A zero `calls` or `period` is
    /// raised to one call per millisecond-long period.
    pub fn new(calls: u32, period: Duration) -> Quota {
        let capacity = calls.max(1);
        let period = period.max(Duration::from_millis(1));
        Quota {
            shared: Arc::new(Shared {
                capacity,
                period,
                state: Mutex::new(State {
                    tokens: f64::from(capacity),
                    refilled_at: Instant::now(),
                    paused_until: None,
                }),
            }),
        }
    }

    /// `calls` per hour.
    pub fn per_hour(calls: u32) -> Quota {
        Quota::new(calls, Duration::from_secs(3600))
    }

    /// Flickr's limit: 3,600 calls per hour.
    pub fn flickr_default() -> Quota {
        Quota::per_hour(FLICKR_CALLS_PER_HOUR)
    }

    /// The bucket size.
    pub fn capacity(&self) -> u32 {
        self.shared.capacity
    }

    /// The refill period of a full bucket.
    pub fn period(&self) -> Duration {
        self.shared.period
    }

    /// Whole calls that can start now without waiting (0 while paused after a 429).
    pub fn remaining(&self) -> u32 {
        let now = Instant::now();
        let mut state = self.lock();
        self.refill(&mut state, now);
        if state.paused_until.is_some_and(|p| p > now) {
            return 0;
        }
        state.tokens.floor() as u32
    }

    /// Takes one token if there is one; otherwise says how long until there is.
    pub fn try_acquire(&self) -> Result<(), Duration> {
        let now = Instant::now();
        let mut state = self.lock();
        self.refill(&mut state, now);
        if let Some(until) = state.paused_until {
            if until > now {
                return Err(until - now);
            }
            state.paused_until = None;
        }
        if state.tokens >= 1.0 {
            state.tokens -= 1.0;
            return Ok(());
        }
        let missing = 1.0 - state.tokens;
        let per_token = self.shared.period.as_secs_f64() / f64::from(self.shared.capacity);
        Err(Duration::from_secs_f64(missing * per_token).max(Duration::from_micros(1)))
    }

    /// Waits until a token is available and takes it.
    pub async fn acquire(&self) {
        loop {
            match self.try_acquire() {
                Ok(()) => return,
                Err(wait) => {
                    tracing::debug!(wait_ms = wait.as_millis() as u64, "quota: waiting");
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// Holds every caller back for `wait` (Flickr's `Retry-After`). A longer
    /// pause already in force is kept.
    pub fn pause_for(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut state = self.lock();
        if !matches!(state.paused_until, Some(p) if p >= until) {
            state.paused_until = Some(until);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // The state is plain numbers, always consistent: a panic elsewhere cannot corrupt it.
        self.shared
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn refill(&self, state: &mut State, now: Instant) {
        let elapsed = now.saturating_duration_since(state.refilled_at);
        let rate = f64::from(self.shared.capacity) / self.shared.period.as_secs_f64();
        state.tokens =
            (state.tokens + elapsed.as_secs_f64() * rate).min(f64::from(self.shared.capacity));
        state.refilled_at = now;
    }
}

/// Pauses `quota` when `err` is Flickr saying "too many requests": a 429
/// (for `Retry-After`, or [`DEFAULT_429_PAUSE`] without one) or any HTTP error
/// carrying `Retry-After`.
pub fn note_refusal<E>(quota: &Quota, err: &crate::error::Error<E>) {
    let is_429 = matches!(err, crate::error::Error::Http(h) if h.status == 429);
    match err.retry_after() {
        Some(wait) => quota.pause_for(wait),
        None if is_429 => quota.pause_for(DEFAULT_429_PAUSE),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_refuses_the_call_past_its_capacity() {
        let q = Quota::per_hour(3);
        let shared = q.clone();
        assert_eq!(q.remaining(), 3);
        for _ in 0..3 {
            assert_eq!(shared.try_acquire(), Ok(()));
        }
        assert_eq!(q.remaining(), 0);
        let wait = q.try_acquire().unwrap_err();
        // One token of a 3-per-hour bucket takes up to 20 minutes to come back.
        assert!(
            wait <= Duration::from_secs(1200) && wait > Duration::ZERO,
            "{wait:?}"
        );
        assert_eq!(Quota::flickr_default().capacity(), 3600);
    }

    #[test]
    fn a_pause_blocks_everyone_and_keeps_the_longer_one() {
        let q = Quota::per_hour(10);
        q.pause_for(Duration::from_secs(60));
        q.pause_for(Duration::from_secs(1));
        assert_eq!(q.remaining(), 0);
        let wait = q.clone().try_acquire().unwrap_err();
        assert!(wait > Duration::from_secs(1), "{wait:?}");
    }

    #[tokio::test]
    async fn acquire_waits_for_the_refill_instead_of_failing() {
        // A tiny, fast bucket: the third acquire must wait for a refill and
        // then succeed (no timing is asserted, only that it completes).
        let q = Quota::new(2, Duration::from_millis(4));
        q.acquire().await;
        q.acquire().await;
        q.acquire().await;
        assert!(q.remaining() <= 2);
    }
}
