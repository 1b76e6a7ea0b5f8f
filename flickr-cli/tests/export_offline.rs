//! `flickr backup DIR --from-export PATH` offline, with the real binary:
//! an export that is not there is refused with its path, and the command
//! fails. What the import makes of an export is flickr-backup's
//! `export_quirks` test.

mod common;

use common::flickr;

#[test]
fn without_credentials_or_an_export_the_command_says_what_it_needs() {
    let config = flickr_testkit::fixture_tempdir();
    let dir = flickr_testkit::fixture_tempdir();
    let missing = dir.path().join("no-such-export");
    let out = flickr(config.path())
        .arg("backup")
        .arg(dir.path().join("m"))
        .arg("--from-export")
        .arg(&missing)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no-such-export"), "{err}");
}
