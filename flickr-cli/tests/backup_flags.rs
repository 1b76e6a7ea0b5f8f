//! `flickr backup`'s flags as the binary reads them. What a backup does
//! with them is flickr-backup's to test (its `tests/xmp` for `--include
//! info,people,contexts`).

mod common;

use common::{flickr_authed, Server};
use flickr_testkit::AccountSpec;

/// The per-photo methods `info`, `people` and `contexts` add.
const EXTRAS: [&str; 3] = [
    "flickr.photos.getInfo",
    "flickr.photos.people.getList",
    "flickr.photos.getAllContexts",
];

#[test]
fn repeated_includes_add_up_and_extras_alone_come_on_top_of_the_default() {
    let server = Server::start_with(|b| b.photos(3).account(AccountSpec::default()));
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let plan = |include: &[&str]| {
        let out = flickr_authed(&server, config.path())
            .arg("backup")
            .arg(dir.path())
            .arg("--dry-run")
            .args(include)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(out.status.code(), Some(0), "{include:?}: {stdout}");
        stdout
    };
    let default = plan(&[]);
    for m in EXTRAS {
        assert!(!default.contains(m), "{m} by default:\n{default}");
    }
    let both = plan(&["--include", "info,people", "--include", "contexts"]);
    for m in EXTRAS {
        assert!(both.contains(m), "{m} not planned:\n{both}");
    }
    // Albums are in the default: still listed.
    assert!(default.contains("flickr.photosets.getList"), "{default}");
    assert!(both.contains("flickr.photosets.getList"), "{both}");
}
