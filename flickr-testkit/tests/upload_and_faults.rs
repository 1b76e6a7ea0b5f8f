//! Uploads (a 200 MB file streamed and hash-verified), asynchronous replace
//! with ticket polling, and retries on injected faults without duplicated writes.

mod common;

use std::io::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{small_fake, user_client};
use flickr_core::error::Error;
use flickr_sdk::upload::{wait_for_tickets, Replace, TicketOutcome, Upload, UploadReply};
use flickr_testkit::Fault;
use sha2::{Digest, Sha256};

/// Writes `len` bytes of a repeating pattern to a temp file; returns it with its SHA-256.
fn pattern_file(len: usize) -> (tempfile::NamedTempFile, String) {
    let mut file = tempfile::Builder::new().suffix(".jpg").tempfile().unwrap();
    let block: Vec<u8> = (0..1024 * 1024).map(|i| (i * 31 % 251) as u8).collect();
    let mut hasher = Sha256::new();
    let mut left = len;
    while left > 0 {
        let n = left.min(block.len());
        file.write_all(&block[..n]).unwrap();
        hasher.update(&block[..n]);
        left -= n;
    }
    file.flush().unwrap();
    let hex = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    (file, hex)
}

#[tokio::test]
async fn a_200_mb_upload_is_streamed_and_hash_verified() {
    let fake = small_fake().await;
    let client = user_client(&fake);
    let (file, sha) = pattern_file(200 * 1024 * 1024);
    let sent = Arc::new(AtomicU64::new(0));
    let seen = sent.clone();
    let reply = Upload::from_path(file.path())
        .title("Big one")
        .tags(["huge", "new york"])
        .is_public(false)
        .on_progress(move |done, _total| seen.store(done, Ordering::Relaxed))
        .send(client.core())
        .await
        .unwrap();
    let UploadReply::Photo { id, .. } = reply else {
        panic!("expected a photo id, got {reply:?}")
    };
    assert_eq!(sent.load(Ordering::Relaxed), 200 * 1024 * 1024);
    let stored = fake.uploads().pop().unwrap();
    assert_eq!(stored.size, 200 * 1024 * 1024);
    assert_eq!(stored.sha256, sha);
    assert_eq!(stored.photo_id.to_string(), id.as_str());
    let photo = fake.photo(stored.photo_id).unwrap();
    assert_eq!(photo.title, "Big one");
    assert_eq!(photo.tags, vec!["huge", "new york"]);
    assert!(!photo.is_public);
}

#[tokio::test]
async fn async_replace_completes_through_ticket_polling() {
    let fake = small_fake().await;
    let client = user_client(&fake);
    let (first, _) = pattern_file(64 * 1024);
    let UploadReply::Photo { id, .. } = Upload::from_path(first.path())
        .send(client.core())
        .await
        .unwrap()
    else {
        panic!("expected a photo id")
    };
    let (second, sha) = pattern_file(3 * 1024 * 1024 + 17);
    let reply = Replace::from_path(id.clone(), second.path())
        .asynchronous(true)
        .send(client.core())
        .await
        .unwrap();
    let UploadReply::Ticket(ticket) = reply else {
        panic!("expected a ticket, got {reply:?}")
    };
    let outcomes = wait_for_tickets(
        client.core(),
        std::slice::from_ref(&ticket),
        Duration::from_millis(50),
        Duration::from_secs(30),
    )
    .await
    .unwrap();
    assert_eq!(
        outcomes[0].1,
        TicketOutcome::Complete {
            photo_id: id.clone(),
            imported: outcomes_imported(&outcomes[0].1)
        }
    );
    assert!(fake.requests("flickr.photos.upload.checkTickets") >= 1);
    let stored = fake.uploads().pop().unwrap();
    assert_eq!(
        (stored.endpoint, stored.sha256.as_str()),
        ("replace", sha.as_str())
    );
    assert_eq!(fake.photo(stored.photo_id).unwrap().content.unwrap().0, sha);
}

fn outcomes_imported(o: &TicketOutcome) -> Option<i64> {
    match o {
        TicketOutcome::Complete { imported, .. } => *imported,
        _ => None,
    }
}

#[tokio::test]
async fn upload_signed_with_a_wrong_secret_is_refused_and_not_stored() {
    let fake = small_fake().await;
    let c = fake.credentials();
    let bad: flickr_sdk::Client = flickr_sdk::Client::builder()
        .oauth(c.api_key, "wrong", c.oauth_token, c.oauth_token_secret)
        .base_url(&fake.base_url())
        .build()
        .unwrap();
    let (file, _) = pattern_file(1000);
    let e = Upload::from_path(file.path())
        .send(bad.core())
        .await
        .unwrap_err();
    assert_eq!(e.api_code(), Some(96), "{e}");
    assert!(fake.uploads().is_empty());
}

#[tokio::test]
async fn reads_are_retried_through_5xx_429_and_105() {
    let fake = small_fake().await;
    let client = user_client(&fake);
    fake.inject("flickr.photos.search", Fault::Status(503), 1);
    fake.inject(
        "flickr.photos.search",
        Fault::RateLimited { retry_after: 1 },
        1,
    );
    fake.inject("flickr.photos.search", Fault::unavailable(), 1);
    let page = client.photos().search().text("cat").send().await.unwrap();
    assert!(page.total >= 0);
    assert_eq!(
        fake.requests("flickr.photos.search"),
        4,
        "three faults, then success"
    );
    // A slow answer is just slow.
    fake.inject(
        "flickr.test.login",
        Fault::Slow(Duration::from_millis(50)),
        1,
    );
    client.test().login().send().await.unwrap();
}

#[tokio::test]
async fn writes_are_not_retried_so_nothing_is_duplicated() {
    let fake = small_fake().await;
    let client = user_client(&fake);
    let photo = fake.public_photo_ids()[3];
    let before = fake.comments(photo).len();

    // A 503 before the write: one request, no comment, the error surfaces.
    fake.inject("flickr.photos.comments.addComment", Fault::Status(503), 1);
    let e = client
        .photos()
        .comments()
        .add_comment(photo.to_string(), "first")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Http(ref h) if h.status == 503), "{e}");
    assert_eq!(fake.requests("flickr.photos.comments.addComment"), 1);
    assert_eq!(fake.comments(photo).len(), before);

    // The connection drops after the server stored the comment: still exactly one.
    fake.inject(
        "flickr.photos.comments.addComment",
        Fault::DropAfterEffect,
        1,
    );
    let e = client
        .photos()
        .comments()
        .add_comment(photo.to_string(), "second")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport(_)), "{e}");
    assert_eq!(fake.requests("flickr.photos.comments.addComment"), 2);
    assert_eq!(fake.comments(photo).len(), before + 1);

    // 105 on a write is not retried either.
    fake.inject("flickr.favorites.add", Fault::unavailable(), 1);
    let e = client
        .favorites()
        .add(photo.to_string())
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.api_code(), Some(105));
    assert_eq!(fake.requests("flickr.favorites.add"), 1);

    // Uploads: a dropped connection is one attempt, one stored file.
    let (file, _) = pattern_file(4096);
    fake.inject("upload", Fault::DropAfterEffect, 1);
    assert!(Upload::from_path(file.path())
        .send(client.core())
        .await
        .is_err());
    assert_eq!(fake.requests("upload"), 1);
    assert_eq!(fake.uploads().len(), 1);
}

#[tokio::test]
async fn dropped_connections_surface_as_transport_errors() {
    let fake = small_fake().await;
    let client = user_client(&fake);
    fake.inject("flickr.photos.getInfo", Fault::Drop, 10);
    let id = fake.public_photo_ids()[0].to_string();
    let e = client.photos().get_info(id).send().await.unwrap_err();
    assert!(matches!(e, Error::Transport(_)), "{e}");
    fake.clear_faults();
}
