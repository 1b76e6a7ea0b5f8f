//! The logic behind `cargo run --example oauth_login`: the OAuth 1.0a flow
//! (request token → authorize URL → verifier → access token), then the
//! access token stored in a file only its owner can read (mode 0600 on unix).

use std::future::Future;
use std::io::Write;
use std::path::Path;

use flickr_sdk::oauth;
use flickr_sdk::oauth::AccessTokenReply;
use flickr_sdk::registry::Perms;
use flickr_sdk::Client;

use crate::env::ExampleError;

/// Runs the flow with an app-only client (`.app(key, secret)`).
///
/// `get_verifier` gets the authorize URL the user must open and the request
/// token, and returns the verifier code Flickr shows after "OK, I'll
/// authorize it". The access token is written to `token_file`.
pub async fn run<F, Fut>(
    out: &mut (dyn Write + Send),
    app: &Client,
    perms: Perms,
    token_file: &Path,
    get_verifier: F,
) -> Result<AccessTokenReply, ExampleError>
where
    F: FnOnce(String, String) -> Fut,
    Fut: Future<Output = Result<String, ExampleError>>,
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
pub fn store_token(path: &Path, access: &AccessTokenReply) -> std::io::Result<()> {
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
