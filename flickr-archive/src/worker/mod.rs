//! A worker: claims a job, does it, and finishes it in the transaction that
//! records its result and enqueues what follows; renews its lease while it
//! works, so a worker that dies (killed, its machine lost) leaves its job to
//! the next worker when the lease runs out. A database that goes away is
//! waited for; a job that fails is given back with a growing backoff, and
//! its target is marked failed when its attempts are used up; a target
//! Flickr says is gone (deleted, private) is marked so and not retried.

mod count;
mod fetch;
mod list;
mod package;

use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::PgPool;
use sqlx::{Postgres, Transaction};

use crate::db::{self, catalog, queue, targets};
use crate::error::{Error, Result};
use crate::store::Store;

pub(crate) use count::Calls;

/// How a worker works.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct WorkerOptions {
    /// Files fetched at once within a batch.
    pub jobs: usize,
    /// Exit when no job is ready or running anywhere.
    pub until_idle: bool,
    /// How long a claim holds without renewal (renewed every third of it).
    pub lease: Duration,
    /// Photos per fetch batch.
    pub batch_size: usize,
    /// How long a database that went away is waited for.
    pub db_patience: Duration,
    /// `Source-Organization` for the bags.
    pub source_organization: Option<String>,
    /// This worker's name (default: host and process id).
    pub name: Option<String>,
    /// Where a package job stages its target's library before it goes to
    /// the store (default: the system's temporary directory).
    pub work_dir: std::path::PathBuf,
    /// The most bytes of photo files one bag holds: a larger target is
    /// packaged in parts (default [`BAG_MAX_BYTES`]).
    pub bag_max_bytes: u64,
}

/// The default bound of a bag's photo files: 250 GB, a size preservation
/// services take in one piece (APTrust splits larger bags in the same way).
pub const BAG_MAX_BYTES: u64 = 250_000_000_000;

impl Default for WorkerOptions {
    fn default() -> Self {
        WorkerOptions {
            jobs: 4,
            until_idle: false,
            lease: Duration::from_secs(60),
            batch_size: 200,
            db_patience: Duration::from_secs(300),
            source_organization: None,
            name: None,
            work_dir: std::env::temp_dir(),
            bag_max_bytes: BAG_MAX_BYTES,
        }
    }
}

impl WorkerOptions {
    /// Files fetched at once.
    pub fn jobs(mut self, jobs: usize) -> Self {
        self.jobs = jobs.max(1);
        self
    }
    /// Exit when no work is left.
    pub fn until_idle(mut self, yes: bool) -> Self {
        self.until_idle = yes;
        self
    }
    /// The lease of a claim.
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease.max(Duration::from_secs(1));
        self
    }
    /// Photos per batch.
    pub fn batch_size(mut self, n: usize) -> Self {
        self.batch_size = n.max(1);
        self
    }
    /// `Source-Organization` for the bags.
    pub fn source_organization(mut self, org: Option<String>) -> Self {
        self.source_organization = org;
        self
    }
    /// This worker's name.
    pub fn name(mut self, name: Option<String>) -> Self {
        self.name = name;
        self
    }
    /// Where package jobs stage libraries.
    pub fn work_dir(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.work_dir = dir.into();
        self
    }
    /// The most bytes of photo files one bag holds.
    pub fn bag_max_bytes(mut self, bytes: u64) -> Self {
        self.bag_max_bytes = bytes.max(1);
        self
    }
}

/// What a worker did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct WorkerReport {
    /// The worker's name.
    pub worker: String,
    /// Jobs finished.
    pub jobs: u64,
    /// Jobs given back after a failure.
    pub failed_attempts: u64,
    /// Files stored.
    pub files: u64,
    /// Bytes stored.
    pub bytes: u64,
    /// API calls made.
    pub api_calls: u64,
    /// Jobs put back, their attempt unspent, because the key's shared
    /// budget (Redis) was out of reach.
    pub quota_waits: u64,
}

/// How long a job waits for the key's budget to be reachable again.
const QUOTA_WAIT: Duration = Duration::from_secs(2);

/// A running worker: everything its jobs use.
pub(crate) struct Worker {
    pub pool: PgPool,
    pub client: flickr_sdk::Client,
    pub calls: Calls,
    pub store: Store,
    pub http: reqwest::Client,
    pub opts: WorkerOptions,
    /// This worker's name, as the queue and the catalog know it.
    pub name: String,
}

/// What a finished job did.
#[derive(Debug, Default)]
pub(crate) struct Done {
    pub files: u64,
    pub bytes: u64,
}

/// Runs a worker until stopped (or, with `until_idle`, until no job is
/// ready or running).
pub async fn run(
    pool: PgPool,
    client: flickr_sdk::Client,
    store: Store,
    opts: WorkerOptions,
) -> Result<WorkerReport> {
    let name = opts.name.clone().unwrap_or_else(default_name);
    let calls = Calls::default();
    let client = calls.wrap(&client);
    let http =
        flickr_backup::static_host::http_client().map_err(|e| Error::Other(e.to_string()))?;
    let worker = Arc::new(Worker {
        pool,
        client,
        calls,
        store,
        http,
        opts,
        name: name.clone(),
    });
    register(&worker).await?;
    let mut report = WorkerReport {
        worker: name,
        ..WorkerReport::default()
    };
    let patience = worker.opts.db_patience;
    loop {
        let claimed = db::patiently(patience, || {
            queue::claim(&worker.pool, &worker.name, worker.opts.lease)
        })
        .await?;
        let Some(job) = claimed else {
            let open = db::patiently(patience, || queue::open_jobs(&worker.pool)).await?;
            if worker.opts.until_idle && open == 0 {
                break;
            }
            seen(&worker, None).await;
            tokio::time::sleep(Duration::from_millis(if open == 0 { 1000 } else { 200 })).await;
            continue;
        };
        seen(&worker, Some(job.id)).await;
        tracing::info!(job = job.id, kind = job.kind.as_str(), target = %job.target, "claimed");
        worker.calls.start_job();
        let outcome = with_lease(&worker, &job, run_job(&worker, &job)).await;
        let calls = worker.calls.this_job();
        report.api_calls += calls;
        match outcome {
            Some(Ok(done)) => {
                report.jobs += 1;
                report.files += done.files;
                report.bytes += done.bytes;
            }
            Some(Err(e @ Error::QuotaStore { .. })) => {
                report.quota_waits += 1;
                let text = e.to_string();
                tracing::warn!(job = job.id, target = %job.target, "waiting for the key's budget: {text}");
                db::patiently(patience, || {
                    queue::put_back(&worker.pool, &job, &worker.name, &text, QUOTA_WAIT)
                })
                .await?;
            }
            Some(Err(e)) => {
                report.failed_attempts += 1;
                let text = e.to_string();
                tracing::warn!(job = job.id, target = %job.target, "failed: {text}");
                let gone = matches!(e, Error::Api { gone: true, .. });
                if gone {
                    db::patiently(patience, || mark_gone(&worker, &job, &text, calls)).await?;
                } else {
                    db::patiently(patience, || {
                        queue::give_back(&worker.pool, &job, &worker.name, &text)
                    })
                    .await?;
                }
            }
            None => tracing::warn!(
                job = job.id,
                "the lease was lost: another worker has the job"
            ),
        }
    }
    stopped(&worker).await;
    Ok(report)
}

/// Runs `work` while renewing the job's lease; `None` when the lease was
/// lost (the work is dropped: another worker redoes it).
async fn with_lease<T>(
    worker: &Worker,
    job: &queue::Job,
    work: impl std::future::Future<Output = T>,
) -> Option<T> {
    let renew = async {
        loop {
            tokio::time::sleep(worker.opts.lease / 3).await;
            match queue::renew(&worker.pool, job.id, &worker.name, worker.opts.lease).await {
                Ok(true) => {}
                Ok(false) => return,
                // The database is away: keep working; the lease may hold.
                Err(e) => tracing::warn!(job = job.id, "cannot renew the lease: {e}"),
            }
        }
    };
    tokio::select! {
        out = work => Some(out),
        () = renew => None,
    }
}

async fn run_job(worker: &Worker, job: &queue::Job) -> Result<Done> {
    match job.kind {
        queue::JobKind::List => list::run(worker, job).await,
        queue::JobKind::Fetch => fetch::run(worker, job).await,
        queue::JobKind::Package => package::run(worker, job).await,
    }
}

/// Finishes a job in a transaction that also counts its work; `f` adds the
/// job's own writes. A job no longer this worker's is rolled back.
pub(crate) async fn finish_with(
    worker: &Worker,
    job: &queue::Job,
    done: Done,
    f: impl AsyncFnOnce(&mut Transaction<'static, Postgres>) -> Result<()>,
) -> Result<Done> {
    let calls = worker.calls.this_job();
    let mut tx = worker
        .pool
        .begin()
        .await
        .map_err(Error::db("finishing a job"))?;
    targets::lock_target(&mut tx, job.target_id).await?;
    if !queue::finish(&mut tx, job.id, &worker.name).await? {
        tx.rollback().await.map_err(Error::db("finishing a job"))?;
        return Err(Error::Other(
            "the job's lease was lost before it finished".into(),
        ));
    }
    f(&mut tx).await?;
    catalog::count_work(&mut tx, &worker.name, calls, done.files, done.bytes).await?;
    tx.commit().await.map_err(Error::db("finishing a job"))?;
    Ok(done)
}

async fn mark_gone(worker: &Worker, job: &queue::Job, reason: &str, calls: u64) -> Result<()> {
    let mut tx = worker
        .pool
        .begin()
        .await
        .map_err(Error::db("marking a target gone"))?;
    if queue::finish(&mut tx, job.id, &worker.name).await? {
        queue::set_target_state(&mut tx, job.target_id, "gone", Some(reason)).await?;
        catalog::count_work(&mut tx, &worker.name, calls, 0, 0).await?;
    }
    tx.commit()
        .await
        .map_err(Error::db("marking a target gone"))
}

fn default_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_else(|_| "host".to_owned());
    format!("{host}-{}", std::process::id())
}

async fn register(worker: &Worker) -> Result<()> {
    let host = default_name();
    let host = host
        .rsplit_once('-')
        .map_or(host.as_str(), |(h, _)| h)
        .to_owned();
    db::patiently(worker.opts.db_patience, || async {
        sqlx::query(
            "INSERT INTO workers (id, host, pid) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET host = EXCLUDED.host, pid = EXCLUDED.pid,
                 started_at = now(), last_seen = now(), stopped_at = NULL, current_job = NULL",
        )
        .bind(&worker.name)
        .bind(&host)
        .bind(std::process::id() as i32)
        .execute(&worker.pool)
        .await
        .map_err(Error::db("registering the worker"))
        .map(|_| ())
    })
    .await
}

/// Notes the worker alive (and its job) for status; best effort.
async fn seen(worker: &Worker, job: Option<i64>) {
    let _ = sqlx::query("UPDATE workers SET last_seen = now(), current_job = $2 WHERE id = $1")
        .bind(&worker.name)
        .bind(job)
        .execute(&worker.pool)
        .await;
}

async fn stopped(worker: &Worker) {
    let _ = sqlx::query("UPDATE workers SET last_seen = now(), current_job = NULL, stopped_at = now() WHERE id = $1")
        .bind(&worker.name)
        .execute(&worker.pool)
        .await;
}
