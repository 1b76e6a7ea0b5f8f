//! The database: one PostgreSQL for every worker. The schema is created or
//! migrated on first use by sqlx's migrator (its own table and advisory
//! lock, so workers starting together migrate once); statements are plain
//! text, checked by the tests against a real server.

pub(crate) mod catalog;
pub(crate) mod queue;
pub(crate) mod targets;

use std::borrow::Cow;
use std::time::Duration;

use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::SqlSafeStr;

use crate::error::{is_transient_db, Error, Result};

/// The schema's migrations, in order (embedded: a worker needs no files).
const MIGRATIONS: [(i64, &str, &str); 2] = [
    (
        1,
        "queue and catalog",
        include_str!("../../migrations/0001_queue_and_catalog.sql"),
    ),
    (
        2,
        "bags in parts",
        include_str!("../../migrations/0002_bags_in_parts.sql"),
    ),
];

/// sqlx's migrator over [`MIGRATIONS`].
fn migrator() -> Migrator {
    Migrator::with_migrations(
        MIGRATIONS
            .iter()
            .map(|(version, description, sql)| {
                Migration::new(
                    *version,
                    Cow::Borrowed(*description),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

/// Connects to `url` and brings its schema up to date. A server that is
/// not up yet is waited for up to `patience`.
pub async fn connect(url: &str, patience: Duration) -> Result<PgPool> {
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(10))
        .connect_lazy(url)
        .map_err(|e| Error::Usage(format!("--db: {}", redact_error(url, &e))))?;
    let started = std::time::Instant::now();
    loop {
        match migrator().run(&pool).await {
            Ok(()) => return Ok(pool),
            Err(sqlx::migrate::MigrateError::Execute(e))
                if is_transient_db(&e) && started.elapsed() < patience =>
            {
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(e) => {
                return Err(Error::Other(format!(
                    "database {}: {}",
                    redact_url(url),
                    redact_error(url, &e)
                )))
            }
        }
    }
}

/// `url` without its password, for messages.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            if u.password().is_some() {
                let _ = u.set_password(Some("***"));
            }
            u.to_string()
        }
        Err(_) => "(the --db URL)".to_owned(),
    }
}

/// An error's text with the URL's password taken out.
fn redact_error(url: &str, e: &dyn std::fmt::Display) -> String {
    let text = e.to_string();
    match url::Url::parse(url)
        .ok()
        .and_then(|u| u.password().map(str::to_owned))
    {
        Some(p) if !p.is_empty() => text.replace(&p, "***"),
        _ => text,
    }
}

/// Runs `op` until the database answers: a server away or restarting is
/// waited for (up to `patience`), anything else is returned.
pub(crate) async fn patiently<T, F, Fut>(patience: Duration, mut op: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T>>,
{
    let started = std::time::Instant::now();
    let mut wait = Duration::from_millis(100);
    loop {
        match op().await {
            Err(Error::Db { source, what })
                if is_transient_db(&source) && started.elapsed() < patience =>
            {
                tracing::warn!("database: {what}: {source}; trying again in {wait:?}");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(2));
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        let url = "postgres://archiver:s3cret@db.example:5432/flickr";
        assert_eq!(
            redact_url(url),
            "postgres://archiver:***@db.example:5432/flickr"
        );
        assert_eq!(
            redact_error(url, &"auth failed for s3cret"),
            "auth failed for ***"
        );
        assert_eq!(redact_url("not a url"), "(the --db URL)");
    }

    #[test]
    fn the_migrations_are_in_order_and_checksummed() {
        let m = migrator();
        let versions: Vec<i64> = m.iter().map(|m| m.version).collect();
        assert_eq!(versions, (1..=MIGRATIONS.len() as i64).collect::<Vec<_>>());
    }
}
