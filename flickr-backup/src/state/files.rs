//! The files' rows: reading them, and each step of a file's life
//! (`pending` → `placing` → `done`, or `failed`), one statement each.

use rusqlite::{params, OptionalExtension};

use super::rows::file_row;
use super::{FileRow, FileStatus, State};
use crate::error::Result;

impl State {
    /// Every file, in photo id order.
    pub fn files(&self) -> Result<Vec<FileRow>> {
        self.files_where("", [])
    }

    /// Every file with `status`, in photo id order.
    pub fn files_in(&self, status: FileStatus) -> Result<Vec<FileRow>> {
        self.files_where("WHERE status=?1", [status])
    }

    fn files_where(&self, filter: &str, params: impl rusqlite::Params) -> Result<Vec<FileRow>> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT photo_id, url, variant, path, status, size, sha256, tmp, old_path, error, origin
                 FROM files {filter} ORDER BY length(photo_id), photo_id"
            ))
            .map_err(self.err("list files"))?;
        let rows = stmt
            .query_map(params, file_row)
            .map_err(self.err("list files"))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.err("read files"))?;
        Ok(rows)
    }

    /// The files run `run` is to take from an export or a listing's local
    /// files (those with an origin).
    pub fn pending_from_export(&self, run: i64) -> Result<Vec<FileRow>> {
        self.files_where(
            "WHERE status=?1 AND planned_run=?2 AND origin IS NOT NULL",
            params![FileStatus::Pending, run],
        )
    }

    /// Up to `limit` files run `run` is to download (no origin: from their
    /// URL), after photo `after`.
    pub fn pending_after(
        &self,
        run: i64,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<FileRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT photo_id, url, variant, path, status, size, sha256, tmp, old_path, error, origin
                 FROM files WHERE status=?4 AND planned_run=?1 AND origin IS NULL
                   AND (?2 IS NULL OR (length(photo_id), photo_id) > (length(?2), ?2))
                 ORDER BY length(photo_id), photo_id LIMIT ?3",
            )
            .map_err(self.err("list pending files"))?;
        let rows = stmt
            .query_map(
                params![run, after, limit as i64, FileStatus::Pending],
                file_row,
            )
            .map_err(self.err("list pending files"))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.err("read pending files"))?;
        Ok(rows)
    }

    /// The file of photo `id`.
    pub fn file(&self, id: &str) -> Result<Option<FileRow>> {
        self.conn
            .query_row(
                "SELECT photo_id, url, variant, path, status, size, sha256, tmp, old_path, error, origin
                 FROM files WHERE photo_id=?1",
                [id],
                file_row,
            )
            .optional()
            .map_err(self.err("read file"))
    }

    /// Records a checked download waiting to be renamed into place.
    pub fn file_placing(&self, id: &str, size: u64, sha256: &str, tmp: &str) -> Result<()> {
        self.exec(
            "record download",
            "UPDATE files SET status=?5, size=?2, sha256=?3, tmp=?4, error=NULL WHERE photo_id=?1",
            params![id, size as i64, sha256, tmp, FileStatus::Placing],
        )
    }

    /// The file is in the tree.
    pub fn file_done(&self, id: &str) -> Result<()> {
        self.exec(
            "record file in place",
            "UPDATE files SET status=?2, tmp=NULL, old_path=NULL, error=NULL WHERE photo_id=?1",
            params![id, FileStatus::Done],
        )
    }

    /// A complete file was moved to `path` in the tree.
    pub fn file_moved(&self, id: &str, path: &str) -> Result<()> {
        self.exec(
            "record moved file",
            "UPDATE files SET path=?2 WHERE photo_id=?1",
            [id, path],
        )
    }

    /// The file could not be fetched in this run.
    pub fn file_failed(&self, id: &str, reason: &str) -> Result<()> {
        self.exec(
            "record failed file",
            "UPDATE files SET status=?3, tmp=NULL, error=?2 WHERE photo_id=?1 AND status!=?4",
            params![id, reason, FileStatus::Failed, FileStatus::Done],
        )
    }

    /// A complete file found missing or changed: fetched again by the next run.
    pub fn file_invalid(&self, id: &str, reason: &str) -> Result<()> {
        self.exec(
            "record invalid file",
            "UPDATE files SET status=?3, error=?2, verified=NULL WHERE photo_id=?1",
            params![id, reason, FileStatus::Pending],
        )
    }

    /// Records a successful verification time.
    pub fn file_verified(&self, id: &str, now: i64) -> Result<()> {
        self.exec(
            "record verification",
            "UPDATE files SET verified=?2 WHERE photo_id=?1",
            params![id, now],
        )
    }
}
