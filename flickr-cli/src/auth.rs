//! `flickr auth login|status|logout`.

use crate::cli::{Cli, LoginArgs, LogoutArgs, PermsArg, StatusArgs};
use crate::config::{self, abbreviate};
use crate::fail::{Fail, Result};
use crate::setup;
use flickr_sdk::oauth::{self, RequestToken};
use flickr_sdk::registry::Perms;
use flickr_sdk::Credentials;
use std::io::{BufRead, Write};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// `flickr auth login`: the OAuth 1.0a dance, then the token is stored in the profile.
pub async fn login(cli: &Cli, args: &LoginArgs) -> Result<()> {
    let mut profile = setup::effective_profile(cli)?;
    if let Some(key) = &args.api_key {
        profile.api_key = Some(key.clone());
    }
    let Some(key) = profile.api_key.clone() else {
        return Err(Fail::config(
            "logging in needs the application's API key and secret: set FLICKR_API_KEY and \
             FLICKR_API_SECRET (or pass --api-key); get them at https://www.flickr.com/services/apps/create/",
        ));
    };
    let secret = match profile.api_secret.clone() {
        Some(s) => s,
        None => prompt("API secret (input is read from standard input): ")?,
    };
    if secret.is_empty() {
        return Err(Fail::config(
            "the API secret is empty: set FLICKR_API_SECRET",
        ));
    }
    profile.api_secret = Some(secret.clone());
    let app = setup::client(cli, Credentials::app(&key, &secret)).await?;
    let perms = match args.perms {
        PermsArg::Read => Perms::Read,
        PermsArg::Write => Perms::Write,
        PermsArg::Delete => Perms::Delete,
    };

    let (request, verifier) = if args.oob {
        let request = oauth::request_token(&app, None).await?;
        show_authorize_url(&app, &request, perms, args.no_browser);
        let verifier =
            prompt("Paste the code Flickr shows after you authorize (e.g. 123-456-789): ")?;
        if verifier.is_empty() {
            return Err(Fail::usage("no verification code was entered"));
        }
        (request, verifier)
    } else {
        let listener = TcpListener::bind(("127.0.0.1", args.port))
            .await
            .map_err(|e| Fail::config(format!("cannot listen on 127.0.0.1:{}: {e}", args.port)))?;
        let port = listener.local_addr()?.port();
        let callback = format!("http://127.0.0.1:{port}/callback");
        let request = oauth::request_token(&app, Some(&callback)).await?;
        show_authorize_url(&app, &request, perms, args.no_browser);
        eprintln!("Waiting for Flickr to redirect to {callback} …");
        let wait = Duration::from_secs(args.wait.max(1));
        let verifier = tokio::time::timeout(wait, wait_for_callback(&listener, &request.token))
            .await
            .map_err(|_| {
                Fail::failed(format!(
                    "no authorization arrived within {} s; run `flickr auth login` again (or use --oob)",
                    wait.as_secs()
                ))
            })??;
        (request, verifier)
    };

    let access = oauth::access_token(&app, &request, &verifier).await?;
    profile.oauth_token = Some(access.token.token.clone());
    profile.oauth_token_secret = Some(access.token.secret.expose().to_owned());
    profile.user_nsid = Some(access.user_nsid.to_string());
    profile.username = Some(access.username.clone());
    profile.perms = Some(perms.as_str().to_owned());
    let path = config::save(&cli.profile, &profile)?;
    println!(
        "Logged in as {} ({}) with `{}` permission; saved to profile `{}` ({})",
        if access.username.is_empty() {
            "?"
        } else {
            access.username.as_str()
        },
        access.user_nsid,
        perms,
        cli.profile,
        path.display()
    );
    Ok(())
}

fn show_authorize_url(
    app: &flickr_sdk::CoreClient,
    request: &RequestToken,
    perms: Perms,
    no_browser: bool,
) {
    let url = oauth::authorize_url(app.endpoints(), request, perms);
    eprintln!("Open this URL to authorize flickr-rs:\n\n{url}\n");
    if !no_browser && !open_browser(url.as_str()) {
        eprintln!("(could not open a browser: open the URL yourself)");
    }
}

/// Tries the platform's URL opener; true if it started.
fn open_browser(url: &str) -> bool {
    let candidates: &[(&str, &[&str])] = if cfg!(target_os = "macos") {
        &[("open", &[])]
    } else if cfg!(windows) {
        &[("rundll32", &["url.dll,FileProtocolHandler"])]
    } else {
        &[("xdg-open", &[])]
    };
    candidates.iter().any(|(cmd, pre)| {
        std::process::Command::new(cmd)
            .args(*pre)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
    })
}

/// Serves the loopback callback until Flickr redirects with our token and a verifier.
async fn wait_for_callback(listener: &TcpListener, token: &str) -> Result<String> {
    loop {
        let (mut stream, _) = listener.accept().await?;
        let mut buf = Vec::with_capacity(2048);
        let mut chunk = [0u8; 2048];
        // Read the request head (bounded).
        while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let head = String::from_utf8_lossy(&buf);
        let target = head
            .lines()
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("");
        let parsed = url::Url::parse(&format!("http://127.0.0.1{target}")).ok();
        let (path, query) = match &parsed {
            Some(u) => (u.path().to_owned(), u.query_pairs().collect::<Vec<_>>()),
            None => (String::new(), Vec::new()),
        };
        let get = |name: &str| {
            query
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.to_string())
        };
        let (status, body, verifier) = if path != "/callback" {
            ("404 Not Found", "Not found.", None)
        } else if get("oauth_token").as_deref() != Some(token) {
            (
                "400 Bad Request",
                "This authorization is for another login attempt.",
                None,
            )
        } else if let Some(v) = get("oauth_verifier").filter(|v| !v.is_empty()) {
            (
                "200 OK",
                "flickr-rs is authorized. You can close this tab.",
                Some(v),
            )
        } else {
            ("400 Bad Request", "The authorization was refused.", None)
        };
        let page = format!("<!doctype html><html><body><p>{body}</p></body></html>");
        let reply = format!(
            "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
            page.len()
        );
        let _ = stream.write_all(reply.as_bytes()).await;
        let _ = stream.shutdown().await;
        if let Some(v) = verifier {
            return Ok(v);
        }
        if path == "/callback" && get("oauth_token").as_deref() == Some(token) {
            return Err(Fail::failed(
                "Flickr did not grant access (the callback carried no verifier)",
            ));
        }
    }
}

/// Reads one line from standard input after printing `question` on stderr.
fn prompt(question: &str) -> Result<String> {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_owned())
}

/// `flickr auth status`: what is stored (secrets hidden) and what Flickr says of the token.
pub async fn status(cli: &Cli, args: &StatusArgs) -> Result<()> {
    let path = config::profile_path(&cli.profile)?;
    let profile = setup::effective_profile(cli)?;
    let show = |v: &Option<String>, secret: bool| match v {
        None => "not set".to_owned(),
        Some(v) if args.show_secrets => v.clone(),
        Some(_) if secret => "set (hidden; --show-secrets prints it)".to_owned(),
        Some(v) => abbreviate(v),
    };
    let overridden: Vec<&str> = setup::ENV_VARS
        .iter()
        .copied()
        .filter(|v| std::env::var(v).is_ok_and(|x| !x.trim().is_empty()))
        .collect();
    println!("profile:            {} ({})", cli.profile, path.display());
    if !overridden.is_empty() {
        println!("from environment:   {}", overridden.join(", "));
    }
    println!("api key:            {}", show(&profile.api_key, false));
    println!("api secret:         {}", show(&profile.api_secret, true));
    println!("oauth token:        {}", show(&profile.oauth_token, false));
    println!(
        "oauth token secret: {}",
        show(&profile.oauth_token_secret, true)
    );
    if let Some(user) = &profile.username {
        println!(
            "stored user:        {} ({})",
            user,
            profile.user_nsid.as_deref().unwrap_or("?")
        );
    }
    if profile.oauth_token.is_none() || profile.oauth_token_secret.is_none() {
        return Err(Fail::config(format!(
            "profile `{}` is not logged in: run `flickr auth login`",
            cli.profile
        )));
    }
    if args.offline {
        return Ok(());
    }
    let client = setup::client(cli, setup::credentials(&profile)).await?;
    let info = oauth::check_token(&client).await.map_err(|e| {
        let mut f = Fail::from(e);
        f.message
            .push_str("\nhint: the token may be revoked: run `flickr auth login` again");
        f
    })?;
    println!(
        "token:              valid for {} ({}) with `{}` permission",
        if info.username.is_empty() {
            "?"
        } else {
            info.username.as_str()
        },
        info.user_nsid,
        info.perms
    );
    Ok(())
}

/// `flickr auth logout`: drops the token (or, with `--all`, the profile).
pub fn logout(cli: &Cli, args: &LogoutArgs) -> Result<()> {
    let path = config::profile_path(&cli.profile)?;
    if args.all {
        if config::delete(&cli.profile)? {
            println!("Deleted profile `{}` ({})", cli.profile, path.display());
        } else {
            println!("Profile `{}` did not exist", cli.profile);
        }
        return Ok(());
    }
    let mut profile = config::load(&cli.profile)?;
    if profile.oauth_token.is_none() && profile.oauth_token_secret.is_none() {
        println!("Profile `{}` holds no token", cli.profile);
        return Ok(());
    }
    profile.oauth_token = None;
    profile.oauth_token_secret = None;
    profile.user_nsid = None;
    profile.username = None;
    profile.perms = None;
    config::save(&cli.profile, &profile)?;
    println!(
        "Logged out: removed the token from profile `{}` ({}); the API key and secret stay (--all removes them)",
        cli.profile,
        path.display()
    );
    Ok(())
}
