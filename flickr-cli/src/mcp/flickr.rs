//! The only code of `flickr mcp` that calls Flickr: one method call through
//! the client's one call path, and the download of an image from Flickr's
//! static hosts. A change of the client's call API is a change here only.

use flickr_sdk::error::Error;
use flickr_sdk::registry::MethodInfo;
use flickr_sdk::Params;
use flickr_sdk::{CallOptions, CoreClient as Client, RawResponse};
use serde_json::Value;

/// The client and an HTTP client for static files.
#[derive(Clone)]
pub struct Flickr {
    client: Client,
    files: reqwest::Client,
}

/// An image as downloaded.
pub struct Image {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Its MIME type (from the answer, or guessed from the URL).
    pub mime: String,
}

impl Flickr {
    /// Wraps the CLI's client (credentials, endpoint, quota).
    pub fn new(client: Client) -> Flickr {
        Flickr {
            client,
            files: reqwest::Client::new(),
        }
    }

    /// Calls `method` (its arguments checked by the client before sending):
    /// one request to Flickr; the answer object (`stat` aside) as JSON.
    pub async fn call(&self, method: &'static MethodInfo, params: Params) -> Result<Value, Error> {
        let raw: RawResponse = self
            .client
            .call(method, params, &CallOptions::new())
            .await?;
        raw.to_value(method.name)
    }

    /// Downloads `url` if it is at most `cap` bytes; `Ok(None)` when larger.
    pub async fn image(&self, url: &str, cap: u64) -> Result<Option<Image>, String> {
        let mut answer = self
            .files
            .get(url)
            .send()
            .await
            .map_err(|e| format!("cannot download {url}: {e}"))?;
        if !answer.status().is_success() {
            return Err(format!("cannot download {url}: HTTP {}", answer.status()));
        }
        if answer.content_length().is_some_and(|n| n > cap) {
            return Ok(None);
        }
        let mime = answer
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .filter(|m| m.starts_with("image/"))
            .map(str::to_owned)
            .unwrap_or_else(|| mime_from_url(url).to_owned());
        let mut bytes = Vec::new();
        while let Some(chunk) = answer
            .chunk()
            .await
            .map_err(|e| format!("cannot download {url}: {e}"))?
        {
            bytes.extend_from_slice(&chunk);
            if bytes.len() as u64 > cap {
                return Ok(None);
            }
        }
        Ok(Some(Image { bytes, mime }))
    }
}

fn mime_from_url(url: &str) -> &'static str {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_ascii_lowercase();
    if path.ends_with(".png") {
        "image/png"
    } else if path.ends_with(".gif") {
        "image/gif"
    } else {
        "image/jpeg"
    }
}
