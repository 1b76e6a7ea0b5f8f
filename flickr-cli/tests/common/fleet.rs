//! What the fleet archive's tests share: the `flickr` command against the
//! loopback, a command that must succeed, and a worker's exit (bagit.py's
//! verdict on a bag is `flickr_testkit::bagit`).

use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use super::Server;

/// Runs `cmd`, which must succeed; its standard output.
pub fn run_ok(mut cmd: Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `flickr` against the loopback `server` with `key` only, no profile,
/// token, quota store or database from the environment.
pub fn flickr(server: &Server, config: &Path, key: &str) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("flickr"));
    for var in [
        "FLICKR_PROFILE",
        "FLICKR_OAUTH_TOKEN",
        "FLICKR_OAUTH_TOKEN_SECRET",
        "FLICKR_QUOTA_REDIS",
        "FLICKR_ARCHIVE_DB",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("FLICKR_CONFIG_DIR", config)
        .env("FLICKR_ENDPOINT", server.base_url())
        .env("FLICKR_API_KEY", key)
        .env("RUST_LOG", "off");
    cmd
}

/// `flickr archive --db DB status --json`, read.
pub fn status(server: &Server, config: &Path, key: &str, db: &str) -> serde_json::Value {
    let mut cmd = flickr(server, config, key);
    cmd.args(["archive", "--db", db, "status", "--json"]);
    serde_json::from_str(&run_ok(cmd)).unwrap()
}

/// Waits for `child` to exit, killing it (and failing) after `within`.
pub fn wait_exit(child: &mut Child, within: Duration) -> std::process::ExitStatus {
    let end = Instant::now() + within;
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        if Instant::now() > end {
            let _ = child.kill();
            panic!("a worker did not finish within {within:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
