//! `cargo run --example oauth_login [TOKEN_FILE]`: the OAuth 1.0a flow
//! (request token → authorize URL → verifier → access token) and the access
//! token stored in `TOKEN_FILE` (default `flickr-token.env`), mode 0600 on unix.
//!
//! With `FLICKR_API_KEY` and `FLICKR_API_SECRET` set (and optionally
//! `FLICKR_ENDPOINT`) it runs against Flickr: open the printed URL, authorize
//! the app, and paste the code Flickr shows. Without them it starts a
//! loopback Flickr in-process, which approves the request token itself.

use std::path::PathBuf;
use std::process::ExitCode;

use flickr_examples::env::{ExampleError, FlickrEnv};
use flickr_examples::oauth_login::run;
use flickr_sdk::registry::Perms;
use flickr_sdk::Client;
use flickr_testkit::FakeFlickr;

async fn main_() -> Result<(), ExampleError> {
    let token_file = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "flickr-token.env".to_owned()),
    );
    let mut stdout = std::io::stdout();
    match FlickrEnv::from_env() {
        Some(env) => {
            let app = FlickrEnv { token: None, ..env }.client()?;
            run(&mut stdout, &app, Perms::Read, &token_file, |_, _| async {
                eprint!("paste the code Flickr shows: ");
                let mut line = String::new();
                std::io::stdin().read_line(&mut line)?;
                Ok(line)
            })
            .await?;
        }
        None => {
            let fake = FakeFlickr::start().await?;
            println!(
                "(no FLICKR_API_KEY: using a loopback Flickr at {})",
                fake.base_url()
            );
            let creds = fake.credentials();
            let app: Client = Client::builder()
                .app(creds.api_key, creds.api_secret)
                .base_url(&fake.base_url())
                .build()?;
            let fake = &fake;
            run(
                &mut stdout,
                &app,
                Perms::Read,
                &token_file,
                |_, token| async move {
                    let verifier = fake.approve(&token, Perms::Read);
                    Ok(verifier.ok_or("the loopback Flickr did not approve the token")?)
                },
            )
            .await?;
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    flickr_examples::env::exit("oauth_login", main_().await)
}
