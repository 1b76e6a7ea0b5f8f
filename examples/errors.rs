//! `cargo run --example errors`: a failed call handled by variant.
//! `Error::Api` carries the method's own error enum
//! (`GetInfoError::PhotoNotFound`) or Flickr's generic codes
//! (`GetInfoError::Generic(GenericError::InvalidApiKey)`); `Error::Http`,
//! `Error::Timeout`, `Error::Transport` and `Error::Decode` are what the
//! network and the response can go wrong with.
//!
//! Without `FLICKR_API_KEY` it runs against a loopback Flickr started
//! in-process, which also scripts an HTTP 503, a reply slower than the
//! client's timeout and a dropped connection (`Error::Decode`, a reply that
//! does not match the method's type, has its arm in `classify` but no
//! scripted case). With `FLICKR_API_KEY` (and optionally `FLICKR_ENDPOINT`)
//! it asks Flickr for a photo that does not exist and uses a bad key.

use std::io::Write;
use std::time::Duration;

use flickr_sdk::error::GenericError;
use flickr_sdk::photos::GetInfoError;
use flickr_sdk::RetryPolicy;
use flickr_sdk::{Client, Error};
use flickr_testkit::{FakeFlickr, Fault};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let mut stdout = std::io::stdout();
    match Client::builder().from_env() {
        Some(builder) => online(&mut stdout, builder.build()?).await?,
        None => offline(&mut stdout).await?,
    };
    Ok(())
}

/// What a failed `flickr.photos.getInfo` turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Handled {
    /// It worked after all.
    Found,
    /// `Error::Api` with `GetInfoError::PhotoNotFound` (code 1).
    PhotoNotFound,
    /// `Error::Api` with `GetInfoError::Generic(GenericError::InvalidApiKey)` (code 100).
    InvalidApiKey,
    /// Another `Error::Api`, with its code.
    OtherApi(u32),
    /// `Error::Http`: an unexpected HTTP status.
    Http(u16),
    /// `Error::Timeout`.
    Timeout,
    /// `Error::Transport`: no answer (refused, reset, DNS…).
    Transport,
    /// `Error::Decode`: an answer that is not what the method promises.
    Decode,
    /// Anything else (bad arguments, missing credentials, I/O…).
    Other(String),
}

/// Sorts one `getInfo` outcome by variant, the way an application would.
fn classify<T>(result: Result<T, Error<GetInfoError>>) -> Handled {
    match result {
        Ok(_) => Handled::Found,
        Err(Error::Api(e)) if e.kind == GetInfoError::PhotoNotFound => Handled::PhotoNotFound,
        Err(Error::Api(e)) if e.kind == GetInfoError::Generic(GenericError::InvalidApiKey) => {
            Handled::InvalidApiKey
        }
        Err(Error::Api(e)) => Handled::OtherApi(e.code),
        Err(Error::Http(e)) => Handled::Http(e.status),
        Err(Error::Timeout(_)) => Handled::Timeout,
        Err(Error::Transport(_)) => Handled::Transport,
        Err(Error::Decode(_)) => Handled::Decode,
        Err(other) => Handled::Other(other.to_string()),
    }
}

async fn get_info(
    out: &mut (dyn Write + Send),
    what: &str,
    client: &Client,
    id: &str,
) -> Result<Handled, BoxError> {
    let handled = classify(client.photos().get_info(id).send().await);
    writeln!(out, "{what}: {handled:?}")?;
    Ok(handled)
}

/// Against the loopback Flickr: a photo that does not exist, a bad API key,
/// an HTTP 503, a reply slower than the timeout and a dropped connection.
async fn offline(out: &mut (dyn Write + Send)) -> Result<Vec<Handled>, BoxError> {
    let fake = FakeFlickr::start().await?;
    let base = fake.base_url();
    let key = fake.credentials().api_key;
    // No retries, and a short timeout, so each fault shows as it is.
    let client: Client = Client::builder()
        .api_key(key)
        .base_url(&base)
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_millis(300))
        .build()?;
    let missing = "1";
    let existing = fake
        .public_photo_ids()
        .first()
        .copied()
        .ok_or("the loopback Flickr has no public photo")?
        .to_string();
    let mut seen = Vec::new();
    seen.push(get_info(out, "photo that does not exist", &client, missing).await?);
    let bad_key: Client = Client::builder()
        .api_key("not-a-real-key")
        .base_url(&base)
        .build()?;
    seen.push(get_info(out, "bad API key", &bad_key, &existing).await?);
    const METHOD: &str = "flickr.photos.getInfo";
    fake.inject(METHOD, Fault::Status(503), 1);
    seen.push(get_info(out, "HTTP 503", &client, &existing).await?);
    fake.inject(METHOD, Fault::Slow(Duration::from_secs(2)), 1);
    seen.push(get_info(out, "slow reply", &client, &existing).await?);
    fake.inject(METHOD, Fault::Drop, 1);
    seen.push(get_info(out, "dropped connection", &client, &existing).await?);
    seen.push(get_info(out, "and now it works", &client, &existing).await?);
    fake.shutdown().await;
    Ok(seen)
}

/// Against the real Flickr: a photo that does not exist and a bad API key.
async fn online(out: &mut (dyn Write + Send), client: Client) -> Result<Vec<Handled>, BoxError> {
    let bad: Client = Client::builder()
        .api_key("0".repeat(32))
        .endpoints(client.endpoints().clone())
        .build()?;
    Ok(vec![
        get_info(out, "photo that does not exist", &client, "1").await?,
        get_info(out, "bad API key", &bad, "1").await?,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn errors_are_told_apart_by_variant() {
        let seen = offline(&mut Vec::new()).await.expect("errors fails");
        assert_eq!(
            seen,
            vec![
                Handled::PhotoNotFound,
                Handled::InvalidApiKey,
                Handled::Http(503),
                Handled::Timeout,
                Handled::Transport,
                Handled::Found,
            ]
        );
    }
}
