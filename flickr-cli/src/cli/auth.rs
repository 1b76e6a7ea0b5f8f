//! `flickr auth`'s arguments.

use clap::{Args, Subcommand, ValueEnum};

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
