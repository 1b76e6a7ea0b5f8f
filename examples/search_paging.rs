//! `cargo run --example search_paging [TEXT]`: one `flickr.photos.search`
//! streamed photo by photo across every page with `.items()`, which asks
//! for the next page only when the previous one is used up.
//!
//! With `FLICKR_API_KEY` set (plus optionally `FLICKR_API_SECRET`,
//! `FLICKR_OAUTH_TOKEN`, `FLICKR_OAUTH_TOKEN_SECRET`, `FLICKR_ENDPOINT`) it
//! searches Flickr for TEXT (default `qwirkle`); without it, it streams every
//! public photo of a loopback Flickr started in-process.

use std::error::Error;
use std::io::Write;

use flickr_sdk::{Client, DateValue, PhotoId};
use flickr_testkit::FakeFlickr;
use futures::StreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let text = std::env::args().nth(1);
    let mut stdout = std::io::stdout();
    match Client::builder().from_env() {
        Some(builder) => {
            let text = text.unwrap_or_else(|| "qwirkle".to_owned());
            run(&mut stdout, &builder.build()?, Some(&text), 100).await?;
        }
        None => {
            let fake = FakeFlickr::builder().photos(45).start().await?;
            println!(
                "(no FLICKR_API_KEY: using a loopback Flickr at {})",
                fake.base_url()
            );
            run(&mut stdout, &fake.key_client(), text.as_deref(), 10).await?;
        }
    }
    Ok(())
}

/// Streams every photo matching `text` (or, without text, every photo
/// uploaded since 1970 that the caller may see), `per_page` at a time, and
/// returns their ids in order.
async fn run(
    out: &mut (dyn Write + Send),
    client: &Client,
    text: Option<&str>,
    per_page: u32,
) -> Result<Vec<PhotoId>, Box<dyn Error + Send + Sync>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_public_photo_is_streamed_page_by_page() {
        let fake = FakeFlickr::builder().photos(47).start().await.unwrap();
        let ids = run(&mut Vec::new(), &fake.key_client(), None, 10)
            .await
            .expect("search_paging fails");
        let mut got: Vec<u64> = ids.iter().map(|id| id.as_str().parse().unwrap()).collect();
        got.sort_unstable();
        let mut want = fake.public_photo_ids();
        want.sort_unstable();
        assert_eq!(got, want);
        assert!(fake.requests("flickr.photos.search") >= 5);
    }
}
