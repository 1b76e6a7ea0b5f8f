//! `flickr backup bag DIR OUT` with the real binary: its summary, its
//! `--json` report with the flags' fields in `bag-info.txt`, and exit code 2
//! for a folder in use. What the bag holds, and bagit.py's verdict on it,
//! is flickr-backup's test (flickr-backup/tests/bag.rs).

mod common;

use std::path::{Path, PathBuf};

use common::flickr;
use common::mirror::{backup, server};

/// A mirror of the loopback account's photos made by the binary under
/// `work`, and the `flickr backup bag MIRROR OUT` command for it.
fn bag_command(config: &Path, work: &Path, out: &Path) -> assert_cmd::Command {
    let server = server();
    let mirror: PathBuf = work.join("mirror");
    backup(&server, config, &mirror, &["--include", "photos"]);
    let mut cmd = flickr(config);
    cmd.args(["backup", "bag"]).arg(&mirror).arg(out);
    cmd
}

#[test]
fn bag_says_what_it_made_and_refuses_a_folder_in_use() {
    let (config, work) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let out = work.path().join("bag");
    let mut cmd = bag_command(config.path(), work.path(), &out);
    let run = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.contains("a BagIt bag of") && stdout.contains("hard-linked"),
        "{stdout}"
    );
    let again = cmd.output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}

#[test]
fn json_prints_the_report_and_the_flags_fill_bag_info() {
    let (config, work) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let out = work.path().join("bag");
    let run = bag_command(config.path(), work.path(), &out)
        .args(["--source-organization", "Example Archive"])
        .args(["--external-identifier", "flickr:user:alice"])
        .args(["--external-description", "Alice's photos", "--json"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let files = report["files"].as_u64().unwrap();
    assert!(files > 0, "{report}");
    assert_eq!(report["linked"].as_u64(), Some(files), "{report}");
    let info = std::fs::read_to_string(out.join("bag-info.txt")).unwrap();
    for line in [
        "Source-Organization: Example Archive\n".to_owned(),
        "External-Identifier: flickr:user:alice\n".to_owned(),
        "External-Description: Alice's photos\n".to_owned(),
        format!("Payload-Oxum: {}.{files}\n", report["bytes"]),
    ] {
        assert!(info.contains(&line), "{line:?} in {info}");
    }
}
