//! Shared helpers: clients pointed at a fresh fake server.
#![allow(dead_code)]

use std::time::Duration;

use flickr_core::retry::RetryPolicy;
use flickr_testkit::FakeFlickr;

/// A retry policy with tiny delays (tests never wait for real backoff).
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_delays(Duration::from_millis(5), Duration::from_millis(20))
        .with_deadline(Some(Duration::from_secs(30)))
}

/// A client with the server's pre-authorized token (delete permission).
pub fn user_client(fake: &FakeFlickr) -> flickr_sdk::Client {
    let c = fake.credentials();
    flickr_sdk::Client::builder()
        .oauth(c.api_key, c.api_secret, c.oauth_token, c.oauth_token_secret)
        .base_url(&fake.base_url())
        .retry_policy(quick_retries())
        .build()
        .expect("client")
}

/// A client with the consumer key and secret only.
pub fn app_client(fake: &FakeFlickr) -> flickr_sdk::Client {
    let c = fake.credentials();
    flickr_sdk::Client::builder()
        .app(c.api_key, c.api_secret)
        .base_url(&fake.base_url())
        .retry_policy(quick_retries())
        .build()
        .expect("client")
}

/// A client with the API key only (unsigned calls).
pub fn key_client(fake: &FakeFlickr) -> flickr_sdk::Client {
    flickr_sdk::Client::builder()
        .api_key(fake.credentials().api_key)
        .base_url(&fake.base_url())
        .retry_policy(quick_retries())
        .build()
        .expect("client")
}

/// A small fake (the 2,000-photo seed is only needed for paging).
pub async fn small_fake() -> FakeFlickr {
    FakeFlickr::builder()
        .photos(60)
        .ticket_delay(Duration::from_millis(150))
        .start()
        .await
        .expect("start fake server")
}
