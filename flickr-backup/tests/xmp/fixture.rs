//! What the cases share: the zone of the run, the loopback Flickr on its
//! own runtime, the mirror's files, and exiftool reading them back.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Command;
use std::sync::Once;

use flickr_backup::{Backup, Options, Report};
use flickr_sdk::types::License;
use flickr_sdk::Open;
use flickr_testkit::{AccountSpec, FakeFlickr, Hosted, Photo};
use serde_json::Value;

/// Dates taken are read as local time: every backup of this binary runs
/// in Tokyo's zone (UTC+9, no daylight saving), so a file date read as UTC
/// would be nine hours off. Every case calls this first.
pub fn tokyo() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Sound (`set_var` is `unsafe` from edition 2024): every case calls
        // this before anything else, and the others wait on `ONCE`, so no
        // thread of ours reads the environment now; the runtimes, the
        // loopback Flickr and exiftool start after it.
        std::env::set_var("TZ", "Asia/Tokyo");
    });
}

/// A running loopback Flickr (the seeded world plus alice's backup
/// account) and the runtime that serves it.
pub struct Server {
    pub fake: FakeFlickr,
    pub runtime: tokio::runtime::Runtime,
}

impl Server {
    pub fn start() -> Server {
        let Hosted { fake, runtime } =
            Hosted::start_with(|b| b.photos(30).account(AccountSpec::default()));
        Server { fake, runtime }
    }

    /// A run into `dir` with `options`; every file fetched.
    pub fn backup(&self, dir: &Path, options: Options) -> Report {
        let report = self
            .runtime
            .block_on(Backup::new(self.fake.client(), dir).options(options).run())
            .expect("the backup runs");
        assert!(report.failed.is_empty(), "{:?}", report.failed);
        report
    }
}

/// A file of the mirror: its bytes, inode and modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub bytes: Vec<u8>,
    pub ino: u64,
    pub mtime: i64,
}

/// Every file under a mirror but its state directory, by relative path.
pub type Snapshot = BTreeMap<String, File>;

pub fn snapshot(dir: &Path) -> Snapshot {
    fn walk(root: &Path, dir: &Path, out: &mut Snapshot) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            if rel == ".flickr-backup" {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let m = std::fs::metadata(&p).unwrap();
                let bytes = std::fs::read(&p).unwrap();
                let (ino, mtime) = (m.ino(), m.mtime());
                out.insert(rel, File { bytes, ino, mtime });
            }
        }
    }
    let mut out = Snapshot::new();
    walk(dir, dir, &mut out);
    out
}

/// The JSON sidecar of photo `id`.
pub fn sidecar(files: &Snapshot, id: &str) -> Value {
    let key = files
        .keys()
        .find(|k| k.ends_with(&format!("/{id}.json")))
        .unwrap_or_else(|| panic!("no sidecar for {id}"));
    serde_json::from_slice(&files[key].bytes).unwrap()
}

/// The media file of photo `id`, as its JSON sidecar names it.
pub fn media_path(files: &Snapshot, id: u64) -> String {
    let s = sidecar(files, &id.to_string());
    s["file"]["path"].as_str().unwrap().to_owned()
}

pub fn is_media(path: &str) -> bool {
    (path.starts_with("photos/") || path.starts_with("others/"))
        && !path.ends_with(".json")
        && !path.ends_with(".xmp")
}

/// Photo id of a mirror path.
pub fn id_of(path: &str) -> u64 {
    let name = path.rsplit('/').next().unwrap();
    name.split('.').next().unwrap().parse().unwrap()
}

/// A photo's licence, as the SDK names it.
pub fn license(p: &Photo) -> License {
    serde_json::from_value::<Open<License>>(p.license.into())
        .unwrap()
        .known()
        .unwrap()
}

/// Whether exiftool is here; with `FLICKR_REQUIRE_EXIFTOOL=1`, a failure when not.
pub fn have_exiftool() -> bool {
    let ok = Command::new("exiftool")
        .arg("-ver")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("FLICKR_REQUIRE_EXIFTOOL").as_deref() != Ok("1"),
            "exiftool is required (FLICKR_REQUIRE_EXIFTOOL=1): install Debian's libimage-exiftool-perl"
        );
        eprintln!("skipped: exiftool is not installed");
    }
    ok
}

/// exiftool's JSON for files under `dir` with extension `ext`, by path
/// relative to `dir`; `args` go before the directory.
pub fn exiftool(dir: &Path, ext: &str, args: &[&str], tz: &str) -> BTreeMap<String, Value> {
    let out = Command::new("exiftool")
        .args(["-j", "-r", "-ext", ext])
        .args(args)
        .arg(dir)
        .env("TZ", tz)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let prefix = format!("{}/", dir.display());
    all.into_iter()
        .map(|v| {
            let src = v["SourceFile"].as_str().unwrap();
            (src.strip_prefix(&prefix).unwrap_or(src).to_owned(), v)
        })
        .collect()
}

/// Every XMP sidecar under `dir` as exiftool reads it (`-G1 -a -n`), by
/// the path of its media file.
pub fn xmp_of(dir: &Path) -> BTreeMap<String, Value> {
    exiftool(dir, "xmp", &["-G1", "-a", "-n"], "UTC")
        .into_iter()
        .map(|(k, v)| (k.strip_suffix(".xmp").unwrap().to_owned(), v))
        .collect()
}

/// A value as text (exiftool writes numbers as numbers with `-n`).
pub fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list value (exiftool writes a one-item list as the item).
pub fn list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(text).collect(),
        other => text(other).into_iter().collect(),
    }
}
