//! Reading objects back: each sampled object's bytes are hashed again and
//! compared with the catalog's digests and size.

use serde::Serialize;
use sqlx::postgres::PgPool;
use sqlx::Row;

use crate::error::{Error, Result};
use crate::store::Store;

/// What a verification found.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifyReport {
    /// Objects read back.
    pub checked: u64,
    /// Objects whose bytes matched.
    pub ok: u64,
    /// Objects missing or different: (key, what is wrong).
    pub problems: Vec<(String, String)>,
}

pub(crate) async fn verify(
    pool: &PgPool,
    store: &Store,
    sample: Option<u64>,
) -> Result<VerifyReport> {
    let rows = match sample {
        Some(n) => {
            sqlx::query("SELECT key, sha256, sha512, size FROM objects ORDER BY random() LIMIT $1")
                .bind(n as i64)
                .fetch_all(pool)
                .await
        }
        None => {
            sqlx::query("SELECT key, sha256, sha512, size FROM objects ORDER BY key")
                .fetch_all(pool)
                .await
        }
    }
    .map_err(Error::db("reading the objects"))?;
    let mut report = VerifyReport::default();
    for r in rows {
        let get = |c: &str| {
            r.try_get::<String, _>(c)
                .map_err(Error::db("reading the objects"))
        };
        let (key, sha256, sha512) = (get("key")?, get("sha256")?, get("sha512")?);
        let size: i64 = r
            .try_get("size")
            .map_err(Error::db("reading the objects"))?;
        report.checked += 1;
        match store.digests(&key).await {
            Ok((a, b, n)) if a == sha256 && b == sha512 && n == size as u64 => report.ok += 1,
            Ok((_, _, n)) if n != size as u64 => report
                .problems
                .push((key, format!("{n} bytes, the catalog says {size}"))),
            Ok(_) => report
                .problems
                .push((key, "its digests differ from the catalog's".to_owned())),
            Err(e) => report.problems.push((key, e.to_string())),
        }
    }
    Ok(report)
}
