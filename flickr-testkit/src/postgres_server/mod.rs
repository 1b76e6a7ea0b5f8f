//! A throwaway PostgreSQL for tests: `initdb` into a fresh directory, a
//! private `postgres` on a free loopback port with trust authentication,
//! one database, and everything removed when dropped.
//!
//! Whether PostgreSQL is required: with `FLICKR_REQUIRE_POSTGRES=1` a test
//! that cannot start one fails with the reason; without it (a bare `cargo
//! test` on a machine without PostgreSQL) [`test_postgres`] prints why the
//! test did not run and returns `None`.
//!
//! The programs come from [`BIN_VAR`] (a directory), else the directory of
//! the `initdb` on the PATH, else the highest `/usr/lib/postgresql/*/bin`.
//! `initdb` and `postgres` refuse to run as root, so as root they run as the
//! `postgres` system user (or `nobody`), which then owns the directory.
//!
//! No PostgreSQL client library: readiness and the database's creation use
//! the wire protocol's startup and simple-query messages directly (`protocol`).

mod protocol;

use std::fs::File;
use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use protocol::simple_query;

/// Set to `1` to make a missing PostgreSQL a test failure instead of a skip.
pub const REQUIRE_VAR: &str = "FLICKR_REQUIRE_POSTGRES";
/// A directory holding `initdb` and `postgres` (default: found on the PATH
/// or under `/usr/lib/postgresql/*/bin`).
pub const BIN_VAR: &str = "FLICKR_TEST_POSTGRES_BIN";

/// The superuser `initdb` creates; it connects without a password.
const SUPERUSER: &str = "postgres";

/// Whether a missing PostgreSQL must fail the test.
pub fn required() -> bool {
    std::env::var(REQUIRE_VAR).is_ok_and(|v| v == "1")
}

/// A private PostgreSQL for `test` (its database named after it), or `None`
/// with a message on stderr when it cannot start and PostgreSQL is not
/// [`required`]; panics with the reason when it is.
pub fn test_postgres(test: &str) -> Option<PostgresServer> {
    match PostgresServer::start(test) {
        Ok(s) => Some(s),
        Err(why) if !required() => {
            eprintln!(
                "SKIPPED {test}: no PostgreSQL ({why}); install PostgreSQL's server \
                 programs (initdb, postgres) or set {BIN_VAR}"
            );
            None
        }
        Err(why) => panic!("{test}: PostgreSQL is required ({REQUIRE_VAR}=1) but: {why}"),
    }
}

/// A `postgres` child process on a free loopback port, its data directory
/// in a fresh temporary directory; killed and removed when dropped.
#[derive(Debug)]
pub struct PostgresServer {
    child: Option<Child>,
    port: u16,
    database: String,
    bin: PathBuf,
    /// The temporary directory: `data/`, the socket and `postgres.log`.
    dir: PathBuf,
    /// The (uid, gid) the programs run as, when started by root.
    run_as: Option<(u32, u32)>,
}

impl PostgresServer {
    /// Runs `initdb`, starts the server, waits until it accepts sessions (at
    /// most 30 s) and creates a database named after `test` (lowercase
    /// letters, digits and `_`).
    pub fn start(test: &str) -> Result<PostgresServer, String> {
        let bin = find_bin()?;
        let run_as = if running_as_root() {
            Some(unprivileged_user()?)
        } else {
            None
        };
        let dir = fresh_dir()?;
        let port = free_port().map_err(|e| format!("no free port: {e}"))?;
        let mut server = PostgresServer {
            child: None,
            port,
            database: database_name(test),
            bin,
            dir,
            run_as,
        };
        if let Some((uid, gid)) = run_as {
            std::os::unix::fs::chown(&server.dir, Some(uid), Some(gid))
                .map_err(|e| format!("cannot hand {} to uid {uid}: {e}", server.dir.display()))?;
        }
        server.initdb()?;
        server.start_again()?;
        let create = format!("CREATE DATABASE \"{}\"", server.database);
        simple_query(port, "postgres", &create)
            .map_err(|e| format!("cannot create the database: {e}"))?;
        Ok(server)
    }

    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(self.bin.join(program));
        cmd.current_dir(&self.dir)
            .stdin(Stdio::null())
            .env("LC_ALL", "C");
        if let Some((uid, gid)) = self.run_as {
            cmd.uid(uid).gid(gid);
        }
        cmd
    }

    fn initdb(&self) -> Result<(), String> {
        let out = self
            .command("initdb")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C"])
            .arg("--no-sync")
            .output()
            .map_err(|e| format!("cannot run {}/initdb: {e}", self.bin.display()))?;
        if out.status.success() {
            return Ok(());
        }
        Err(format!(
            "initdb failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }

    /// Starts the server (again, after [`PostgresServer::stop`] or
    /// [`PostgresServer::kill`]) on the same port and data directory, and
    /// waits until it accepts sessions (at most 30 s). Does nothing if it runs.
    pub fn start_again(&mut self) -> Result<(), String> {
        if self.child.is_some() {
            return Ok(());
        }
        let log = File::options()
            .create(true)
            .append(true)
            .open(self.dir.join("postgres.log"))
            .map_err(|e| format!("cannot open the server log: {e}"))?;
        let child = self
            .command("postgres")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-p", &self.port.to_string()])
            .args(["-c", "listen_addresses=127.0.0.1"])
            .arg("-k")
            .arg(&self.dir)
            .args(["-c", "fsync=off", "-c", "synchronous_commit=off"])
            .args(["-c", "full_page_writes=off", "-c", "max_connections=200"])
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start {}/postgres: {e}", self.bin.display()))?;
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if accepts_sessions(self.port) {
                return Ok(());
            }
            if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                self.child = None;
                return Err(format!(
                    "postgres exited at start ({status}): {}",
                    self.log_tail()
                ));
            }
            if Instant::now() > deadline {
                self.kill();
                return Err(format!(
                    "postgres did not accept sessions on port {} within 30 s: {}",
                    self.port,
                    self.log_tail()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The port it listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The database created for the test.
    pub fn database(&self) -> &str {
        &self.database
    }

    /// `postgres://postgres@127.0.0.1:PORT/DATABASE` (no password: trust).
    pub fn url(&self) -> String {
        format!(
            "postgres://{SUPERUSER}@127.0.0.1:{}/{}",
            self.port, self.database
        )
    }

    /// The temporary directory (`data/`, the Unix socket, `postgres.log`).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether it answers `SELECT 1` on the test's database now.
    pub fn answers(&self) -> bool {
        simple_query(self.port, &self.database, "SELECT 1").is_ok()
    }

    /// Stops it the way an administrator would (fast shutdown: sessions are
    /// cut, the data is kept) and waits until it is gone (at most 30 s, then
    /// it is killed). [`PostgresServer::start_again`] brings it back.
    pub fn stop(&mut self) {
        let Some(child) = self.child.as_mut() else {
            return;
        };
        // SIGINT is PostgreSQL's fast shutdown.
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                self.child = None;
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.kill();
    }

    /// Kills it at once (SIGKILL), as a crash would; the data directory stays.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.dir.join("postgres.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().rev().take(5).collect();
        lines.into_iter().rev().collect::<Vec<_>>().join(" | ")
    }
}

impl Drop for PostgresServer {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The directory holding `initdb` and `postgres`.
fn find_bin() -> Result<PathBuf, String> {
    let complete = |d: &Path| d.join("initdb").is_file() && d.join("postgres").is_file();
    if let Ok(dir) = std::env::var(BIN_VAR) {
        let dir = PathBuf::from(dir);
        return match complete(&dir) {
            true => Ok(dir),
            false => Err(format!(
                "{BIN_VAR}={} lacks initdb or postgres",
                dir.display()
            )),
        };
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    for dir in on_path {
        // A symlinked initdb (e.g. /usr/local/bin) stands for its real directory.
        if let Ok(real) = std::fs::canonicalize(dir.join("initdb")) {
            if let Some(real_dir) = real.parent().filter(|d| complete(d)) {
                return Ok(real_dir.to_owned());
            }
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            Some((version, e.path().join("bin")))
        })
        .filter(|(_, d)| complete(d))
        .collect();
    versions.sort();
    versions
        .pop()
        .map(|(_, d)| d)
        .ok_or_else(|| "no initdb and postgres on the PATH or under /usr/lib/postgresql".into())
}

fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map_or_else(
        |_| {
            Command::new("id")
                .arg("-u")
                .output()
                .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
        },
        |m| m.uid() == 0,
    )
}

/// The `postgres` system user's (uid, gid), else `nobody`'s.
fn unprivileged_user() -> Result<(u32, u32), String> {
    let passwd = std::fs::read_to_string("/etc/passwd")
        .map_err(|e| format!("running as root and cannot read /etc/passwd: {e}"))?;
    for wanted in [SUPERUSER, "nobody"] {
        for line in passwd.lines() {
            let f: Vec<&str> = line.split(':').collect();
            if f.len() > 3 && f[0] == wanted {
                if let (Ok(uid), Ok(gid)) = (f[2].parse(), f[3].parse()) {
                    return Ok((uid, gid));
                }
            }
        }
    }
    Err("running as root (initdb refuses) and no `postgres` or `nobody` user to run as".into())
}

fn fresh_dir() -> Result<PathBuf, String> {
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!(
        "flickr-testkit-pg-{}-{}-{nanos:x}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

fn database_name(test: &str) -> String {
    let mut name: String = test
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9') => c,
            _ => '_',
        })
        .take(60)
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.insert(0, 't');
    }
    name
}

fn free_port() -> std::io::Result<u16> {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(l.local_addr()?.port())
}

/// Whether the server on `port` lets a session in (not merely listens: a
/// server starting up or recovering answers the startup with an error).
fn accepts_sessions(port: u16) -> bool {
    simple_query(port, "postgres", "SELECT 1").is_ok()
}
