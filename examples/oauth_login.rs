//! `cargo run --example oauth_login [TOKEN_FILE]`: the OAuth 1.0a flow
//! (request token → authorize URL → verifier → access token), then the
//! access token stored in `TOKEN_FILE` (default `flickr-token.env`), a file
//! only its owner can read (mode 0600 on unix).
//!
//! With `FLICKR_API_KEY` and `FLICKR_API_SECRET` set (and optionally
//! `FLICKR_ENDPOINT`) it runs against Flickr: open the printed URL, authorize
//! the app, and paste the code Flickr shows. Without them it starts a
//! loopback Flickr in-process, which approves the request token itself.

use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};

use flickr_sdk::oauth;
use flickr_sdk::oauth::AccessTokenReply;
use flickr_sdk::registry::Perms;
use flickr_sdk::Client;
use flickr_testkit::FakeFlickr;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let token_file = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "flickr-token.env".to_owned()),
    );
    let mut stdout = std::io::stdout();
    if let Some(builder) = Client::builder().from_env() {
        // The app's key and secret only: the flow makes the token.
        let env: Client = builder.build()?;
        let creds = env.credentials().clone().without_token();
        if !creds.can_sign() {
            return Err("the OAuth flow is signed: set FLICKR_API_SECRET too".into());
        }
        let app: Client = Client::builder()
            .credentials(creds)
            .endpoints(env.endpoints().clone())
            .build()?;
        run(&mut stdout, &app, Perms::Read, &token_file, |_, _| async {
            eprint!("paste the code Flickr shows: ");
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            Ok(line)
        })
        .await?;
        return Ok(());
    }
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
    Ok(())
}

/// Runs the flow with an app-only client (`.app(key, secret)`).
///
/// `get_verifier` gets the authorize URL the user must open and the request
/// token, and returns the verifier code Flickr shows after "OK, I'll
/// authorize it". The access token is written to `token_file`.
async fn run<F, Fut>(
    out: &mut (dyn Write + Send),
    app: &Client,
    perms: Perms,
    token_file: &Path,
    get_verifier: F,
) -> Result<AccessTokenReply, BoxError>
where
    F: FnOnce(String, String) -> Fut,
    Fut: Future<Output = Result<String, BoxError>>,
{
    // 1. A request token (oob: the user copies the verifier by hand).
    let request = oauth::request_token(app.core(), None).await?;
    // 2. The page where the user grants `perms`.
    let url = oauth::authorize_url(app.endpoints(), &request, perms);
    writeln!(out, "open this URL and authorize the app:\n  {url}")?;
    // 3. The verifier the user copies from Flickr.
    let verifier = get_verifier(url.to_string(), request.token.clone()).await?;
    // 4. The access token.
    let access = oauth::access_token(app.core(), &request, verifier.trim()).await?;
    writeln!(
        out,
        "authorized as {} ({})",
        access.username,
        access.user_nsid.as_str()
    )?;
    // 5. Check it, then store it.
    let signed: Client = Client::builder()
        .credentials(app.credentials().clone().with_token(access.token.clone()))
        .endpoints(app.endpoints().clone())
        .build()?;
    let info = oauth::check_token(signed.core()).await?;
    writeln!(out, "token holds `{}` permission", info.perms)?;
    store_token(token_file, &access)?;
    writeln!(out, "token stored in {}", token_file.display())?;
    Ok(access)
}

/// Writes the token as `FLICKR_OAUTH_TOKEN=…` / `FLICKR_OAUTH_TOKEN_SECRET=…`
/// lines (ready to `source`), readable by its owner only on unix.
fn store_token(path: &Path, access: &AccessTokenReply) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    // `mode` only applies to a new file: tighten an existing one too.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    writeln!(file, "FLICKR_OAUTH_TOKEN={}", access.token.token)?;
    writeln!(
        file,
        "FLICKR_OAUTH_TOKEN_SECRET={}",
        access.token.secret.expose()
    )?;
    writeln!(file, "FLICKR_USER_NSID={}", access.user_nsid.as_str())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn oauth_login_stores_the_token_owner_only() {
        let fake = FakeFlickr::start().await.unwrap();
        let creds = fake.credentials();
        let app: Client = Client::builder()
            .app(creds.api_key, creds.api_secret)
            .base_url(&fake.base_url())
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("token.env");
        let fake_ref = &fake;
        let mut out = Vec::new();
        let access = run(
            &mut out,
            &app,
            Perms::Write,
            &file,
            |url, token| async move {
                assert!(
                    url.contains(&token),
                    "authorize URL {url} lacks the request token"
                );
                Ok(fake_ref
                    .approve(&token, Perms::Write)
                    .ok_or("not approved")?)
            },
        )
        .await
        .expect("oauth_login fails");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains(&format!("FLICKR_OAUTH_TOKEN={}\n", access.token.token)));
        assert!(text.contains(&format!(
            "FLICKR_OAUTH_TOKEN_SECRET={}\n",
            access.token.secret.expose()
        )));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // The stored token works.
        let signed: Client = Client::builder()
            .oauth(
                fake.credentials().api_key,
                fake.credentials().api_secret,
                access.token.token.clone(),
                access.token.secret.expose().to_owned(),
            )
            .base_url(&fake.base_url())
            .build()
            .unwrap();
        signed
            .test()
            .login()
            .send()
            .await
            .expect("the stored token is refused");
    }
}
