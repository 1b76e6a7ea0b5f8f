//! The mirror as the `flickr backup` tests read it: the loopback Flickr
//! with the backup account, the tree on disk, media ids, static-host
//! requests per photo, album folders' links, and the binary's report.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use flickr_testkit::AccountSpec;
use serde_json::Value;

use super::{flickr_authed, json_documents, Server};

pub fn server() -> Server {
    Server::start_with(|b| b.photos(30).account(AccountSpec::default()))
}

/// Every file under `dir` but the state directory: relative path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == ".flickr-backup" {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

/// Media files (not sidecars, manifests, album folders' links or the
/// viewer) in a tree, by photo id.
pub fn media_ids(t: &BTreeMap<String, Vec<u8>>) -> BTreeSet<String> {
    t.keys()
        .filter(|k| k.starts_with("photos/") || k.starts_with("others/"))
        .filter(|k| !k.ends_with(".json") && !k.ends_with(".xmp"))
        .filter_map(|k| k.rsplit('/').next()?.split('.').next().map(str::to_owned))
        .collect()
}

/// Whether a static-host path is a viewer thumbnail (the 150 px square).
pub fn is_thumbnail(path: &str) -> bool {
    path.ends_with("_q.jpg")
}

/// Every entry of the album and collection folders is a hard link to the
/// file of the same name (less its `NNNN-` position) under photos/ or others/.
#[cfg(unix)]
pub fn assert_album_entries_are_hard_links(dir: &Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    fn walk(d: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
            if e.file_type().unwrap().is_dir() {
                walk(&e.path(), out);
            } else {
                out.push(e.path());
            }
        }
    }
    let mut files = Vec::new();
    walk(&dir.join("photos"), &mut files);
    walk(&dir.join("others"), &mut files);
    let by_name: BTreeMap<String, u64> = files
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::metadata(p).unwrap().ino())
        })
        .collect();
    let mut links = Vec::new();
    walk(&dir.join("collections"), &mut links);
    for e in std::fs::read_dir(dir.join("albums"))
        .into_iter()
        .flatten()
        .flatten()
    {
        if e.file_type().unwrap().is_dir() {
            walk(&e.path(), &mut links);
        }
    }
    for l in &links {
        let name = l.file_name().unwrap().to_string_lossy().into_owned();
        let (_, file) = name.split_once('-').expect("NNNN-ID.EXT");
        let meta = std::fs::symlink_metadata(l).unwrap();
        assert!(
            meta.is_file(),
            "{} is a hard link, not a symlink",
            l.display()
        );
        assert_eq!(
            Some(&meta.ino()),
            by_name.get(file),
            "{} links {file}",
            l.display()
        );
    }
    links.len()
}

/// Static-host requests per photo id (media files, not viewer thumbnails).
pub fn static_by_photo(server: &Server) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for (path, n) in server.fake.static_requests() {
        if is_thumbnail(&path) {
            continue;
        }
        let parts: Vec<&str> = path.trim_start_matches("/static/").split('/').collect();
        let id = match parts.as_slice() {
            ["video", id, ..] => (*id).to_owned(),
            [_, file] => file.split('_').next().unwrap_or_default().to_owned(),
            _ => continue,
        };
        *out.entry(id).or_default() += n;
    }
    out
}

/// Runs `flickr backup DIR --json EXTRA…`; returns the final report.
pub fn backup(server: &Server, config: &Path, dir: &Path, extra: &[&str]) -> Value {
    backup_env(server, config, dir, extra, &[])
}

/// [`backup`] with environment variables set for the run (`TZ`, …).
pub fn backup_env(
    server: &Server,
    config: &Path,
    dir: &Path,
    extra: &[&str],
    env: &[(&str, &str)],
) -> Value {
    let out = flickr_authed(server, config)
        .envs(env.iter().copied())
        .arg("backup")
        .arg(dir)
        .args(["--json", "--retry-delay-ms", "5"])
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "flickr backup failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        stdout.lines().rev().take(5).collect::<Vec<_>>().join("\n")
    );
    let docs = json_documents(&stdout);
    let report = docs.last().cloned().expect("a report");
    assert_eq!(report["event"], "report");
    report
}

pub fn sidecar(dir: &Path, t: &BTreeMap<String, Vec<u8>>, id: &str) -> Value {
    let key = t
        .keys()
        .find(|k| k.ends_with(&format!("/{id}.json")))
        .unwrap_or_else(|| panic!("no sidecar for {id}"));
    serde_json::from_slice(&std::fs::read(dir.join(key)).unwrap()).unwrap()
}

/// Runs `flickr backup DIR --from-export EXPORT --json` with no credentials
/// (offline) and the environment `env`; returns the final report.
pub fn import_offline(config: &Path, dir: &Path, export: &Path, env: &[(&str, &str)]) -> Value {
    let out = super::flickr(config)
        .envs(env.iter().copied())
        .arg("backup")
        .arg(dir)
        .arg("--from-export")
        .arg(export)
        .arg("--json")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "offline import failed: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(report["event"], "report");
    report
}
