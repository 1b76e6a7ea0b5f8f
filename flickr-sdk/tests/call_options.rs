//! Typed builders take per-call options (`.options(CallOptions)`) and their
//! paging streams honour them, against the loopback Flickr with injected
//! faults: a write opted in to retries goes through a 503, one that is not is
//! sent once; the format, the timeout and the retry policy of one call take
//! effect on the wire.

use flickr_sdk::error::{Error, TransportError};
use flickr_sdk::transport::{HttpRequest, HttpResponse, Transport};
use flickr_sdk::{CallOptions, Client, Format, RetryPolicy};
use flickr_testkit::{FakeFlickr, Fault, ALICE};
use futures::future::BoxFuture;
use futures::TryStreamExt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const FAVORITES_ADD: &str = "flickr.favorites.add";
const GET_INFO: &str = "flickr.photos.getInfo";
const SEARCH: &str = "flickr.photos.search";

async fn fake() -> FakeFlickr {
    FakeFlickr::builder().photos(60).start().await.unwrap()
}

/// Alice's client, retrying quickly (reads retry by default; writes only when asked).
fn client(fake: &FakeFlickr) -> Client {
    let c = fake.credentials();
    Client::builder()
        .oauth(c.api_key, c.api_secret, c.oauth_token, c.oauth_token_secret)
        .base_url(&fake.base_url())
        .retry_policy(
            RetryPolicy::default()
                .with_delays(Duration::from_millis(1), Duration::from_millis(5))
                .with_deadline(Some(Duration::from_secs(30))),
        )
        .build()
        .unwrap()
}

/// Passes requests on, noting the `format` each asked for.
#[derive(Debug)]
struct Formats {
    inner: Arc<dyn Transport>,
    seen: Mutex<Vec<String>>,
}

impl Transport for Formats {
    fn send(&self, req: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let format = req
            .url
            .query_pairs()
            .find(|(k, _)| k == "format")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        self.seen.lock().unwrap().push(format);
        self.inner.send(req)
    }
}

/// A public photo that is not Alice's (she cannot favorite her own).
fn someone_elses_photo(fake: &FakeFlickr) -> u64 {
    fake.public_photo_ids()
        .into_iter()
        .find(|id| fake.photo(*id).is_some_and(|p| p.owner != ALICE))
        .expect("a photo of another user")
}

#[tokio::test]
async fn a_typed_write_opted_in_is_retried_through_a_503() {
    let fake = fake().await;
    let photo = someone_elses_photo(&fake);
    fake.inject(FAVORITES_ADD, Fault::Status(503), 1);
    client(&fake)
        .favorites()
        .add(photo.to_string())
        .options(CallOptions::new().retry_writes(true))
        .send()
        .await
        .expect("the second attempt succeeds");
    assert_eq!(fake.requests(FAVORITES_ADD), 2, "one 503, one retry");
    assert!(fake.favorites(ALICE).contains(&photo));
}

#[tokio::test]
async fn a_typed_write_without_the_option_is_sent_once_and_the_503_returned() {
    let fake = fake().await;
    let photo = someone_elses_photo(&fake);
    fake.inject(FAVORITES_ADD, Fault::Status(503), 1);
    let err = client(&fake)
        .favorites()
        .add(photo.to_string())
        .send()
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Http(h) if h.status == 503), "{err:?}");
    assert_eq!(
        fake.requests(FAVORITES_ADD),
        1,
        "writes are never retried unasked"
    );
    assert!(!fake.favorites(ALICE).contains(&photo));
}

#[tokio::test]
async fn the_format_option_asks_flickr_for_xml_and_the_typed_answer_is_the_same() {
    let fake = fake().await;
    let client = client(&fake);
    let id = fake.public_photo_ids()[0].to_string();
    let xml = CallOptions::new().format(Format::Rest);

    let raw = client
        .photos()
        .get_info(id.clone())
        .options(xml.clone())
        .send_raw_body()
        .await
        .unwrap();
    assert_eq!(raw.format, Format::Rest);
    let body = String::from_utf8_lossy(&raw.body);
    assert!(body.trim_start().starts_with('<'), "an XML body: {body}");

    let from_xml = client
        .photos()
        .get_info(id.clone())
        .options(xml)
        .send()
        .await
        .unwrap();
    let from_json = client.photos().get_info(id).send().await.unwrap();
    assert_eq!(from_xml.id, from_json.id);
    assert_eq!(from_xml.title, from_json.title);
    assert_eq!(from_xml.owner, from_json.owner);
}

#[tokio::test]
async fn the_timeout_option_limits_a_typed_call() {
    let fake = fake().await;
    let id = fake.public_photo_ids()[0].to_string();
    fake.inject(GET_INFO, Fault::Slow(Duration::from_secs(30)), 1);
    let limit = Duration::from_millis(200);
    let err = client(&fake)
        .photos()
        .get_info(id)
        .options(CallOptions::new().timeout(limit).retry(RetryPolicy::none()))
        .send()
        .await
        .unwrap_err();
    let Error::Timeout(t) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        t.limit,
        Some(limit),
        "the call's own limit, not the client's"
    );
    assert_eq!(
        fake.requests(GET_INFO),
        1,
        "RetryPolicy::none(): one attempt"
    );
}

#[tokio::test]
async fn paging_streams_honour_the_options() {
    let fake = fake().await;
    let client = client(&fake);

    // The client's policy would retry the 503; the call's own policy does not.
    fake.inject(SEARCH, Fault::Status(503), 1);
    let err = client
        .photos()
        .search()
        .user_id(ALICE)
        .per_page(10)
        .options(CallOptions::new().retry(RetryPolicy::none()))
        .items()
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Http(h) if h.status == 503), "{err:?}");
    assert_eq!(fake.requests(SEARCH), 1);

    // Every page is asked as XML, and decodes to the same items as JSON.
    let formats = Arc::new(Formats {
        inner: client.core().transport().clone(),
        seen: Mutex::new(Vec::new()),
    });
    let recorded = Client::from(client.core().with_transport(formats.clone()));
    let as_xml: Vec<_> = recorded
        .photos()
        .search()
        .user_id(ALICE)
        .per_page(10)
        .options(CallOptions::new().format(Format::Rest))
        .pages()
        .try_collect()
        .await
        .unwrap();
    let as_json: Vec<_> = client
        .photos()
        .search()
        .user_id(ALICE)
        .per_page(10)
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert!(as_json.len() > 1, "several pages");
    let seen = formats.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), as_xml.len(), "one request per page");
    assert!(seen.iter().all(|f| f == "rest"), "{seen:?}");
    let ids = |pages: &[flickr_sdk::types::PhotoPage]| -> Vec<String> {
        pages
            .iter()
            .flat_map(|p| p.photos.iter().map(|ph| ph.id.as_str().to_owned()))
            .collect()
    };
    assert_eq!(ids(&as_xml), ids(&as_json));
}
