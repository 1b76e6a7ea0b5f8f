//! The logic behind `cargo run --example largest_size`: the largest size
//! Flickr lists for a photo (`flickr.photos.getSizes`, never a URL built by
//! hand for a size that may not exist), then its bytes.
//!
//! Offline (against the loopback Flickr) the example prints the chosen URL
//! instead of downloading it.

use std::io::Write;

use flickr_sdk::sizes::{AvailableSizes, Size, Want};
use flickr_sdk::Client;

use crate::env::ExampleError;

/// The size chosen, and its bytes when they were fetched.
#[derive(Debug, Clone)]
pub struct Largest {
    /// The size (`Size::Original` when Flickr lists the original).
    pub size: Size,
    /// Its width and height in pixels, when Flickr gave them.
    pub dimensions: Option<(u32, u32)>,
    /// The image URL Flickr listed for it.
    pub source: String,
    /// The image, when `download` was asked for.
    pub bytes: Option<Vec<u8>>,
}

/// Lists `photo_id`'s sizes ([`AvailableSizes::fetch`]), picks the largest and, when
/// `download`, fetches it. A free account's photo lists neither its
/// original nor anything above 1024 px: the largest is then 1024 px.
pub async fn run(
    out: &mut (dyn Write + Send),
    client: &Client,
    photo_id: &str,
    download: bool,
) -> Result<Largest, ExampleError> {
    let sizes = AvailableSizes::fetch(client, photo_id).await?;
    for l in sizes.listed() {
        let (w, h) = l.dimensions.unwrap_or_default();
        writeln!(out, "  {:<18} {w:>5} × {h:<5}", l.size.to_string())?;
    }
    let best = sizes.pick(Want::Largest)?;
    let (w, h) = best.dimensions.unwrap_or_default();
    writeln!(out, "largest: {} ({w} × {h})\n  {}", best.size, best.url)?;
    let bytes = if download {
        let bytes = fetch(&best.url).await?;
        writeln!(out, "downloaded {} bytes", bytes.len())?;
        Some(bytes)
    } else {
        writeln!(out, "(not downloaded)")?;
        None
    };
    Ok(Largest {
        size: best.size,
        dimensions: best.dimensions,
        source: best.url.clone(),
        bytes,
    })
}

/// GETs `url` and returns the body, failing on a non-2xx status.
pub async fn fetch(url: &str) -> Result<Vec<u8>, ExampleError> {
    let response = reqwest::get(url).await?.error_for_status()?;
    Ok(response.bytes().await?.to_vec())
}
