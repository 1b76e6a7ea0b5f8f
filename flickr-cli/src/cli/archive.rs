//! `flickr archive`: the fleet's commands.

use clap::{Args, Subcommand};

/// `flickr archive --db URL COMMAND`.
#[derive(Debug, Args)]
pub struct ArchiveArgs {
    /// The PostgreSQL holding the queue and the catalog
    /// (postgres://USER:PASSWORD@HOST:PORT/DB); its schema is created or
    /// migrated on first use.
    #[arg(
        long,
        env = "FLICKR_ARCHIVE_DB",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub db: String,

    /// What to do.
    #[command(subcommand)]
    pub command: ArchiveCommand,
}

/// The archive's subcommands.
#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    /// Add targets (each once, however often added): user:NSID (or a path
    /// alias, or a profile URL), album:OWNER/ID (or its URL), gallery:ID,
    /// group:NSID (the group's pool), commons.
    Add {
        /// The targets.
        targets: Vec<String>,
        /// Also read targets from FILE, one per line (`#` starts a comment).
        #[arg(long, value_name = "FILE")]
        file: Option<std::path::PathBuf>,
    },
    /// List targets again (every target when none is named), so that what
    /// changed on Flickr since is fetched and packaged again.
    Refresh {
        /// The targets (added if new).
        targets: Vec<String>,
    },
    /// Work as one worker of the fleet: claim jobs and do them.
    Worker(WorkerArgs),
    /// Per target, per worker and the key's budget, as text or JSON.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Read objects back from the store and check them against the catalog's digests.
    Verify {
        /// The store (as for `worker`).
        #[arg(long, value_name = "DIR|s3://BUCKET/PREFIX")]
        store: String,
        /// Check this many objects, chosen at random (default: all).
        #[arg(long, value_name = "N")]
        sample: Option<u64>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `flickr archive worker`.
#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// Where the bytes go: a directory, or s3://BUCKET/PREFIX with the
    /// standard AWS_* variables (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
    /// AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ALLOW_HTTP).
    #[arg(long, value_name = "DIR|s3://BUCKET/PREFIX")]
    pub store: String,
    /// Files fetched at once.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub jobs: usize,
    /// Exit when no job is ready or running anywhere.
    #[arg(long)]
    pub until_idle: bool,
    /// How long a claimed job holds without renewal (a killed worker's job
    /// goes to another worker after this).
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub lease_seconds: u64,
    /// Photos per fetch batch.
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub batch: usize,
    /// This worker's name in status (default: HOST-PID).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Where a package stages a bag's library before it goes to the store
    /// (default: the system's temporary directory); needs room for one bag
    /// (see --bag-max-bytes).
    #[arg(long, value_name = "DIR")]
    pub work_dir: Option<std::path::PathBuf>,
    /// The most bytes of photo files in one bag: a larger target is
    /// packaged in parts, bags/NAME/part-0001 and on (sidecars and the
    /// viewer come on top).
    #[arg(long, default_value_t = flickr_archive::BAG_MAX_BYTES, value_name = "BYTES",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub bag_max_bytes: u64,
    /// Source-Organization in the bags' bag-info.txt.
    #[arg(long, value_name = "NAME")]
    pub source_organization: Option<String>,
    /// Print the worker's report as JSON when it exits.
    #[arg(long)]
    pub json: bool,
}
