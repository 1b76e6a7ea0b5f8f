//! The logic behind `cargo run --example search_paging`: one
//! `flickr.photos.search` streamed photo by photo across every page with
//! `.items()`, which asks for the next page only when the previous one is used up.

use std::io::Write;

use flickr_sdk::{Client, DateValue, PhotoId};
use futures::StreamExt;

use crate::env::ExampleError;

/// Streams every photo matching `text` (or, without text, every photo
/// uploaded since 1970 that the caller may see), `per_page` at a time, and
/// returns their ids in order.
pub async fn run(
    out: &mut (dyn Write + Send),
    client: &Client,
    text: Option<&str>,
    per_page: u32,
) -> Result<Vec<PhotoId>, ExampleError> {
    let mut search = client.photos().search().per_page(per_page);
    search = match text {
        Some(text) => search.text(text),
        // Flickr refuses parameterless searches; a date filter matches everything.
        None => search.min_upload_date(DateValue::unix(1)),
    };
    let mut photos = search.items();
    let mut ids = Vec::new();
    while let Some(photo) = photos.next().await {
        let photo = photo?;
        if ids.len() % per_page as usize == 0 {
            writeln!(out, "page {}:", ids.len() / per_page as usize + 1)?;
        }
        writeln!(
            out,
            "  {:<12} {}",
            photo.id.as_str(),
            photo.title.as_deref().unwrap_or("")
        )?;
        ids.push(photo.id);
    }
    writeln!(out, "{} photos streamed", ids.len())?;
    Ok(ids)
}
