//! `flickr backup DIR --from-export EXPORT --user me` with the real binary
//! and credentials: the export is read and repaired through the API (not
//! offline), and `flickr backup verify` passes the result. What the repair
//! does is flickr-backup's test (flickr-backup/tests/export_repair/).

mod common;

use common::flickr;
use common::mirror::{backup, server};
use flickr_testkit::mirror::static_by_photo;
use flickr_testkit::{ExportSpec, ALICE, FIRST_ACCOUNT_PHOTO_ID};

#[test]
fn with_user_me_the_export_is_repaired_through_the_api() {
    let server = server();
    let export = tempfile::tempdir().unwrap();
    let missing = FIRST_ACCOUNT_PHOTO_ID + 3;
    let mut spec = ExportSpec::default();
    spec.missing_media = vec![missing];
    server
        .fake
        .write_export(ALICE, export.path(), &spec)
        .unwrap();
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let export_arg = export.path().to_str().unwrap();
    let r = backup(
        &server,
        config.path(),
        dir.path(),
        &["--from-export", export_arg, "--user", "me"],
    );
    assert!(
        r["total_calls"].as_u64().unwrap() > 0,
        "through the API: {r}"
    );
    assert!(r["export"]["files_copied"].as_u64().unwrap() > 40, "{r}");
    assert!(
        static_by_photo(&server.fake).contains_key(&missing.to_string()),
        "the file the export lacks is downloaded"
    );
    flickr(config.path())
        .args(["backup", "verify"])
        .arg(dir.path())
        .assert()
        .success();
}
