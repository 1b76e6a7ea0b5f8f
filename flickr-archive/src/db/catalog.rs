//! The catalog: targets, each target's photos as listed, the objects in
//! the store by digest, and the counters status reads.

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

/// One photo as listed.
#[derive(Debug, Clone)]
pub(crate) struct Listed {
    pub photo_id: String,
    pub owner: String,
    pub media: String,
    pub last_update: Option<i64>,
    pub license: Option<String>,
    pub safety_level: Option<String>,
    pub can_download: Option<bool>,
    /// The list item as Flickr answered it.
    pub item: String,
}

/// Replaces the target's listing with `photos` (in their order): new and
/// changed rows written, rows no longer listed removed; a photo keeps its
/// file while its `lastupdate` is the one it was fetched for.
pub(crate) async fn store_listing(
    tx: &mut Transaction<'_, Postgres>,
    target_id: i64,
    photos: &[Listed],
) -> Result<()> {
    let what = || Error::db("storing a listing");
    let ids: Vec<&str> = photos.iter().map(|p| p.photo_id.as_str()).collect();
    sqlx::query("DELETE FROM photos WHERE target_id = $1 AND NOT (photo_id = ANY($2))")
        .bind(target_id)
        .bind(&ids)
        .execute(&mut **tx)
        .await
        .map_err(what())?;
    for (n, chunk) in photos.chunks(1000).enumerate() {
        let positions: Vec<i32> = (0..chunk.len()).map(|i| (n * 1000 + i) as i32).collect();
        let col = |f: fn(&Listed) -> &str| chunk.iter().map(f).collect::<Vec<_>>();
        sqlx::query(
            "INSERT INTO photos (target_id, photo_id, position, owner, media, last_update,
                                 license, safety_level, can_download, item)
             SELECT $1, u.photo_id, u.position, u.owner, u.media, u.last_update,
                    u.license, u.safety_level, u.can_download, u.item::jsonb
             FROM UNNEST($2::text[], $3::int[], $4::text[], $5::text[], $6::bigint[],
                         $7::text[], $8::text[], $9::bool[], $10::text[])
                  AS u(photo_id, position, owner, media, last_update, license, safety_level, can_download, item)
             ON CONFLICT (target_id, photo_id) DO UPDATE SET
                 position = EXCLUDED.position, owner = EXCLUDED.owner, media = EXCLUDED.media,
                 last_update = EXCLUDED.last_update, license = EXCLUDED.license,
                 safety_level = EXCLUDED.safety_level, can_download = EXCLUDED.can_download,
                 item = EXCLUDED.item",
        )
        .bind(target_id)
        .bind(col(|p| &p.photo_id))
        .bind(&positions)
        .bind(col(|p| &p.owner))
        .bind(col(|p| &p.media))
        .bind(chunk.iter().map(|p| p.last_update).collect::<Vec<_>>())
        .bind(chunk.iter().map(|p| p.license.clone()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|p| p.safety_level.clone()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|p| p.can_download).collect::<Vec<_>>())
        .bind(col(|p| &p.item))
        .execute(&mut **tx)
        .await
        .map_err(what())?;
    }
    sqlx::query("UPDATE targets SET listed = $2, listed_at = now() WHERE id = $1")
        .bind(target_id)
        .bind(photos.len() as i32)
        .execute(&mut **tx)
        .await
        .map_err(what())?;
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
pub(crate) async fn target_meta(pool: &PgPool, target_id: i64) -> Result<(Option<String>, Option<serde_json::Value>)> {
    let row = sqlx::query("SELECT owner, info FROM targets WHERE id = $1")
        .bind(target_id)
        .fetch_one(pool)
        .await
        .map_err(Error::db("reading a target"))?;
    Ok((
        row.try_get("owner").map_err(Error::db("reading a target"))?,
        row.try_get("info").map_err(Error::db("reading a target"))?,
    ))
}

/// The target's photos whose file is missing or older than their listing,
/// in list order.
pub(crate) async fn to_fetch(
    tx: &mut Transaction<'_, Postgres>,
    target_id: i64,
) -> Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT photo_id FROM photos
         WHERE target_id = $1 AND (sha256 IS NULL OR fetched_for IS DISTINCT FROM last_update)
         ORDER BY position",
    )
    .bind(target_id)
    .fetch_all(&mut **tx)
    .await
    .map_err(Error::db("finding the photos to fetch"))
}

/// A photo of a batch, as the fetch needs it.
#[derive(Debug, Clone)]
pub(crate) struct ToFetch {
    pub photo_id: String,
    pub media: String,
    pub last_update: Option<i64>,
    pub item: serde_json::Value,
}

/// The rows of `ids` in the target.
pub(crate) async fn batch_rows(
    pool: &PgPool,
    target_id: i64,
    ids: &[String],
) -> Result<Vec<ToFetch>> {
    let rows = sqlx::query(
        "SELECT photo_id, media, last_update, item FROM photos
         WHERE target_id = $1 AND photo_id = ANY($2) ORDER BY position",
    )
    .bind(target_id)
    .bind(ids)
    .fetch_all(pool)
    .await
    .map_err(Error::db("reading a batch"))?;
    rows.into_iter()
        .map(|r| {
            Ok(ToFetch {
                photo_id: r
                    .try_get("photo_id")
                    .map_err(Error::db("reading a batch"))?,
                media: r.try_get("media").map_err(Error::db("reading a batch"))?,
                last_update: r
                    .try_get("last_update")
                    .map_err(Error::db("reading a batch"))?,
                item: r.try_get("item").map_err(Error::db("reading a batch"))?,
            })
        })
        .collect()
}

/// A file placed in the store.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub sha256: String,
    pub sha512: String,
    pub size: u64,
    pub key: String,
    pub source: String,
    pub file_name: String,
}

/// What became of one photo of a batch.
#[derive(Debug, Clone)]
pub(crate) enum Fetched {
    Stored(Stored),
    Failed(String),
}

/// Records a batch's files and failures in `tx`.
pub(crate) async fn record_batch(
    tx: &mut Transaction<'_, Postgres>,
    target_id: i64,
    results: &[(ToFetch, Fetched)],
) -> Result<()> {
    let what = || Error::db("recording a batch");
    for (row, fetched) in results {
        match fetched {
            Fetched::Stored(s) => {
                sqlx::query(
                    "INSERT INTO objects (sha256, sha512, size, key) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (sha256) DO NOTHING",
                )
                .bind(&s.sha256)
                .bind(&s.sha512)
                .bind(s.size as i64)
                .bind(&s.key)
                .execute(&mut **tx)
                .await
                .map_err(what())?;
                sqlx::query(
                    "UPDATE photos SET sha256 = $3, source = $4, file_name = $5, fetched_for = $6, failure = NULL
                     WHERE target_id = $1 AND photo_id = $2",
                )
                .bind(target_id)
                .bind(&row.photo_id)
                .bind(&s.sha256)
                .bind(&s.source)
                .bind(&s.file_name)
                .bind(row.last_update)
                .execute(&mut **tx)
                .await
                .map_err(what())?;
            }
            Fetched::Failed(reason) => {
                sqlx::query(
                    "UPDATE photos SET failure = $3 WHERE target_id = $1 AND photo_id = $2",
                )
                .bind(target_id)
                .bind(&row.photo_id)
                .bind(reason)
                .execute(&mut **tx)
                .await
                .map_err(what())?;
            }
        }
    }
    Ok(())
}

/// Whether the target still has fetch jobs not done (besides `except`).
pub(crate) async fn fetches_open(
    tx: &mut Transaction<'_, Postgres>,
    target_id: i64,
    except: i64,
) -> Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM jobs WHERE target_id = $1 AND kind = 'fetch'
                        AND state IN ('ready', 'running') AND id <> $2)",
    )
    .bind(target_id)
    .bind(except)
    .fetch_one(&mut **tx)
    .await
    .map_err(Error::db("checking a target's batches"))
}

/// A packaged photo: its listing and its object.
#[derive(Debug, Clone)]
pub(crate) struct Packed {
    pub photo_id: String,
    pub license: Option<String>,
    pub safety_level: Option<String>,
    pub item: serde_json::Value,
    pub file: Option<PackedFile>,
}

/// A packaged photo's object.
#[derive(Debug, Clone)]
pub(crate) struct PackedFile {
    pub key: String,
    pub file_name: String,
    /// The URL it came from (without its query).
    pub source: String,
}

/// The target's photos in list order, with their objects where fetched.
pub(crate) async fn package_rows(pool: &PgPool, target_id: i64) -> Result<Vec<Packed>> {
    let what = || Error::db("reading a target's catalog");
    let rows = sqlx::query(
        "SELECT p.photo_id, p.license, p.safety_level, p.item, o.key, p.file_name, p.source
         FROM photos p LEFT JOIN objects o ON o.sha256 = p.sha256
         WHERE p.target_id = $1 ORDER BY p.position",
    )
    .bind(target_id)
    .fetch_all(pool)
    .await
    .map_err(what())?;
    rows.into_iter()
        .map(|r| {
            let key: Option<String> = r.try_get("key").map_err(what())?;
            let file = match key {
                Some(key) => Some(PackedFile {
                    key,
                    file_name: r
                        .try_get::<Option<String>, _>("file_name")
                        .map_err(what())?
                        .unwrap_or_default(),
                    source: r
                        .try_get::<Option<String>, _>("source")
                        .map_err(what())?
                        .unwrap_or_default(),
                }),
                None => None,
            };
            Ok(Packed {
                photo_id: r.try_get("photo_id").map_err(what())?,
                license: r.try_get("license").map_err(what())?,
                safety_level: r.try_get("safety_level").map_err(what())?,
                item: r.try_get("item").map_err(what())?,
                file,
            })
        })
        .collect()
}

/// Marks the target packaged as `bag_key`.
pub(crate) async fn packaged(
    tx: &mut Transaction<'_, Postgres>,
    target_id: i64,
    bag_key: &str,
) -> Result<()> {
    sqlx::query("UPDATE targets SET state = 'done', reason = NULL, bag_key = $2, packaged_at = now() WHERE id = $1")
        .bind(target_id)
        .bind(bag_key)
        .execute(&mut **tx)
        .await
        .map_err(Error::db("marking a target packaged"))?;
    Ok(())
}

/// Adds a job's API calls and files to the worker's counters and the
/// key's minute.
pub(crate) async fn count_work(
    tx: &mut Transaction<'_, Postgres>,
    worker: &str,
    calls: u64,
    files: u64,
    bytes: u64,
) -> Result<()> {
    let what = || Error::db("counting work");
    sqlx::query("UPDATE workers SET api_calls = api_calls + $2, files = files + $3, bytes = bytes + $4 WHERE id = $1")
        .bind(worker)
        .bind(calls as i64)
        .bind(files as i64)
        .bind(bytes as i64)
        .execute(&mut **tx)
        .await
        .map_err(what())?;
    if calls > 0 {
        sqlx::query(
            "INSERT INTO api_calls (minute, calls) VALUES (date_trunc('minute', now()), $1)
             ON CONFLICT (minute) DO UPDATE SET calls = api_calls.calls + EXCLUDED.calls",
        )
        .bind(calls as i64)
        .execute(&mut **tx)
        .await
        .map_err(what())?;
    }
    Ok(())
}
