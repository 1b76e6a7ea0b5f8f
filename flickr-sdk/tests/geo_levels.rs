//! Geo accuracy and context are levels, typed as numeric enums: answers
//! decode them (an unknown level too, kept and written back as the number),
//! and arguments take only the levels Flickr accepts (accuracy 1–16: the
//! `0` answers use for "no location" is refused before anything is sent).

use bytes::Bytes;
use flickr_core::error::Error;
use flickr_core::open_enum::Open;
use flickr_core::params::Params;
use flickr_core::retry::RetryPolicy;
use flickr_core::transport::{HttpRequest, HttpResponse, Transport};
use flickr_sdk::types::{GeoAccuracy, GeoContext, Photo};
use flickr_sdk::Client;
use futures::future::BoxFuture;
use std::sync::{Arc, Mutex};

#[test]
fn answers_decode_levels_and_write_them_back_as_numbers() {
    let photo: Photo = serde_json::from_str(
        r#"{"id":"1","accuracy":"11","context":2,"latitude":1.5,"longitude":2.5}"#,
    )
    .unwrap();
    assert_eq!(photo.accuracy, Some(Open::Known(GeoAccuracy::City)));
    assert_eq!(photo.context, Some(Open::Known(GeoContext::Outdoors)));

    let none: Photo = serde_json::from_str(r#"{"id":"1","accuracy":0,"context":0}"#).unwrap();
    assert_eq!(none.accuracy, Some(Open::Known(GeoAccuracy::NotGeotagged)));
    assert_eq!(none.context, Some(Open::Known(GeoContext::NotDefined)));

    // A level Flickr adds later decodes and re-serializes unchanged.
    let later: Photo = serde_json::from_str(r#"{"id":"1","accuracy":17,"context":3}"#).unwrap();
    assert_eq!(later.accuracy, Some(Open::Unknown("17".into())));
    let back = serde_json::to_value(&later).unwrap();
    assert_eq!(back["accuracy"], serde_json::json!(17));
    assert_eq!(back["context"], serde_json::json!(3));
    let back = serde_json::to_value(&photo).unwrap();
    assert_eq!(back["accuracy"], serde_json::json!(11));
}

/// Records the query of each request and answers an empty page.
#[derive(Debug, Default)]
struct Recorder {
    queries: Mutex<Vec<String>>,
}

impl Transport for Recorder {
    fn send(
        &self,
        req: HttpRequest,
    ) -> BoxFuture<'_, Result<HttpResponse, flickr_core::error::TransportError>> {
        self.queries
            .lock()
            .unwrap()
            .push(req.url.query().unwrap_or_default().to_owned());
        let resp = HttpResponse {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: Bytes::from_static(
                br#"{"photos":{"page":1,"pages":0,"perpage":100,"total":0,"photo":[]},"stat":"ok"}"#,
            ),
        };
        Box::pin(async move { Ok(resp) })
    }
}

fn client() -> (Client, Arc<Recorder>) {
    let transport = Arc::new(Recorder::default());
    let client = Client::builder()
        .api_key("key")
        .transport(transport.clone())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    (client, transport)
}

#[tokio::test]
async fn accuracy_arguments_keep_their_range() {
    let (client, transport) = client();
    client
        .photos()
        .search()
        .accuracy(GeoAccuracy::Street)
        .geo_context(GeoContext::Indoors)
        .send()
        .await
        .unwrap();
    let sent = transport.queries.lock().unwrap().pop().unwrap();
    assert!(sent.contains("accuracy=16"), "{sent}");
    assert!(sent.contains("geo_context=1"), "{sent}");

    // `0` is what answers say for "no location"; Flickr takes 1–16.
    let refused = client
        .photos()
        .search()
        .accuracy(GeoAccuracy::NotGeotagged)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, Error::InvalidArgument { .. }),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("accuracy"), "{refused}");

    // By name (the CLI's `flickr call`): the registry's check keeps the range.
    let search = flickr_sdk::registry::find("flickr.photos.search").unwrap();
    let check = |level: &str| {
        let mut params = Params::new();
        params.push("accuracy", level.to_owned());
        search.check_args(&params)
    };
    for level in ["0", "17", "street"] {
        let problem = check(level).unwrap_err();
        assert_eq!(problem.arg, "accuracy");
        assert!(
            problem.reason.contains("`1`") || problem.reason.contains("1,"),
            "{problem}"
        );
    }
    check("3").unwrap();
    assert!(
        transport.queries.lock().unwrap().is_empty(),
        "the refused call was sent"
    );
}
