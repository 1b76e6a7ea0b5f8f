//! `cargo run --example largest_size [PHOTO_ID]`: the largest size Flickr
//! lists for a photo (`flickr.photos.getSizes`, never a URL built by hand
//! for a size that may not exist), then its bytes, saved as
//! `largest-PHOTO_ID.jpg`.
//!
//! With `FLICKR_API_KEY` set (plus optionally the other `FLICKR_*`
//! variables) it asks Flickr about PHOTO_ID and downloads the image. Without
//! it, it asks a loopback Flickr started in-process about one of its seeded
//! photos and prints the chosen URL instead of downloading it.

use std::io::Write;

use flickr_sdk::sizes::{AvailableSizes, Size, Want};
use flickr_sdk::Client;
use flickr_testkit::FakeFlickr;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let photo = std::env::args().nth(1);
    let mut stdout = std::io::stdout();
    if let Some(builder) = Client::builder().from_env() {
        let photo = photo.ok_or("usage: largest_size PHOTO_ID")?;
        let largest = run(&mut stdout, &builder.build()?, &photo, true).await?;
        if let Some(bytes) = largest.bytes {
            let file = format!("largest-{photo}.jpg");
            std::fs::write(&file, bytes)?;
            let (w, h) = largest.dimensions.unwrap_or_default();
            println!(
                "saved {file}: {} ({w} × {h}) from {}",
                largest.size, largest.source
            );
        }
        return Ok(());
    }
    let fake = FakeFlickr::builder().photos(10).start().await?;
    println!(
        "(no FLICKR_API_KEY: using a loopback Flickr at {})",
        fake.base_url()
    );
    let photo = match photo {
        Some(p) => p,
        None => fake
            .public_photo_ids()
            .first()
            .ok_or("no seeded photo")?
            .to_string(),
    };
    run(&mut stdout, &fake.key_client(), &photo, false).await?;
    Ok(())
}

/// The size chosen, and its bytes when they were fetched.
#[derive(Debug, Clone)]
struct Largest {
    /// The size (`Size::Original` when Flickr lists the original).
    size: Size,
    /// Its width and height in pixels, when Flickr gave them.
    dimensions: Option<(u32, u32)>,
    /// The image URL Flickr listed for it.
    source: String,
    /// The image, when `download` was asked for.
    bytes: Option<Vec<u8>>,
}

/// Lists `photo_id`'s sizes ([`AvailableSizes::fetch`]), picks the largest and, when
/// `download`, fetches it. A free account's photo lists neither its
/// original nor anything above 1024 px: the largest is then 1024 px.
async fn run(
    out: &mut (dyn Write + Send),
    client: &Client,
    photo_id: &str,
    download: bool,
) -> Result<Largest, BoxError> {
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
async fn fetch(url: &str) -> Result<Vec<u8>, BoxError> {
    let response = reqwest::get(url).await?.error_for_status()?;
    Ok(response.bytes().await?.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn largest_size_is_the_largest_listed() {
        let fake = FakeFlickr::builder().photos(5).start().await.unwrap();
        let client = fake.key_client();
        let id = fake.public_photo_ids()[0].to_string();
        let mut out = Vec::new();
        let largest = run(&mut out, &client, &id, false)
            .await
            .expect("largest_size fails");
        let sizes = client
            .photos()
            .get_sizes(id.as_str())
            .send()
            .await
            .unwrap()
            .sizes;
        let listed = sizes
            .iter()
            .find(|s| s.source.as_deref() == Some(largest.source.as_str()))
            .expect("the chosen URL is not one Flickr listed");
        let (w, h) = largest.dimensions.expect("dimensions");
        assert_eq!(listed.width, Some(i64::from(w)));
        assert_eq!(listed.height, Some(i64::from(h)));
        for s in &sizes {
            let area = s.width.unwrap_or(0) * s.height.unwrap_or(0);
            assert!(area <= i64::from(w) * i64::from(h), "{s:?} is larger");
        }
        // Not asked to download: nothing was.
        assert!(largest.bytes.is_none());
    }

    #[tokio::test]
    async fn largest_size_fetch_returns_the_bytes() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        // A one-shot static host standing in for live.staticflickr.com.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf).await.unwrap();
            let body = [0xff, 0xd8, 0xff, 0xe0, 1, 2, 3];
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes()).await.unwrap();
            stream.write_all(&body).await.unwrap();
        });
        let bytes = fetch(&format!("http://{addr}/1/2_abc_o.jpg"))
            .await
            .expect("fetch fails");
        assert_eq!(bytes, [0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
        server.await.unwrap();
    }
}
