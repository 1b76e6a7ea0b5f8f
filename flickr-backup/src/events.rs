//! Progress events: what a backup is doing, as it does it (progress bars,
//! `--json` lines).

use serde::Serialize;

/// A stage of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Finding the account.
    Resolving,
    /// Listing the photostream.
    Photos,
    /// Listing albums.
    Albums,
    /// Reading the collection tree.
    Collections,
    /// Listing galleries.
    Galleries,
    /// Listing favorites.
    Favorites,
    /// Per-photo calls (video streams, EXIF, comments).
    Details,
    /// Downloading files.
    Files,
    /// Writing sidecars and manifests.
    Writing,
}

/// One thing that happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// A stage began.
    Stage {
        /// Which.
        stage: Stage,
    },
    /// An API request went out (retries included).
    ApiCall {
        /// Flickr method.
        method: String,
        /// Requests so far in this run.
        total: u64,
    },
    /// List items received so far (photostream, albums, galleries,
    /// favorites; a photo in two lists counts twice).
    Listed {
        /// Items so far.
        photos: u64,
    },
    /// Files to fetch in this run, and files already complete from earlier runs.
    FilesPlanned {
        /// To download.
        to_fetch: u64,
        /// Already complete and kept.
        complete: u64,
    },
    /// A file landed in the tree (checked, fsync'd, renamed).
    FileDone {
        /// Photo id.
        photo: String,
        /// Path inside the mirror.
        path: String,
        /// Its size.
        bytes: u64,
    },
    /// A file attempt failed and will be retried.
    FileRetry {
        /// Photo id.
        photo: String,
        /// Attempt that failed (1-based).
        attempt: u32,
        /// Why.
        reason: String,
    },
    /// A file could not be fetched in this run (the next run tries again).
    FileFailed {
        /// Photo id.
        photo: String,
        /// Why.
        reason: String,
    },
    /// A photo is no longer on Flickr (kept locally, flagged).
    Deleted {
        /// Photo id.
        photo: String,
    },
    /// Something worth knowing that did not stop the run.
    Warning {
        /// What.
        message: String,
    },
}
