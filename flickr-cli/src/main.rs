//! `flickr`: the Flickr API from the command line.
//!
//! - `flickr methods [NAMESPACE]`, `flickr methods show NAME`: the API explorer, offline.
//! - `flickr call NAME key=value …`: arguments checked before sending, typed JSON out.
//! - `flickr auth login|status|logout`: OAuth 1.0a, profiles stored with 0600 permissions.
//! - `flickr upload FILE…`, `flickr replace PHOTO_ID FILE`: streamed, with progress bars.
//! - `flickr url parse|short|sources`: URL helpers, offline.
//! - `flickr backup DIR`, `flickr backup verify DIR`, `flickr backup bag DIR OUT`: a
//!   resumable, incremental mirror, and its BagIt bag for an archive.
//! - `flickr mcp`: the whole API as MCP tools for AI assistants, read-only unless `--allow`.

mod archive;
mod auth;
mod backup;
mod call;
mod cli;
mod config;
mod fail;
mod mcp;
mod methods;
mod output;
mod setup;
mod upload;
mod urls;

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let outcome = run(cli);
    // A closed pipe (`flickr methods | head`) is not an error worth a message.
    let _ = std::io::stdout().flush();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(fail) => {
            eprintln!("error: {}", fail.message);
            ExitCode::from(fail.status)
        }
    }
}

fn run(cli: cli::Cli) -> fail::Result<()> {
    use cli::Command;
    match &cli.command {
        // Offline commands need no runtime.
        Command::Methods(args) => methods::run(args),
        Command::Url(cmd) => urls::run(cmd),
        _ => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .map_err(|e| fail::Fail::failed(format!("cannot start the async runtime: {e}")))?;
            runtime.block_on(run_online(&cli))
        }
    }
}

async fn run_online(cli: &cli::Cli) -> fail::Result<()> {
    use cli::{AuthCommand, Command};
    match &cli.command {
        Command::Call(args) => call::run(cli, args).await,
        Command::Auth(AuthCommand::Login(args)) => auth::login(cli, args).await,
        Command::Auth(AuthCommand::Status(args)) => auth::status(cli, args).await,
        Command::Auth(AuthCommand::Logout(args)) => auth::logout(cli, args),
        Command::Upload(args) => upload::upload(cli, args).await,
        Command::Replace(args) => upload::replace(cli, args).await,
        Command::Backup(args) => backup::run(cli, args).await,
        Command::Archive(args) => archive::run(cli, args).await,
        Command::Mcp(args) => mcp::run(cli, args).await,
        Command::Methods(_) | Command::Url(_) => Ok(()),
    }
}
