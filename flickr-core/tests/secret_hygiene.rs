//! Secret hygiene: representative flows, one per case, each run with tracing
//! at TRACE level (every event and span field of every crate captured)
//! against its own loopback server; every log line, error message and Debug
//! output is scanned for the consumer secret, the token secrets and every
//! `oauth_signature` that was sent (signatures are derived from the secrets,
//! so they count as secrets too).

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

/// Everything one flow leaves behind: what the TRACE subscriber captured
/// while it ran against its own loopback server, and the error messages and
/// Debug output it produced.
struct Watched {
    captured: Captured,
    guard: tracing::subscriber::DefaultGuard,
    server: TestServer,
    outputs: Vec<String>,
}

impl Watched {
    /// Installs the TRACE subscriber (every event and span field), then
    /// starts the server.
    async fn start() -> Watched {
        let captured = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(captured.clone())
            .with_ansi(false)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
            .finish();
        let guard = tracing::subscriber::set_default(subscriber);
        let server = TestServer::start().await;
        Watched {
            captured,
            guard,
            server,
            outputs: Vec::new(),
        }
    }

    /// A client without retries.
    fn client(&self) -> Client {
        client(&self.server, RetryPolicy::none())
    }

    fn output(&mut self, text: String) {
        self.outputs.push(text);
    }

    /// An error's Display, Debug and pretty Debug.
    fn error(&mut self, e: &Error) {
        self.outputs.push(e.to_string());
        self.outputs.push(format!("{e:?}"));
        self.outputs.push(format!("{e:#?}"));
    }

    /// Stops capturing, checks that every request carried a signature and
    /// that no log line and no output shows a secret or one of those
    /// signatures (raw, encoded or encoded twice); returns the log.
    fn assert_nothing_leaked(self) -> String {
        let Watched {
            captured,
            guard,
            server,
            outputs,
        } = self;
        drop(guard);
        let sigs = signatures(&server);
        assert!(
            sigs.len() >= server.count(),
            "expected a signature on every request, found {} for {}",
            sigs.len(),
            server.count()
        );
        let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
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
        log
    }
}

fn encoded(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The request token the access-token step is given.
fn given_request_token() -> RequestToken {
    RequestToken {
        token: "req-tok".into(),
        secret: Secret::new(REQUEST_SECRET),
        callback_confirmed: true,
    }
}

#[tokio::test]
async fn the_client_and_its_credentials_debug_without_secrets() {
    let mut w = Watched::start().await;
    let c = w.client();
    w.output(format!("{c:?}"));
    w.output(format!("{:?}", c.credentials()));
    w.assert_nothing_leaked();
}

#[tokio::test]
async fn signed_reads_and_writes_log_no_secret_or_signature() {
    let mut w = Watched::start().await;
    let c = w.client();
    w.server
        .push(Reply::json(r#"{"photos":{"page":1},"stat":"ok"}"#));
    let v: Value = c
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    w.output(format!("{v:?}"));
    w.server.push(Reply::json(r#"{"stat":"ok"}"#));
    let v: Value = c
        .call::<Value>(&methods::WRITE, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    w.output(format!("{v:?}"));
    let log = w.assert_nothing_leaked();
    assert!(
        log.contains("flickr_call"),
        "the TRACE subscriber captured nothing useful:\n{log}"
    );
}

#[tokio::test]
async fn an_upload_and_its_reply_show_no_secret_or_signature() {
    let mut w = Watched::start().await;
    let c = w.client();
    w.server.push(Reply::xml(
        "<rsp stat=\"ok\"><photoid>8303069725</photoid></rsp>",
    ));
    let photo: &[u8] = b"\xff\xd8\xff\xe0 jpeg bytes";
    let reply = Upload::from_reader(photo, photo.len() as u64)
        .title("t")
        .send(&c)
        .await
        .unwrap();
    w.output(format!("{reply:?}"));
    w.assert_nothing_leaked();
}

#[tokio::test]
async fn an_oauth_refusal_with_flickrs_base_string_shows_no_secret_or_signature() {
    let mut w = Watched::start().await;
    let c = w.client();
    w.server.push(Reply::status(
        401,
        "oauth_problem=signature_invalid&debug_sbs=GET&http%3A%2F%2F127.0.0.1%2Fservices%2Frest%2F&oauth_signature_method%3DHMAC-SHA1",
    ));
    let e = c
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::OAuth(_)), "{e:?}");
    w.error(&e);
    w.assert_nothing_leaked();
}

#[tokio::test]
async fn an_api_error_shows_no_secret_or_signature() {
    let mut w = Watched::start().await;
    let c = w.client();
    w.server.push(Reply::api_error(96, "Invalid signature"));
    let e = c
        .call::<Value>(&methods::WRITE, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert_eq!(e.api_code(), Some(96));
    w.error(&e);
    w.assert_nothing_leaked();
}

#[tokio::test]
async fn a_decode_error_shows_no_secret_or_signature() {
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
    let mut w = Watched::start().await;
    let c = w.client();
    w.server
        .push(Reply::json(r#"{"photos":{"total":"lots"},"stat":"ok"}"#));
    let e = c
        .call::<Out>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Decode(_)), "{e:?}");
    w.error(&e);
    w.assert_nothing_leaked();
}

#[tokio::test]
async fn a_logged_retry_shows_no_secret_or_signature() {
    let w = Watched::start().await;
    let retrying = client(
        &w.server,
        RetryPolicy::default()
            .with_max_attempts(3)
            .with_delays(Duration::from_millis(1), Duration::from_millis(5)),
    );
    w.server.push(Reply::status(503, "<html>busy</html>"));
    w.server.push(Reply::json(r#"{"stat":"ok"}"#));
    retrying
        .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
        .await
        .unwrap();
    let log = w.assert_nothing_leaked();
    assert!(
        log.contains("flickr_call") && log.contains("retrying"),
        "the TRACE subscriber captured nothing useful:\n{log}"
    );
}

#[tokio::test]
async fn an_issued_request_token_secret_is_not_shown() {
    let mut w = Watched::start().await;
    let c = w.client();
    w.server.push(Reply::status(
        200,
        format!("oauth_callback_confirmed=true&oauth_token=req-tok&oauth_token_secret={ISSUED_REQUEST_SECRET}"),
    ));
    let rt = oauth::request_token(&c, Some("http://127.0.0.1/cb"))
        .await
        .unwrap();
    assert_eq!(rt.secret.expose(), ISSUED_REQUEST_SECRET);
    w.output(format!("{rt:?}"));
    w.assert_nothing_leaked();
}

#[tokio::test]
async fn an_issued_access_token_secret_and_the_request_secret_are_not_shown() {
    let mut w = Watched::start().await;
    let c = w.client();
    w.server.push(Reply::status(
        200,
        format!("fullname=A&oauth_token=acc-tok&oauth_token_secret={ISSUED_ACCESS_SECRET}&user_nsid=1%40N01&username=u"),
    ));
    let given = given_request_token();
    w.output(format!("{given:?}"));
    let at = oauth::access_token(&c, &given, "verifier").await.unwrap();
    w.output(format!("{at:?}"));
    w.assert_nothing_leaked();
}

#[tokio::test]
async fn a_refused_access_token_step_shows_no_secret_or_signature() {
    let mut w = Watched::start().await;
    let c = w.client();
    w.server.push(Reply::status(
        401,
        "oauth_problem=signature_invalid&debug_sbs=GET&x",
    ));
    let e = oauth::access_token(&c, &given_request_token(), "verifier")
        .await
        .unwrap_err();
    w.error(&e);
    w.assert_nothing_leaked();
}
