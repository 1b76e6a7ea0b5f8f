//! The in-process store: a token bucket behind a mutex, on this process's
//! monotonic clock. The default store, and the fallback of the Redis store
//! when it is allowed one.

use super::{Admission, Store};
use crate::error::Error;
use futures::future::{self, BoxFuture, FutureExt};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::time::Instant;

/// A token bucket: `capacity` calls, refilled evenly over `period`, full at start.
pub(crate) struct LocalBucket {
    capacity: u32,
    period: Duration,
    state: Mutex<State>,
}

struct State {
    tokens: f64,
    refilled_at: Instant,
    paused_until: Option<Instant>,
}

impl LocalBucket {
    /// `capacity` and `period` are at least 1 and 1 ms (the facade checks).
    pub(crate) fn new(capacity: u32, period: Duration) -> LocalBucket {
        LocalBucket {
            capacity,
            period,
            state: Mutex::new(State {
                tokens: f64::from(capacity),
                refilled_at: Instant::now(),
                paused_until: None,
            }),
        }
    }

    /// Whole calls that can start now (0 while paused).
    pub(crate) fn remaining(&self) -> u32 {
        let now = Instant::now();
        let mut state = self.lock();
        self.refill(&mut state, now);
        if state.paused_until.is_some_and(|p| p > now) {
            return 0;
        }
        state.tokens.floor() as u32
    }

    /// Takes one token if there is one; otherwise says how long until there is.
    pub(crate) fn take(&self) -> Admission {
        match self.try_take() {
            Ok(()) => Admission::Granted,
            Err(wait) => Admission::Wait(wait),
        }
    }

    fn try_take(&self) -> Result<(), Duration> {
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
        let per_token = self.period.as_secs_f64() / f64::from(self.capacity);
        Err(Duration::from_secs_f64(missing * per_token).max(Duration::from_micros(1)))
    }

    /// Holds every caller back for `wait`; a longer pause in force is kept.
    pub(crate) fn pause_for(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut state = self.lock();
        if !matches!(state.paused_until, Some(p) if p >= until) {
            state.paused_until = Some(until);
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state is plain numbers, always consistent: a panic elsewhere cannot corrupt it.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn refill(&self, state: &mut State, now: Instant) {
        let elapsed = now.saturating_duration_since(state.refilled_at);
        let rate = f64::from(self.capacity) / self.period.as_secs_f64();
        state.tokens = (state.tokens + elapsed.as_secs_f64() * rate).min(f64::from(self.capacity));
        state.refilled_at = now;
    }
}

/// No I/O: every operation is answered at once.
impl Store for LocalBucket {
    fn name(&self) -> &'static str {
        "local"
    }

    fn capacity(&self) -> u32 {
        self.capacity
    }

    fn period(&self) -> Duration {
        self.period
    }

    fn remaining(&self) -> u32 {
        LocalBucket::remaining(self)
    }

    fn remaining_now(&self) -> BoxFuture<'_, Result<u32, Error>> {
        future::ready(Ok(LocalBucket::remaining(self))).boxed()
    }

    fn admit(&self) -> BoxFuture<'_, Result<Admission, Error>> {
        future::ready(Ok(self.take())).boxed()
    }

    fn pause(&self, wait: Duration) -> BoxFuture<'_, Result<(), Error>> {
        self.pause_for(wait);
        future::ready(Ok(())).boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_refuses_the_call_past_its_capacity() {
        let b = LocalBucket::new(3, Duration::from_secs(3600));
        assert_eq!(b.remaining(), 3);
        for _ in 0..3 {
            assert_eq!(b.take(), Admission::Granted);
        }
        assert_eq!(b.remaining(), 0);
        let Admission::Wait(wait) = b.take() else {
            panic!("granted past the capacity")
        };
        // One token of a 3-per-hour bucket takes up to 20 minutes to come back.
        assert!(
            wait <= Duration::from_secs(1200) && wait > Duration::ZERO,
            "{wait:?}"
        );
    }

    #[test]
    fn a_pause_blocks_everyone_and_keeps_the_longer_one() {
        let b = LocalBucket::new(10, Duration::from_secs(3600));
        b.pause_for(Duration::from_secs(60));
        b.pause_for(Duration::from_secs(1));
        assert_eq!(b.remaining(), 0);
        let Admission::Wait(wait) = b.take() else {
            panic!("granted past the capacity")
        };
        assert!(wait > Duration::from_secs(1), "{wait:?}");
    }
}
