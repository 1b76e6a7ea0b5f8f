//! `cargo run --example errors`: a failed call handled by variant —
//! `Error::Api` with the method's own enum (`GetInfoError::PhotoNotFound`) or
//! a generic code (`GetInfoError::Generic(GenericError::InvalidApiKey)`),
//! `Error::Http`, `Error::Timeout`, `Error::Transport`, `Error::Decode`.
//!
//! Without `FLICKR_API_KEY` it runs against a loopback Flickr started
//! in-process, which also scripts an HTTP 503, a slow reply and a dropped
//! connection. With `FLICKR_API_KEY` (and optionally `FLICKR_ENDPOINT`) it
//! asks Flickr for a photo that does not exist and uses a bad key.

use std::process::ExitCode;

use flickr_examples::env::FlickrEnv;
use flickr_examples::errors::{offline, online};

#[tokio::main]
async fn main() -> ExitCode {
    let mut stdout = std::io::stdout();
    let result = match FlickrEnv::from_env() {
        Some(env) => online(&mut stdout, &env).await,
        None => offline(&mut stdout).await,
    };
    flickr_examples::env::exit("errors", result.map(drop))
}
