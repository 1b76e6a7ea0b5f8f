//! `verify` finding a truncated, a changed and a missing file, and the
//! next run repairing them.

use flickr_backup::Backup;
use flickr_testkit::{AccountSpec, FakeFlickr};

use crate::common::quick;
use crate::fixture::tree;

#[tokio::test]
async fn verify_finds_a_truncated_a_changed_and_a_missing_file_and_the_next_run_repairs_them() {
    let fake = FakeFlickr::builder()
        .photos(30)
        .account(AccountSpec::default());
    let fake = fake.start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let backup = || Backup::new(fake.client(), dir.path()).options(quick());
    backup().run().await.unwrap();
    let t = tree(dir.path());
    let media: Vec<&String> = t
        .keys()
        .filter(|k| k.starts_with("photos/") && k.ends_with(".jpg"))
        .collect();
    let (truncated, changed, missing) = (media[0], media[1], media[2]);
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.path().join(truncated))
        .unwrap();
    f.set_len(t[truncated].len() as u64 / 2).unwrap();
    drop(f);
    let mut bytes = t[changed].clone();
    bytes[100] ^= 0xFF;
    std::fs::write(dir.path().join(changed), &bytes).unwrap();
    std::fs::remove_file(dir.path().join(missing)).unwrap();

    let v = flickr_backup::verify(dir.path(), |_, _| {}).unwrap();
    let reason = |path: &str| {
        let p = v.changed.iter().find(|p| p.path == path);
        p.map(|p| p.reason.clone()).unwrap_or_default()
    };
    assert!(reason(truncated).contains("size"), "{v:?}");
    assert!(reason(changed).contains("SHA-256"), "{v:?}");
    assert!(v.missing.iter().any(|p| p.path == *missing), "{v:?}");
    assert_eq!((v.missing.len(), v.changed.len()), (1, 2), "{v:?}");
    assert!(!v.is_clean());

    let report = backup().run().await.unwrap();
    assert_eq!(report.files_fetched, 3);
    assert_eq!(tree(dir.path()), t);
    let v = flickr_backup::verify(dir.path(), |_, _| {}).unwrap();
    assert!(v.is_clean(), "{v:?}");
}
