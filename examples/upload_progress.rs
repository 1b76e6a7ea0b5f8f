//! `cargo run --example upload_progress [FILE]`: a file uploaded (as a
//! private photo) from disk, streamed and never read whole into memory,
//! with a progress callback printing every 10%.
//!
//! With `FLICKR_API_KEY`, `FLICKR_API_SECRET`, `FLICKR_OAUTH_TOKEN` and
//! `FLICKR_OAUTH_TOKEN_SECRET` (a token with `write` permission; see the
//! `oauth_login` example) it uploads FILE to Flickr; without them it uploads
//! FILE (default: a generated 4 MiB file) to a loopback Flickr started in-process.

use std::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use flickr_sdk::upload::{Upload, UploadReply};
use flickr_sdk::{Client, PhotoId};
use flickr_testkit::FakeFlickr;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let file = std::env::args().nth(1).map(PathBuf::from);
    let mut stdout = std::io::stdout();
    if let Some(builder) = Client::builder().from_env() {
        let file = file.ok_or("usage: upload_progress FILE")?;
        let up = run(
            &mut stdout,
            &builder.build()?,
            &file,
            "Uploaded by flickr-rs",
        )
        .await?;
        return report(&up);
    }
    let fake = FakeFlickr::start().await?;
    println!(
        "(no FLICKR_* credentials: using a loopback Flickr at {})",
        fake.base_url()
    );
    let generated =
        std::env::temp_dir().join(format!("flickr-rs-upload-{}.jpg", std::process::id()));
    let path = match file {
        Some(file) => file,
        None => {
            std::fs::write(&generated, vec![0x5a; 4 * 1024 * 1024])?;
            generated.clone()
        }
    };
    let result = run(&mut stdout, &fake.client(), &path, "Uploaded by flickr-rs").await;
    let _ = std::fs::remove_file(&generated);
    report(&result?)
}

/// Where the photo is, and how often progress was reported.
fn report(up: &Uploaded) -> Result<(), Box<dyn Error + Send + Sync>> {
    println!(
        "photo {} ({} progress reports)",
        up.photo_id.as_str(),
        up.progress.len()
    );
    Ok(())
}

/// What the upload did.
#[derive(Debug, Clone)]
struct Uploaded {
    /// The new photo.
    photo_id: PhotoId,
    /// Every `(sent, total)` the progress callback saw, in order.
    progress: Vec<(u64, u64)>,
}

/// Uploads `path` as a private photo titled `title`, reporting progress in
/// steps of 10%.
async fn run(
    out: &mut (dyn Write + Send),
    client: &Client,
    path: &Path,
    title: &str,
) -> Result<Uploaded, Box<dyn Error + Send + Sync>> {
    let seen = Arc::new(Mutex::new(Vec::<(u64, u64)>::new()));
    let sink = seen.clone();
    let reply = Upload::from_path(path)
        .title(title)
        .is_public(false)
        .on_progress(move |sent, total| {
            if let Ok(mut v) = sink.lock() {
                v.push((sent, total));
            }
        })
        .send(client.core())
        .await?;
    let progress = seen.lock().map(|v| v.clone()).unwrap_or_default();
    let mut last_step = None;
    for (sent, total) in &progress {
        let step = sent * 10 / (*total).max(1);
        if last_step != Some(step) {
            writeln!(out, "  {:>3}%  {sent} of {total} bytes", step * 10)?;
            last_step = Some(step);
        }
    }
    let UploadReply::Photo { id, .. } = reply else {
        return Err("expected a photo id from a synchronous upload".into());
    };
    writeln!(out, "uploaded as photo {}", id.as_str())?;
    Ok(Uploaded {
        photo_id: id,
        progress,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn progress_is_reported_to_the_end() {
        let fake = FakeFlickr::start().await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.jpg");
        let len = 3 * 1024 * 1024 + 17;
        std::fs::write(&path, vec![0x42; len]).unwrap();
        let mut out = Vec::new();
        let up = run(&mut out, &fake.client(), &path, "Progress")
            .await
            .expect("upload_progress fails");
        let id: u64 = up.photo_id.as_str().parse().unwrap();
        let photo = fake.photo(id).expect("the uploaded photo does not exist");
        assert_eq!(photo.title, "Progress");
        assert_eq!(fake.uploads().last().unwrap().size, len as u64);
        let (sent, total) = *up.progress.last().expect("no progress reported");
        assert_eq!(sent, total);
        assert!(up.progress.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(String::from_utf8(out).unwrap().contains("100%"));
    }
}
