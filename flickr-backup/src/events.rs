//! Progress events: what a backup is doing, as it does it (progress bars,
//! `--json` lines).

use serde::Serialize;

/// A stage of a run: the one list of them, for progress events and for
/// the report's laps ([`crate::Lap`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Stage {
    /// Finding the account.
    Resolving,
    /// Reading Flickr's export (`--from-export`).
    Export,
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
    /// Deciding which file each photo should have.
    Plan,
    /// Making the album and collection folders.
    Folders,
    /// Fetching the viewer's thumbnails.
    Thumbnails,
    /// Writing the offline viewer.
    Viewer,
    /// Making the documents durable and recording the run.
    Finish,
}

impl Stage {
    /// What the stage does, as a progress line says it.
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Resolving => "finding the account",
            Stage::Export => "reading Flickr's export",
            Stage::Photos => "listing the photostream",
            Stage::Albums => "listing albums",
            Stage::Collections => "reading collections",
            Stage::Galleries => "listing galleries",
            Stage::Favorites => "listing favorites",
            Stage::Details => "video streams, EXIF, comments",
            Stage::Files => "downloading",
            Stage::Writing => "writing sidecars and manifests",
            Stage::Plan => "planning the files",
            Stage::Folders => "making album folders",
            Stage::Thumbnails => "fetching thumbnails",
            Stage::Viewer => "writing the viewer",
            Stage::Finish => "finishing",
        }
    }
}

/// One thing that happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
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
