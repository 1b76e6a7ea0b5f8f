//! The state database inside the mirror (SQLite, WAL): the photos listed
//! (each list item as Flickr sent it), albums, galleries, favorites and the
//! collection tree, and every file with its URL, path, size, SHA-256 and
//! status. Written in small transactions as the run goes, so a run killed
//! at any moment leaves a state the next run continues from.
//!
//! A file's life is a [`FileStatus`]; a `Placing` row found at start is
//! finished (renamed or adopted) without fetching again. Statuses, set kinds
//! and media kinds are enums stored as fixed strings ([`kinds`]).

mod batch;
mod files;
mod kinds;
mod rows;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};

pub use batch::Batch;
pub use kinds::{FileStatus, MediaKind, SetKind};
use rows::{photo_row, set_row};
pub use rows::{Details, FileRow, Listing, PhotoRow, SetInfo, SetRow, Stream};

/// The state as a run's tasks share it (never held across an `.await`).
pub(crate) fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // Plain rows behind the lock: a panic elsewhere cannot leave it half-written.
    state.lock().unwrap_or_else(|e| e.into_inner())
}

/// Version of the tables below: 2 added `files.origin` (where a file was
/// taken from: an export's zip member, `ZIP/MEMBER`, or a listing's local
/// file, `listing:PATH`), made on open from a version 1 state.
const SCHEMA: i64 = 2;

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs(
  id INTEGER PRIMARY KEY,
  started INTEGER NOT NULL,
  finished INTEGER,
  complete_listing INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS photos(
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  own INTEGER NOT NULL,
  media TEXT NOT NULL,
  item TEXT NOT NULL,
  last_update INTEGER,
  details TEXT,
  details_for INTEGER,
  seen_run INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0
);
-- The order photos are read in, a batch at a time (ids are numbers as
-- text: shorter ones first). An index only: the format stays the same.
CREATE INDEX IF NOT EXISTS photos_in_order ON photos(length(id), id);
CREATE TABLE IF NOT EXISTS sets(
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  info TEXT NOT NULL,
  members TEXT NOT NULL,
  stamp TEXT,
  seen_run INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(kind, id)
);
CREATE TABLE IF NOT EXISTS files(
  photo_id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  variant TEXT NOT NULL,
  path TEXT NOT NULL,
  status TEXT NOT NULL,
  size INTEGER,
  sha256 TEXT,
  tmp TEXT,
  old_path TEXT,
  error TEXT,
  verified INTEGER,
  planned_run INTEGER,
  origin TEXT
);
";

/// A query of photos' columns in the order `rows::photo_row` reads them.
macro_rules! select_photos {
    ($rest:literal) => {
        concat!(
            "SELECT id, owner, own, media, item, last_update, details, details_for, seen_run, \
             deleted FROM photos ",
            $rest
        )
    };
}

/// The queries reading photos in id order (numbers as text: shorter ids
/// first), `?1` at a time, each seeking in `photos_in_order` rather than
/// scanning it from the start for every batch (a row-value `>` or an `OR`
/// would make SQLite scan): the first batch; the ids of the same length
/// after `?2`; the longer ids.
const PHOTOS_FIRST: &str = select_photos!("ORDER BY length(id), id LIMIT ?1");
const PHOTOS_SAME_LENGTH_AFTER: &str =
    select_photos!("WHERE length(id) = length(?2) AND id > ?2 ORDER BY id LIMIT ?1");
const PHOTOS_LONGER: &str =
    select_photos!("WHERE length(id) > length(?2) ORDER BY length(id), id LIMIT ?1");

/// The sets the sidecars, manifests and viewer are written from
/// ([`State::document_sets`]).
#[derive(Debug)]
pub struct DocumentSets {
    pub albums: Vec<SetRow>,
    pub galleries: Vec<SetRow>,
    pub favorites: Vec<SetRow>,
    /// The collection tree, when listed.
    pub tree: Option<SetRow>,
}

/// The state database.
#[derive(Debug)]
pub struct State {
    conn: Connection,
    path: PathBuf,
}

fn db(path: &Path, what: &str) -> impl FnOnce(rusqlite::Error) -> Error {
    let path = path.to_path_buf();
    let what = what.to_owned();
    move |source| Error::Db { path, what, source }
}

impl State {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<State> {
        let conn = Connection::open(path).map_err(db(path, "open"))?;
        Self::setup(conn, path)
    }

    /// Opens the database of an existing mirror; an error naming the
    /// directory when there is none (`verify` of a wrong path).
    pub fn open_existing(path: &Path) -> Result<State> {
        if !path.exists() {
            return Err(Error::Usage(format!(
                "{} is not a backup: no state database at {}",
                path.parent()
                    .and_then(Path::parent)
                    .unwrap_or(path)
                    .display(),
                path.display()
            )));
        }
        State::open(path)
    }

    /// An in-memory copy of the database at `path` (or an empty one): a dry
    /// run plans on it and throws it away.
    pub fn scratch_copy(path: &Path) -> Result<State> {
        let mut conn = Connection::open_in_memory().map_err(db(path, "open in memory"))?;
        if path.exists() {
            conn.restore(
                rusqlite::DatabaseName::Main,
                path,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(db(path, "copy for a dry run"))?;
        }
        Self::setup(conn, path)
    }

    fn setup(conn: Connection, path: &Path) -> Result<State> {
        // WAL: readers never block the writer, and a killed process loses at
        // most the transaction it was in.
        let _: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(db(path, "set WAL mode"))?;
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;")
            .map_err(db(path, "set pragmas"))?;
        conn.execute_batch(TABLES)
            .map_err(db(path, "create tables"))?;
        let state = State {
            conn,
            path: path.to_path_buf(),
        };
        match state.meta("schema")? {
            None => state.set_meta("schema", &SCHEMA.to_string())?,
            Some(v) if v == SCHEMA.to_string() => {}
            Some(v) if v == "1" => {
                // Version 1 had no `origin`: every file came from its URL.
                state
                    .conn
                    .execute_batch("BEGIN; ALTER TABLE files ADD COLUMN origin TEXT; COMMIT;")
                    .map_err(db(path, "add files.origin (state format 1 to 2)"))?;
                state.set_meta("schema", &SCHEMA.to_string())?;
            }
            Some(v) if v.trim().parse::<i64>().is_ok_and(|n| n > SCHEMA) => {
                return Err(Error::NewerSchema {
                    path: path.to_path_buf(),
                    found: v,
                    known: SCHEMA,
                })
            }
            Some(v) => {
                return Err(Error::Usage(format!(
                "{}: state format {v:?} is not one this version reads (it reads format {SCHEMA})",
                path.display()
            )))
            }
        }
        Ok(state)
    }

    fn err(&self, what: &str) -> impl FnOnce(rusqlite::Error) -> Error {
        db(&self.path, what)
    }

    /// Runs one statement; `what` names it in the error.
    fn exec(&self, what: &str, sql: &str, params: impl rusqlite::Params) -> Result<()> {
        self.conn
            .execute(sql, params)
            .map(|_| ())
            .map_err(self.err(what))
    }

    /// A value from the `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key=?1", [key], |r| r.get(0))
            .optional()
            .map_err(self.err("read meta"))
    }

    /// Sets a value in the `meta` table.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.exec(
            "write meta",
            "INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            [key, value],
        )
    }

    /// Starts a run; returns its number.
    pub fn begin_run(&self, now: i64) -> Result<i64> {
        self.conn
            .execute("INSERT INTO runs(started) VALUES(?1)", [now])
            .map_err(self.err("start run"))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records the end of run `run`.
    pub fn finish_run(&self, run: i64, now: i64, complete_listing: bool) -> Result<()> {
        self.exec(
            "finish run",
            "UPDATE runs SET finished=?2, complete_listing=?3 WHERE id=?1",
            params![run, now, complete_listing],
        )
    }

    /// Runs `f` in one transaction.
    pub fn batch<T>(&mut self, f: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(db(&path, "begin"))?;
        let out = f(&Batch {
            tx: &tx,
            path: &path,
        })?;
        tx.commit().map_err(db(&path, "commit"))?;
        Ok(out)
    }

    /// Up to `limit` photos after photo `after` (`None`: from the first),
    /// in id order: the way every stage walks the photos, a page at a time,
    /// so memory stays flat whatever the account's size.
    pub fn photos_after(&self, after: Option<&str>, limit: usize) -> Result<Vec<PhotoRow>> {
        let query = |sql: &str, params: &[&dyn rusqlite::ToSql]| -> Result<Vec<PhotoRow>> {
            let mut stmt = self
                .conn
                .prepare_cached(sql)
                .map_err(self.err("list photos"))?;
            let rows = stmt
                .query_map(params, photo_row)
                .map_err(self.err("list photos"))?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(self.err("read photos"));
            rows
        };
        let limit = limit as i64;
        let Some(after) = after else {
            return query(PHOTOS_FIRST, &[&limit]);
        };
        let mut rows = query(PHOTOS_SAME_LENGTH_AFTER, &[&limit, &after])?;
        let rest = limit - rows.len() as i64;
        if rest > 0 {
            rows.extend(query(PHOTOS_LONGER, &[&rest, &after])?);
        }
        Ok(rows)
    }

    /// Distinct photos listed in run `run`.
    pub fn listed_in(&self, run: i64) -> Result<u64> {
        self.conn
            .query_row(
                "SELECT count(*) FROM photos WHERE seen_run=?1",
                [run],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as u64)
            .map_err(self.err("count photos"))
    }

    /// Number of photos known.
    #[cfg(test)]
    pub fn photo_count(&self) -> Result<u64> {
        self.conn
            .query_row("SELECT count(*) FROM photos", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(self.err("count photos"))
    }

    /// One photo.
    pub fn photo(&self, id: &str) -> Result<Option<PhotoRow>> {
        self.conn
            .query_row(select_photos!("WHERE id=?1"), [id], photo_row)
            .optional()
            .map_err(self.err("read photo"))
    }

    /// Every set of `kind`, in id order.
    pub fn sets(&self, kind: SetKind) -> Result<Vec<SetRow>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT kind, id, info, members, stamp, seen_run, deleted FROM sets
                 WHERE kind=?1 ORDER BY length(id), id",
            )
            .map_err(self.err("list sets"))?;
        let rows = stmt
            .query_map([kind], set_row)
            .map_err(self.err("list sets"))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.err("read sets"))?;
        Ok(rows)
    }

    /// Every set the documents are written from: albums, galleries,
    /// favorites and the collection tree.
    pub fn document_sets(&self) -> Result<DocumentSets> {
        Ok(DocumentSets {
            albums: self.sets(SetKind::Album)?,
            galleries: self.sets(SetKind::Gallery)?,
            favorites: self.sets(SetKind::Favorites)?,
            tree: self.set(SetKind::Collections, "tree")?,
        })
    }

    /// One set.
    pub fn set(&self, kind: SetKind, id: &str) -> Result<Option<SetRow>> {
        self.conn
            .query_row(
                "SELECT kind, id, info, members, stamp, seen_run, deleted FROM sets WHERE kind=?1 AND id=?2",
                params![kind, id],
                set_row,
            )
            .optional()
            .map_err(self.err("read set"))
    }
}

#[cfg(test)]
mod tests;
