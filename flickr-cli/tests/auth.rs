//! `flickr auth` against the loopback Flickr: the loopback-callback flow
//! (its login, status, a signed call and logout run once, in order, and
//! named cases check each step), the out-of-band flow, profiles with 0600
//! permissions.

mod common;

use assert_cmd::prelude::*;
use common::{flickr, Server};
use predicates::prelude::*;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use tempfile::TempDir;

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

/// The permission bits of `path`, where there are any.
#[cfg(unix)]
fn mode_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    // A missing file reads as no permission at all.
    let meta = std::fs::metadata(path);
    Some(meta.map_or(0, |m| m.permissions().mode() & 0o777))
}

#[cfg(not(unix))]
fn mode_of(_path: &Path) -> Option<u32> {
    None
}

fn assert_private(mode: Option<u32>, path: &Path) {
    if let Some(mode) = mode {
        assert_eq!(mode, 0o600, "{}", path.display());
    }
}

/// The loopback-callback login into profile `work`, then `status`, a
/// signed call and `logout`, each run once, in order, by the first case
/// that needs it; what each step showed.
struct Session {
    server: Server,
    dir: TempDir,
    profile: PathBuf,
    /// The page the user's browser got from the authorize URL.
    page: String,
    login: Output,
    login_mode: Option<u32>,
    stored: String,
    token_secret: Option<String>,
    api_secret: String,
}

struct Used {
    status: Output,
    offline_with_secrets: Output,
    call: Output,
}

struct LoggedOut {
    logout: Output,
    mode: Option<u32>,
    status: Output,
    logout_all: Output,
    profile_exists: bool,
}

impl Session {
    /// The token secret the profile stores.
    fn token_secret(&self) -> &str {
        let stored = &self.stored;
        self.token_secret
            .as_deref()
            .unwrap_or_else(|| panic!("no token secret in {stored}"))
    }
}

fn session() -> &'static Session {
    static SESSION: OnceLock<Session> = OnceLock::new();
    SESSION.get_or_init(|| {
        let server = Server::start();
        let dir = flickr_testkit::fixture_tempdir();
        let mut child = login_command(&server, dir.path(), &["--perms", "write"]);
        let url = authorize_url(&mut child);
        // The user's browser: the fake approves at once and redirects to our listener.
        let page = server
            .runtime
            .block_on(async { reqwest::get(&url).await.unwrap().text().await.unwrap() });
        let login = child.wait_with_output().unwrap();
        let profile = dir.path().join("profiles/work.toml");
        let stored = std::fs::read_to_string(&profile).unwrap_or_default();
        let token_secret = stored
            .lines()
            .find(|l| l.starts_with("oauth_token_secret"))
            .and_then(|l| l.split('"').nth(1))
            .map(str::to_owned);
        Session {
            login_mode: mode_of(&profile),
            api_secret: server.fake.credentials().api_secret,
            server,
            dir,
            profile,
            page,
            login,
            stored,
            token_secret,
        }
    })
}

/// `flickr --profile work ARGS…`, given the loopback's address if `online`.
fn work(online: bool, args: &[&str]) -> Output {
    let s = session();
    let mut cmd = flickr(s.dir.path());
    if online {
        cmd.env("FLICKR_ENDPOINT", s.server.base_url());
    }
    cmd.args(["--profile", "work"]).args(args).output().unwrap()
}

fn used() -> &'static Used {
    static USED: OnceLock<Used> = OnceLock::new();
    USED.get_or_init(|| {
        session();
        Used {
            status: work(true, &["auth", "status"]),
            offline_with_secrets: work(false, &["auth", "status", "--offline", "--show-secrets"]),
            call: work(true, &["call", "flickr.test.login"]),
        }
    })
}

fn logged_out() -> &'static LoggedOut {
    static LOGGED_OUT: OnceLock<LoggedOut> = OnceLock::new();
    LOGGED_OUT.get_or_init(|| {
        used();
        let logout = work(false, &["auth", "logout"]);
        let mode = mode_of(&session().profile);
        let status = work(true, &["auth", "status"]);
        let logout_all = work(false, &["auth", "logout", "--all"]);
        LoggedOut {
            logout,
            mode,
            status,
            logout_all,
            profile_exists: session().profile.exists(),
        }
    })
}

#[test]
fn login_with_the_loopback_callback_gets_the_asked_permission() {
    let s = session();
    assert!(s.page.contains("authorized"), "{}", s.page);
    let stdout = String::from_utf8_lossy(&s.login.stdout);
    assert!(s.login.status.success(), "login failed: {stdout}");
    assert!(stdout.contains("Logged in as alice"), "{stdout}");
    assert!(stdout.contains("`write` permission"), "{stdout}");
}

#[test]
fn login_stores_the_token_in_a_private_profile_and_prints_no_secret() {
    let s = session();
    assert_private(s.login_mode, &s.profile);
    assert!(s.stored.contains("oauth_token_secret"), "{}", s.stored);
    let stdout = String::from_utf8_lossy(&s.login.stdout);
    assert!(!stdout.contains(s.token_secret()) && !stdout.contains(&s.api_secret));
}

/// Status checks the token with Flickr and hides secrets; the API key and
/// secret now come from the profile alone.
#[test]
fn status_checks_the_token_with_flickr_and_hides_secrets() {
    let s = session();
    let status = used().status.clone().assert().success();
    let status = status
        .stdout(predicate::str::contains("valid for alice"))
        .stdout(predicate::str::contains("`write` permission"));
    let status = String::from_utf8_lossy(&status.get_output().stdout);
    assert!(
        !status.contains(s.token_secret()) && !status.contains(&s.api_secret),
        "{status}"
    );
    used()
        .offline_with_secrets
        .clone()
        .assert()
        .success()
        .stdout(predicate::str::contains(s.token_secret()));
}

#[test]
fn the_stored_token_makes_signed_calls_work() {
    used()
        .call
        .clone()
        .assert()
        .success()
        .stdout(predicate::str::contains("alice"));
}

#[test]
fn logout_keeps_the_profile_private_and_status_then_says_not_logged_in() {
    let out = logged_out();
    out.logout.clone().assert().success();
    assert_private(out.mode, &session().profile);
    out.status
        .clone()
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not logged in"));
}

#[test]
fn logout_all_removes_the_profile() {
    let out = logged_out();
    out.logout_all.clone().assert().success();
    assert!(!out.profile_exists);
}

#[test]
fn login_out_of_band_reads_the_pasted_code() {
    let server = Server::start();
    let dir = flickr_testkit::fixture_tempdir();
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
    let dir = flickr_testkit::fixture_tempdir();
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
