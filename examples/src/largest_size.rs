//! The logic behind `cargo run --example largest_size`: the largest size
//! Flickr lists for a photo (`flickr.photos.getSizes`, never a URL built by
//! hand for a size that may not exist), then its bytes.
//!
//! The loopback Flickr serves no static images: offline the example prints
//! the chosen URL instead of downloading it.

use std::io::Write;

use flickr_api::types::Size;
use flickr_api::Client;

use crate::env::ExampleError;

/// The size chosen, and its bytes when they were fetched.
#[derive(Debug, Clone)]
pub struct Largest {
    /// The size's label (`Original`, `Large 2048`, …).
    pub label: String,
    /// Its width in pixels.
    pub width: i64,
    /// Its height in pixels.
    pub height: i64,
    /// The image URL Flickr listed for it.
    pub source: String,
    /// The image, when `download` was asked for.
    pub bytes: Option<Vec<u8>>,
}

/// The largest listed size (by pixel count, then width) that has a URL and
/// known dimensions; video sizes are skipped.
pub fn pick_largest(sizes: &[Size]) -> Option<&Size> {
    sizes
        .iter()
        .filter(|s| s.source.is_some())
        .filter(|s| {
            !matches!(
                s.media.as_ref().and_then(|m| m.known()),
                Some(flickr_api::types::MediaType::Video)
            )
        })
        .filter_map(|s| Some((s, s.width?, s.height?)))
        .max_by_key(|(_, w, h)| (w * h, *w))
        .map(|(s, _, _)| s)
}

/// Lists `photo_id`'s sizes, picks the largest and, when `download`, fetches it.
pub async fn run(
    out: &mut (dyn Write + Send),
    client: &Client,
    photo_id: &str,
    download: bool,
) -> Result<Largest, ExampleError> {
    let list = client.photos().get_sizes(photo_id).send().await?;
    for s in &list.sizes {
        writeln!(
            out,
            "  {:<14} {:>5} × {:<5}",
            s.label.as_deref().unwrap_or("?"),
            s.width.unwrap_or(0),
            s.height.unwrap_or(0)
        )?;
    }
    let best = pick_largest(&list.sizes).ok_or("Flickr listed no downloadable size")?;
    let (width, height) = (best.width.unwrap_or(0), best.height.unwrap_or(0));
    let label = best.label.clone().unwrap_or_default();
    let source = best.source.clone().unwrap_or_default();
    writeln!(out, "largest: {label} ({width} × {height})\n  {source}")?;
    let bytes = if download {
        let bytes = fetch(&source).await?;
        writeln!(out, "downloaded {} bytes", bytes.len())?;
        Some(bytes)
    } else {
        writeln!(out, "(not downloaded)")?;
        None
    };
    Ok(Largest {
        label,
        width,
        height,
        source,
        bytes,
    })
}

/// GETs `url` and returns the body, failing on a non-2xx status.
pub async fn fetch(url: &str) -> Result<Vec<u8>, ExampleError> {
    let response = reqwest::get(url).await?.error_for_status()?;
    Ok(response.bytes().await?.to_vec())
}
