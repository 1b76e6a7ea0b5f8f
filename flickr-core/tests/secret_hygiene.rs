//! Secret hygiene: representative flows run with tracing at TRACE level
//! (every event and span field of every crate captured), and every log line,
//! error message and Debug output is scanned for the consumer secret, the
//! token secrets and every `oauth_signature` that was sent (signatures are
//! derived from the secrets, so they count as secrets too).

mod support;

use flickr_core::client::{CallOptions, Client};
use flickr_core::credentials::Secret;
use flickr_core::error::Error;
use flickr_core::oauth::{self, RequestToken};
use flickr_core::params::Params;
use flickr_core::retry::RetryPolicy;
use flickr_core::upload::Upload;
use serde_json::Value;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::{methods, Reply, TestServer};

const CONSUMER_SECRET: &str = "CONSUMER-SECRET-5f1e";
const TOKEN_SECRET: &str = "TOKEN-SECRET-9a7c";
const REQUEST_SECRET: &str = "REQUEST-SECRET-33d0";
const ISSUED_REQUEST_SECRET: &str = "ISSUED-REQUEST-SECRET-c4b2";
const ISSUED_ACCESS_SECRET: &str = "ISSUED-ACCESS-SECRET-e81f";

/// Everything the subscriber wrote.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn client(server: &TestServer, retry: RetryPolicy) -> Client {
    Client::builder()
        .oauth("key", CONSUMER_SECRET, "access-token", TOKEN_SECRET)
        .base_url(&server.base())
        .retry_policy(retry)
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

/// Every signature the server received, from the query, the form body or
/// the Authorization header (multipart uploads carry it in the body parts).
fn signatures(server: &TestServer) -> Vec<String> {
    let mut out = Vec::new();
    for r in server.requests() {
        if let Some(s) = r.param("oauth_signature") {
            out.push(s);
        }
        let body = String::from_utf8_lossy(&r.body).into_owned();
        // multipart: name="oauth_signature"\r\n\r\nVALUE\r\n
        if let Some(i) = body.find("name=\"oauth_signature\"") {
            let rest = &body[i..];
            if let Some(v) = rest.split("\r\n\r\n").nth(1) {
                out.push(v.split("\r\n").next().unwrap_or("").to_owned());
            }
        }
        if let Some(h) = r.header("authorization") {
            if let Some(i) = h.find("oauth_signature=\"") {
                let v = &h[i + 17..];
                let v = v.split('"').next().unwrap_or("");
                out.push(
                    percent_encoding::percent_decode_str(v)
                        .decode_utf8_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn push_err(outputs: &mut Vec<String>, e: &Error) {
    outputs.push(e.to_string());
    outputs.push(format!("{e:?}"));
    outputs.push(format!("{e:#?}"));
}

fn encoded(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn no_secret_or_signature_in_logs_errors_or_debug() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    // Error messages and Debug output of everything the flows produce.
    let mut outputs: Vec<String> = Vec::new();
    let server = TestServer::start().await;
    let c = client(&server, RetryPolicy::none());
    outputs.push(format!("{c:?}"));
    outputs.push(format!("{:?}", c.credentials()));

    // 1. A signed read, and 2. a signed write, both succeeding.
    server.push(Reply::json(r#"{"photos":{"page":1},"stat":"ok"}"#));
    let v: Value = c
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    outputs.push(format!("{v:?}"));
    server.push(Reply::json(r#"{"stat":"ok"}"#));
    let v: Value = c
        .call::<Value>(&methods::WRITE, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    outputs.push(format!("{v:?}"));

    // 3. An upload.
    server.push(Reply::xml(
        "<rsp stat=\"ok\"><photoid>8303069725</photoid></rsp>",
    ));
    let photo: &[u8] = b"\xff\xd8\xff\xe0 jpeg bytes";
    let reply = Upload::from_reader(photo, photo.len() as u64)
        .title("t")
        .send(&c)
        .await
        .unwrap();
    outputs.push(format!("{reply:?}"));

    // 4. An OAuth refusal with Flickr's debug_sbs (our base string attached).
    server.push(Reply::status(
        401,
        "oauth_problem=signature_invalid&debug_sbs=GET&http%3A%2F%2F127.0.0.1%2Fservices%2Frest%2F&oauth_signature_method%3DHMAC-SHA1",
    ));
    let e = c
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::OAuth(_)), "{e:?}");
    push_err(&mut outputs, &e);

    // 5. An API error, and 6. a decode error.
    server.push(Reply::api_error(96, "Invalid signature"));
    let e = c
        .call::<Value>(&methods::WRITE, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert_eq!(e.api_code(), Some(96));
    push_err(&mut outputs, &e);
    server.push(Reply::json(r#"{"photos":{"total":"lots"},"stat":"ok"}"#));
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Out {
        photos: Photos,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Photos {
        #[serde(deserialize_with = "flickr_core::__private::de::i64")]
        total: i64,
    }
    let e = c
        .call::<Out>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Decode(_)), "{e:?}");
    push_err(&mut outputs, &e);

    // 7. A read retried after a 503 (the retry is logged with its error).
    let retrying = client(
        &server,
        RetryPolicy::default()
            .with_max_attempts(3)
            .with_delays(Duration::from_millis(1), Duration::from_millis(5)),
    );
    server.push(Reply::status(503, "<html>busy</html>"));
    server.push(Reply::json(r#"{"stat":"ok"}"#));
    retrying
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();

    // 8. The OAuth dance: the secrets Flickr issues must not show either.
    server.push(Reply::status(
        200,
        format!("oauth_callback_confirmed=true&oauth_token=req-tok&oauth_token_secret={ISSUED_REQUEST_SECRET}"),
    ));
    let rt = oauth::request_token(&c, Some("http://127.0.0.1/cb"))
        .await
        .unwrap();
    assert_eq!(rt.secret.expose(), ISSUED_REQUEST_SECRET);
    outputs.push(format!("{rt:?}"));
    server.push(Reply::status(
        200,
        format!("fullname=A&oauth_token=acc-tok&oauth_token_secret={ISSUED_ACCESS_SECRET}&user_nsid=1%40N01&username=u"),
    ));
    let given = RequestToken {
        token: "req-tok".into(),
        secret: Secret::new(REQUEST_SECRET),
        callback_confirmed: true,
    };
    outputs.push(format!("{given:?}"));
    let at = oauth::access_token(&c, &given, "verifier").await.unwrap();
    outputs.push(format!("{at:?}"));
    // A refused access_token step with its debug_sbs.
    server.push(Reply::status(
        401,
        "oauth_problem=signature_invalid&debug_sbs=GET&x",
    ));
    let e = oauth::access_token(&c, &given, "verifier")
        .await
        .unwrap_err();
    push_err(&mut outputs, &e);

    drop(_guard);
    let sigs = signatures(&server);
    assert!(
        sigs.len() >= 9,
        "expected a signature on every request, found {}",
        sigs.len()
    );
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("flickr_call") && log.contains("retrying"),
        "the TRACE subscriber captured nothing useful:\n{log}"
    );
    let mut forbidden: Vec<String> = vec![
        CONSUMER_SECRET.into(),
        TOKEN_SECRET.into(),
        REQUEST_SECRET.into(),
        ISSUED_REQUEST_SECRET.into(),
        ISSUED_ACCESS_SECRET.into(),
    ];
    for s in &sigs {
        forbidden.push(s.clone());
        forbidden.push(encoded(s));
        forbidden.push(encoded(&encoded(s)));
    }
    let mut leaks = Vec::new();
    for (i, line) in log.lines().enumerate() {
        for f in &forbidden {
            if line.contains(f.as_str()) {
                leaks.push(format!("log line {i} contains {f:?}: {line}"));
            }
        }
    }
    for out in &outputs {
        for f in &forbidden {
            if out.contains(f.as_str()) {
                leaks.push(format!("output contains {f:?}: {out}"));
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}
