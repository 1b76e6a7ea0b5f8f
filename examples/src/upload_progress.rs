//! The logic behind `cargo run --example upload_progress`: a file uploaded
//! from disk (streamed, never read whole into memory) with a progress
//! callback printing how much has been sent.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use flickr_sdk::upload::{Upload, UploadReply};
use flickr_sdk::{Client, PhotoId};

use crate::env::ExampleError;

/// What the upload did.
#[derive(Debug, Clone)]
pub struct Uploaded {
    /// The new photo.
    pub photo_id: PhotoId,
    /// Every `(sent, total)` the progress callback saw, in order.
    pub progress: Vec<(u64, u64)>,
}

/// Uploads `path` as a private photo titled `title`, reporting progress in
/// steps of 10%.
pub async fn run(
    out: &mut (dyn Write + Send),
    client: &Client,
    path: &Path,
    title: &str,
) -> Result<Uploaded, ExampleError> {
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
