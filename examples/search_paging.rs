//! `cargo run --example search_paging [TEXT]`: one `flickr.photos.search`
//! streamed photo by photo across every page with `.items()`.
//!
//! With `FLICKR_API_KEY` set (plus optionally `FLICKR_API_SECRET`,
//! `FLICKR_OAUTH_TOKEN`, `FLICKR_OAUTH_TOKEN_SECRET`, `FLICKR_ENDPOINT`) it
//! searches Flickr for TEXT (default `qwirkle`); without it, it streams every
//! public photo of a loopback Flickr started in-process.

use std::process::ExitCode;

use flickr_examples::env::{ExampleError, FlickrEnv};
use flickr_examples::search_paging::run;
use flickr_testkit::FakeFlickr;

async fn main_() -> Result<(), ExampleError> {
    let text = std::env::args().nth(1);
    let mut stdout = std::io::stdout();
    match FlickrEnv::from_env() {
        Some(env) => {
            let text = text.unwrap_or_else(|| "qwirkle".to_owned());
            run(&mut stdout, &env.client()?, Some(&text), 100).await?;
        }
        None => {
            let fake = FakeFlickr::builder().photos(45).start().await?;
            println!(
                "(no FLICKR_API_KEY: using a loopback Flickr at {})",
                fake.base_url()
            );
            let client = flickr_examples::env::loopback_key_client(&fake)?;
            run(&mut stdout, &client, text.as_deref(), 10).await?;
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    flickr_examples::env::exit("search_paging", main_().await)
}
