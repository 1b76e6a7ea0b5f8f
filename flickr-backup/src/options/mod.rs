//! What to back up and how: the account, what to include, which size, how
//! many downloads at once and how fast.

mod include;
mod size;
mod user;

use std::path::PathBuf;
use std::time::Duration;

use flickr_sdk::retry::RetryPolicy;

use crate::error::{Error, Result};

pub use include::{Include, INCLUDE_NAMES};
pub use size::SizeChoice;
pub(crate) use user::is_nsid;
pub use user::UserSpec;

/// Every setting of a backup. `Options::default()` mirrors the token's
/// account: photos, videos, albums, collections, galleries and favorites,
/// originals, 4 downloads at once, 6 attempts per file (500 ms doubling to
/// at most 60 s between them, half jitter, no time budget).
///
/// Set with its setters, which a later version can add to without breaking
/// a caller:
///
/// ```
/// use flickr_backup::{Include, Options};
///
/// let opts = Options::default()
///     .include(Include::parse("photos,albums").unwrap())
///     .jobs(8)
///     .viewer(false);
/// assert_eq!(opts.jobs, 8);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// Whose account.
    pub user: UserSpec,
    /// What to include.
    pub include: Include,
    /// Which size of each photo.
    pub size: SizeChoice,
    /// Downloads in flight at once (static hosts; separate from the API quota).
    pub jobs: usize,
    /// At most this many download starts per second (`None`: no pacing beyond `jobs`).
    pub files_per_second: Option<f64>,
    /// Only photos added or changed since this Unix time
    /// (`flickr.photos.recentlyUpdated` for your own account). Such a run
    /// does not see deletions.
    pub since: Option<i64>,
    /// Plan only: make the listing calls, write nothing, report the calls
    /// and downloads a real run would make.
    pub dry_run: bool,
    /// Retries of a file, as for API calls: attempts before it is recorded
    /// as failed for this run, the first delay (doubled each attempt, with
    /// jitter), the longest wait (`Retry-After` included) and an optional
    /// time budget per file.
    pub file_retry: RetryPolicy,
    /// Per-photo API calls (video streams, EXIF, comments) in flight at once.
    pub detail_jobs: usize,
    /// Write the offline viewer (`index.html`, `viewer/`) and fetch its
    /// thumbnails at the end of the run (`--no-viewer` turns it off).
    pub viewer: bool,
    /// Flickr's own export to build the mirror from (`--from-export`): its
    /// zips, folders holding them, or folders where they were extracted.
    /// With a client, the account is also listed through the API, which
    /// fills in what the export lacks; see [`crate::Backup::from_export`]
    /// for a run with no API at all.
    pub from_export: Vec<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            user: UserSpec::Me,
            include: Include::default(),
            size: SizeChoice::Original,
            jobs: 4,
            files_per_second: None,
            since: None,
            dry_run: false,
            // No time budget: a large video may rightly take long.
            file_retry: RetryPolicy::default()
                .with_max_attempts(6)
                .with_delays(Duration::from_millis(500), Duration::from_secs(60))
                .with_deadline(None),
            detail_jobs: 4,
            viewer: true,
            from_export: Vec::new(),
        }
    }
}

impl Options {
    /// Whose account.
    pub fn user(mut self, user: UserSpec) -> Self {
        self.user = user;
        self
    }

    /// What to include.
    pub fn include(mut self, include: Include) -> Self {
        self.include = include;
        self
    }

    /// Which size of each photo.
    pub fn size(mut self, size: SizeChoice) -> Self {
        self.size = size;
        self
    }

    /// Downloads in flight at once (at least 1).
    pub fn jobs(mut self, jobs: usize) -> Self {
        self.jobs = jobs.max(1);
        self
    }

    /// At most this many download starts per second.
    pub fn files_per_second(mut self, rate: Option<f64>) -> Self {
        self.files_per_second = rate;
        self
    }

    /// Only photos added or changed since this Unix time.
    pub fn since(mut self, since: Option<i64>) -> Self {
        self.since = since;
        self
    }

    /// Plan only.
    pub fn dry_run(mut self, dry_run: bool) -> Self {
        self.dry_run = dry_run;
        self
    }

    /// Retries of a file.
    pub fn file_retry(mut self, policy: RetryPolicy) -> Self {
        self.file_retry = policy;
        self
    }

    /// Per-photo API calls in flight at once (at least 1).
    pub fn detail_jobs(mut self, jobs: usize) -> Self {
        self.detail_jobs = jobs.max(1);
        self
    }

    /// Write the offline viewer.
    pub fn viewer(mut self, viewer: bool) -> Self {
        self.viewer = viewer;
        self
    }

    /// Build from Flickr's export at `paths` (zips, or folders of them).
    pub fn from_export(mut self, paths: impl IntoIterator<Item = impl Into<PathBuf>>) -> Self {
        self.from_export = paths.into_iter().map(Into::into).collect();
        self
    }
}

/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` or Unix seconds → Unix seconds (UTC).
pub fn parse_since(s: &str) -> Result<i64> {
    flickr_sdk::DateValue::parse(s.trim())
        .map(|d| d.to_unix())
        .ok_or_else(|| {
            Error::Usage(format!(
                "--since `{s}`: expected YYYY-MM-DD, `YYYY-MM-DD HH:MM:SS` or Unix seconds"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_parses() {
        assert_eq!(parse_since("2024-06-01").unwrap(), 1_717_200_000);
        assert!(parse_since("yesterday").is_err());
    }
}
