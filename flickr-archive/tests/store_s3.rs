//! The store on S3: `rclone serve s3` (a real S3 implementation over a
//! directory) through the standard `AWS_*` variables; small files in one
//! request, large ones in parts then copied to their content key, both read
//! back with the same digests; a body that breaks off stores nothing; keys
//! listed under a folder and removed.

use bytes::Bytes;
use flickr_archive::Store;
use flickr_testkit::s3_server::test_s3;

#[tokio::test]
async fn files_go_to_s3_by_content_small_ones_whole_large_ones_in_parts() {
    let Some(s3) = test_s3("files_go_to_s3_by_content", "archive") else {
        return;
    };
    // The one test of this binary: the process's environment is its own.
    for (k, v) in s3.env() {
        std::env::set_var(k, v);
    }
    let store = Store::open("s3://archive/fleet").unwrap();
    let small = store
        .put_stream(
            "s",
            futures::stream::iter([Ok::<_, String>(Bytes::from_static(b"hello"))]),
        )
        .await
        .unwrap()
        .unwrap();
    let on_disk = s3.bucket_dir().join("fleet").join(&small.key);
    assert_eq!(std::fs::read(&on_disk).unwrap(), b"hello");

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
    assert_eq!(
        std::fs::read(s3.bucket_dir().join("fleet").join(&big.key)).unwrap(),
        large
    );
    assert_eq!(
        store.digests(&big.key).await.unwrap(),
        (big.sha256.clone(), big.sha512.clone(), big.size)
    );
    assert!(
        !s3.bucket_dir().join("fleet/incoming/l").exists(),
        "the upload in parts is removed once copied"
    );

    let broken = futures::stream::iter([Ok(Bytes::from_static(b"abc")), Err("reset".to_owned())]);
    assert_eq!(
        store.put_stream("b", broken).await.unwrap(),
        Err("reset".to_owned())
    );
    assert_eq!(store.size("objects/sha256/ba/nothing").await.unwrap(), None);

    // Keys are listed under a folder, relative to the store's prefix, and
    // removed (a bag packaged again removes what it no longer holds).
    for key in ["bags/a/bagit.txt", "bags/a/data/1.jpg", "bags/ab/x"] {
        store.put(key, b"k".to_vec()).await.unwrap();
    }
    assert_eq!(
        store.list("bags/a").await.unwrap(),
        ["bags/a/bagit.txt", "bags/a/data/1.jpg"]
    );
    store.delete("bags/a/data/1.jpg").await.unwrap();
    store.delete("bags/a/data/1.jpg").await.unwrap();
    assert_eq!(store.list("bags/a").await.unwrap(), ["bags/a/bagit.txt"]);
    assert!(!s3.bucket_dir().join("fleet/bags/a/data/1.jpg").exists());
}
