//! A mirror as the backup tests read it: its files, its media, its
//! sidecars, and `flickr backup` runs that return the report.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use super::{flickr_authed, json_documents, Server};

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

/// Media files (not sidecars or manifests) in a tree, by photo id.
pub fn media_ids(t: &BTreeMap<String, Vec<u8>>) -> BTreeSet<String> {
    t.keys()
        .filter(|k| !k.ends_with(".json") && !k.ends_with(".xmp"))
        .filter_map(|k| k.rsplit('/').next()?.split('.').next().map(str::to_owned))
        .collect()
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
