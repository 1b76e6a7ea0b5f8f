//! `flickr backup`'s arguments.

use clap::{Args, Subcommand};
use std::path::PathBuf;

/// `flickr backup`.
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Layout: photos/YYYY/MM/DD/ID.EXT with ID.json sidecars (by date taken), \
others/OWNER/ID.EXT for favorites' and galleries' photos, albums/ID.json, galleries/ID.json, \
collections.json, favorites.json; state in DIR/.flickr-backup/state.sqlite.\n\n\
Run it again to resume after an interruption or to update the mirror: only what was added or \
changed is fetched, and photos deleted on Flickr are kept and flagged."
)]
pub struct BackupArgs {
    /// `verify DIR` re-checks every file of a mirror; `bag DIR OUT` packages it as a BagIt bag.
    #[command(subcommand)]
    pub command: Option<BackupCommand>,

    /// The mirror's directory (created if needed).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Whose account: `me` (the token's), an NSID, or a Flickr URL. With
    /// `--from-export`, naming the account uses the API to repair the
    /// export (credentials needed); without it, the export is read offline.
    #[arg(long, value_name = "me|NSID|URL")]
    pub user: Option<String>,

    /// Build the mirror from Flickr's own export ("Request my Flickr
    /// Data"): its zips, folders holding them, or folders where they were
    /// extracted (repeat or list several). Offline, with no API key, unless
    /// `--user` is given too.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub from_export: Vec<PathBuf>,

    /// What to include, comma-separated or repeated: photos, videos, albums,
    /// collections, galleries, favorites, exif, comments, info, people,
    /// contexts. The last five cost a call per new or changed photo; named
    /// alone, they come on top of the default.
    #[arg(
        long,
        default_value = "photos,videos,albums,collections,galleries,favorites",
        value_name = "LIST"
    )]
    pub include: Vec<String>,

    /// Which size: `original` (or, where Flickr does not list it, the largest
    /// listed), `largest`, or a size such as l, c, z, m, 3k.
    #[arg(long, default_value = "original", value_name = "original|largest|SIZE")]
    pub size: String,

    /// Downloads in flight at once (static hosts; separate from the API budget).
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub jobs: usize,

    /// At most this many downloads started per second.
    #[arg(long, value_name = "N")]
    pub files_per_second: Option<f64>,

    /// Only photos added or changed since DATE (YYYY-MM-DD or Unix time);
    /// such a run does not see deletions.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Print the calls a backup will make and their time at the key's budget;
    /// makes only the listing calls, writes nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Do not write the offline viewer (DIR/index.html) nor fetch its thumbnails.
    #[arg(long)]
    pub no_viewer: bool,

    /// Attempts per file before it is left for the next run.
    #[arg(long, default_value_t = 6, value_name = "N")]
    pub file_attempts: u32,

    /// First wait before retrying a file, in milliseconds (doubles each attempt).
    #[arg(long, default_value_t = 500, value_name = "MS")]
    pub retry_delay_ms: u64,

    /// Print one JSON object per event, then the report, instead of progress bars.
    #[arg(long)]
    pub json: bool,
}

/// `flickr backup verify` and `flickr backup bag`.
#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Re-check every file against the state (size and SHA-256); exit 1 if any is missing or changed.
    Verify {
        /// The mirror's directory.
        dir: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Package a mirror as a BagIt bag (RFC 8493) at OUT: its photo library under data/ (hard
    /// links where OUT is on the same file system, copies otherwise), SHA-256 and SHA-512
    /// manifests, bag-info.txt; the state directory stays out, but for the viewer's thumbnails.
    Bag {
        /// The mirror's directory.
        dir: PathBuf,
        /// The bag's directory (created; must not exist, or be empty, and be outside DIR).
        out: PathBuf,
        /// bag-info.txt's Source-Organization: who made the bag.
        #[arg(long, value_name = "TEXT")]
        source_organization: Option<String>,
        /// bag-info.txt's External-Identifier, e.g. flickr:user:12345678@N00.
        #[arg(long, value_name = "TEXT")]
        external_identifier: Option<String>,
        /// bag-info.txt's External-Description.
        #[arg(long, value_name = "TEXT")]
        external_description: Option<String>,
        /// Print the report as JSON instead of a line of text.
        #[arg(long)]
        json: bool,
    },
}
