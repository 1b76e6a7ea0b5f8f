//! Every error kind, produced over real HTTP on loopback (or before any
//! traffic), with its documented message.

mod support;

use flickr_core::client::{CallOptions, Client, ClientBuilder};
use flickr_core::error::{Error, TransportErrorKind};
use flickr_core::params::Params;
use flickr_core::registry::{raw_method, ArgInfo, ArgKind, MethodInfo, Verb};
use flickr_core::retry::RetryPolicy;
use serde::Deserialize;
use serde_json::Value;
use std::time::Duration;
use support::{methods, Reply, TestServer};

const SECRET: &str = "CONSUMER-SECRET-xyz";
const TOKEN_SECRET: &str = "TOKEN-SECRET-abc";

fn client(server: &TestServer) -> Client {
    Client::builder()
        .oauth("key", SECRET, "token", TOKEN_SECRET)
        .base_url(&server.base())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

/// An unsigned, never-retrying client for `base`, adjusted by `tune` (timeouts, body cap).
fn key_only(base: &str, tune: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Client {
    tune(
        Client::builder()
            .api_key("key")
            .base_url(base)
            .retry_policy(RetryPolicy::none()),
    )
    .build()
    .unwrap()
}

/// The error of a plain read through `c`.
async fn read_error(c: &Client) -> Error {
    c.call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err()
}

async fn fail_with(reply: Reply, method: &'static MethodInfo) -> (Error, TestServer) {
    let server = TestServer::start().await;
    server.set_default(reply);
    let err = client(&server)
        .call::<Value>(method, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    (err, server)
}

fn assert_no_secret(text: &str) {
    assert!(
        !text.contains(SECRET) && !text.contains(TOKEN_SECRET),
        "secret leaked: {text}"
    );
    assert!(
        !text.contains("oauth_signature="),
        "signature leaked: {text}"
    );
}

#[tokio::test]
async fn api_errors_explain_the_generic_codes() {
    let cases: &[(u32, &str, &MethodInfo, &str)] = &[
        (98, "Invalid auth token", &methods::READ, "the OAuth token is invalid or has been revoked: authorize again"),
        (
            99,
            "Insufficient permissions",
            &methods::DELETE,
            "the token lacks `delete` permission needed by flickr.photos.delete: authorize again with perms=delete",
        ),
        (95, "SSL is required", &methods::READ, "Flickr only accepts https"),
        (96, "Invalid signature", &methods::READ, "check the consumer secret and token secret"),
        (100, "Invalid API Key (Key has invalid format)", &methods::READ, "the API key is wrong or expired"),
        (105, "Service currently unavailable", &methods::WRITE, "Flickr is temporarily unavailable"),
        (106, "Write operation failed", &methods::WRITE, "the write failed temporarily"),
        (112, "Method \"flickr.test.read\" not found", &methods::READ, "Flickr does not know the method flickr.test.read"),
        (116, "Bad URL found", &methods::READ, "rejected a URL in the arguments"),
    ];
    for (code, message, method, want) in cases {
        let (err, _server) = fail_with(Reply::api_error(*code, message), method).await;
        let Error::Api(api) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(
            (api.code, api.message.as_str(), api.method.as_str()),
            (*code, *message, method.name)
        );
        let text = err.to_string();
        assert!(text.contains(want), "code {code}: {text}");
        assert!(text.contains(message), "{text}");
        assert_no_secret(&text);
    }
}

#[tokio::test]
async fn method_specific_api_errors_get_the_typed_variant() {
    #[derive(Debug, PartialEq)]
    enum GetInfoError {
        NotFound,
        Other(u32),
    }
    impl flickr_core::error::MethodError for GetInfoError {
        fn from_code(code: u32, _: &str) -> Self {
            match code {
                1 => GetInfoError::NotFound,
                c => GetInfoError::Other(c),
            }
        }
        fn code(&self) -> u32 {
            match self {
                GetInfoError::NotFound => 1,
                GetInfoError::Other(c) => *c,
            }
        }
    }
    let server = TestServer::start().await;
    server.set_default(Reply::api_error(1, "Photo \"1\" not found (invalid ID)"));
    let err = client(&server)
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .map_err(Error::typed::<GetInfoError>)
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(a) if a.kind == GetInfoError::NotFound),
        "{err:?}"
    );
    assert!(err
        .to_string()
        .contains("see https://www.flickr.com/services/api/flickr.test.read.html"));
    assert_eq!(err.untyped().api_code(), Some(1));
}

#[tokio::test]
async fn html_5xx_pages_become_http_errors_with_an_excerpt() {
    let page = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=utf-8>\n<title>Flickr: Service Unavailable</title>\n</head>\n<body><h1>We're sorry</h1>\n\n<p>Flickr is having a massage.</p></body></html>";
    let (err, _s) = fail_with(
        Reply::status(503, page).header("content-type", "text/html"),
        &methods::READ,
    )
    .await;
    let Error::Http(h) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(h.status, 503);
    assert!(
        h.body_excerpt
            .starts_with("<title>Flickr: Service Unavailable</title>"),
        "{}",
        h.body_excerpt
    );
    assert!(!h.body_excerpt.contains('\n'));
    let text = err.to_string();
    assert!(
        text.contains("got HTTP 503") && text.contains("retry later"),
        "{text}"
    );
    assert!(
        text.contains("/services/rest/") && !text.contains('?'),
        "{text}"
    );
    assert_no_secret(&text);
}

#[tokio::test]
async fn an_html_page_with_200_is_a_decode_error() {
    let (err, _s) = fail_with(
        Reply::status(200, "<html><title>Captive portal</title></html>"),
        &methods::READ,
    )
    .await;
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    assert!(err.to_string().contains("got an HTML page"), "{err}");
}

#[tokio::test]
async fn oauth_refusals_show_both_base_strings() {
    let body = "oauth_problem=signature_invalid&debug_sbs=GET&http%3A%2F%2F127.0.0.1%2Fservices%2Frest%2F&method%3Dflickr.test.read";
    let (err, _s) = fail_with(Reply::status(401, body), &methods::READ).await;
    let Error::OAuth(o) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(o.problem, "signature_invalid");
    assert_eq!(o.status, Some(401));
    assert!(o
        .debug_sbs
        .as_deref()
        .unwrap()
        .starts_with("GET&http%3A%2F%2F127.0.0.1"));
    let ours = o
        .base_string
        .as_deref()
        .expect("our base string is attached");
    assert!(ours.starts_with("GET&http%3A%2F%2F127.0.0.1"), "{ours}");
    let text = err.to_string();
    assert!(
        text.contains("check the consumer secret and token secret"),
        "{text}"
    );
    assert!(
        text.contains("Flickr's base string") && text.contains("our base string"),
        "{text}"
    );
    assert_no_secret(&text);
    assert_no_secret(&format!("{err:?}"));

    let (err, _s) = fail_with(
        Reply::status(
            400,
            "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_token",
        ),
        &methods::READ,
    )
    .await;
    assert!(err.to_string().contains("missing: oauth_token"), "{err}");
}

#[tokio::test]
async fn decode_errors_name_the_json_path() {
    #[derive(Debug, Deserialize)]
    struct Out {
        #[allow(dead_code)]
        photos: Photos,
    }
    #[derive(Debug, Deserialize)]
    struct Photos {
        #[allow(dead_code)]
        #[serde(deserialize_with = "flickr_core::__private::de::i64")]
        total: i64,
    }
    let server = TestServer::start().await;
    server.set_default(Reply::json(
        r#"{"photos":{"page":1,"total":"lots"},"stat":"ok"}"#,
    ));
    let err = client(&server)
        .call::<Out>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.method, "flickr.test.read");
    assert_eq!(d.path, "photos.total");
    assert!(d.body_excerpt.contains("\"lots\""), "{}", d.body_excerpt);
    let text = err.to_string();
    assert!(
        text.starts_with("could not decode the response of flickr.test.read at `photos.total`"),
        "{text}"
    );
}

#[tokio::test]
async fn a_slow_server_gives_a_timeout() {
    let server = TestServer::start().await;
    server.set_default(Reply::json(r#"{"stat":"ok"}"#).delay(Duration::from_secs(10)));
    let err = read_error(&key_only(&server.base(), |b| {
        b.timeout(Duration::from_millis(150))
    }))
    .await;
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert!(
        err.to_string().contains("flickr.test.read timed out"),
        "{err}"
    );
}

#[tokio::test]
async fn a_trickling_body_times_out_too() {
    let server = TestServer::start().await;
    let chunks = (0..100).map(|_| bytes::Bytes::from_static(b" ")).collect();
    server.set_default(Reply::trickle(200, chunks, Duration::from_millis(100)));
    let err = read_error(&key_only(&server.base(), |b| {
        b.timeout(Duration::from_millis(300))
    }))
    .await;
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
}

#[tokio::test]
async fn a_huge_body_is_cut_off_by_the_size_cap() {
    let server = TestServer::start().await;
    // 100 MB streamed without Content-Length.
    server.set_default(Reply::repeat(200, vec![b' '; 1 << 20], 100));
    let err = read_error(&key_only(&server.base(), |b| b.max_body(8 << 20))).await;
    let Error::Transport(t) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(t.kind, TransportErrorKind::BodyTooLarge);
    assert!(
        err.to_string().contains("exceeds the 8388608 byte cap"),
        "{err}"
    );
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let other = TestServer::start().await;
    let server = TestServer::start().await;
    server.set_default(
        Reply::status(302, "").header("location", &format!("{}/steal?x=1", other.base())),
    );
    let err = client(&server)
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    let Error::Http(h) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(h.status, 302);
    assert_eq!(
        h.location.as_deref(),
        Some(format!("{}/steal", other.base()).as_str())
    );
    assert_eq!(
        other.count(),
        0,
        "credentials must never reach another host"
    );
    assert!(
        err.to_string().contains("redirects are not followed"),
        "{err}"
    );
}

#[tokio::test]
async fn connect_errors_are_transport_errors() {
    // Bind then drop a listener to get a port nobody listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = read_error(&key_only(&format!("http://127.0.0.1:{port}"), |b| b)).await;
    let Error::Transport(t) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(t.kind, TransportErrorKind::Connect);
    let text = err.to_string();
    assert!(
        text.starts_with(&format!(
            "could not connect to http://127.0.0.1:{port}/services/rest/"
        )),
        "{text}"
    );
    assert!(!text.contains("api_key"), "{text}");
}

#[tokio::test]
async fn invalid_arguments_fail_before_any_traffic() {
    static PER_PAGE: &[ArgInfo] = &[ArgInfo {
        name: "per_page",
        kind: ArgKind::Int {
            min: Some(1),
            max: Some(500),
        },
        required: false,
        default: Some("100"),
        doc: "",
    }];
    static SEARCH: MethodInfo = MethodInfo {
        args: PER_PAGE,
        response: "PhotoPage",
        ..raw_method("flickr.photos.search", Verb::Get)
    };
    let server = TestServer::start().await;
    let mut params = Params::new();
    params.push("per_page", 9000);
    let err = client(&server)
        .call::<Value>(&SEARCH, params, &CallOptions::new())
        .await
        .unwrap_err();
    let Error::InvalidArgument { method, arg, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (method.as_str(), arg.as_str()),
        ("flickr.photos.search", "per_page")
    );
    assert!(
        err.to_string()
            .starts_with("invalid argument `per_page` for flickr.photos.search"),
        "{err}"
    );
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn missing_credentials_fail_before_any_traffic() {
    let server = TestServer::start().await;
    let c = Client::builder()
        .api_key("key")
        .base_url(&server.base())
        .build()
        .unwrap();
    let err = c
        .call::<Value>(&methods::DELETE, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::MissingCredentials { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("flickr.photos.delete needs a token with `delete` permission: the client has no OAuth access token"),
        "{err}"
    );
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn configuration_errors_are_reported_by_build() {
    let err = Client::builder()
        .api_key("k")
        .base_url("http://flickr.example")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)));
    assert!(
        err.to_string().starts_with(
            "invalid client configuration: the base URL http://flickr.example/ uses plain http"
        ),
        "{err}"
    );
}
