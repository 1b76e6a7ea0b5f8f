//! What the export holds and lacks, by id and by file name: written to
//! `DIR/export-report.json` by every run that reads an export, and part of
//! the run's [`crate::Report`].

use serde::Serialize;

use super::sources::{ContainerRead, ExportProblem};

/// The same photo's file found twice (the same zip downloaded twice, or
/// Flickr putting it in two zips): the first is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Duplicate {
    /// Photo id.
    pub photo: String,
    /// The copy used (`zip/member`).
    pub used: String,
    /// The other copy.
    pub also: String,
}

/// An album that names photos the export has neither file nor metadata of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AlbumGap {
    /// The album's id.
    pub album: String,
    /// Its title.
    pub title: String,
    /// The photos it names that the export lacks.
    pub missing: Vec<String>,
}

/// What a run found in Flickr's export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ExportReport {
    /// The zips and folders read, with how many files each held.
    pub read: Vec<ContainerRead>,
    /// Photos and videos with metadata (`photo_<id>.json`).
    pub photos: u64,
    /// Media files matched to a photo id.
    pub media_files: u64,
    /// Ids with metadata but no media file: given credentials, the run
    /// downloads them; without, they have sidecars only.
    pub missing_media: Vec<String>,
    /// Ids of media files without metadata (in the mirror, undated).
    pub no_metadata: Vec<String>,
    /// Albums naming photos the export lacks entirely.
    pub albums_missing_photos: Vec<AlbumGap>,
    /// Photos whose file is in the export twice.
    pub duplicates: Vec<Duplicate>,
    /// Files of the account kept as they are under `export/` (faves,
    /// contacts, comments the member made, …).
    pub account_files: Vec<String>,
    /// Files taken from the export in this run (none downloaded).
    pub files_copied: u64,
    /// Bytes taken from the export in this run.
    pub bytes_copied: u64,
    /// What was wrong with the export's files, and what was done: not a
    /// zip, cut short, refused, corrupt members, unreadable metadata.
    pub problems: Vec<ExportProblem>,
}
