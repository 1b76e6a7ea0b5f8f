//! What the fleet has done: per target, per worker, and the key's budget
//! over the last hour.

use serde::Serialize;
use sqlx::postgres::PgPool;
use sqlx::Row;

use crate::error::{Error, Result};

/// The fleet's state.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct Status {
    /// Every target, in the order added.
    pub targets: Vec<TargetStatus>,
    /// Every worker that has registered, most recently seen first.
    pub workers: Vec<WorkerStatus>,
    /// Jobs by state (`ready`, `running`, `done`, `failed`).
    pub jobs: std::collections::BTreeMap<String, i64>,
    /// API calls made with the key in the last hour, by every worker.
    pub api_calls_last_hour: i64,
    /// Flickr's allowance per key and hour.
    pub api_calls_allowed_per_hour: i64,
}

/// One target.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct TargetStatus {
    /// As added (`user:NSID`, …).
    pub target: String,
    /// pending, fetching, packaging, done, gone, failed.
    pub state: String,
    /// Photos listed.
    pub listed: i64,
    /// Photos whose file is in the store.
    pub fetched: i64,
    /// Their bytes.
    pub bytes: i64,
    /// Photos whose file could not be fetched.
    pub failed: i64,
    /// Why the target failed or is gone.
    pub reason: Option<String>,
    /// The bag's key in the store, once packaged: the bag itself, or the
    /// folder of its parts (`part-0001`, …) when there are several.
    pub bag: Option<String>,
    /// How many bags the target was packaged in (more than one for a
    /// target larger than `--bag-max-bytes`).
    pub bag_parts: Option<i64>,
    /// How many times it was packaged (once per listing that changed
    /// something: a fleet that lost a worker still packages once).
    pub packaged: i64,
}

/// One worker.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct WorkerStatus {
    /// Its name.
    pub worker: String,
    /// Seconds since it was last seen.
    pub last_seen_secs_ago: f64,
    /// The job it is on (kind and target), if any.
    pub current_job: Option<String>,
    /// Whether it exited.
    pub stopped: bool,
    /// API calls it made.
    pub api_calls: i64,
    /// Files it stored.
    pub files: i64,
}

pub(crate) async fn status(pool: &PgPool) -> Result<Status> {
    let what = || Error::db("reading the status");
    let targets = sqlx::query(
        "SELECT t.spec, t.state, t.listed, t.reason, t.bag_key, t.bag_parts,
                count(p.sha256) FILTER (WHERE p.fetched_for IS NOT DISTINCT FROM p.last_update) AS fetched,
                coalesce(sum(o.size) FILTER (WHERE p.fetched_for IS NOT DISTINCT FROM p.last_update), 0)::BIGINT AS bytes,
                count(*) FILTER (WHERE p.failure IS NOT NULL) AS failed,
                (SELECT count(*) FROM jobs j WHERE j.target_id = t.id AND j.kind = 'package'
                    AND j.state = 'done') AS packaged
         FROM targets t
         LEFT JOIN photos p ON p.target_id = t.id
         LEFT JOIN objects o ON o.sha256 = p.sha256
         GROUP BY t.id ORDER BY t.id",
    )
    .fetch_all(pool)
    .await
    .map_err(what())?
    .into_iter()
    .map(|r| {
        Ok(TargetStatus {
            target: r.try_get("spec")?,
            state: r.try_get("state")?,
            listed: i64::from(r.try_get::<i32, _>("listed")?),
            fetched: r.try_get("fetched")?,
            bytes: r.try_get("bytes")?,
            failed: r.try_get("failed")?,
            reason: r.try_get("reason")?,
            bag: r.try_get("bag_key")?,
            bag_parts: r.try_get::<Option<i32>, _>("bag_parts")?.map(i64::from),
            packaged: r.try_get("packaged")?,
        })
    })
    .collect::<std::result::Result<Vec<_>, sqlx::Error>>()
    .map_err(what())?;
    let workers = sqlx::query(
        "SELECT w.id, extract(epoch FROM now() - w.last_seen)::FLOAT8 AS ago, w.stopped_at IS NOT NULL AS stopped,
                w.api_calls, w.files, j.kind || ' ' || t.spec AS job
         FROM workers w
         LEFT JOIN jobs j ON j.id = w.current_job AND j.state = 'running' AND j.claimed_by = w.id
         LEFT JOIN targets t ON t.id = j.target_id
         ORDER BY w.last_seen DESC",
    )
    .fetch_all(pool)
    .await
    .map_err(what())?
    .into_iter()
    .map(|r| {
        Ok(WorkerStatus {
            worker: r.try_get("id")?,
            last_seen_secs_ago: r.try_get("ago")?,
            current_job: r.try_get("job")?,
            stopped: r.try_get("stopped")?,
            api_calls: r.try_get("api_calls")?,
            files: r.try_get("files")?,
        })
    })
    .collect::<std::result::Result<Vec<_>, sqlx::Error>>()
    .map_err(what())?;
    let jobs = sqlx::query("SELECT state, count(*) AS n FROM jobs GROUP BY state")
        .fetch_all(pool)
        .await
        .map_err(what())?
        .into_iter()
        .map(|r| Ok((r.try_get("state")?, r.try_get("n")?)))
        .collect::<std::result::Result<_, sqlx::Error>>()
        .map_err(what())?;
    let api_calls_last_hour: i64 =
        sqlx::query_scalar("SELECT coalesce(sum(calls), 0)::BIGINT FROM api_calls WHERE minute > now() - interval '1 hour'")
            .fetch_one(pool)
            .await
            .map_err(what())?;
    Ok(Status {
        targets,
        workers,
        jobs,
        api_calls_last_hour,
        api_calls_allowed_per_hour: i64::from(flickr_sdk::quota::FLICKR_CALLS_PER_HOUR),
    })
}
