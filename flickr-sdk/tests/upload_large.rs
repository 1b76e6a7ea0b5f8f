//! A large sparse file uploaded over loopback: memory stays flat and the server
//! receives exactly the file's bytes.
//!
//! The server runs in this process and hashes the photo part as it streams,
//! holding nothing, so the process's peak RSS (`VmHWM`) bounds the client's.
//! This file holds only these tests so no other test's memory counts.
//!
//! The 200 MB upload always runs. The 2 GB one (the bar) takes about
//! a minute in a debug build, so it is `#[ignore]`d here and run on its own by
//! `scripts/test.sh` with
//! `cargo test --workspace --test upload_large -- --ignored` (the debug
//! build the workspace tests already made: no second, optimised build).

use std::io::{Seek, SeekFrom, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flickr_core::upload::{Upload, UploadReply};
use flickr_testkit::oauth_server::*;
use sha2::{Digest, Sha256};

/// Peak RSS allowed for the whole process (client and server).
const RSS_LIMIT_KB: u64 = 64 * 1024;

/// A few bytes written into the otherwise empty file, so byte-identical means
/// more than "all zeros".
fn markers(size: u64) -> Vec<(u64, &'static [u8])> {
    vec![
        (0, b"\xff\xd8\xff\xe0 start"),
        ((1 << 20) + 7, b"one MiB in"),
        (size / 2, b"middle"),
        (size - 3, b"end"),
    ]
}

fn sparse_file(size: u64) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".mp4").tempfile().unwrap();
    file.as_file().set_len(size).unwrap();
    for (offset, bytes) in markers(size) {
        file.seek(SeekFrom::Start(offset)).unwrap();
        file.write_all(bytes).unwrap();
    }
    file.flush().unwrap();
    file
}

/// SHA-256 of the sparse file computed from its description, without reading it.
fn expected_sha256(size: u64) -> [u8; 32] {
    let zeros = vec![0u8; 1 << 20];
    let mut hasher = Sha256::new();
    let mut pos = 0u64;
    for (offset, bytes) in markers(size) {
        while pos < offset {
            let n = (offset - pos).min(zeros.len() as u64) as usize;
            hasher.update(&zeros[..n]);
            pos += n as u64;
        }
        hasher.update(bytes);
        pos += bytes.len() as u64;
    }
    while pos < size {
        let n = (size - pos).min(zeros.len() as u64) as usize;
        hasher.update(&zeros[..n]);
        pos += n as u64;
    }
    hasher.finalize().into()
}

/// Peak resident set size of this process so far, in KiB (Linux).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

async fn upload_sparse(size: u64) {
    let server = Server::start().await;
    let client = user_client(&server);
    let file = sparse_file(size);
    let sent = Arc::new(AtomicU64::new(0));
    let seen = sent.clone();
    let reply = Upload::from_path(file.path())
        .title("large")
        .on_progress(move |n, total| {
            assert_eq!(total, size);
            seen.store(n, Ordering::Relaxed);
        })
        .send(&client)
        .await
        .unwrap();
    assert!(matches!(reply, UploadReply::Photo { .. }), "{reply:?}");
    assert_eq!(sent.load(Ordering::Relaxed), size);

    let got = server.uploads().pop().unwrap();
    assert!(got.signature_ok);
    assert_eq!(got.photo_len, size);
    assert_eq!(
        got.photo_sha256,
        expected_sha256(size),
        "the server received different bytes"
    );

    match peak_rss_kb() {
        Some(kb) => {
            eprintln!("peak RSS after uploading {size} bytes: {kb} KiB");
            assert!(
                kb < RSS_LIMIT_KB,
                "peak RSS {kb} KiB is over the {RSS_LIMIT_KB} KiB limit"
            );
        }
        None => eprintln!("no /proc/self/status here: peak RSS not checked"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_200_mb_sparse_file_streams_with_flat_memory() {
    upload_sparse(200 << 20).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "2 GB, about a minute: run on its own by scripts/test.sh (cargo test --workspace --test upload_large -- --ignored)"]
async fn a_2_gb_sparse_file_streams_with_flat_memory() {
    upload_sparse(2 << 30).await;
}
