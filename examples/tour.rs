//! `cargo run --example tour`: the README's main command.
//!
//! With no `FLICKR_*` variables it starts a loopback Flickr in-process and
//! walks through OAuth, test.login, a paged search with extras, stats
//! referrers, an upload with progress, a replace and a handled error. With
//! `FLICKR_API_KEY`/`FLICKR_API_SECRET` (and `FLICKR_OAUTH_TOKEN`/
//! `FLICKR_OAUTH_TOKEN_SECRET`) it runs the read-only part against Flickr.

use std::process::ExitCode;

use flickr_examples::tour::{run, RealFlickr};

#[tokio::main]
async fn main() -> ExitCode {
    let mut stdout = std::io::stdout();
    match run(&mut stdout, RealFlickr::from_env()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tour failed: {e}");
            ExitCode::FAILURE
        }
    }
}
