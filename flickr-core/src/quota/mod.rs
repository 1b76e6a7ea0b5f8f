//! The quota governor: a token bucket that keeps a client under Flickr's rate
//! limit (3,600 calls per hour per API key), shared by every clone of the
//! client — and, with the Redis store, by every process and machine using the
//! same key.
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
//! Every attempt (retries included) takes one token through
//! [`Quota::acquire`]; when the bucket is empty the call waits for the next
//! token instead of earning Flickr's refusal. A 429 answer (or any HTTP error
//! carrying `Retry-After`) pauses the whole bucket for the time Flickr asked
//! ([`Quota::pause`], called by [`crate::retry::run`] for a failure
//! [`Classified::answered`](crate::retry::Classified::answered) as a
//! refusal), so the other tasks sharing it hold back too.
//!
//! # Stores
//! - **In-process** ([`Quota::new`], [`Quota::per_hour`],
//!   [`Quota::flickr_default`]): the default, nothing to set up. Right for
//!   one process per API key.
//! - **Redis** (`Quota::redis`, cargo feature `redis-quota`): one budget for
//!   a fleet — several processes or machines sharing one API key. Each
//!   acquisition is one atomic Lua script on the Redis server (GCRA on the
//!   server's clock, full at start), keyed by a hash of the API key (never
//!   the key itself); a 429 seen by one client pauses every client of the
//!   key. `RedisQuotaBuilder` documents the failure behaviour: an
//!   unreachable server at start is an error naming the URL (password
//!   redacted); a server lost during the run makes calls fail with
//!   [`crate::error::Error::Quota`], unless a local fallback share was
//!   configured.
//!
//! The request path is the same for both: the attempt loop
//! ([`crate::retry::run`]) calls [`Quota::acquire`] and [`Quota::pause`]; the facade hands each operation to
//! its store (a private `Store` trait: `local.rs`, `redis/`).

mod local;
#[cfg(feature = "redis-quota")]
mod redis;

#[cfg(feature = "redis-quota")]
pub use self::redis::{RedisQuotaBuilder, DEFAULT_KEY_PREFIX, DEFAULT_REDIS_TIMEOUT};

use crate::error::Error;
use futures::future::BoxFuture;
use local::LocalBucket;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Flickr's documented limit per API key.
pub const FLICKR_CALLS_PER_HOUR: u32 = 3600;

/// How long to hold back after a 429 that came without `Retry-After`.
pub const DEFAULT_429_PAUSE: Duration = Duration::from_secs(5);

/// A token bucket: `capacity` calls, refilled evenly over `period`. Cheap to
/// clone; clones share the bucket (and its store).
#[derive(Clone)]
pub struct Quota {
    store: Arc<dyn Store>,
}

/// Where a bucket lives: the operations [`Quota`] offers, each meaning one
/// thing for every store. Private: the stores are chosen through
/// [`Quota`]'s constructors.
trait Store: Send + Sync {
    /// `"local"` or `"redis"`.
    fn name(&self) -> &'static str;
    /// The bucket size.
    fn capacity(&self) -> u32;
    /// The refill period of a full bucket.
    fn period(&self) -> Duration;
    /// Whole calls that can start now as far as this process knows, no I/O.
    fn remaining(&self) -> u32;
    /// Whole calls that can start now, read from the store itself.
    fn remaining_now(&self) -> BoxFuture<'_, Result<u32, Error>>;
    /// Takes one token, or says how long to wait.
    fn admit(&self) -> BoxFuture<'_, Result<Admission, Error>>;
    /// Holds every caller of the store back for `wait` (a longer pause in
    /// force is kept); this process at once, even when the store is lost.
    fn pause(&self, wait: Duration) -> BoxFuture<'_, Result<(), Error>>;
    /// Store-specific fields for [`Quota`]'s `Debug` (never a secret).
    fn describe(&self, _d: &mut fmt::DebugStruct<'_, '_>) {}
}

/// The answer to one request for a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// A token was taken: the call may go.
    Granted,
    /// No token now; ask again after this long.
    Wait(Duration),
}

impl fmt::Debug for Quota {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Quota");
        d.field("store", &self.store_name())
            .field("capacity", &self.capacity())
            .field("period", &self.period())
            .field("remaining", &self.remaining());
        self.store.describe(&mut d);
        d.finish()
    }
}

impl Quota {
    /// `calls` per `period` in this process, full at start. A zero `calls`
    /// or `period` is raised to one call per millisecond-long period.
    pub fn new(calls: u32, period: Duration) -> Quota {
        let (capacity, period) = sane_budget(calls, period);
        Quota::from_store(LocalBucket::new(capacity, period))
    }

    /// `calls` per hour.
    pub fn per_hour(calls: u32) -> Quota {
        Quota::new(calls, Duration::from_secs(3600))
    }

    /// Flickr's limit: 3,600 calls per hour.
    pub fn flickr_default() -> Quota {
        Quota::per_hour(FLICKR_CALLS_PER_HOUR)
    }

    fn from_store(store: impl Store + 'static) -> Quota {
        Quota {
            store: Arc::new(store),
        }
    }

    /// `"local"` or `"redis"`.
    pub fn store_name(&self) -> &'static str {
        self.store.name()
    }

    /// The bucket size.
    pub fn capacity(&self) -> u32 {
        self.store.capacity()
    }

    /// The refill period of a full bucket.
    pub fn period(&self) -> Duration {
        self.store.period()
    }

    /// Whole calls that can start now without waiting (0 while paused after
    /// a 429), without I/O. In-process store: exact. Redis store: the value
    /// the server gave with its last answer to this process (other processes
    /// may have spent some since); [`Quota::remaining_now`] asks the server.
    pub fn remaining(&self) -> u32 {
        self.store.remaining()
    }

    /// Whole calls that can start now, read from the store itself (a round
    /// trip for Redis; fails only if the store cannot be reached and no
    /// local fallback was configured).
    pub async fn remaining_now(&self) -> Result<u32, Error> {
        self.store.remaining_now().await
    }

    /// Asks the store once for one token: granted (taken), or how long to
    /// wait before asking again. Fails only when the store cannot answer
    /// (Redis lost, no fallback configured).
    pub async fn admit(&self) -> Result<Admission, Error> {
        self.store.admit().await
    }

    /// Waits until a token is available and takes it. Fails only when the
    /// store cannot answer (see [`crate::error::QuotaError`]).
    pub async fn acquire(&self) -> Result<(), Error> {
        loop {
            match self.admit().await? {
                Admission::Granted => return Ok(()),
                Admission::Wait(wait) => {
                    tracing::debug!(wait_ms = wait.as_millis() as u64, "quota: waiting");
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// Holds every caller of the store back for `wait` (Flickr's
    /// `Retry-After`): this process at once, and with the Redis store every
    /// client of the key (the pause is stored in Redis, on the server's
    /// clock). A longer pause in force is kept. The local pause holds even
    /// if the store cannot be reached; the error then says it was not shared.
    pub async fn pause(&self, wait: Duration) -> Result<(), Error> {
        self.store.pause(wait).await
    }
}

/// At least one call per millisecond-long period.
fn sane_budget(calls: u32, period: Duration) -> (u32, Duration) {
    (calls.max(1), period.max(Duration::from_millis(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::FutureExt;

    #[test]
    fn the_facade_keeps_the_local_bucket_api() {
        let q = Quota::per_hour(3);
        let shared = q.clone();
        assert_eq!(q.remaining(), 3);
        for _ in 0..3 {
            assert!(matches!(
                shared.admit().now_or_never(),
                Some(Ok(Admission::Granted))
            ));
        }
        assert_eq!(q.remaining(), 0);
        assert!(matches!(
            q.admit().now_or_never(),
            Some(Ok(Admission::Wait(w))) if w > Duration::ZERO
        ));
        assert_eq!(Quota::flickr_default().capacity(), 3600);
        assert_eq!(q.store_name(), "local");
        assert_eq!(Quota::new(0, Duration::ZERO).capacity(), 1);
        assert_eq!(
            Quota::new(0, Duration::ZERO).period(),
            Duration::from_millis(1)
        );
    }

    #[tokio::test]
    async fn acquire_waits_for_the_refill_instead_of_failing() {
        // A tiny, fast bucket: the third acquire must wait for a refill and
        // then succeed (no timing is asserted, only that it completes).
        let q = Quota::new(2, Duration::from_millis(4));
        q.acquire().await.unwrap();
        q.acquire().await.unwrap();
        q.acquire().await.unwrap();
        assert!(q.remaining() <= 2);
        assert!(q.remaining_now().await.unwrap() <= 2);
    }

    #[tokio::test]
    async fn a_pause_holds_every_clone_back() {
        let q = Quota::per_hour(10);
        q.clone().pause(DEFAULT_429_PAUSE).await.unwrap();
        assert_eq!(q.remaining(), 0);
        assert!(
            matches!(q.admit().await.unwrap(), Admission::Wait(w) if w > Duration::from_secs(1))
        );
    }
}
