//! The command-line grammar (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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
    #[arg(
        long,
        global = true,
        env = "FLICKR_QUOTA_FALLBACK_SHARE",
        value_name = "SHARE",
        requires = "quota_redis"
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
    /// Mirror an account into DIR (resumable, incremental), or `verify` a mirror.
    Backup(BackupArgs),
    /// Serve the Flickr API to AI assistants over MCP (stdio, or Streamable HTTP with --http); read-only unless --allow.
    Mcp(McpArgs),
}

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
    /// `verify DIR` re-checks every file of a mirror.
    #[command(subcommand)]
    pub command: Option<BackupCommand>,

    /// The mirror's directory (created if needed).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Whose account: `me` (the token's), an NSID, or a Flickr URL.
    #[arg(long, default_value = "me", value_name = "me|NSID|URL")]
    pub user: String,

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

/// `flickr backup verify`.
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

/// `flickr auth …`.
#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Authorize this profile with Flickr (OAuth 1.0a) and store the token.
    Login(LoginArgs),
    /// Show the stored credentials (secrets hidden) and check the token with Flickr.
    Status(StatusArgs),
    /// Forget the stored token (and with --all, the whole profile).
    Logout(LogoutArgs),
}

/// Permission asked at login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PermsArg {
    /// Read private data.
    Read,
    /// Read and write.
    Write,
    /// Read, write and delete.
    Delete,
}

/// `flickr auth login`.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Permission to ask for.
    #[arg(long, value_enum, default_value_t = PermsArg::Read)]
    pub perms: PermsArg,

    /// Out-of-band: Flickr shows a code to paste here instead of redirecting to a local listener.
    #[arg(long)]
    pub oob: bool,

    /// Do not try to open a browser; only print the authorization URL.
    #[arg(long)]
    pub no_browser: bool,

    /// Loopback port for the callback listener (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,

    /// How long to wait for the authorization, in seconds.
    #[arg(long, default_value_t = 600, value_name = "SECONDS")]
    pub wait: u64,

    /// The application's API key (also FLICKR_API_KEY or the profile); the
    /// secret is read from FLICKR_API_SECRET, the profile, or standard input.
    #[arg(long, value_name = "KEY")]
    pub api_key: Option<String>,
}

/// `flickr auth status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print the key, secrets and token in full.
    #[arg(long)]
    pub show_secrets: bool,

    /// Do not ask Flickr (flickr.auth.oauth.checkToken); only show what is stored.
    #[arg(long)]
    pub offline: bool,
}

/// `flickr auth logout`.
#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Delete the whole profile (API key and secret too).
    #[arg(long)]
    pub all: bool,
}

/// Safety level of an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SafetyArg {
    /// Safe (1).
    Safe,
    /// Moderate (2).
    Moderate,
    /// Restricted (3).
    Restricted,
}

/// Content type of an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ContentTypeArg {
    /// Photo (1).
    Photo,
    /// Screenshot (2).
    Screenshot,
    /// Other (3).
    Other,
}

/// `flickr upload`.
#[derive(Debug, Args)]
pub struct UploadArgs {
    /// Files to upload.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Title (default: Flickr uses the file name).
    #[arg(long)]
    pub title: Option<String>,

    /// Description.
    #[arg(long)]
    pub description: Option<String>,

    /// Tags; repeat the option or separate with commas. A tag may contain spaces.
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,

    /// Visible to everyone.
    #[arg(long)]
    pub public: bool,

    /// Visible to friends.
    #[arg(long)]
    pub friends: bool,

    /// Visible to family.
    #[arg(long)]
    pub family: bool,

    /// Visible only to you (the default is your account's setting).
    #[arg(long, conflicts_with_all = ["public", "friends", "family"])]
    pub private: bool,

    /// Hide from public searches.
    #[arg(long)]
    pub hidden: bool,

    /// Safety level.
    #[arg(long, value_enum)]
    pub safety: Option<SafetyArg>,

    /// Content type.
    #[arg(long, value_enum)]
    pub content_type: Option<ContentTypeArg>,

    /// Let Flickr process the files in the background, then wait for the tickets.
    #[arg(long = "async")]
    pub asynchronous: bool,

    /// With --async: print `ticket:ID` lines instead of waiting for photo ids.
    #[arg(long, requires = "asynchronous")]
    pub no_wait: bool,

    /// Files uploaded at the same time.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub jobs: u16,

    /// Never draw progress bars (they are also hidden when stderr is not a terminal).
    #[arg(long)]
    pub no_progress: bool,
}

/// `flickr replace`.
#[derive(Debug, Args)]
pub struct ReplaceArgs {
    /// The photo to replace.
    pub photo_id: String,

    /// The new file.
    pub file: PathBuf,

    /// Let Flickr process the file in the background, then wait for the ticket.
    #[arg(long = "async")]
    pub asynchronous: bool,

    /// Never draw a progress bar.
    #[arg(long)]
    pub no_progress: bool,
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

/// `flickr mcp`.
#[derive(Debug, Args)]
#[command(
    after_help = "Tools: flickr_methods, flickr_method_info, flickr_call (any method, \
arguments checked against its schema before anything is sent), search_photos, get_photo, \
list_albums, album_photos, whoami; with --tools all also one tool per method \
(flickr_photos_search, …). Uploads are not exposed.\n\n\
Safety: methods that need write permission are refused unless --allow write, and those that \
need delete permission unless --allow delete (which implies write); a refused call sends nothing."
)]
pub struct McpArgs {
    /// Serve Streamable HTTP at ADDR (PORT or HOST:PORT, at path /mcp) instead of stdio.
    /// HOST must be a loopback address unless --http-remote is given.
    #[arg(long, value_name = "ADDR")]
    pub http: Option<String>,

    /// With --http: allow binding to a non-loopback address (anyone who can
    /// reach it acts with this profile's token).
    #[arg(long, requires = "http")]
    pub http_remote: bool,

    /// Permit more than reading: `write` (edit titles, tags, comments, …) or
    /// `delete` (also deleting; implies write). Repeat or separate with commas.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "write|delete")]
    pub allow: Vec<Allow>,

    /// Which tools to list: `task` (the generic and task tools) or `all`
    /// (also one tool per Flickr method).
    #[arg(long, value_enum, default_value_t = ToolSet::Task)]
    pub tools: ToolSet,

    /// Largest image get_photo returns as image content, in bytes.
    #[arg(long, default_value_t = 1_000_000, value_name = "BYTES")]
    pub image_bytes: u64,

    /// Lists in answers are cut after this many items (the answer says so, with page and total).
    #[arg(long, default_value_t = 50, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=500))]
    pub list_limit: u32,
}

/// A permission `--allow` grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Allow {
    /// Methods that need write permission.
    Write,
    /// Methods that need delete permission (and write).
    Delete,
}

/// The tool set `--tools` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ToolSet {
    /// The generic tools and the task tools.
    Task,
    /// Those, and one tool per Flickr method.
    All,
}
