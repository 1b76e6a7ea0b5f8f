//! The catalog's targets: added once, listed again on demand, locked
//! while their jobs decide what follows, and marked packaged.

use sqlx::postgres::PgPool;
use sqlx::{Postgres, Row, Transaction};

use super::queue::{self, JobKind};
use crate::error::{Error, Result};
use crate::target::Target;

/// Adds `targets` (each once, whatever how often it is added) and a list
/// job for each new one, in one transaction. Returns how many were new.
pub(crate) async fn add_targets(pool: &PgPool, targets: &[Target]) -> Result<u64> {
    let mut tx = pool.begin().await.map_err(Error::db("adding targets"))?;
    let mut added = 0;
    for t in targets {
        added += add_in(&mut tx, t).await? as u64;
    }
    tx.commit().await.map_err(Error::db("adding targets"))?;
    Ok(added)
}

/// Adds one target in `tx`; whether it was new.
pub(crate) async fn add_in(tx: &mut Transaction<'_, Postgres>, t: &Target) -> Result<bool> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO targets (spec, kind, key) VALUES ($1, $2, $3)
         ON CONFLICT (spec) DO NOTHING RETURNING id",
    )
    .bind(t.to_string())
    .bind(t.kind())
    .bind(t.key())
    .fetch_optional(&mut **tx)
    .await
    .map_err(Error::db(format!("adding target {t}")))?;
    match id {
        Some(id) => {
            queue::enqueue(tx, id, JobKind::List, &[]).await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Lists `targets` again (every target when empty): each one with no job
/// open gets a list job, which fetches only what changed since; a target
/// not added yet is added. Returns how many were queued.
pub(crate) async fn refresh(pool: &PgPool, targets: &[Target]) -> Result<u64> {
    let mut tx = pool
        .begin()
        .await
        .map_err(Error::db("refreshing targets"))?;
    let specs: Vec<String> = targets.iter().map(Target::to_string).collect();
    let mut queued = 0;
    for t in targets {
        // A new target is added with its list job (and so is not pending
        // a second one below: its job is open).
        queued += add_in(&mut tx, t).await? as u64;
    }
    let ids: Vec<i64> = sqlx::query_scalar(
        "UPDATE targets t SET state = 'pending', reason = NULL
         WHERE (cardinality($1::text[]) = 0 OR t.spec = ANY($1))
           AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.target_id = t.id AND j.state IN ('ready', 'running'))
         RETURNING id",
    )
    .bind(&specs)
    .fetch_all(&mut *tx)
    .await
    .map_err(Error::db("refreshing targets"))?;
    for id in ids {
        queue::enqueue(&mut tx, id, JobKind::List, &[]).await?;
        queued += 1;
    }
    tx.commit().await.map_err(Error::db("refreshing targets"))?;
    Ok(queued)
}

/// Holds the target's row until `tx` ends: the jobs of one target that end
/// together take turns deciding what follows them.
pub(crate) async fn lock_target(tx: &mut Transaction<'_, Postgres>, target_id: i64) -> Result<()> {
    sqlx::query("SELECT id FROM targets WHERE id = $1 FOR UPDATE")
        .bind(target_id)
        .fetch_one(&mut **tx)
        .await
        .map_err(Error::db("locking a target"))?;
    Ok(())
}

/// Records whose library a target is (its owner's NSID) and the album's
/// record, for packaging.
pub(crate) async fn set_target_meta(
    tx: &mut Transaction<'_, Postgres>,
    target_id: i64,
    owner: Option<&str>,
    info: Option<&serde_json::Value>,
) -> Result<()> {
    sqlx::query("UPDATE targets SET owner = $2, info = $3 WHERE id = $1")
        .bind(target_id)
        .bind(owner)
        .bind(info)
        .execute(&mut **tx)
        .await
        .map_err(Error::db("recording a target's owner"))?;
    Ok(())
}

/// The target's owner and album record, as listed.
pub(crate) async fn target_meta(
    pool: &PgPool,
    target_id: i64,
) -> Result<(Option<String>, Option<serde_json::Value>)> {
    let row = sqlx::query("SELECT owner, info FROM targets WHERE id = $1")
        .bind(target_id)
        .fetch_one(pool)
        .await
        .map_err(Error::db("reading a target"))?;
    Ok((
        row.try_get("owner")
            .map_err(Error::db("reading a target"))?,
        row.try_get("info").map_err(Error::db("reading a target"))?,
    ))
}

/// Marks the target packaged as `bag_key`, in `parts` bags.
pub(crate) async fn packaged(
    tx: &mut Transaction<'_, Postgres>,
    target_id: i64,
    bag_key: &str,
    parts: usize,
) -> Result<()> {
    sqlx::query("UPDATE targets SET state = 'done', reason = NULL, bag_key = $2, bag_parts = $3, packaged_at = now() WHERE id = $1")
        .bind(target_id)
        .bind(bag_key)
        .bind(parts as i32)
        .execute(&mut **tx)
        .await
        .map_err(Error::db("marking a target packaged"))?;
    Ok(())
}
