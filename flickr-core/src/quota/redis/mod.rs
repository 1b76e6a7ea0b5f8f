//! The Redis store: one budget for every process and machine using an API
//! key (cargo feature `redis-quota`). How it admits, shares pauses and fails
//! is documented on [`RedisQuotaBuilder`], the public face of this module.
//!
//! - `builder.rs`: [`Quota::redis`](super::Quota::redis) and its settings,
//!   checked, then connected into a store;
//! - `store.rs`: the bucket kept in Redis by one atomic script
//!   (`script.lua`), as the quota's store;
//! - `secrets.rs`: the URL's password, scrubbed from every message;
//! - `fallback.rs`: the local share of the budget used while Redis is lost,
//!   when allowed.

mod builder;
mod fallback;
mod secrets;
mod store;

pub use builder::RedisQuotaBuilder;

use std::time::Duration;

/// The default prefix of the Redis key names.
pub const DEFAULT_KEY_PREFIX: &str = "flickr-rs:quota";

/// Default limit for connecting to Redis and for each answer.
pub const DEFAULT_REDIS_TIMEOUT: Duration = Duration::from_secs(2);
