//! Shared setup: the loopback Flickr on its own runtime, and the real
//! `flickr` binary with a private config dir and no inherited credentials.

#![allow(dead_code)]

pub mod fleet;
pub mod mirror;

use assert_cmd::Command;
use std::path::Path;

/// A running loopback Flickr and the runtime that serves it.
pub use flickr_testkit::Hosted as Server;

/// The `flickr` binary with no credentials from the environment and `config` as its config dir.
pub fn flickr(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("flickr").unwrap();
    for var in [
        "FLICKR_ENDPOINT",
        "FLICKR_PROFILE",
        "FLICKR_API_KEY",
        "FLICKR_API_SECRET",
        "FLICKR_OAUTH_TOKEN",
        "FLICKR_OAUTH_TOKEN_SECRET",
        "FLICKR_QUOTA_REDIS",
        "FLICKR_QUOTA_FALLBACK_SHARE",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("FLICKR_CONFIG_DIR", config);
    cmd
}

/// The `flickr` binary pointed at `server` with the pre-authorized user's credentials.
pub fn flickr_authed(server: &Server, config: &Path) -> Command {
    let creds = server.fake.credentials();
    let mut cmd = flickr(config);
    cmd.env("FLICKR_ENDPOINT", server.base_url())
        .env("FLICKR_API_KEY", &creds.api_key)
        .env("FLICKR_API_SECRET", &creds.api_secret)
        .env("FLICKR_OAUTH_TOKEN", &creds.oauth_token)
        .env("FLICKR_OAUTH_TOKEN_SECRET", &creds.oauth_token_secret);
    cmd
}

/// Every JSON document in `text` (pretty documents one after another).
pub fn json_documents(text: &str) -> Vec<serde_json::Value> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<serde_json::Value>()
        .collect::<Result<_, _>>()
        .expect("stdout is a sequence of JSON documents")
}
