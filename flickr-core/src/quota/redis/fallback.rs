//! The local share of the budget a Redis quota goes on with while Redis is
//! lost, when [`RedisQuotaBuilder::fallback_local_share`](super::RedisQuotaBuilder::fallback_local_share)
//! allows it.

use crate::quota::local::LocalBucket;
use crate::quota::{Admission, Store};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use tokio::time::Instant;

/// How long a process on its local fallback waits before asking Redis again.
const REDIS_RETRY_AFTER_FALLBACK: Duration = Duration::from_secs(1);

/// The local bucket used while Redis is lost, when allowed.
pub(super) struct Fallback {
    bucket: LocalBucket,
    share: f64,
    /// While set and in the future, skip Redis and use the bucket.
    redis_again_at: Mutex<Option<Instant>>,
}

impl Fallback {
    /// A full local bucket holding `share` of a `capacity` per `period`
    /// budget (at least one call).
    pub(super) fn new(capacity: u32, period: Duration, share: f64) -> Fallback {
        let calls = (f64::from(capacity) * share).floor().max(1.0) as u32;
        Fallback {
            bucket: LocalBucket::new(calls, period),
            share,
            redis_again_at: Mutex::new(None),
        }
    }

    pub(super) fn remaining(&self) -> u32 {
        self.bucket.remaining()
    }

    pub(super) fn pause(&self, wait: Duration) {
        self.bucket.pause_for(wait);
    }

    pub(super) fn waiting_for_redis(&self) -> bool {
        let again = *self
            .redis_again_at
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        again.is_some_and(|t| t > Instant::now())
    }

    pub(super) fn admit(&self) -> Admission {
        self.bucket.take()
    }

    pub(super) fn redis_lost(&self, url: &str, detail: &str) {
        let mut again = self
            .redis_again_at
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if again.is_none() {
            tracing::warn!(
                store = %url,
                error = %detail,
                share = self.share,
                calls = self.bucket.capacity(),
                period_s = self.bucket.period().as_secs_f64(),
                "quota store lost: going on with a local bucket holding a share of the budget"
            );
        }
        *again = Some(Instant::now() + REDIS_RETRY_AFTER_FALLBACK);
    }

    pub(super) fn redis_is_back(&self, url: &str) {
        let mut again = self
            .redis_again_at
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if again.take().is_some() {
            tracing::warn!(store = %url, "quota store is back: the shared budget applies again");
        }
    }
}
