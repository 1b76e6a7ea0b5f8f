//! The catalog: each target's photos as listed, the objects in
//! the store by digest, and the counters status reads.

use sqlx::postgres::PgPool;
use sqlx::{Postgres, Row, Transaction};

use crate::error::{Error, Result};

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
    pub can_download: Option<bool>,
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
    /// Its bytes.
    pub size: u64,
}

/// The target's photos in list order, with their objects where fetched.
pub(crate) async fn package_rows(pool: &PgPool, target_id: i64) -> Result<Vec<Packed>> {
    let what = || Error::db("reading a target's catalog");
    let rows = sqlx::query(
        "SELECT p.photo_id, p.license, p.safety_level, p.can_download, p.item, o.key, o.size, p.file_name, p.source
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
                    size: r
                        .try_get::<Option<i64>, _>("size")
                        .map_err(what())?
                        .unwrap_or(0) as u64,
                }),
                None => None,
            };
            Ok(Packed {
                photo_id: r.try_get("photo_id").map_err(what())?,
                license: r.try_get("license").map_err(what())?,
                safety_level: r.try_get("safety_level").map_err(what())?,
                can_download: r.try_get("can_download").map_err(what())?,
                item: r.try_get("item").map_err(what())?,
                file,
            })
        })
        .collect()
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
