//! The command-line grammar (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};

mod archive;
mod auth;
mod backup;
mod mcp;
mod upload;

pub use archive::{ArchiveArgs, ArchiveCommand, WorkerArgs};
pub use auth::{AuthCommand, LoginArgs, LogoutArgs, PermsArg, StatusArgs};
pub use backup::{BackupArgs, BackupCommand};
pub use mcp::{Allow, McpArgs, ToolSet};
pub use upload::{ContentTypeArg, ReplaceArgs, SafetyArg, UploadArgs};

/// Explore and call the Flickr API, log in, upload.
#[derive(Debug, Parser)]
#[command(
    name = "flickr",
    version,
    about = "Explore and call the Flickr API, log in with OAuth, upload photos",
    after_help = "Credentials come from the profile (see `flickr auth login`) and are overridden by \
FLICKR_API_KEY, FLICKR_API_SECRET, FLICKR_OAUTH_TOKEN and FLICKR_OAUTH_TOKEN_SECRET. \
Profiles live under FLICKR_CONFIG_DIR, or the user's config directory.\n\n\
Exit status: 0 success; 1 the request failed (Flickr error, network) or a backup could not go on; \
2 invalid invocation (unknown method, bad argument); 3 missing credentials or configuration; \
4 another backup is running into the mirror; 5 the mirror is a backup of another account; \
6 the mirror was written by a newer flickr; 7 internal error."
)]
pub struct Cli {
    /// Base URL for every endpoint: REST at URL/services/rest/, upload at
    /// URL/services/upload/, replace at URL/services/replace/, OAuth at URL/services/oauth/….
    #[arg(long, global = true, env = "FLICKR_ENDPOINT", value_name = "URL")]
    pub endpoint: Option<String>,

    /// Named credentials profile.
    #[arg(
        long,
        global = true,
        env = "FLICKR_PROFILE",
        default_value = "default",
        value_name = "NAME"
    )]
    pub profile: String,

    /// Time allowed per request, in seconds.
    #[arg(long, global = true, value_name = "SECONDS")]
    pub timeout: Option<u64>,

    /// Throttle to this many calls per hour (Flickr allows 3,600 per key).
    #[arg(long, global = true, value_name = "CALLS")]
    pub calls_per_hour: Option<u32>,

    /// Share the call budget with every process and machine using the same
    /// API key, through the Redis server at URL (redis://HOST:PORT/, or with a
    /// password and a database redis://:PASSWORD@HOST:PORT/DB).
    /// The budget is --calls-per-hour, 3,600 if not given.
    #[arg(
        long,
        global = true,
        env = "FLICKR_QUOTA_REDIS",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub quota_redis: Option<String>,

    /// With --quota-redis: when Redis is lost during the run, go on with a
    /// local budget of this share of the whole (0 < SHARE <= 1, e.g. 0.25 for
    /// one of four workers) instead of failing every call.
    // Checked in setup, not with clap's `requires`: clap checks it in the
    // subcommand before a global --quota-redis given before the
    // subcommand reaches it, and refuses the pair.
    #[arg(
        long,
        global = true,
        env = "FLICKR_QUOTA_FALLBACK_SHARE",
        value_name = "SHARE"
    )]
    pub quota_fallback_share: Option<f64>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List methods (optionally of one namespace), or `show` one; offline.
    Methods(MethodsArgs),
    /// Call a method: `flickr call flickr.photos.search text=kittens per_page=10`.
    Call(CallArgs),
    /// Log in, check or forget the stored OAuth token.
    #[command(subcommand)]
    Auth(AuthCommand),
    /// Upload photos or videos; prints one `PHOTO_ID<TAB>FILE` line per file.
    Upload(UploadArgs),
    /// Replace the file of an existing photo.
    Replace(ReplaceArgs),
    /// Photo source URLs, flic.kr short URLs, and Flickr URL parsing; offline.
    #[command(subcommand)]
    Url(UrlCommand),
    /// Mirror an account into DIR (resumable, incremental), `verify` a mirror, or `bag` it for an archive.
    Backup(BackupArgs),
    /// Archive many public members, albums, galleries and group pools with a fleet of workers (PostgreSQL, S3, BagIt).
    Archive(ArchiveArgs),
    /// Serve the Flickr API to AI assistants over MCP (stdio, or Streamable HTTP with --http); read-only unless --allow.
    Mcp(McpArgs),
}

/// `flickr methods`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct MethodsArgs {
    /// `show NAME` describes one method.
    #[command(subcommand)]
    pub command: Option<MethodsCommand>,

    /// Only methods of this namespace (`photos`, `flickr.photos.geo`, …).
    pub namespace: Option<String>,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `flickr methods show`.
#[derive(Debug, Subcommand)]
pub enum MethodsCommand {
    /// Description, permissions, verb, arguments (type, required, default, doc) and error codes.
    Show {
        /// Method name, e.g. `flickr.stats.getPhotostreamReferrers` (the `flickr.` prefix may be left out).
        name: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Wire format of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WireFormat {
    /// `format=json` (default).
    Json,
    /// `format=rest` (XML), converted to the same typed response.
    Rest,
}

/// `flickr call`.
#[derive(Debug, Args)]
pub struct CallArgs {
    /// Method name (the `flickr.` prefix may be left out).
    pub method: String,

    /// Arguments as `name=value`; checked against the method's declared arguments before sending.
    #[arg(value_name = "NAME=VALUE")]
    pub args: Vec<String>,

    /// Print the body exactly as received instead of the typed response.
    #[arg(long)]
    pub raw: bool,

    /// Wire format.
    #[arg(long, value_enum, default_value_t = WireFormat::Json)]
    pub format: WireFormat,

    /// Fetch every page of a paged method, printing each page as it arrives.
    #[arg(long)]
    pub all: bool,

    /// With --all: stop after this many pages.
    #[arg(long, value_name = "N", requires = "all")]
    pub max_pages: Option<u32>,

    /// After each answer, print `{"dropped": [...]}`: every member of Flickr's
    /// answer the typed response does not carry, with its JSON path and value.
    #[arg(long, conflicts_with = "raw")]
    pub dropped: bool,

    /// Decode an answer saved in FILE (JSON, JSONP or REST XML; `-` reads
    /// stdin) instead of calling Flickr: offline, nothing is sent.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["args", "raw", "all", "format"]
    )]
    pub answer: Option<std::path::PathBuf>,
}

/// `flickr url …`.
#[derive(Debug, Subcommand)]
pub enum UrlCommand {
    /// Turn any Flickr URL (photo, album, gallery, user, group, flic.kr) into ids, as JSON.
    Parse {
        /// The URL.
        url: String,
    },
    /// The flic.kr short URL of a photo id.
    Short {
        /// The photo id.
        photo_id: String,
    },
    /// Source URLs of a photo for every size its secrets allow (up to 1024 px from
    /// the photo's secret). Larger sizes and the original exist only where
    /// Flickr lists them (`flickr.photos.getSizes` or the `url_*` extras): since
    /// 2025-05-15 not for free accounts' photos, whose built `o` URL answers 404.
    Sources {
        /// Photo id.
        id: String,
        /// Server.
        server: String,
        /// Secret.
        secret: String,
        /// `originalsecret`, for the original (a Pro account's photo; free
        /// accounts' originals are not served since 2025-05-15).
        #[arg(long)]
        original_secret: Option<String>,
        /// `originalformat` (jpg, png, gif), for the original.
        #[arg(long)]
        original_format: Option<String>,
    },
}
