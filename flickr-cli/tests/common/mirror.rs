//! The mirror as the `flickr backup` tests read it: the loopback Flickr
//! with the backup account, album folders' links, and the binary's report;
//! the tree on disk, media ids, sidecars and static-host requests per photo
//! are the test kit's readers (`flickr_testkit::mirror`).

use std::collections::BTreeMap;
use std::path::Path;

use flickr_testkit::AccountSpec;
use serde_json::Value;

use super::{flickr_authed, json_documents, Server};

pub fn server() -> Server {
    Server::start_with(|b| b.photos(30).account(AccountSpec::default()))
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
