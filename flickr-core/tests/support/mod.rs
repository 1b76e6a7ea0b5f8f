//! A scripted loopback HTTP server for tests over real HTTP.
//!
//! Each request gets the next scripted [`Reply`] (or the default once the
//! script runs out), and is recorded (method, path, query, headers, the first
//! `body_keep` bytes of the body and its full length) for assertions.
//! Replies can be delayed, trickled chunk by chunk, or generated (a 100 MB
//! body without holding 100 MB).
//!
//! Use from a test file with `mod support;`.
#![allow(dead_code)]

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use futures::StreamExt;
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How a reply's body is produced.
#[derive(Clone, Debug)]
pub enum ReplyBody {
    /// These bytes at once.
    Bytes(Bytes),
    /// `chunk` repeated `times` times, streamed (no Content-Length).
    Repeat { chunk: Bytes, times: usize },
    /// These chunks with a pause before each.
    Trickle { chunks: Vec<Bytes>, pause: Duration },
}

/// One scripted answer.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: ReplyBody,
    /// Wait this long before answering at all.
    pub delay: Option<Duration>,
}

impl Reply {
    /// 200 with a JSON body.
    pub fn json(body: impl Into<String>) -> Reply {
        Reply::status(200, body).header("content-type", "application/json")
    }

    /// 200 with an XML body.
    pub fn xml(body: impl Into<String>) -> Reply {
        Reply::status(200, body).header("content-type", "text/xml; charset=utf-8")
    }

    /// A status with a text body.
    pub fn status(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: ReplyBody::Bytes(Bytes::from(body.into())),
            delay: None,
        }
    }

    /// 200 with raw bytes.
    pub fn bytes(status: u16, body: impl Into<Bytes>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: ReplyBody::Bytes(body.into()),
            delay: None,
        }
    }

    /// `Flickr's stat=fail` JSON answer with HTTP 200.
    pub fn api_error(code: u32, message: &str) -> Reply {
        Reply::json(format!(
            r#"{{"stat":"fail","code":{code},"message":{}}}"#,
            serde_json::Value::from(message)
        ))
    }

    /// Adds a header.
    pub fn header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.to_owned(), v.to_owned()));
        self
    }

    /// Waits before answering.
    pub fn delay(mut self, d: Duration) -> Reply {
        self.delay = Some(d);
        self
    }

    /// Streams `chunk` `times` times.
    pub fn repeat(status: u16, chunk: impl Into<Bytes>, times: usize) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: ReplyBody::Repeat {
                chunk: chunk.into(),
                times,
            },
            delay: None,
        }
    }

    /// Sends `chunks` with `pause` before each.
    pub fn trickle(status: u16, chunks: Vec<Bytes>, pause: Duration) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: ReplyBody::Trickle { chunks, pause },
            delay: None,
        }
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub headers: Vec<(String, String)>,
    /// The first `body_keep` bytes.
    pub body: Bytes,
    /// The full body length.
    pub body_len: u64,
}

impl Recorded {
    /// A header (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Query and form-body parameters, decoded, query first.
    pub fn params(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        if let Some(q) = &self.query {
            out.extend(url::form_urlencoded::parse(q.as_bytes()).into_owned());
        }
        let is_form = self
            .header("content-type")
            .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
        if is_form {
            out.extend(url::form_urlencoded::parse(&self.body).into_owned());
        }
        out
    }

    /// The first parameter named `name`.
    pub fn param(&self, name: &str) -> Option<String> {
        self.params()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}

struct Shared {
    script: Mutex<VecDeque<Reply>>,
    default: Mutex<Reply>,
    requests: Mutex<Vec<Recorded>>,
    count: AtomicUsize,
    body_keep: usize,
}

/// A running server; stops when dropped.
pub struct TestServer {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestServer {
    /// Starts on 127.0.0.1 with an ephemeral port; answers `{"stat":"ok"}` by default.
    pub async fn start() -> TestServer {
        TestServer::start_with(1 << 20).await
    }

    /// Starts, keeping up to `body_keep` bytes of each request body.
    pub async fn start_with(body_keep: usize) -> TestServer {
        let shared = Arc::new(Shared {
            script: Mutex::new(VecDeque::new()),
            default: Mutex::new(Reply::json(r#"{"stat":"ok"}"#)),
            requests: Mutex::new(Vec::new()),
            count: AtomicUsize::new(0),
            body_keep,
        });
        let app = axum::Router::new()
            .fallback(handle)
            .layer(axum::extract::DefaultBodyLimit::disable())
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        TestServer { addr, shared, task }
    }

    /// `http://127.0.0.1:PORT` (use with `ClientBuilder::base_url`).
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A full URL for `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Queues replies, answered in order.
    pub fn push(&self, reply: Reply) -> &Self {
        self.shared.script.lock().unwrap().push_back(reply);
        self
    }

    /// The reply once the script is used up.
    pub fn set_default(&self, reply: Reply) {
        *self.shared.default.lock().unwrap() = reply;
    }

    /// Requests received so far.
    pub fn count(&self) -> usize {
        self.shared.count.load(Ordering::SeqCst)
    }

    /// Copies of the requests received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// The last request.
    pub fn last(&self) -> Recorded {
        self.requests().pop().expect("no request was received")
    }
}

async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    shared.count.fetch_add(1, Ordering::SeqCst);
    let (parts, body) = req.into_parts();
    let mut kept = Vec::new();
    let mut len = 0u64;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else { break };
        len += chunk.len() as u64;
        let room = shared.body_keep.saturating_sub(kept.len());
        kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
    let recorded = Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: Bytes::from(kept),
        body_len: len,
    };
    shared.requests.lock().unwrap().push(recorded);
    let reply = {
        let next = shared.script.lock().unwrap().pop_front();
        next.unwrap_or_else(|| shared.default.lock().unwrap().clone())
    };
    if let Some(d) = reply.delay {
        tokio::time::sleep(d).await;
    }
    let body = match reply.body {
        ReplyBody::Bytes(b) => Body::from(b),
        ReplyBody::Repeat { chunk, times } => Body::from_stream(futures::stream::iter(
            (0..times).map(move |_| Ok::<_, std::io::Error>(chunk.clone())),
        )),
        ReplyBody::Trickle { chunks, pause } => {
            Body::from_stream(futures::stream::iter(chunks).then(move |c| async move {
                tokio::time::sleep(pause).await;
                Ok::<_, std::io::Error>(c)
            }))
        }
    };
    let mut resp = Response::new(body);
    *resp.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (k, v) in reply.headers {
        if let (Ok(k), Ok(v)) = (HeaderName::try_from(k), HeaderValue::try_from(v)) {
            resp.headers_mut().append(k, v);
        }
    }
    resp
}

/// A hand-built method description for tests (the generated registry is not needed).
pub mod methods {
    use flickr_core::registry::{raw_method, MethodInfo, Perms, Verb};

    /// A read: GET, no login.
    pub static READ: MethodInfo = raw_method("flickr.test.read", Verb::Get);

    /// A write: POST, login with write permission.
    pub static WRITE: MethodInfo = MethodInfo {
        perms: Perms::Write,
        needs_login: true,
        needs_signing: true,
        ..raw_method("flickr.test.write", Verb::Post)
    };

    /// A delete: POST, login with delete permission.
    pub static DELETE: MethodInfo = MethodInfo {
        perms: Perms::Delete,
        needs_login: true,
        needs_signing: true,
        ..raw_method("flickr.photos.delete", Verb::Post)
    };
}
