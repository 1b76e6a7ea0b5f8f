//! Credentials (profile overridden by environment) and the client.

use crate::cli::Cli;
use crate::config::{self, Profile};
use crate::fail::{Fail, Result};
use flickr_sdk::quota::Quota;
use flickr_sdk::CoreClient as Client;
use flickr_sdk::Credentials;
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

/// A client for `credentials` with the global options (endpoint, timeout,
/// quota: `--calls-per-hour` in this process, or shared through Redis with
/// `--quota-redis`). Every command that calls Flickr gets its client here.
pub async fn client(cli: &Cli, credentials: Credentials) -> Result<Client> {
    let quota = quota(cli, &credentials).await?;
    let mut builder = Client::builder().credentials(credentials);
    if let Some(endpoint) = &cli.endpoint {
        builder = builder.base_url(endpoint);
    }
    if let Some(secs) = cli.timeout {
        builder = builder.timeout(Duration::from_secs(secs.max(1)));
    }
    if let Some(quota) = quota {
        builder = builder.quota(quota);
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
pub async fn profile_client(cli: &Cli) -> Result<Client> {
    let profile = effective_profile(cli)?;
    client(cli, credentials(&profile)).await
}

/// The quota the global options ask for, if any.
async fn quota(cli: &Cli, credentials: &Credentials) -> Result<Option<Quota>> {
    let Some(url) = &cli.quota_redis else {
        if cli.quota_fallback_share.is_some() {
            return Err(Fail::usage(
                "--quota-fallback-share (FLICKR_QUOTA_FALLBACK_SHARE) is the share a                  --quota-redis budget falls back on: give --quota-redis too",
            ));
        }
        return Ok(cli.calls_per_hour.map(Quota::per_hour));
    };
    let Some(key) = credentials.api_key_str() else {
        return Err(Fail::config(
            "--quota-redis shares the budget of an API key, and there is none: \
             set FLICKR_API_KEY or run `flickr auth login`",
        ));
    };
    redis_quota(cli, url, key).await.map(Some)
}

#[cfg(feature = "redis-quota")]
async fn redis_quota(cli: &Cli, url: &str, key: &str) -> Result<Quota> {
    let calls = cli
        .calls_per_hour
        .unwrap_or(flickr_sdk::quota::FLICKR_CALLS_PER_HOUR);
    let mut builder = Quota::redis(url, key).per_hour(calls);
    if let Some(share) = cli.quota_fallback_share {
        builder = builder.fallback_local_share(share);
    }
    builder.connect().await.map_err(|e| {
        let mut f = Fail::from(e);
        f.message
            .push_str("\nhint: check --quota-redis / FLICKR_QUOTA_REDIS");
        f
    })
}

#[cfg(not(feature = "redis-quota"))]
async fn redis_quota(_: &Cli, url: &str, _: &str) -> Result<Quota> {
    Err(Fail::config(format!(
        "--quota-redis {}: this flickr was built without the `redis-quota` feature",
        flickr_sdk::quota::redact_store_url(url)
    )))
}
