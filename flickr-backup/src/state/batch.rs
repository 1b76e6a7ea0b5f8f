//! Writes inside one transaction: a page of listed photos, a set, the
//! files planned, deletion flags.

use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde_json::Value;

use super::db;
use super::kinds::SetKind;
use super::rows::{Change, Details, FileRow, Listing, SetRow};
use crate::error::{Error, Result};

/// Writes inside one transaction.
pub struct Batch<'a> {
    pub(super) tx: &'a rusqlite::Transaction<'a>,
    pub(super) path: &'a Path,
}

impl Batch<'_> {
    fn err(&self, what: &str) -> impl FnOnce(rusqlite::Error) -> Error {
        db(self.path, what)
    }

    /// Records a photo listed in run `run`. `overwrite` false keeps an item
    /// already listed in this run (an album's copy of a photostream item).
    pub fn upsert_photo(&self, run: i64, photo: Listing<'_>, overwrite: bool) -> Result<Change> {
        let Listing {
            id,
            owner,
            own,
            media,
            item,
            last_update,
        } = photo;
        let before: Option<(String, i64, bool)> = self
            .tx
            .query_row(
                "SELECT item, seen_run, own FROM photos WHERE id=?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(self.err("read photo"))?;
        // Through `Value`: its members in name order, as every earlier run stored them.
        let text = serde_json::to_value(item)
            .map_err(|e| Error::internal("a list item does not serialize", e))?
            .to_string();
        match before {
            None => {
                self.tx
                    .execute(
                        "INSERT INTO photos(id, owner, own, media, item, last_update, seen_run)
                         VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        params![id, owner, own, media, text, last_update, run],
                    )
                    .map_err(self.err("insert photo"))?;
                Ok(Change::New)
            }
            Some((old, seen, was_own)) => {
                let keep_item = !overwrite && seen == run;
                let own = own || (was_own && seen == run);
                if keep_item {
                    self.tx
                        .execute(
                            "UPDATE photos SET own=?2, deleted=0 WHERE id=?1",
                            params![id, own],
                        )
                        .map_err(self.err("update photo"))?;
                    return Ok(Change::Same);
                }
                self.tx
                    .execute(
                        "UPDATE photos SET owner=?2, own=?3, media=?4, item=?5, last_update=?6, seen_run=?7, deleted=0
                         WHERE id=?1",
                        params![id, owner, own, media, text, last_update, run],
                    )
                    .map_err(self.err("update photo"))?;
                Ok(if old == text {
                    Change::Same
                } else {
                    Change::Changed
                })
            }
        }
    }

    /// Records a photo of Flickr's export, as seen in run `seen`. A photo
    /// no API run has listed (no `last_update`) takes the export's item; one
    /// the API listed keeps the API's, which is newer, and takes only what
    /// the API did not give: the export's record, and its comments when
    /// none were fetched. Returns whether the photo was new.
    pub fn put_export_photo(
        &self,
        seen: i64,
        photo: Listing<'_>,
        details: &Details,
    ) -> Result<bool> {
        let Listing {
            id,
            owner,
            own,
            media,
            item,
            last_update: _,
        } = photo;
        let before: Option<(Option<i64>, Option<String>)> = self
            .tx
            .query_row(
                "SELECT last_update, details FROM photos WHERE id=?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(self.err("read photo"))?;
        let text = serde_json::to_value(item)
            .map_err(|e| Error::internal("a list item does not serialize", e))?
            .to_string();
        let Some((listed, stored)) = before else {
            self.tx
                .execute(
                    "INSERT INTO photos(id, owner, own, media, item, details, seen_run)
                     VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        id,
                        owner,
                        own,
                        media,
                        text,
                        details.to_json().to_string(),
                        seen
                    ],
                )
                .map_err(self.err("insert photo"))?;
            return Ok(true);
        };
        let mut merged: Details = stored
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        if listed.is_some() {
            merged.export = details.export.clone();
            if merged.comments.is_none() {
                merged.comments = details.comments.clone();
            }
            self.tx
                .execute(
                    "UPDATE photos SET details=?2, seen_run=max(seen_run, ?3) WHERE id=?1",
                    params![id, merged.to_json().to_string(), seen],
                )
                .map_err(self.err("update photo"))?;
        } else {
            merged.merge(details.clone());
            self.tx
                .execute(
                    "UPDATE photos SET owner=?2, own=?3, media=?4, item=?5, details=?6,
                       seen_run=max(seen_run, ?7) WHERE id=?1",
                    params![
                        id,
                        owner,
                        own,
                        media,
                        text,
                        merged.to_json().to_string(),
                        seen
                    ],
                )
                .map_err(self.err("update photo"))?;
        }
        Ok(false)
    }

    /// Records a set listed in run `run`.
    pub fn upsert_set(&self, run: i64, set: &SetRow) -> Result<()> {
        self.tx
            .execute(
                "INSERT INTO sets(kind, id, info, members, stamp, seen_run, deleted) VALUES(?1, ?2, ?3, ?4, ?5, ?6, 0)
                 ON CONFLICT(kind, id) DO UPDATE SET info=excluded.info, members=excluded.members,
                   stamp=excluded.stamp, seen_run=excluded.seen_run, deleted=0",
                params![
                    set.kind,
                    set.id,
                    set.info.to_json().to_string(),
                    Value::from(set.members.clone()).to_string(),
                    set.stamp,
                    run
                ],
            )
            .map(|_| ())
            .map_err(self.err("write set"))
    }

    /// Flags the sets of `kind` not listed in run `run` as deleted; returns their ids.
    pub fn flag_deleted_sets(&self, run: i64, kind: SetKind) -> Result<Vec<String>> {
        let ids = self.ids(
            "SELECT id FROM sets WHERE kind=?1 AND seen_run<?2 AND deleted=0",
            params![kind, run],
        )?;
        self.tx
            .execute(
                "UPDATE sets SET deleted=1 WHERE kind=?1 AND seen_run<?2",
                params![kind, run],
            )
            .map_err(self.err("flag deleted sets"))?;
        Ok(ids)
    }

    /// Flags photos not listed in run `run` as deleted on Flickr: the
    /// account's own (`own` true) or the others' (favorites, galleries).
    pub fn flag_deleted_photos(&self, run: i64, own: bool) -> Result<Vec<String>> {
        let ids = self.ids(
            "SELECT id FROM photos WHERE own=?1 AND seen_run<?2 AND deleted=0",
            params![own, run],
        )?;
        self.tx
            .execute(
                "UPDATE photos SET deleted=1 WHERE own=?1 AND seen_run<?2",
                params![own, run],
            )
            .map_err(self.err("flag deleted photos"))?;
        Ok(ids)
    }

    fn ids(&self, sql: &str, p: impl rusqlite::Params) -> Result<Vec<String>> {
        let mut stmt = self.tx.prepare(sql).map_err(self.err("query"))?;
        let ids = stmt
            .query_map(p, |r| r.get(0))
            .map_err(self.err("query"))?
            .collect::<rusqlite::Result<Vec<String>>>()
            .map_err(self.err("query"))?;
        Ok(ids)
    }

    /// Marks photos as listed in run `run` (members of a set that did not change).
    pub fn touch(&self, run: i64, ids: &[String]) -> Result<()> {
        let mut stmt = self
            .tx
            .prepare("UPDATE photos SET seen_run=?2, deleted=0 WHERE id=?1 AND seen_run<?2")
            .map_err(self.err("touch photos"))?;
        for id in ids {
            stmt.execute(params![id, run])
                .map_err(self.err("touch photos"))?;
        }
        Ok(())
    }

    /// Stores per-photo results for the photo's current `last_update`.
    pub fn set_details(&self, id: &str, details: &Details, details_for: Option<i64>) -> Result<()> {
        self.tx
            .execute(
                "UPDATE photos SET details=?2, details_for=?3 WHERE id=?1",
                params![id, details.to_json().to_string(), details_for],
            )
            .map(|_| ())
            .map_err(self.err("write details"))
    }

    /// Inserts or replaces a file row; `planned_run` is the run that is to
    /// fetch it (`None` for a complete file).
    pub fn put_file(&self, f: &FileRow, planned_run: Option<i64>) -> Result<()> {
        self.tx
            .execute(
                "INSERT INTO files(photo_id, url, variant, path, status, size, sha256, tmp, old_path, error, planned_run, origin)
                 VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                 ON CONFLICT(photo_id) DO UPDATE SET url=excluded.url, variant=excluded.variant,
                   path=excluded.path, status=excluded.status, size=excluded.size, sha256=excluded.sha256,
                   tmp=excluded.tmp, old_path=excluded.old_path, error=excluded.error,
                   planned_run=excluded.planned_run, origin=excluded.origin",
                params![
                    f.photo_id, f.url, f.variant, f.path, f.status, f.size, f.sha256, f.tmp, f.old_path,
                    f.error, planned_run, f.origin
                ],
            )
            .map(|_| ())
            .map_err(self.err("write file"))
    }
}
