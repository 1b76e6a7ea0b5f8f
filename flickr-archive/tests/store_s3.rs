//! The store on S3: `rclone serve s3` (a real S3 implementation over a
//! directory) through the standard `AWS_*` variables; small files in one
//! request, large ones in parts then copied to their content key, both read
//! back with the same digests; a body that breaks off stores nothing; keys
//! listed under a folder and removed.
//!
//! The server runs once per test binary, in a fixture ([`stored`]) that
//! makes every request in order and records what the store and the
//! bucket's directory showed; each case checks one kind of request.

use std::sync::OnceLock;

use bytes::Bytes;
use flickr_archive::{Store, StoredObject};
use flickr_testkit::s3_server::test_s3;

/// What the requests to the store, in order, showed.
struct Stored {
    /// The small file's bytes in the bucket.
    small_on_disk: Vec<u8>,
    /// The large file sent, as stored, its bytes in the bucket, its
    /// digests read back, and whether its upload in parts is left.
    large: Vec<u8>,
    big: StoredObject,
    big_on_disk: Vec<u8>,
    big_digests: (String, String, u64),
    incoming_left: bool,
    /// A body that broke off, and the size of a key never stored.
    broken: Result<StoredObject, String>,
    nothing: Option<u64>,
    /// `bags/a` listed before and after a key's removal (twice), and
    /// whether that key's file is left in the bucket.
    listed: Vec<String>,
    listed_after: Vec<String>,
    removed_left: bool,
}

fn stored() -> Option<&'static Stored> {
    static FIXTURE: OnceLock<Option<Stored>> = OnceLock::new();
    FIXTURE.get_or_init(store_on_s3).as_ref()
}

fn store_on_s3() -> Option<Stored> {
    let s3 = test_s3("files_go_to_s3_by_content", "archive")?;
    // Set once, before any request: the process's environment is this
    // fixture's own.
    for (k, v) in s3.env() {
        std::env::set_var(k, v);
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let stored = runtime.block_on(async {
        let store = Store::open("s3://archive/fleet").unwrap();
        let small = store
            .put_stream(
                "s",
                futures::stream::iter([Ok::<_, String>(Bytes::from_static(b"hello"))]),
            )
            .await
            .unwrap()
            .unwrap();
        let small_on_disk = std::fs::read(s3.bucket_dir().join("fleet").join(&small.key)).unwrap();

        let large: Vec<u8> = (0..flickr_archive::store_in_memory_limit() + 777_777)
            .map(|i| (i % 253) as u8)
            .collect();
        let chunks: Vec<Result<Bytes, String>> = large
            .chunks(1 << 20)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        let big = store
            .put_stream("l", futures::stream::iter(chunks))
            .await
            .unwrap()
            .unwrap();
        let big_on_disk = std::fs::read(s3.bucket_dir().join("fleet").join(&big.key)).unwrap();
        let big_digests = store.digests(&big.key).await.unwrap();
        let incoming_left = s3.bucket_dir().join("fleet/incoming/l").exists();

        let broken =
            futures::stream::iter([Ok(Bytes::from_static(b"abc")), Err("reset".to_owned())]);
        let broken = store.put_stream("b", broken).await.unwrap();
        let nothing = store.size("objects/sha256/ba/nothing").await.unwrap();

        for key in ["bags/a/bagit.txt", "bags/a/data/1.jpg", "bags/ab/x"] {
            store.put(key, b"k".to_vec()).await.unwrap();
        }
        let listed = store.list("bags/a").await.unwrap();
        store.delete("bags/a/data/1.jpg").await.unwrap();
        store.delete("bags/a/data/1.jpg").await.unwrap();
        let listed_after = store.list("bags/a").await.unwrap();
        let removed_left = s3.bucket_dir().join("fleet/bags/a/data/1.jpg").exists();
        Stored {
            small_on_disk,
            large,
            big,
            big_on_disk,
            big_digests,
            incoming_left,
            broken,
            nothing,
            listed,
            listed_after,
            removed_left,
        }
    });
    drop(s3);
    Some(stored)
}

#[test]
fn a_small_file_is_stored_whole_and_a_body_that_breaks_off_stores_nothing() {
    let Some(s) = stored() else {
        return;
    };
    assert_eq!(s.small_on_disk, b"hello");
    assert_eq!(s.broken, Err("reset".to_owned()));
    assert_eq!(s.nothing, None);
}

#[test]
fn a_large_file_goes_in_parts_to_its_content_key_and_reads_back_with_its_digests() {
    let Some(s) = stored() else {
        return;
    };
    assert_eq!(s.big_on_disk, s.large);
    let big = &s.big;
    assert_eq!(
        s.big_digests,
        (big.sha256.clone(), big.sha512.clone(), big.size)
    );
    assert!(
        !s.incoming_left,
        "the upload in parts is removed once copied"
    );
}

#[test]
fn keys_are_listed_under_a_folder_relative_to_the_prefix_and_removed() {
    let Some(s) = stored() else {
        return;
    };
    // Keys are listed under a folder, relative to the store's prefix, and
    // removed (a bag packaged again removes what it no longer holds).
    assert_eq!(s.listed, ["bags/a/bagit.txt", "bags/a/data/1.jpg"]);
    assert_eq!(s.listed_after, ["bags/a/bagit.txt"]);
    assert!(!s.removed_left);
}
