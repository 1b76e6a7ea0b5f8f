//! Credentials (profile overridden by environment) and the client.

use crate::cli::Cli;
use crate::config::{self, Profile};
use crate::fail::{Fail, Result};
use flickr_core::client::Client;
use flickr_core::credentials::Credentials;
use flickr_core::quota::Quota;
use std::time::Duration;

/// The environment variables that override a profile, with the field each sets.
pub const ENV_VARS: [&str; 4] = [
    "FLICKR_API_KEY",
    "FLICKR_API_SECRET",
    "FLICKR_OAUTH_TOKEN",
    "FLICKR_OAUTH_TOKEN_SECRET",
];

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The profile named on the command line, with the environment applied on top.
pub fn effective_profile(cli: &Cli) -> Result<Profile> {
    let mut profile = config::load(&cli.profile)?;
    apply_env(&mut profile);
    Ok(profile)
}

/// Overrides profile fields from `FLICKR_API_KEY` & co.
pub fn apply_env(profile: &mut Profile) {
    let [key, secret, token, token_secret] = ENV_VARS.map(env);
    if key.is_some() {
        profile.api_key = key;
    }
    if secret.is_some() {
        profile.api_secret = secret;
    }
    if token.is_some() {
        profile.oauth_token = token;
    }
    if token_secret.is_some() {
        profile.oauth_token_secret = token_secret;
    }
}

/// The strongest credentials the profile allows.
pub fn credentials(profile: &Profile) -> Credentials {
    match (
        &profile.api_key,
        &profile.api_secret,
        &profile.oauth_token,
        &profile.oauth_token_secret,
    ) {
        (Some(k), Some(s), Some(t), Some(ts)) => Credentials::oauth(k, s, t, ts),
        (Some(k), Some(s), _, _) => Credentials::app(k, s),
        (Some(k), None, _, _) => Credentials::api_key(k),
        _ => Credentials::none(),
    }
}

/// A client for `credentials` with the global options (endpoint, timeout, quota).
pub fn client(cli: &Cli, credentials: Credentials) -> Result<Client> {
    let mut builder = Client::builder().credentials(credentials);
    if let Some(endpoint) = &cli.endpoint {
        builder = builder.base_url(endpoint);
    }
    if let Some(secs) = cli.timeout {
        builder = builder.timeout(Duration::from_secs(secs.max(1)));
    }
    if let Some(calls) = cli.calls_per_hour {
        builder = builder.quota(Quota::per_hour(calls));
    }
    builder.build().map_err(|e| {
        let mut f = Fail::from(e);
        if cli.endpoint.is_some() {
            f.message
                .push_str("\nhint: check --endpoint / FLICKR_ENDPOINT");
        }
        f
    })
}

/// The client for the profile named on the command line.
pub fn profile_client(cli: &Cli) -> Result<Client> {
    let profile = effective_profile(cli)?;
    client(cli, credentials(&profile))
}
