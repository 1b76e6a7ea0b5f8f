//! `flickr upload` and `flickr replace`'s arguments.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

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
