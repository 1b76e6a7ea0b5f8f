//! `flickr auth` against the loopback Flickr: the loopback-callback flow,
//! the out-of-band flow, status, logout, profiles with 0600 permissions.

mod common;

use common::{flickr, Server};
use predicates::prelude::*;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};

fn login_command(server: &Server, config: &std::path::Path, extra: &[&str]) -> Child {
    let creds = server.fake.credentials();
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("flickr"));
    for var in [
        "FLICKR_OAUTH_TOKEN",
        "FLICKR_OAUTH_TOKEN_SECRET",
        "FLICKR_PROFILE",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("FLICKR_CONFIG_DIR", config)
        .env("FLICKR_ENDPOINT", server.base_url())
        .env("FLICKR_API_KEY", &creds.api_key)
        .env("FLICKR_API_SECRET", &creds.api_secret)
        .args([
            "--profile",
            "work",
            "auth",
            "login",
            "--no-browser",
            "--wait",
            "60",
        ])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.spawn().unwrap()
}

/// Reads stderr until the authorize URL appears; returns it and the lines seen.
fn authorize_url(child: &mut Child) -> String {
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.starts_with("http") && line.contains("/services/oauth/authorize") {
            // Keep draining stderr so the child never blocks on a full pipe.
            std::thread::spawn(move || for _ in lines {});
            return line.trim().to_owned();
        }
        seen.push(line);
    }
    panic!("no authorize URL in stderr: {seen:?}");
}

fn finish(child: Child) -> String {
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "login failed: {stdout}");
    stdout
}

#[cfg(unix)]
fn assert_private(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{}", path.display());
}

#[cfg(not(unix))]
fn assert_private(_path: &std::path::Path) {}

#[test]
fn login_with_the_loopback_callback_then_status_and_logout() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let mut child = login_command(&server, dir.path(), &["--perms", "write"]);
    let url = authorize_url(&mut child);
    // The user's browser: the fake approves at once and redirects to our listener.
    let page = server
        .runtime
        .block_on(async { reqwest::get(&url).await.unwrap().text().await.unwrap() });
    assert!(page.contains("authorized"), "{page}");
    let stdout = finish(child);
    assert!(stdout.contains("Logged in as alice"), "{stdout}");
    assert!(stdout.contains("`write` permission"), "{stdout}");

    let profile = dir.path().join("profiles/work.toml");
    assert_private(&profile);
    let stored = std::fs::read_to_string(&profile).unwrap();
    assert!(stored.contains("oauth_token_secret"), "{stored}");
    let token_secret = stored
        .lines()
        .find(|l| l.starts_with("oauth_token_secret"))
        .and_then(|l| l.split('"').nth(1))
        .unwrap()
        .to_owned();
    let api_secret = server.fake.credentials().api_secret;
    assert!(!stdout.contains(&token_secret) && !stdout.contains(&api_secret));

    // Status checks the token with Flickr and hides secrets; the API key and
    // secret now come from the profile alone.
    let status = flickr(dir.path())
        .env("FLICKR_ENDPOINT", server.base_url())
        .args(["--profile", "work", "auth", "status"])
        .assert()
        .success()
        .stdout(predicate::str::contains("valid for alice"))
        .stdout(predicate::str::contains("`write` permission"))
        .get_output()
        .stdout
        .clone();
    let status = String::from_utf8(status).unwrap();
    assert!(
        !status.contains(&token_secret) && !status.contains(&api_secret),
        "{status}"
    );
    flickr(dir.path())
        .args([
            "--profile",
            "work",
            "auth",
            "status",
            "--offline",
            "--show-secrets",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(&token_secret));

    // The stored token makes signed calls work.
    flickr(dir.path())
        .env("FLICKR_ENDPOINT", server.base_url())
        .args(["--profile", "work", "call", "flickr.test.login"])
        .assert()
        .success()
        .stdout(predicate::str::contains("alice"));

    flickr(dir.path())
        .args(["--profile", "work", "auth", "logout"])
        .assert()
        .success();
    assert_private(&profile);
    flickr(dir.path())
        .env("FLICKR_ENDPOINT", server.base_url())
        .args(["--profile", "work", "auth", "status"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not logged in"));
    flickr(dir.path())
        .args(["--profile", "work", "auth", "logout", "--all"])
        .assert()
        .success();
    assert!(!profile.exists());
}

#[test]
fn login_out_of_band_reads_the_pasted_code() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let mut child = login_command(&server, dir.path(), &["--oob"]);
    let url = authorize_url(&mut child);
    let page = server
        .runtime
        .block_on(async { reqwest::get(&url).await.unwrap().text().await.unwrap() });
    let verifier = page
        .split("<span id=\"verifier\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap_or_else(|| panic!("no verifier in {page}"))
        .to_owned();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{verifier}").unwrap();
    drop(stdin);
    let stdout = finish(child);
    assert!(stdout.contains("Logged in as alice"), "{stdout}");
    assert!(stdout.contains("`read` permission"), "{stdout}");
}

#[test]
fn login_without_an_api_key_says_what_to_set() {
    let dir = tempfile::tempdir().unwrap();
    flickr(dir.path())
        .args(["auth", "login", "--no-browser"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("FLICKR_API_KEY"));
    flickr(dir.path())
        .args(["--profile", "../escape", "auth", "status"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a valid profile name"));
}
