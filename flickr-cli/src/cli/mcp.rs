//! `flickr mcp`'s arguments.

use clap::{Args, ValueEnum};

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
