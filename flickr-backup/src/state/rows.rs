//! What the state's rows hold, and reading them from SQLite.

use serde_json::Value;

use super::kinds::{FileStatus, MediaKind, SetKind};

/// A photo as the state holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoRow {
    /// Photo id.
    pub id: String,
    /// Owner's NSID.
    pub owner: String,
    /// In the mirrored account's photostream.
    pub own: bool,
    /// A photo or a video.
    pub media: MediaKind,
    /// The list item as Flickr sent it (nulls left out).
    pub item: Value,
    /// Flickr's last update (Unix seconds).
    pub last_update: Option<i64>,
    /// Per-photo results (video streams, EXIF, comments).
    pub details: Value,
    /// The `last_update` those details belong to.
    pub details_for: Option<i64>,
    /// Last run that listed it.
    pub seen_run: i64,
    /// No longer on Flickr (kept locally).
    pub deleted: bool,
}

/// A file as the state holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    /// Photo id.
    pub photo_id: String,
    /// Where it comes from.
    pub url: String,
    /// Size suffix or stream kind.
    pub variant: String,
    /// Path in the mirror.
    pub path: String,
    /// Where it is in its life.
    pub status: FileStatus,
    /// Size in bytes, once downloaded.
    pub size: Option<i64>,
    /// SHA-256 (hex), once downloaded.
    pub sha256: Option<String>,
    /// Temporary name while `placing`.
    pub tmp: Option<String>,
    /// A previous version's path to remove once this one is in place.
    pub old_path: Option<String>,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

/// An album, gallery, favorites list or collection.
#[derive(Debug, Clone, PartialEq)]
pub struct SetRow {
    /// Album, gallery, favorites or the collection tree.
    pub kind: SetKind,
    /// Its id.
    pub id: String,
    /// What the list call said about it.
    pub info: Value,
    /// Photo ids in order.
    pub members: Vec<String>,
    /// What makes its member list still valid (e.g. update time and count).
    pub stamp: Option<String>,
    /// Last run that listed it.
    pub seen_run: i64,
    /// No longer on Flickr.
    pub deleted: bool,
}

/// A photo as a list call gave it, ready to record.
#[derive(Debug, Clone, Copy)]
pub struct Listing<'a> {
    /// Photo id.
    pub id: &'a str,
    /// Owner's NSID.
    pub owner: &'a str,
    /// In the mirrored account's photostream.
    pub own: bool,
    /// A photo or a video.
    pub media: MediaKind,
    /// The list item (nulls left out).
    pub item: &'a Value,
    /// Flickr's last update.
    pub last_update: Option<i64>,
}

/// How a listed photo compares with what the state held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Not known before.
    New,
    /// Known, and Flickr's item differs.
    Changed,
    /// Known and the same.
    Same,
}

pub(super) fn json_col(text: Option<String>) -> Value {
    text.and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null)
}

pub(super) fn photo_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PhotoRow> {
    Ok(PhotoRow {
        id: r.get(0)?,
        owner: r.get(1)?,
        own: r.get(2)?,
        media: r.get(3)?,
        item: json_col(r.get(4)?),
        last_update: r.get(5)?,
        details: json_col(r.get(6)?),
        details_for: r.get(7)?,
        seen_run: r.get(8)?,
        deleted: r.get(9)?,
    })
}

pub(super) fn set_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SetRow> {
    let members: Value = json_col(r.get(3)?);
    Ok(SetRow {
        kind: r.get(0)?,
        id: r.get(1)?,
        info: json_col(r.get(2)?),
        members: members
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
        stamp: r.get(4)?,
        seen_run: r.get(5)?,
        deleted: r.get(6)?,
    })
}

pub(super) fn file_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FileRow> {
    Ok(FileRow {
        photo_id: r.get(0)?,
        url: r.get(1)?,
        variant: r.get(2)?,
        path: r.get(3)?,
        status: r.get(4)?,
        size: r.get(5)?,
        sha256: r.get(6)?,
        tmp: r.get(7)?,
        old_path: r.get(8)?,
        error: r.get(9)?,
    })
}
