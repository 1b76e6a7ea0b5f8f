//! The queue: jobs claimed with `FOR UPDATE SKIP LOCKED` under a lease the
//! worker renews; a job is finished in the transaction that records its
//! result in the catalog and enqueues what follows, and only by the worker
//! that still holds it, so a job redone after a lost lease is never
//! finished twice.

use std::time::Duration;

use sqlx::postgres::PgPool;
use sqlx::{Postgres, Row, Transaction};

use crate::error::{Error, Result};
use crate::target::Target;

/// What a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JobKind {
    /// List a target into the catalog, then enqueue its batches.
    List,
    /// Fetch a batch's files into the store.
    Fetch,
    /// Package the target as a bag.
    Package,
}

impl JobKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            JobKind::List => "list",
            JobKind::Fetch => "fetch",
            JobKind::Package => "package",
        }
    }

    /// Claimed lowest first: a target under way is finished before the
    /// next one is listed.
    fn priority(self) -> i16 {
        match self {
            JobKind::Package => 0,
            JobKind::Fetch => 1,
            JobKind::List => 2,
        }
    }

    fn parse(s: &str) -> Result<JobKind> {
        match s {
            "list" => Ok(JobKind::List),
            "fetch" => Ok(JobKind::Fetch),
            "package" => Ok(JobKind::Package),
            other => Err(Error::Other(format!(
                "a stored job of unknown kind `{other}`"
            ))),
        }
    }
}

/// A claimed job.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    pub id: i64,
    pub kind: JobKind,
    pub target_id: i64,
    pub target: Target,
    pub photo_ids: Vec<String>,
    pub attempts: i32,
}

/// Adds a job in `tx`.
pub(crate) async fn enqueue(
    tx: &mut Transaction<'_, Postgres>,
    target_id: i64,
    kind: JobKind,
    photo_ids: &[String],
) -> Result<()> {
    sqlx::query("INSERT INTO jobs (target_id, kind, priority, photo_ids) VALUES ($1, $2, $3, $4)")
        .bind(target_id)
        .bind(kind.as_str())
        .bind(kind.priority())
        .bind(photo_ids)
        .execute(&mut **tx)
        .await
        .map_err(Error::db(format!("enqueueing a {} job", kind.as_str())))?;
    Ok(())
}

/// Claims the next ready job for `worker` (or one whose lease ran out)
/// for `lease`.
pub(crate) async fn claim(pool: &PgPool, worker: &str, lease: Duration) -> Result<Option<Job>> {
    let row = sqlx::query(
        "UPDATE jobs SET state = 'running', claimed_by = $1, attempts = attempts + 1,
                lease_until = now() + make_interval(secs => $2)
         WHERE id = (
             SELECT id FROM jobs
             WHERE (state = 'ready' AND run_after <= now())
                OR (state = 'running' AND lease_until < now())
             ORDER BY priority, id
             FOR UPDATE SKIP LOCKED
             LIMIT 1)
         RETURNING id, kind, target_id, photo_ids, attempts,
             (SELECT kind FROM targets t WHERE t.id = jobs.target_id) AS target_kind,
             (SELECT key FROM targets t WHERE t.id = jobs.target_id) AS target_key",
    )
    .bind(worker)
    .bind(lease.as_secs_f64())
    .fetch_optional(pool)
    .await
    .map_err(Error::db("claiming a job"))?;
    let Some(row) = row else {
        return Ok(None);
    };
    let get = |e: sqlx::Error| Error::Db {
        what: "reading a claimed job".into(),
        source: e,
    };
    let kind: String = row.try_get("kind").map_err(get)?;
    let target_kind: String = row.try_get("target_kind").map_err(get)?;
    let target_key: String = row.try_get("target_key").map_err(get)?;
    Ok(Some(Job {
        id: row.try_get("id").map_err(get)?,
        kind: JobKind::parse(&kind)?,
        target_id: row.try_get("target_id").map_err(get)?,
        target: Target::from_parts(&target_kind, &target_key)?,
        photo_ids: row.try_get("photo_ids").map_err(get)?,
        attempts: row.try_get("attempts").map_err(get)?,
    }))
}

/// Extends the lease; `false` when the job is no longer this worker's (its
/// lease ran out and another worker claimed it).
pub(crate) async fn renew(pool: &PgPool, job: i64, worker: &str, lease: Duration) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE jobs SET lease_until = now() + make_interval(secs => $3)
         WHERE id = $1 AND claimed_by = $2 AND state = 'running'",
    )
    .bind(job)
    .bind(worker)
    .bind(lease.as_secs_f64())
    .execute(pool)
    .await
    .map_err(Error::db("renewing a job's lease"))?;
    Ok(done.rows_affected() == 1)
}

/// Marks the job done in `tx`, if it is still this worker's; `false` when it
/// is not (the caller rolls back: another worker holds it now).
pub(crate) async fn finish(
    tx: &mut Transaction<'_, Postgres>,
    job: i64,
    worker: &str,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE jobs SET state = 'done', finished_at = now(), lease_until = NULL, last_error = NULL
         WHERE id = $1 AND claimed_by = $2 AND state = 'running'",
    )
    .bind(job)
    .bind(worker)
    .execute(&mut **tx)
    .await
    .map_err(Error::db("finishing a job"))?;
    Ok(done.rows_affected() == 1)
}

/// How many attempts a job gets before its target is marked failed.
pub(crate) const MAX_ATTEMPTS: i32 = 6;

/// Gives the job back after a failure: ready again after a backoff that
/// grows with its attempts, or failed (with its target) when they are used
/// up. `false` when the job was no longer this worker's.
pub(crate) async fn give_back(pool: &PgPool, job: &Job, worker: &str, error: &str) -> Result<bool> {
    let mut tx = pool.begin().await.map_err(Error::db("giving a job back"))?;
    let last = job.attempts >= MAX_ATTEMPTS;
    let backoff = Duration::from_millis(500u64 << job.attempts.clamp(0, 8));
    let done = sqlx::query(
        "UPDATE jobs SET state = $3, last_error = $4, lease_until = NULL,
                run_after = now() + make_interval(secs => $5),
                finished_at = CASE WHEN $3 = 'failed' THEN now() END
         WHERE id = $1 AND claimed_by = $2 AND state = 'running'",
    )
    .bind(job.id)
    .bind(worker)
    .bind(if last { "failed" } else { "ready" })
    .bind(error)
    .bind(backoff.as_secs_f64())
    .execute(&mut *tx)
    .await
    .map_err(Error::db("giving a job back"))?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    if last {
        set_target_state(
            &mut tx,
            job.target_id,
            "failed",
            Some(&format!(
                "a {} job failed {} times; last: {error}",
                job.kind.as_str(),
                job.attempts
            )),
        )
        .await?;
    }
    tx.commit().await.map_err(Error::db("giving a job back"))?;
    Ok(true)
}

/// Puts a job back without spending its attempt (it could not start: the
/// key's budget was out of reach), to be claimed again after `wait`.
pub(crate) async fn put_back(
    pool: &PgPool,
    job: &Job,
    worker: &str,
    error: &str,
    wait: Duration,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE jobs SET state = 'ready', attempts = greatest(attempts - 1, 0), last_error = $3,
                lease_until = NULL, run_after = now() + make_interval(secs => $4)
         WHERE id = $1 AND claimed_by = $2 AND state = 'running'",
    )
    .bind(job.id)
    .bind(worker)
    .bind(error)
    .bind(wait.as_secs_f64())
    .execute(pool)
    .await
    .map_err(Error::db("putting a job back"))?;
    Ok(done.rows_affected() == 1)
}

/// Sets a target's state (and its reason: why it failed or is gone).
pub(crate) async fn set_target_state(
    tx: &mut Transaction<'_, Postgres>,
    target_id: i64,
    state: &str,
    reason: Option<&str>,
) -> Result<()> {
    sqlx::query("UPDATE targets SET state = $2, reason = $3 WHERE id = $1")
        .bind(target_id)
        .bind(state)
        .bind(reason)
        .execute(&mut **tx)
        .await
        .map_err(Error::db("updating a target's state"))?;
    Ok(())
}

/// Whether any job is ready or running (for `--until-idle`).
pub(crate) async fn open_jobs(pool: &PgPool) -> Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM jobs WHERE state IN ('ready', 'running')")
        .fetch_one(pool)
        .await
        .map_err(Error::db("counting open jobs"))
}
