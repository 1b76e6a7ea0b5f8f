//! Archive many public Flickr members, albums, galleries and group pools
//! with any number of workers on any number of machines, on existing
//! engines: **PostgreSQL** holds the queue and the catalog (jobs claimed
//! with `FOR UPDATE SKIP LOCKED` under a renewed lease; a job finished in
//! the transaction that records its result and enqueues what follows),
//! **Redis** keeps the API key's budget for every worker (flickr-core's
//! shared quota, given with the client), **S3-compatible storage** or a
//! local directory holds the bytes by content (`object_store`), and each
//! target ends as a **BagIt** bag (RFC 8493).
//!
//! ```no_run
//! # async fn demo(client: flickr_sdk::Client) -> Result<(), flickr_archive::Error> {
//! use flickr_archive::{Archive, Store, Target, WorkerOptions};
//!
//! let archive = Archive::connect("postgres://archiver@db/flickr").await?;
//! archive.add(&[Target::parse("group:34427469792@N01")?]).await?;
//! let store = Store::open("s3://archive/flickr")?;
//! let report = archive.work(client, store, WorkerOptions::default().until_idle(true)).await?;
//! println!("{} files stored", report.files);
//! # Ok(()) }
//! ```
//!
//! How it is built and why, and what ten million photos would need:
//! `DESIGN.md` beside this crate.

#![deny(missing_docs)]

mod db;
mod error;
mod status;
mod store;
mod target;
mod verify;
mod worker;

use std::time::Duration;

use sqlx::postgres::PgPool;

pub use error::{Error, Result};
pub use status::{Status, TargetStatus, WorkerStatus};
pub use store::{Store, StoredObject};
pub use target::Target;
pub use verify::VerifyReport;
pub use worker::{WorkerOptions, WorkerReport, BAG_MAX_BYTES};

/// Files up to this size are hashed in memory and put in one request;
/// larger ones stream to the store in parts.
pub fn store_in_memory_limit() -> usize {
    store::IN_MEMORY
}

/// The fleet's database: where targets are added and work is claimed.
#[derive(Debug, Clone)]
pub struct Archive {
    pool: PgPool,
}

impl Archive {
    /// Connects to the PostgreSQL at `url` and creates or migrates its
    /// schema (waiting up to a minute for a server that is starting).
    pub async fn connect(url: &str) -> Result<Archive> {
        Archive::connect_patiently(url, Duration::from_secs(60)).await
    }

    /// [`Archive::connect`], waiting up to `patience` for the server.
    pub async fn connect_patiently(url: &str, patience: Duration) -> Result<Archive> {
        Ok(Archive {
            pool: db::connect(url, patience).await?,
        })
    }

    /// Adds targets (each once, however often added); returns how many
    /// were new. Each new target's list job is enqueued with it.
    pub async fn add(&self, targets: &[Target]) -> Result<u64> {
        db::targets::add_targets(&self.pool, targets).await
    }

    /// Lists `targets` again (every target when empty) so that what
    /// changed on Flickr since (by `lastupdate`) is fetched and packaged
    /// again; returns how many list jobs were queued.
    pub async fn refresh(&self, targets: &[Target]) -> Result<u64> {
        db::targets::refresh(&self.pool, targets).await
    }

    /// Works as one worker: claims and does jobs until stopped, or with
    /// [`WorkerOptions::until_idle`] until no job is left anywhere.
    /// `client`'s key, retries and quota (a Redis-shared one for a fleet)
    /// apply to every API call.
    pub async fn work(
        &self,
        client: flickr_sdk::Client,
        store: Store,
        opts: WorkerOptions,
    ) -> Result<WorkerReport> {
        worker::run(self.pool.clone(), client, store, opts).await
    }

    /// Every target's, worker's and job's state, and the key's use.
    pub async fn status(&self) -> Result<Status> {
        status::status(&self.pool).await
    }

    /// Reads objects back from `store` (all, or a random `sample`) and
    /// checks them against the catalog's digests.
    pub async fn verify(&self, store: &Store, sample: Option<u64>) -> Result<VerifyReport> {
        verify::verify(&self.pool, store, sample).await
    }
}

/// The README (the crate's page in the registry): its examples are doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
