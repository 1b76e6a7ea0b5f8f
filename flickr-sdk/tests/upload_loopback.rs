//! Upload and replace over real HTTP against a loopback server that verifies
//! signatures independently and hashes what it receives (one non-ASCII
//! upload is made once and checked fact by fact).

use std::io::Cursor;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use flickr_core::credentials::Credentials;
use flickr_core::error::Error;
use flickr_core::ids::{PhotoId, TicketId};
use flickr_sdk::upload::{
    wait_for_tickets, PhotoContentType, Replace, SafetyLevel, TicketOutcome, Upload, UploadReply,
};
use flickr_testkit::oauth_server::*;
use sha2::{Digest, Sha256};

fn sample(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

const TITLE: &str = "Café – 東京 😀 + & = % ~ \"quoted\"";
const DESCRIPTION: &str = "line one\nline two: <b>bold</b> a+b=c&d";
const PHOTO_LEN: usize = 300_000;

/// One upload from a non-ASCII file name with non-ASCII fields and every
/// flag set, made once per test binary on its own runtime: the reply, what
/// the server received, and every progress report.
struct NonAsciiUpload {
    reply: UploadReply,
    got: Received,
    progress: Vec<(u64, u64)>,
}

fn non_ascii_upload() -> &'static NonAsciiUpload {
    static SENT: OnceLock<NonAsciiUpload> = OnceLock::new();
    SENT.get_or_init(|| {
        tokio::runtime::Runtime::new().unwrap().block_on(async {
            let server = Server::start().await;
            let client = user_client(&server);
            let dir = flickr_testkit::fixture_tempdir();
            let path = dir.path().join("Café 東京.jpg");
            std::fs::write(&path, sample(PHOTO_LEN)).unwrap();
            let progress = Arc::new(Mutex::new(Vec::new()));
            let log = progress.clone();
            let reply = Upload::from_path(&path)
                .title(TITLE)
                .description(DESCRIPTION)
                .tags(["東京", "new york", "a+b", "día\u{a0}uno"])
                .is_public(false)
                .is_friend(true)
                .is_family(true)
                .safety_level(SafetyLevel::Restricted)
                .content_type(PhotoContentType::Screenshot)
                .hidden(true)
                .on_progress(move |sent, total| log.lock().unwrap().push((sent, total)))
                .send(&client)
                .await
                .unwrap();
            let got = server.uploads().pop().unwrap();
            let progress = progress.lock().unwrap().clone();
            NonAsciiUpload {
                reply,
                got,
                progress,
            }
        })
    })
}

#[test]
fn a_non_ascii_upload_is_answered_with_a_photo_id_only() {
    let reply = &non_ascii_upload().reply;
    assert!(
        matches!(reply, UploadReply::Photo { secret: None, .. }),
        "{reply:?}"
    );
}

#[test]
fn non_ascii_fields_are_signed_so_the_server_check_passes() {
    let got = &non_ascii_upload().got;
    assert!(
        got.signature_ok,
        "the server's own check rejected the signature"
    );
    assert_eq!(got.endpoint, "upload");
}

#[test]
fn non_ascii_title_description_and_tags_arrive_as_sent() {
    let got = &non_ascii_upload().got;
    assert_eq!(got.field("title"), Some(TITLE));
    assert_eq!(got.field("description"), Some(DESCRIPTION));
    assert_eq!(
        got.field("tags"),
        Some("東京 \"new york\" a+b \"día\u{a0}uno\"")
    );
}

#[test]
fn every_flag_arrives_as_flickrs_code_with_the_token_and_no_async() {
    let got = &non_ascii_upload().got;
    for (name, value) in [
        ("is_public", "0"),
        ("is_friend", "1"),
        ("is_family", "1"),
        ("safety_level", "3"),
        ("content_type", "2"),
        ("hidden", "2"),
    ] {
        assert_eq!(got.field(name), Some(value), "{name}");
    }
    assert_eq!(got.field("async"), None);
    assert_eq!(got.field("oauth_token"), Some(TOKEN));
}

#[test]
fn the_photo_is_the_last_part_and_not_a_signed_field() {
    let got = &non_ascii_upload().got;
    assert!(
        got.fields.iter().all(|(k, _)| k != "photo"),
        "the photo is not a signed field"
    );
    assert_eq!(got.order.last().map(String::as_str), Some("photo"));
}

#[test]
fn the_photo_arrives_whole_under_its_non_ascii_file_name() {
    let got = &non_ascii_upload().got;
    let bytes = sample(PHOTO_LEN);
    assert_eq!(got.filename.as_deref(), Some("Café 東京.jpg"));
    assert_eq!(got.content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(got.photo_len, bytes.len() as u64);
    assert_eq!(got.photo_sha256, <[u8; 32]>::from(Sha256::digest(&bytes)));
}

#[test]
fn upload_progress_only_grows_and_ends_at_the_file_length() {
    let progress = &non_ascii_upload().progress;
    let len = PHOTO_LEN as u64;
    assert!(
        progress.windows(2).all(|w| w[0].0 < w[1].0),
        "progress only grows"
    );
    assert_eq!(progress.last(), Some(&(len, len)));
}

#[tokio::test]
async fn async_replace_goes_to_the_replace_endpoint_and_its_ticket_completes() {
    let server = Server::start().await;
    let client = user_client(&server);
    let bytes = sample(70_000);
    let reply = Replace::from_reader(
        "10100736393",
        Cursor::new(bytes.clone()),
        bytes.len() as u64,
    )
    .filename("new.png")
    .asynchronous(true)
    .send(&client)
    .await
    .unwrap();
    let UploadReply::Ticket(ticket) = reply else {
        panic!("expected a ticket, got {reply:?}")
    };

    let got = server.uploads().pop().unwrap();
    assert!(got.signature_ok);
    assert_eq!(got.endpoint, "replace");
    assert_eq!(got.field("photo_id"), Some("10100736393"));
    assert_eq!(got.field("async"), Some("1"));
    assert_eq!(got.content_type.as_deref(), Some("image/png"));
    assert_eq!(got.photo_sha256, <[u8; 32]>::from(Sha256::digest(&bytes)));

    let outcomes = wait_for_tickets(
        &client,
        std::slice::from_ref(&ticket),
        Duration::from_millis(5),
        Duration::from_secs(10),
    )
    .await
    .unwrap();
    assert_eq!(
        outcomes,
        vec![(
            ticket,
            TicketOutcome::Complete {
                photo_id: PhotoId::new("10100785685"),
                imported: Some(1337291991)
            }
        )]
    );
    assert!(
        server.shared.ticket_polls.load(Ordering::SeqCst) >= 2,
        "the first poll said pending"
    );
}

#[tokio::test]
async fn sync_replace_returns_the_new_secrets() {
    let server = Server::start().await;
    let client = user_client(&server);
    let reply = Replace::from_reader(PhotoId::new("35467821184"), Cursor::new(vec![1u8; 10]), 10)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        reply,
        UploadReply::Photo {
            id: PhotoId::new("35467821184"),
            secret: Some("4c7cf4c150".into()),
            original_secret: Some("2f77799763".into()),
        }
    );
}

#[tokio::test]
async fn tickets_end_complete_failed_or_invalid_and_waiting_has_a_limit() {
    let server = Server::start().await;
    let client = user_client(&server);
    server
        .shared
        .failing_tickets
        .lock()
        .unwrap()
        .push("t-fail".into());
    let ids: Vec<TicketId> = ["t-ok", "t-fail", "bogus"]
        .into_iter()
        .map(TicketId::new)
        .collect();
    let outcomes = wait_for_tickets(
        &client,
        &ids,
        Duration::from_millis(1),
        Duration::from_secs(10),
    )
    .await
    .unwrap();
    let kinds: Vec<&TicketOutcome> = outcomes.iter().map(|(_, o)| o).collect();
    assert!(matches!(kinds[0], TicketOutcome::Complete { .. }));
    assert_eq!(kinds[1], &TicketOutcome::Failed);
    assert_eq!(kinds[2], &TicketOutcome::Invalid);

    server
        .shared
        .stuck_tickets
        .lock()
        .unwrap()
        .push("t-stuck".into());
    let err = wait_for_tickets(
        &client,
        &[TicketId::new("t-stuck")],
        Duration::from_millis(1),
        Duration::from_millis(30),
    )
    .await
    .unwrap_err();
    let Error::Timeout(t) = &err else {
        panic!("expected a timeout, got {err:?}")
    };
    assert!(t.what.contains("t-stuck"), "{err}");
    assert_eq!(t.limit, Some(Duration::from_millis(30)));
}

#[tokio::test]
async fn an_upload_failure_is_an_api_error_and_is_not_retried() {
    let server = Server::start().await;
    let client = user_client(&server);
    *server.shared.fail_upload.lock().unwrap() = Some((5, "Filetype was not recognised".into()));
    let err = Upload::from_reader(Cursor::new(vec![0u8; 100]), 100)
        .title("x")
        .send(&client)
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("expected an API error, got {err:?}")
    };
    assert_eq!(
        (api.code, api.message.as_str()),
        (5, "Filetype was not recognised")
    );
    assert!(
        err.to_string().contains("Filetype was not recognised"),
        "{err}"
    );
    assert_eq!(server.shared.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_bad_token_secret_is_refused_with_both_base_strings() {
    let server = Server::start().await;
    let client = client(
        &server,
        Credentials::oauth(KEY, SECRET, TOKEN, "not the token secret"),
    );
    let err = Upload::from_reader(Cursor::new(vec![0u8; 10]), 10)
        .title("ü")
        .send(&client)
        .await
        .unwrap_err();
    let Error::OAuth(oauth) = &err else {
        panic!("expected an OAuth error, got {err:?}")
    };
    assert_eq!(oauth.problem, "signature_invalid");
    assert_eq!(oauth.debug_sbs, oauth.base_string);
    let ours = oauth.base_string.as_deref().unwrap();
    assert!(
        ours.starts_with("POST&http%3A%2F%2F127.0.0.1%3A") && ours.contains("title%3D%25C3%25BC"),
        "{ours}"
    );
    assert!(!err.to_string().contains("not the token secret"));
}

#[tokio::test]
async fn uploads_need_an_access_token_and_send_nothing_without_one() {
    let server = Server::start().await;
    for creds in [Credentials::api_key(KEY), Credentials::app(KEY, SECRET)] {
        let client = client(&server, creds);
        let err = Upload::from_reader(Cursor::new(vec![0u8; 10]), 10)
            .send(&client)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::MissingCredentials { .. }), "{err:?}");
    }
    assert_eq!(server.shared.requests.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_reader_shorter_than_declared_fails_instead_of_uploading_garbage() {
    let server = Server::start().await;
    let client = user_client(&server);
    let err = Upload::from_reader(Cursor::new(vec![0u8; 1000]), 5000)
        .send(&client)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(server.uploads().iter().all(|u| u.photo_len != 5000));
}

#[tokio::test]
async fn a_missing_file_is_an_io_error_naming_it() {
    let server = Server::start().await;
    let client = user_client(&server);
    let err = Upload::from_path("/nonexistent/holiday.mp4")
        .send(&client)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Io(_)), "{err:?}");
    assert!(
        err.to_string().contains("/nonexistent/holiday.mp4"),
        "{err}"
    );
}

/// A reader that yields `chunks` chunks of 1 KiB, `gap` apart.
fn slow_reader(chunks: usize, gap: Duration) -> tokio::io::DuplexStream {
    let (mut tx, rx) = tokio::io::duplex(4096);
    tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;
        for _ in 0..chunks {
            tokio::time::sleep(gap).await;
            if tx.write_all(&[7u8; 1024]).await.is_err() {
                return;
            }
        }
    });
    rx
}

#[tokio::test]
async fn a_slow_upload_outlives_the_client_timeout_and_retry_deadline_made_for_small_calls() {
    let server = Server::start().await;
    let client = flickr_core::client::Client::builder()
        .credentials(Credentials::oauth(KEY, SECRET, TOKEN, TOKEN_SECRET))
        .base_url(&server.base)
        .timeout(Duration::from_millis(50))
        .retry_policy(
            flickr_core::retry::RetryPolicy::default()
                .with_deadline(Some(Duration::from_millis(50))),
        )
        .build()
        .unwrap();
    let reply = Upload::from_reader(slow_reader(8, Duration::from_millis(25)), 8 * 1024)
        .send(&client)
        .await
        .unwrap();
    assert!(matches!(reply, UploadReply::Photo { .. }), "{reply:?}");
    assert_eq!(server.uploads().pop().unwrap().photo_len, 8 * 1024);
}

#[tokio::test]
async fn an_upload_over_its_own_timeout_is_a_timeout_error() {
    let server = Server::start().await;
    let client = user_client(&server);
    let err = Upload::from_reader(slow_reader(100, Duration::from_millis(20)), 100 * 1024)
        .timeout(Duration::from_millis(100))
        .send(&client)
        .await
        .unwrap_err();
    let Error::Timeout(t) = &err else {
        panic!("expected a timeout, got {err:?}")
    };
    assert_eq!(
        (t.what.as_str(), t.limit),
        ("upload", Some(Duration::from_millis(100)))
    );
}
