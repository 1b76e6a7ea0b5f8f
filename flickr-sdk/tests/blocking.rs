//! The blocking facade (feature `blocking`) against the loopback Flickr:
//! a call, every item of a paged method, an upload and a raw call, one per
//! case, from plain synchronous code (no runtime of the caller's).

#![cfg(feature = "blocking")]

use flickr_sdk::blocking::BlockingClient;
use flickr_sdk::upload::{Upload, UploadReply};
use flickr_sdk::{CallOptions, Client, DateValue, MethodRef, Verb};
use flickr_testkit::FakeFlickr;
use std::collections::BTreeSet;

/// The fake Flickr on its own runtime, and a blocking client for it; the
/// tests themselves are synchronous.
struct Loopback {
    flickr: BlockingClient,
    fake: FakeFlickr,
    _server_rt: tokio::runtime::Runtime,
}

fn loopback() -> Loopback {
    let server_rt = tokio::runtime::Runtime::new().unwrap();
    let fake = server_rt
        .block_on(FakeFlickr::builder().photos(75).start())
        .unwrap();
    let creds = fake.credentials();
    let client = Client::builder()
        .oauth(
            &creds.api_key,
            &creds.api_secret,
            &creds.oauth_token,
            &creds.oauth_token_secret,
        )
        .base_url(&fake.base_url())
        .build()
        .unwrap();
    let flickr = BlockingClient::new(client).unwrap();
    Loopback {
        flickr,
        fake,
        _server_rt: server_rt,
    }
}

#[test]
fn a_generated_call_answers_from_synchronous_code() {
    let Loopback { flickr, fake, .. } = &loopback();
    let id = fake.public_photo_ids()[0];
    let info = flickr
        .send(flickr.client().photos().get_info(id.to_string()).send())
        .unwrap();
    assert!(format!("{info:?}").contains(&id.to_string()));
}

#[test]
fn paging_yields_every_public_photo_exactly_once_as_an_iterator() {
    let Loopback { flickr, fake, .. } = &loopback();
    let search = flickr
        .client()
        .photos()
        .search()
        .min_upload_date(DateValue::unix(1))
        .privacy_filter(flickr_sdk::types::PrivacyFilter::Public)
        .per_page(20);
    let ids: Vec<String> = flickr
        .iter(search.items())
        .map(|photo| photo.unwrap().id.to_string())
        .collect();
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
    assert_eq!(ids.len(), fake.public_photo_ids().len());
}

#[test]
fn an_upload_streams_from_a_file_from_synchronous_code() {
    let Loopback { flickr, fake, .. } = &loopback();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blocking.jpg");
    std::fs::write(&path, vec![1u8; 20_000]).unwrap();
    let reply = flickr
        .upload(Upload::from_path(&path).title("from blocking code"))
        .unwrap();
    let UploadReply::Photo { id, .. } = reply else {
        panic!("expected a photo id, got {reply:?}")
    };
    assert!(fake
        .photo(id.as_str().parse().unwrap())
        .is_some_and(|p| format!("{p:?}").contains("from blocking code")));
}

#[test]
fn a_call_by_name_answers_from_synchronous_code() {
    let Loopback { flickr, .. } = &loopback();
    let echo: serde_json::Value = flickr
        .call(
            MethodRef::named("flickr.test.echo", Verb::Get),
            [("hello", "world")].into(),
            &CallOptions::new(),
        )
        .unwrap();
    assert_eq!(echo["hello"]["_content"], "world", "{echo}");
}
