//! The store on a local directory: by content, small and large alike.

use super::*;

fn chunks(data: &[u8], size: usize) -> impl Stream<Item = std::result::Result<Bytes, String>> + '_ {
    futures::stream::iter(data.chunks(size).map(|c| Ok(Bytes::copy_from_slice(c))))
}

#[tokio::test]
async fn files_are_stored_by_content_small_and_large_alike() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().to_str().unwrap()).unwrap();
    let small = b"hello".to_vec();
    let got = store
        .put_stream("a", chunks(&small, 2))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        got.sha256,
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    );
    assert_eq!(got.key, format!("objects/sha256/2c/{}", got.sha256));
    assert_eq!(std::fs::read(dir.path().join(&got.key)).unwrap(), small);
    // Again (a batch redone after a crash): the same key, nothing doubled.
    let again = store
        .put_stream("b", chunks(&small, 5))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again, got);

    let large: Vec<u8> = (0..IN_MEMORY + 12345)
        .map(|i| (i * 7 % 251) as u8)
        .collect();
    let big = store
        .put_stream("c", chunks(&large, 1 << 20))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(big.size, large.len() as u64);
    assert_eq!(std::fs::read(dir.path().join(&big.key)).unwrap(), large);
    assert_eq!(
        store.digests(&big.key).await.unwrap(),
        (big.sha256.clone(), big.sha512.clone(), big.size)
    );
    assert!(
        !dir.path().join("incoming/c").exists(),
        "the scratch upload is removed"
    );
}

#[tokio::test]
async fn a_body_that_breaks_off_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().to_str().unwrap()).unwrap();
    let body = futures::stream::iter(vec![
        Ok(Bytes::from_static(b"abc")),
        Err("connection reset".to_owned()),
    ]);
    let got = store.put_stream("x", body).await.unwrap();
    assert_eq!(got, Err("connection reset".to_owned()));
    assert!(!dir.path().join("objects").exists());
}

#[test]
fn stores_are_named_plainly() {
    assert!(Store::open("ftp://x")
        .unwrap_err()
        .to_string()
        .contains("expected a directory or s3://"));
    assert!(Store::open("s3:///p")
        .unwrap_err()
        .to_string()
        .contains("no bucket"));
}

#[tokio::test]
async fn keys_are_listed_under_a_prefix_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().to_str().unwrap()).unwrap();
    for key in [
        "bags/a/bagit.txt",
        "bags/a/data/1.jpg",
        "bags/ab/x",
        "other",
    ] {
        store.put(key, key.as_bytes().to_vec()).await.unwrap();
    }
    assert_eq!(
        store.list("bags/a").await.unwrap(),
        ["bags/a/bagit.txt", "bags/a/data/1.jpg"],
        "a prefix is a folder, not the start of a name"
    );
    store.delete("bags/a/data/1.jpg").await.unwrap();
    store.delete("bags/a/data/1.jpg").await.unwrap();
    assert_eq!(store.list("bags/a").await.unwrap(), ["bags/a/bagit.txt"]);
    assert!(
        !dir.path().join("bags/a/data").exists(),
        "an emptied folder goes with its last file"
    );
    assert!(store.list("none").await.unwrap().is_empty());
}
