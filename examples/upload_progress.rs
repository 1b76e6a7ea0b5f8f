//! `cargo run --example upload_progress [FILE]`: a file uploaded (as a
//! private photo) with a progress callback printing every 10%.
//!
//! With `FLICKR_API_KEY`, `FLICKR_API_SECRET`, `FLICKR_OAUTH_TOKEN` and
//! `FLICKR_OAUTH_TOKEN_SECRET` (a token with `write` permission; see the
//! `oauth_login` example) it uploads FILE to Flickr; without them it uploads
//! FILE (default: a generated 4 MiB file) to a loopback Flickr started in-process.

use std::path::PathBuf;
use std::process::ExitCode;

use flickr_examples::env::{loopback_client, ExampleError, FlickrEnv};
use flickr_examples::upload_progress::run;
use flickr_testkit::FakeFlickr;

async fn main_() -> Result<(), ExampleError> {
    let file = std::env::args().nth(1).map(PathBuf::from);
    let mut stdout = std::io::stdout();
    match FlickrEnv::from_env() {
        Some(env) => {
            let file = file.ok_or("usage: upload_progress FILE")?;
            run(&mut stdout, &env.client()?, &file, "Uploaded by flickr-rs").await?;
        }
        None => {
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
            let result = run(
                &mut stdout,
                &loopback_client(&fake)?,
                &path,
                "Uploaded by flickr-rs",
            )
            .await;
            let _ = std::fs::remove_file(&generated);
            result?;
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    flickr_examples::env::exit("upload_progress", main_().await)
}
