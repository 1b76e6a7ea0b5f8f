//! What the client puts on the wire, and how answers in every envelope come
//! back, over real HTTP on loopback.

mod support;

use flickr_core::client::{CallOptions, Client, Format, MethodRef, RawResponse};
use flickr_core::error::Error;
use flickr_core::params::Params;
use flickr_core::registry::Verb;
use flickr_core::retry::RetryPolicy;
use flickr_core::signer;
use serde::Deserialize;
use serde_json::Value;
use support::{methods, Recorded, Reply, TestServer};

fn oauth_client(server: &TestServer) -> Client {
    Client::builder()
        .oauth("my-key", "my-secret", "my-token", "my-token-secret")
        .base_url(&server.base())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

/// Re-signs what the server received (signature excluded) with the same
/// secrets: equal only if what was signed is exactly what was sent.
fn assert_signature_verifies(req: &Recorded, url: &str) {
    let params = req.params();
    let sent = params
        .iter()
        .find(|(k, _)| k == "oauth_signature")
        .map(|(_, v)| v.clone())
        .expect("signed");
    let others = params
        .iter()
        .filter(|(k, _)| k != "oauth_signature")
        .map(|(k, v)| (k.as_str(), v.as_str()));
    let again = signer::sign_all(&req.method, url, others, "my-secret", "my-token-secret").unwrap();
    assert_eq!(again.signature, sent);
}

fn text_params() -> Params {
    let mut p = Params::new();
    p.push("text", "café ☕ a+b&c=d ~ 100% \"quoted\"");
    p.push("tags", "tag1 \"two words\" 東京");
    p.push("empty", "");
    p
}

#[tokio::test]
async fn reads_are_signed_gets_with_the_standard_params() {
    let server = TestServer::start().await;
    let c = oauth_client(&server);
    let _: Value = c
        .call::<Value>(&methods::READ, text_params(), &CallOptions::new())
        .await
        .unwrap();
    let req = server.last();
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/services/rest/");
    assert!(req.body.is_empty());
    for (k, v) in [
        ("method", "flickr.test.read"),
        ("api_key", "my-key"),
        ("format", "json"),
        ("nojsoncallback", "1"),
        ("oauth_consumer_key", "my-key"),
        ("oauth_token", "my-token"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_version", "1.0"),
        ("text", "café ☕ a+b&c=d ~ 100% \"quoted\""),
        ("tags", "tag1 \"two words\" 東京"),
        ("empty", ""),
    ] {
        assert_eq!(req.param(k).as_deref(), Some(v), "{k}");
    }
    // Spaces travel as %20, never '+', matching the signature base string.
    assert!(!req.query.as_deref().unwrap().contains('+'));
    assert_signature_verifies(&req, &server.url("/services/rest/"));
    let ua = req.header("user-agent").unwrap();
    assert_eq!(ua, concat!("flickr-rs/", env!("CARGO_PKG_VERSION")));
}

#[tokio::test]
async fn writes_are_signed_posts_with_a_form_body() {
    let server = TestServer::start().await;
    let c = oauth_client(&server);
    let _: Value = c
        .call::<Value>(&methods::WRITE, text_params(), &CallOptions::new())
        .await
        .unwrap();
    let req = server.last();
    assert_eq!(req.method, "POST");
    assert_eq!(req.query, None, "nothing in the URL of a write");
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(req.param("method").as_deref(), Some("flickr.test.write"));
    assert_signature_verifies(&req, &server.url("/services/rest/"));
}

#[tokio::test]
async fn api_key_only_clients_send_unsigned_calls() {
    let server = TestServer::start().await;
    let c = Client::builder()
        .api_key("k")
        .base_url(&server.base())
        .build()
        .unwrap();
    let _: Value = c
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    let req = server.last();
    assert_eq!(req.param("api_key").as_deref(), Some("k"));
    assert!(req.param("oauth_signature").is_none());
}

#[tokio::test]
async fn keep_alive_reuses_one_connection() {
    let server = TestServer::start().await;
    let c = Client::builder()
        .api_key("k")
        .base_url(&server.base())
        .build()
        .unwrap();
    for _ in 0..5 {
        let _: Value = c
            .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
            .await
            .unwrap();
    }
    assert_eq!(server.count(), 5);
    // HTTP/1.1 keep-alive: no request asked to close the connection.
    assert!(server
        .requests()
        .iter()
        .all(|r| r.header("connection") != Some("close")));
}

#[derive(Debug, Deserialize, PartialEq)]
struct Page {
    photos: Photos,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Photos {
    #[serde(deserialize_with = "flickr_core::__private::de::i64")]
    page: i64,
    #[serde(deserialize_with = "flickr_core::__private::de::i64")]
    total: i64,
    #[serde(default, deserialize_with = "flickr_core::__private::de::list")]
    photo: Vec<Photo>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Photo {
    id: flickr_core::ids::PhotoId,
    #[serde(deserialize_with = "flickr_core::__private::de::string")]
    title: String,
    #[serde(deserialize_with = "flickr_core::__private::de::bool")]
    ispublic: bool,
    #[serde(default, deserialize_with = "flickr_core::__private::de::opt_f64")]
    latitude: Option<f64>,
}

const JSON: &str = r#"{"photos":{"page":1,"pages":1,"perpage":100,"total":"2","photo":[{"id":"7093101501","title":"IMG_0917","ispublic":1,"latitude":0},{"id":"7093100793","title":"A & B","ispublic":0,"latitude":"48.85"}]},"stat":"ok"}"#;
const XML: &str = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"ok\">\n<photos page=\"1\" pages=\"1\" perpage=\"100\" total=\"2\">\n\t<photo id=\"7093101501\" title=\"IMG_0917\" ispublic=\"1\" latitude=\"0\" />\n\t<photo id=\"7093100793\" title=\"A &amp; B\" ispublic=\"0\" latitude=\"48.85\" />\n</photos>\n</rsp>\n";

#[tokio::test]
async fn json_jsonp_and_xml_envelopes_decode_into_the_same_struct() {
    let server = TestServer::start().await;
    server
        .push(Reply::json(JSON))
        .push(
            Reply::status(200, format!("jsonFlickrApi({JSON})"))
                .header("content-type", "text/javascript"),
        )
        .push(Reply::xml(XML));
    let c = oauth_client(&server);
    let json: Page = c
        .call::<Page>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    let jsonp: Page = c
        .call::<Page>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    let opts = CallOptions::new().format(Format::Rest);
    let xml: Page = c
        .call::<Page>(&methods::READ, Params::new(), &opts)
        .await
        .unwrap();
    assert_eq!(json, jsonp);
    assert_eq!(json, xml);
    assert_eq!(json.photos.total, 2);
    assert_eq!(json.photos.photo[1].title, "A & B");
    assert_eq!(json.photos.photo[1].latitude, Some(48.85));
    // The REST call asked for XML and not for a JSON callback.
    let req = server.last();
    assert_eq!(req.param("format").as_deref(), Some("rest"));
    assert_eq!(req.param("nojsoncallback"), None);
}

#[tokio::test]
async fn raw_access_returns_the_body_and_still_reports_failures() {
    let server = TestServer::start().await;
    server
        .push(Reply::json(JSON))
        .push(Reply::api_error(1, "Photo not found"));
    let c = oauth_client(&server);
    let raw = c
        .call::<RawResponse>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    assert_eq!(&raw.body[..], JSON.as_bytes());
    assert_eq!(raw.content_type.as_deref(), Some("application/json"));
    let err = c
        .call::<RawResponse>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert_eq!(err.api_code(), Some(1));
}

#[tokio::test]
async fn calls_any_method_by_name() {
    let server = TestServer::start().await;
    server.push(Reply::json(
        r#"{"method":{"_content":"flickr.some.newMethod"},"stat":"ok"}"#,
    ));
    let c = oauth_client(&server);
    let v = c
        .call::<Value>(
            MethodRef::named("flickr.some.newMethod", Verb::Get),
            [("k", "v")].into(),
            &CallOptions::new(),
        )
        .await
        .unwrap();
    assert_eq!(v["method"]["_content"], "flickr.some.newMethod");
    let req = server.last();
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.param("method").as_deref(),
        Some("flickr.some.newMethod")
    );
    assert_eq!(req.param("k").as_deref(), Some("v"));
    assert!(
        req.param("oauth_signature").is_some(),
        "signed when the credentials can"
    );

    server.push(Reply::api_error(112, "Method \"flickr.nope\" not found"));
    let err = c
        .call::<Value>(
            MethodRef::named("flickr.nope", Verb::Post),
            [("a", 1)].into(),
            &CallOptions::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Api(a) if a.code == 112 && a.method == "flickr.nope"));
    assert_eq!(server.last().method, "POST");
}
