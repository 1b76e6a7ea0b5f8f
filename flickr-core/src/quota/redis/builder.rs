//! [`Quota::redis`] and [`RedisQuotaBuilder`]: the settings of a Redis
//! quota, checked, then connected into the store (`store.rs`).

use super::fallback::Fallback;
use super::secrets::{redis_failure, scrub, secrets_in};
use super::store::RedisStore;
use super::DEFAULT_KEY_PREFIX;
use super::DEFAULT_REDIS_TIMEOUT;
use crate::error::{redact_store_url, Error, QuotaError, QuotaErrorKind};
use crate::quota::{sane_budget, Quota, FLICKR_CALLS_PER_HOUR};
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// The longest budget period accepted (the script's times stay exact in a
/// double, and Redis accepts the key's expiry).
const MAX_PERIOD: Duration = Duration::from_secs(366 * 24 * 3600);

impl Quota {
    /// A quota kept in Redis at `url` (`redis://[:password@]host:port/[db]`;
    /// `rediss://` needs the `redis` crate's TLS features, which this crate
    /// does not turn on) for `api_key`, shared by every process that uses
    /// the same key and Redis.
    /// Flickr's 3,600 calls per hour unless set otherwise; nothing is
    /// checked until [`RedisQuotaBuilder::connect`].
    pub fn redis(url: &str, api_key: &str) -> RedisQuotaBuilder {
        RedisQuotaBuilder {
            url: url.to_owned(),
            key_id: key_id(api_key),
            calls: FLICKR_CALLS_PER_HOUR,
            period: Duration::from_secs(3600),
            prefix: DEFAULT_KEY_PREFIX.to_owned(),
            fallback_share: None,
            timeout: DEFAULT_REDIS_TIMEOUT,
        }
    }
}

/// Settings of a Redis quota — one budget for every process and machine
/// using an API key (cargo feature `redis-quota`); made by [`Quota::redis`],
/// turned into a [`Quota`] by [`RedisQuotaBuilder::connect`].
///
/// ```no_run
/// # async fn f() -> Result<(), flickr_core::error::Error> {
/// use flickr_core::{client::Client, quota::Quota};
/// let key = std::env::var("FLICKR_API_KEY").unwrap_or_default();
/// let quota = Quota::redis("redis://127.0.0.1:6379/", &key)
///     .per_hour(3600)                 // the budget of the key, for the whole fleet
///     .connect()
///     .await?;                        // fails now if Redis is unreachable
/// let client = Client::builder().api_key(&key).quota(quota).build()?;
/// # let _ = client; Ok(()) }
/// ```
///
/// **Admission.** Each token is taken by one Lua script run atomically by the
/// Redis server (`script.lua`): GCRA — a token bucket of `capacity` calls
/// refilled evenly over `period`, full at start — on the server's clock
/// (`TIME`), so the clocks of the clients do not matter. The state lives in
/// one small hash, `<prefix>:<hash of the API key>` (the key itself never
/// reaches Redis, logs or errors), which expires once the bucket is full
/// again. Every client of a key should use the same budget.
///
/// **Pauses are shared.** A 429 or `Retry-After` seen by one client is written
/// to the same hash (`paused_until`, server clock): every client of the key
/// holds back until then.
///
/// **Failures.**
/// - Redis unreachable when the quota is set up ([`RedisQuotaBuilder::connect`]):
///   an [`Error::Quota`] of kind [`QuotaErrorKind::Unreachable`] naming the URL
///   (password shown as `***`).
/// - Redis lost during the run: by default every call fails with an
///   [`Error::Quota`] of kind [`QuotaErrorKind::Lost`] before anything is
///   sent — a fleet that cannot coordinate must not guess. With
///   [`RedisQuotaBuilder::fallback_local_share`] the process instead goes on
///   with a local bucket holding that share of the budget (e.g. 0.25 for one
///   of four workers), logs a warning, and tries Redis again every second.
///   The connection is re-established by itself when Redis is back. Each
///   local bucket is full when it takes over, so at the switch the fleet may
///   spend up to one more budget's burst on top of what Redis had admitted.
///
/// **Runtime.** Connect from within the tokio runtime that makes the calls:
/// the connection's driver runs there.
#[derive(Clone)]
pub struct RedisQuotaBuilder {
    url: String,
    key_id: String,
    calls: u32,
    period: Duration,
    prefix: String,
    fallback_share: Option<f64>,
    timeout: Duration,
}

impl std::fmt::Debug for RedisQuotaBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisQuotaBuilder")
            .field("url", &redact_store_url(&self.url))
            .field("key", &self.redis_key())
            .field("calls", &self.calls)
            .field("period", &self.period)
            .field("fallback_share", &self.fallback_share)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl RedisQuotaBuilder {
    /// `calls` per `period` for the whole fleet, full at start (zero is
    /// raised to one call per millisecond).
    pub fn budget(mut self, calls: u32, period: Duration) -> Self {
        self.calls = calls;
        self.period = period;
        self
    }

    /// `calls` per hour for the whole fleet.
    pub fn per_hour(self, calls: u32) -> Self {
        self.budget(calls, Duration::from_secs(3600))
    }

    /// The prefix of the Redis key (default [`DEFAULT_KEY_PREFIX`]); the key
    /// is `<prefix>:<hash of the API key>`.
    pub fn key_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// When Redis is lost during the run, go on with a local bucket holding
    /// `share` of the budget (0 < share ≤ 1) instead of failing every call.
    /// With N processes on a key, 1/N keeps the fleet within the budget.
    pub fn fallback_local_share(mut self, share: f64) -> Self {
        self.fallback_share = Some(share);
        self
    }

    /// Limit for connecting to Redis and for each of its answers (default
    /// [`DEFAULT_REDIS_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The Redis key holding the bucket: `<prefix>:<hash of the API key>`.
    pub fn redis_key(&self) -> String {
        format!("{}:{}", self.prefix, self.key_id)
    }

    /// Connects to Redis, loads the admission script and reads the budget
    /// once. Fails with [`Error::Quota`] ([`QuotaErrorKind::Unreachable`])
    /// naming the URL, password redacted, when Redis cannot be reached, and
    /// ([`QuotaErrorKind::Config`]) on a malformed URL or fallback share.
    pub async fn connect(self) -> Result<Quota, Error> {
        let shown = redact_store_url(&self.url);
        let secrets = secrets_in(&self.url);
        let fail = |kind, detail: String| {
            Error::from(QuotaError::new(
                kind,
                shown.clone(),
                scrub(&detail, &secrets),
            ))
        };
        let redis_fail =
            |kind, e: redis::RedisError| redis_failure(kind, shown.clone(), e, &secrets);
        let (capacity, period) = sane_budget(self.calls, self.period);
        if period > MAX_PERIOD {
            return Err(fail(
                QuotaErrorKind::Config,
                format!("the budget's period must be at most a year, not {period:?}"),
            ));
        }
        if self.timeout.is_zero() {
            return Err(fail(
                QuotaErrorKind::Config,
                "the Redis timeout must be above zero".to_owned(),
            ));
        }
        let fallback = match self.fallback_share {
            None => None,
            Some(share) if share.is_finite() && share > 0.0 && share <= 1.0 => {
                Some(Fallback::new(capacity, period, share))
            }
            Some(share) => {
                return Err(fail(
                    QuotaErrorKind::Config,
                    format!("the local fallback share must be above 0 and at most 1, not {share}"),
                ))
            }
        };
        let client = redis::Client::open(self.url.as_str())
            .map_err(|e| redis_fail(QuotaErrorKind::Config, e))?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(self.timeout))
            .set_response_timeout(Some(self.timeout))
            .set_number_of_retries(1)
            .set_min_delay(Duration::from_millis(50))
            .set_max_delay(Duration::from_millis(500));
        let conn = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(|e| redis_fail(QuotaErrorKind::Unreachable, e))?;
        let store = RedisStore::new(
            conn,
            self.redis_key(),
            shown.clone(),
            secrets.clone(),
            (capacity, period),
            fallback,
        );
        store
            .peek_first()
            .await
            .map_err(|e| redis_fail(QuotaErrorKind::Unreachable, e))?;
        tracing::debug!(store = %shown, key = %self.redis_key(), capacity, period_s = period.as_secs_f64(), "quota: Redis store ready");
        Ok(Quota::from_store(store))
    }
}

/// A hash of the API key for the Redis key name: SHA-256 over a fixed
/// label and the key, first 128 bits in hex.
fn key_id(api_key: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"flickr-rs quota key\0");
    h.update(api_key.as_bytes());
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_redis_key_holds_a_hash_not_the_api_key() {
        let b = Quota::redis(
            "redis://:pw@127.0.0.1:1/",
            "0123456789abcdef0123456789abcdef",
        );
        let key = b.redis_key();
        assert!(key.starts_with("flickr-rs:quota:"), "{key}");
        assert!(!key.contains("0123456789abcdef"), "{key}");
        assert_eq!(key.len(), "flickr-rs:quota:".len() + 32);
        assert_ne!(key, Quota::redis("redis://x/", "another key").redis_key());
        let shown = format!("{b:?}");
        assert!(
            !shown.contains("pw@") && !shown.contains("0123456789abcdef"),
            "{shown}"
        );
    }

    #[tokio::test]
    async fn bad_settings_are_config_errors_naming_the_redacted_url() {
        let e = Quota::redis("redis://:s3cret@127.0.0.1:1/", "k")
            .fallback_local_share(1.5)
            .connect()
            .await
            .unwrap_err();
        let text = e.to_string();
        assert!(
            matches!(&e, Error::Quota(q) if q.kind == QuotaErrorKind::Config),
            "{text}"
        );
        assert!(
            text.contains("redis://:***@127.0.0.1:1/") && !text.contains("s3cret"),
            "{text}"
        );
        let e = Quota::redis("redis://127.0.0.1:1/", "k")
            .budget(10, Duration::from_secs(400 * 24 * 3600))
            .connect()
            .await
            .unwrap_err();
        assert!(e.to_string().contains("at most a year"), "{e}");
        let e = Quota::redis("redis://127.0.0.1:1/", "k")
            .timeout(Duration::ZERO)
            .connect()
            .await
            .unwrap_err();
        assert!(e.to_string().contains("timeout must be above zero"), "{e}");
        let e = Quota::redis("nonsense://:s3cret@x", "k")
            .connect()
            .await
            .unwrap_err();
        assert!(
            matches!(&e, Error::Quota(q) if q.kind == QuotaErrorKind::Config),
            "{e}"
        );
        assert!(!e.to_string().contains("s3cret"), "{e}");
    }
}
