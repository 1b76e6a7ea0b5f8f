//! The bucket of one API key kept in Redis: each operation is one run of
//! the atomic admission script (`script.lua`, GCRA on the server's clock),
//! with the local fallback (`fallback.rs`) standing in while Redis is lost.

use super::fallback::Fallback;
use super::secrets::{redis_failure, scrub};
use crate::error::{Error, QuotaErrorKind};
use crate::quota::{Admission, Store};
use futures::future::{BoxFuture, FutureExt};
use redis::aio::ConnectionManager;
use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use tokio::time::Instant;

const SCRIPT: &str = include_str!("script.lua");

/// The Redis-backed bucket of one API key.
pub(super) struct RedisStore {
    conn: ConnectionManager,
    script: redis::Script,
    key: String,
    /// Redacted, for messages.
    url: String,
    /// The URL's password, scrubbed from any message.
    secrets: Vec<String>,
    capacity: u32,
    period: Duration,
    /// Tokens left as the server last said.
    last_remaining: AtomicU32,
    /// A pause this process saw (a 429), held even without Redis.
    local_pause: Mutex<Option<Instant>>,
    fallback: Option<Fallback>,
}

#[derive(Clone, Copy)]
enum Op {
    Take,
    Peek,
    Pause,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Take => "take",
            Op::Peek => "peek",
            Op::Pause => "pause",
        }
    }
}

/// The script's answer.
struct Answer {
    granted: bool,
    wait: Duration,
    remaining: u32,
}

impl RedisStore {
    /// A store on `conn` for the bucket at `key`; `url` is the redacted URL
    /// and `secrets` what to scrub from Redis's messages.
    pub(super) fn new(
        conn: ConnectionManager,
        key: String,
        url: String,
        secrets: Vec<String>,
        (capacity, period): (u32, Duration),
        fallback: Option<Fallback>,
    ) -> RedisStore {
        RedisStore {
            conn,
            script: redis::Script::new(SCRIPT),
            key,
            url,
            secrets,
            capacity,
            period,
            last_remaining: AtomicU32::new(capacity),
            local_pause: Mutex::new(None),
            fallback,
        }
    }

    /// Reads the budget once (loading the script): the connection works.
    pub(super) async fn peek_first(&self) -> redis::RedisResult<()> {
        let first = self.run(Op::Peek, Duration::ZERO).await?;
        self.last_remaining
            .store(first.remaining, Ordering::Relaxed);
        Ok(())
    }

    fn last_remaining(&self) -> u32 {
        if self.local_pause_left().is_some() {
            return 0;
        }
        self.last_remaining.load(Ordering::Relaxed)
    }

    async fn remaining_now(&self) -> Result<u32, Error> {
        if self.local_pause_left().is_some() {
            return Ok(0);
        }
        match self.run(Op::Peek, Duration::ZERO).await {
            Ok(a) => {
                self.last_remaining.store(a.remaining, Ordering::Relaxed);
                Ok(a.remaining)
            }
            Err(e) => match &self.fallback {
                Some(f) => Ok(f.remaining()),
                None => Err(self.lost(e)),
            },
        }
    }

    async fn admit(&self) -> Result<Admission, Error> {
        if let Some(left) = self.local_pause_left() {
            return Ok(Admission::Wait(left));
        }
        if let Some(f) = &self.fallback {
            if f.waiting_for_redis() {
                return Ok(f.admit());
            }
        }
        match self.run(Op::Take, Duration::ZERO).await {
            Ok(a) => {
                if let Some(f) = &self.fallback {
                    f.redis_is_back(&self.url);
                }
                self.last_remaining.store(a.remaining, Ordering::Relaxed);
                Ok(if a.granted {
                    Admission::Granted
                } else {
                    Admission::Wait(a.wait)
                })
            }
            Err(e) => match &self.fallback {
                Some(f) => {
                    f.redis_lost(&self.url, &scrub(&e.to_string(), &self.secrets));
                    Ok(f.admit())
                }
                None => Err(self.lost(e)),
            },
        }
    }

    fn pause_locally(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut p = self
            .local_pause
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if !matches!(*p, Some(old) if old >= until) {
            *p = Some(until);
        }
        if let Some(f) = &self.fallback {
            f.pause(wait);
        }
    }

    async fn pause_shared(&self, wait: Duration) -> Result<(), Error> {
        self.pause_locally(wait);
        match self.run(Op::Pause, wait).await {
            Ok(_) => Ok(()),
            Err(e) => Err(self.lost(e)),
        }
    }

    fn local_pause_left(&self) -> Option<Duration> {
        let now = Instant::now();
        let p = *self
            .local_pause
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        p.filter(|until| *until > now).map(|until| until - now)
    }

    async fn run(&self, op: Op, pause: Duration) -> redis::RedisResult<Answer> {
        let mut conn = self.conn.clone();
        let (granted, wait_us, remaining): (i64, i64, i64) = self
            .script
            .key(&self.key)
            .arg(op.name())
            .arg(self.capacity)
            .arg(u64::try_from(self.period.as_micros()).unwrap_or(u64::MAX))
            .arg(u64::try_from(pause.as_micros()).unwrap_or(u64::MAX))
            .invoke_async(&mut conn)
            .await?;
        Ok(Answer {
            granted: granted == 1,
            // Never spin: at least 100 µs between asks.
            wait: Duration::from_micros(wait_us.max(100) as u64),
            remaining: u32::try_from(remaining.max(0)).unwrap_or(u32::MAX),
        })
    }

    fn lost(&self, e: redis::RedisError) -> Error {
        redis_failure(QuotaErrorKind::Lost, self.url.clone(), e, &self.secrets)
    }
}

impl Store for RedisStore {
    fn name(&self) -> &'static str {
        "redis"
    }

    fn capacity(&self) -> u32 {
        self.capacity
    }

    fn period(&self) -> Duration {
        self.period
    }

    fn remaining(&self) -> u32 {
        self.last_remaining()
    }

    fn remaining_now(&self) -> BoxFuture<'_, Result<u32, Error>> {
        RedisStore::remaining_now(self).boxed()
    }

    fn admit(&self) -> BoxFuture<'_, Result<Admission, Error>> {
        RedisStore::admit(self).boxed()
    }

    fn pause(&self, wait: Duration) -> BoxFuture<'_, Result<(), Error>> {
        self.pause_shared(wait).boxed()
    }

    fn describe(&self, d: &mut fmt::DebugStruct<'_, '_>) {
        // The URL is redacted and the key name holds a hash, never the API key.
        d.field("url", &self.url).field("redis_key", &self.key);
    }
}
