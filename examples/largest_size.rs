//! `cargo run --example largest_size [PHOTO_ID]`: the largest size Flickr
//! lists for a photo (`flickr.photos.getSizes`; no URL is built by hand),
//! then its bytes, saved as `largest-PHOTO_ID.jpg`.
//!
//! With `FLICKR_API_KEY` set (plus optionally the other `FLICKR_*`
//! variables) it asks Flickr about PHOTO_ID and downloads the image. Without
//! it, it asks a loopback Flickr started in-process about one of its seeded
//! photos and prints the chosen URL instead of downloading it.

use std::process::ExitCode;

use flickr_examples::env::{ExampleError, FlickrEnv};
use flickr_examples::largest_size::run;
use flickr_testkit::FakeFlickr;

async fn main_() -> Result<(), ExampleError> {
    let photo = std::env::args().nth(1);
    let mut stdout = std::io::stdout();
    match FlickrEnv::from_env() {
        Some(env) => {
            let photo = photo.ok_or("usage: largest_size PHOTO_ID")?;
            let largest = run(&mut stdout, &env.client()?, &photo, true).await?;
            if let Some(bytes) = largest.bytes {
                let file = format!("largest-{photo}.jpg");
                std::fs::write(&file, bytes)?;
                println!("saved {file}");
            }
        }
        None => {
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
            let client = flickr_examples::env::loopback_key_client(&fake)?;
            run(&mut stdout, &client, &photo, false).await?;
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    flickr_examples::env::exit("largest_size", main_().await)
}
