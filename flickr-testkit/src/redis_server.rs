//! A real Redis for the tests of the shared quota store: the server that
//! `scripts/test.sh` started (its URL in `FLICKR_TEST_REDIS`), or a private
//! `redis-server` on a free loopback port that a test may kill.
//!
//! Whether Redis is required: `scripts/test.sh` sets `FLICKR_REQUIRE_REDIS=1`,
//! and then a test that cannot get a Redis fails. Without it (a bare
//! `cargo test` on a machine without `redis-server`) such a test prints why
//! it did not run and returns.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The URL of the test Redis started by `scripts/test.sh`.
pub const URL_VAR: &str = "FLICKR_TEST_REDIS";
/// Set to `1` to make a missing Redis a test failure instead of a skip.
pub const REQUIRE_VAR: &str = "FLICKR_REQUIRE_REDIS";
/// The `redis-server` program to start (default: `redis-server` on the PATH).
pub const SERVER_VAR: &str = "FLICKR_TEST_REDIS_SERVER";

/// Whether a missing Redis must fail the test.
pub fn required() -> bool {
    std::env::var(REQUIRE_VAR).is_ok_and(|v| v == "1")
}

/// A Redis to test against: shared (from [`URL_VAR`]) or private.
#[derive(Debug)]
pub enum TestRedis {
    /// The server `scripts/test.sh` started; tests keep apart by key prefix.
    Shared(String),
    /// A server of this test's own.
    Private(RedisServer),
}

impl TestRedis {
    /// `redis://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        match self {
            TestRedis::Shared(url) => url.clone(),
            TestRedis::Private(s) => s.url(),
        }
    }
}

/// The shared test Redis if `FLICKR_TEST_REDIS` is set, else a private one.
/// `None` (with a message on stderr) when neither is possible and Redis is
/// not [`required`]; panics with the reason when it is.
pub fn test_redis(test: &str) -> Option<TestRedis> {
    if let Ok(url) = std::env::var(URL_VAR) {
        if !url.trim().is_empty() {
            return Some(TestRedis::Shared(url));
        }
    }
    private_redis(test, None).map(TestRedis::Private)
}

/// A private `redis-server` (with `password` if given), or `None` with a
/// message on stderr when it cannot start and Redis is not [`required`];
/// panics with the reason when it is.
pub fn private_redis(test: &str, password: Option<&str>) -> Option<RedisServer> {
    match RedisServer::start(password) {
        Ok(s) => Some(s),
        Err(why) if !required() => {
            eprintln!(
                "SKIPPED {test}: no Redis ({why}); run `bash scripts/test.sh`, \
                 which installs and starts one, or set {URL_VAR}"
            );
            None
        }
        Err(why) => panic!("{test}: Redis is required ({REQUIRE_VAR}=1) but: {why}"),
    }
}

/// A `redis-server` child process on a free loopback port, without
/// persistence; killed when dropped.
#[derive(Debug)]
pub struct RedisServer {
    child: Option<Child>,
    port: u16,
    password: Option<String>,
}

impl RedisServer {
    /// Starts one and waits until it answers (at most 10 s).
    pub fn start(password: Option<&str>) -> Result<RedisServer, String> {
        let port = free_port().map_err(|e| format!("no free port: {e}"))?;
        let mut server = RedisServer {
            child: None,
            port,
            password: password.map(str::to_owned),
        };
        server.spawn()?;
        Ok(server)
    }

    /// Starts it again on its port after [`RedisServer::kill`], empty (it
    /// keeps nothing on disk), as a Redis restarted after a crash is.
    pub fn start_again(&mut self) -> Result<(), String> {
        self.kill();
        self.spawn()
    }

    fn spawn(&mut self) -> Result<(), String> {
        let program = std::env::var(SERVER_VAR).unwrap_or_else(|_| "redis-server".to_owned());
        let port = self.port;
        let mut cmd = Command::new(&program);
        cmd.args(["--port", &port.to_string()])
            .args(["--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .args(["--loglevel", "warning"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        if let Some(pw) = &self.password {
            cmd.args(["--requirepass", pw]);
        }
        let child = cmd
            .spawn()
            .map_err(|e| format!("cannot start `{program}`: {e}"))?;
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if answers_ping(port) {
                return Ok(());
            }
            if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                self.child = None;
                return Err(format!("`{program}` exited at start ({status})"));
            }
            if Instant::now() > deadline {
                self.kill();
                return Err(format!(
                    "`{program}` did not answer on port {port} within 10 s"
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The port it listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `redis://[:password@]127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        match &self.password {
            Some(pw) => format!("redis://:{pw}@127.0.0.1:{}/", self.port),
            None => format!("redis://127.0.0.1:{}/", self.port),
        }
    }

    /// Kills it at once (SIGKILL) and waits for it to be gone: Redis lost.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
    }
}

fn free_port() -> std::io::Result<u16> {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(l.local_addr()?.port())
}

/// Whether something on `port` answers a RESP `PING` (`+PONG`, or an error
/// such as `-NOAUTH` from a server with a password: it is up either way).
fn answers_ping(port: u16) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
    if s.write_all(b"PING\r\n").is_err() {
        return false;
    }
    let mut buf = [0u8; 64];
    matches!(s.read(&mut buf), Ok(n) if n > 0 && (buf[0] == b'+' || buf[0] == b'-'))
}
