//! What a run reports: what it did (or, in a dry run, would do), and the
//! files it could not fetch.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::export::ExportReport;
use crate::laps::Lap;
use crate::stages::sidecars::NotOriginal;

/// A file that could not be fetched in this run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Failure {
    /// Photo id.
    pub photo: String,
    /// Why.
    pub reason: String,
}

/// What a run did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// The account's NSID.
    pub user: String,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// API requests made, per method (retries included).
    pub api_calls: BTreeMap<String, u64>,
    /// Dry run: the requests a real run makes now, per method (the listing
    /// just made, plus the per-photo calls it would add). Empty otherwise.
    pub planned_calls: BTreeMap<String, u64>,
    /// Distinct photos and videos listed (photostream, albums, galleries, favorites).
    pub listed: u64,
    /// Photos flagged deleted on Flickr in this run.
    pub deleted_on_flickr: u64,
    /// Files downloaded (dry run: to download).
    pub files_fetched: u64,
    /// Files already complete and left alone.
    pub files_complete: u64,
    /// Bytes downloaded.
    pub bytes: u64,
    /// Files copied into the mirror from a [`Listing`](crate::Listing)'s
    /// local files (not downloaded: counted apart from `files_fetched`).
    pub files_copied: u64,
    /// Bytes of those files.
    pub bytes_copied: u64,
    /// Sidecars and manifests written.
    pub documents_written: u64,
    /// Files kept in a size that is not the original, and why (a free
    /// account's photos, no original listed, or `--size`).
    pub not_original: Vec<NotOriginal>,
    /// Photos whose capped file was replaced by the original in this run
    /// (Flickr started listing it: the owner went Pro).
    pub originals_fetched: Vec<String>,
    /// Album and collection folder entries made or remade (hard links).
    pub album_links: u64,
    /// Album and collection folder entries removed (photos that left an
    /// album, albums renamed, reordered or deleted).
    pub album_links_removed: u64,
    /// Album folder entries that had to be symlinks: the file system
    /// refused hard links (they break if the mirror is moved to a file
    /// system that cannot follow them).
    pub album_symlinks: u64,
    /// Viewer files written (`index.html` and `viewer/`).
    pub viewer_written: u64,
    /// Thumbnails fetched for the viewer (static files, no API call).
    pub thumbnails_fetched: u64,
    /// Thumbnails that could not be fetched (the next run tries again).
    pub thumbnails_failed: u64,
    /// Thumbnails made from the mirror's own files (photos Flickr's export
    /// brought, with no thumbnail URL); videos and files that do not decode
    /// get a placeholder in the viewer.
    pub thumbnails_made: u64,
    /// Files not fetched in this run, with the reason.
    pub failed: Vec<Failure>,
    /// Whether the photostream listing was complete (deletions are only
    /// flagged after a complete one).
    pub complete_listing: bool,
    /// Dry run: time the planned calls take at the key's budget (seconds).
    pub seconds_at_budget: Option<f64>,
    /// Wall time of each stage, in order.
    pub laps: Vec<Lap>,
    /// What Flickr's export held and lacked, when the run read one (also
    /// written to `DIR/export-report.json`).
    pub export: Option<ExportReport>,
}

impl Report {
    /// Total of [`Report::planned_calls`] (dry run) or [`Report::api_calls`].
    pub fn total_calls(&self) -> u64 {
        if self.dry_run {
            self.planned_calls.values().sum()
        } else {
            self.api_calls.values().sum()
        }
    }
}
