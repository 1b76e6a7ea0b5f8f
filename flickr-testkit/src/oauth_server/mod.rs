//! A small Flickr stand-in on loopback for the signer's, OAuth's and
//! uploads' tests (flickr-sdk's `oauth_flow`, `oauth_secrets`,
//! `upload_loopback` and `upload_large`): the OAuth endpoints, upload and
//! replace, and `flickr.auth.oauth.checkToken` and
//! `flickr.photos.upload.checkTickets` on REST.
//!
//! It checks every `oauth_signature` it receives with its own RFC 5849
//! implementation ([`expected`], written independently of
//! `flickr_core::signer`: its own percent-encoder, its own HMAC over SHA-1),
//! so a signer bug cannot hide by agreeing with itself (the loopback Flickr,
//! [`crate::FakeFlickr`], checks signatures with flickr-core's signer).
//! Like Flickr, it answers a bad signature with HTTP 401 and
//! `oauth_problem=signature_invalid&debug_sbs=<its base string>`.
//!
//! Uploads are read as a stream: the `photo` part goes through a SHA-256
//! hasher and is never held in memory, so the large-file test measures the
//! client, not the server.

mod rfc5849;

use rfc5849::verify;
pub use rfc5849::{enc, expected};

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, OriginalUri, RawQuery, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use sha2::{Digest, Sha256};

/// The consumer (API) key the server accepts.
pub const KEY: &str = "test-consumer-key";
/// The consumer secret (with characters RFC 5849 must encode).
pub const SECRET: &str = "consumer sécret&+=~%";
/// The access token the dance ends with.
pub const TOKEN: &str = "72157600000000000-0123456789abcdef";
/// The access token's secret (non-ASCII, reserved characters).
pub const TOKEN_SECRET: &str = "token secret 😀/?";
/// The request token `request_token` answers.
pub const REQUEST_TOKEN: &str = "72157600000000001-request";
/// The request token's secret.
pub const REQUEST_SECRET: &str = "request sécret";
/// The verifier `access_token` accepts.
pub const VERIFIER: &str = "123-456-789";
/// The NSID of the user the access token belongs to.
pub const USER_NSID: &str = "21207597@N07";

/// What the server saw of one upload or replace.
#[derive(Debug, Clone)]
pub struct Received {
    /// `upload` or `replace`.
    pub endpoint: String,
    /// Every text field, in order (oauth_* included).
    pub fields: Vec<(String, String)>,
    /// Field names in the order they arrived, `photo` included.
    pub order: Vec<String>,
    /// The `photo` part's bytes.
    pub photo_len: u64,
    /// The `photo` part's SHA-256, hashed as it streamed.
    pub photo_sha256: [u8; 32],
    /// The `photo` part's file name.
    pub filename: Option<String>,
    /// The `photo` part's content type.
    pub content_type: Option<String>,
    /// Whether the signature over the text fields checked out.
    pub signature_ok: bool,
}

impl Received {
    /// The text field `name`, if sent.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the server saw and how it is told to answer, shared with its
/// handlers.
#[derive(Default)]
pub struct Shared {
    /// Requests received, every endpoint.
    pub requests: AtomicUsize,
    /// Every upload and replace, in order.
    pub uploads: Mutex<Vec<Received>>,
    /// Next upload answers `<err code msg>` with these.
    pub fail_upload: Mutex<Option<(u32, String)>>,
    /// checkTickets calls seen; a ticket completes on the second poll.
    pub ticket_polls: AtomicUsize,
    /// Ticket ids answered with `complete=2`.
    pub failing_tickets: Mutex<Vec<String>>,
    /// Ticket ids that never complete.
    pub stuck_tickets: Mutex<Vec<String>>,
}

/// The server, listening on a loopback port.
pub struct Server {
    /// `http://127.0.0.1:PORT`: the base URL a client is built with.
    pub base: String,
    /// What it saw and how it answers.
    pub shared: Arc<Shared>,
}

impl Server {
    /// Starts it on a free loopback port, on the current Tokio runtime.
    pub async fn start() -> Server {
        let shared = Arc::new(Shared::default());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let app = Router::new()
            .route("/services/upload/", post(upload))
            .route("/services/replace/", post(upload))
            .route("/services/rest/", get(rest))
            .route("/services/oauth/request_token", get(request_token))
            .route("/services/oauth/access_token", get(access_token))
            .layer(DefaultBodyLimit::disable())
            .with_state(AppState {
                shared: shared.clone(),
                base: format!("http://{addr}"),
            });
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Server {
            base: format!("http://{addr}"),
            shared,
        }
    }

    /// Every upload and replace so far.
    pub fn uploads(&self) -> Vec<Received> {
        self.shared.uploads.lock().unwrap().clone()
    }
}

#[derive(Clone)]
struct AppState {
    shared: Arc<Shared>,
    base: String,
}

fn refuse(body: String) -> Response {
    (StatusCode::UNAUTHORIZED, body).into_response()
}

fn get_param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn parse_query(q: Option<String>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(q.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

fn xml(body: String) -> Response {
    ([("content-type", "text/xml; charset=utf-8")], body).into_response()
}

// ---- handlers ---------------------------------------------------------------

async fn upload(
    State(st): State<AppState>,
    OriginalUri(uri): OriginalUri,
    mut form: Multipart,
) -> Response {
    st.shared.requests.fetch_add(1, Ordering::SeqCst);
    let endpoint = if uri.path().contains("replace") {
        "replace"
    } else {
        "upload"
    };
    let mut fields = Vec::new();
    let mut order = Vec::new();
    let (mut photo_len, mut hasher) = (0u64, Sha256::new());
    let (mut filename, mut content_type) = (None, None);
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                return (StatusCode::BAD_REQUEST, format!("bad multipart: {e}")).into_response()
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        order.push(name.clone());
        if name == "photo" {
            filename = field.file_name().map(str::to_owned);
            content_type = field.content_type().map(str::to_owned);
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        photo_len += chunk.len() as u64;
                        hasher.update(&chunk);
                    }
                    Ok(None) => break,
                    Err(e) => {
                        return (StatusCode::BAD_REQUEST, format!("broken photo part: {e}"))
                            .into_response()
                    }
                }
            }
        } else {
            match field.text().await {
                Ok(text) => fields.push((name, text)),
                Err(e) => {
                    return (StatusCode::BAD_REQUEST, format!("bad field: {e}")).into_response()
                }
            }
        }
    }
    let base_uri = format!("{}{}", st.base, uri.path());
    let verdict = verify("POST", &base_uri, &fields, TOKEN_SECRET);
    let received = Received {
        endpoint: endpoint.to_owned(),
        fields: fields.clone(),
        order,
        photo_len,
        photo_sha256: hasher.finalize().into(),
        filename,
        content_type,
        signature_ok: verdict.is_ok(),
    };
    st.shared.uploads.lock().unwrap().push(received);
    if let Err(refusal) = verdict {
        return refuse(refusal);
    }
    if let Some((code, msg)) = st.shared.fail_upload.lock().unwrap().take() {
        return xml(format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"fail\">\n\t<err code=\"{code}\" msg=\"{msg}\" />\n</rsp>\n"
        ));
    }
    let is_async = get_param(&fields, "async") == Some("1");
    let n = st.shared.requests.load(Ordering::SeqCst);
    let inner = match (endpoint, is_async) {
        (_, true) => format!("<ticketid>78701040-7215763621{n:07}</ticketid>"),
        ("replace", false) => format!(
            "<photoid secret=\"4c7cf4c150\" originalsecret=\"2f77799763\">{}</photoid>",
            get_param(&fields, "photo_id").unwrap_or("0")
        ),
        _ => format!("<photoid>1010085827{n}</photoid>"),
    };
    xml(format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"ok\">\n{inner}\n</rsp>\n"
    ))
}

async fn rest(State(st): State<AppState>, uri: Uri, RawQuery(q): RawQuery) -> Response {
    st.shared.requests.fetch_add(1, Ordering::SeqCst);
    let params = parse_query(q);
    let base_uri = format!("{}{}", st.base, uri.path());
    if get_param(&params, "oauth_signature").is_some() {
        if let Err(refusal) = verify("GET", &base_uri, &params, TOKEN_SECRET) {
            return refuse(refusal);
        }
    }
    let json = |v: serde_json::Value| {
        ([("content-type", "application/json")], v.to_string()).into_response()
    };
    match get_param(&params, "method") {
        Some("flickr.photos.upload.checkTickets") => {
            let poll = st.shared.ticket_polls.fetch_add(1, Ordering::SeqCst);
            let failing = st.shared.failing_tickets.lock().unwrap().clone();
            let stuck = st.shared.stuck_tickets.lock().unwrap().clone();
            let tickets: Vec<serde_json::Value> = get_param(&params, "tickets")
                .unwrap_or_default()
                .split(',')
                .map(|id| {
                    if id == "bogus" {
                        serde_json::json!({"id": id, "invalid": 1})
                    } else if failing.iter().any(|f| f == id) {
                        serde_json::json!({"id": id, "complete": 2})
                    } else if poll == 0 || stuck.iter().any(|s| s == id) {
                        serde_json::json!({"id": id, "complete": 0})
                    } else {
                        serde_json::json!({"id": id, "complete": 1, "photoid": "10100785685", "imported": "1337291991"})
                    }
                })
                .collect();
            json(serde_json::json!({"uploader": {"ticket": tickets}, "stat": "ok"}))
        }
        Some("flickr.auth.oauth.checkToken") => json(serde_json::json!({
            "oauth": {
                "token": {"_content": get_param(&params, "oauth_token").unwrap_or_default()},
                "perms": {"_content": "write"},
                "user": {"nsid": USER_NSID, "username": "jamalf", "fullname": "Jamal F"},
            },
            "stat": "ok",
        })),
        other => json(
            serde_json::json!({"stat": "fail", "code": 112, "message": format!("Method \"{}\" not found", other.unwrap_or_default())}),
        ),
    }
}

async fn request_token(State(st): State<AppState>, uri: Uri, RawQuery(q): RawQuery) -> Response {
    st.shared.requests.fetch_add(1, Ordering::SeqCst);
    let params = parse_query(q);
    if let Err(refusal) = verify("GET", &format!("{}{}", st.base, uri.path()), &params, "") {
        return refuse(refusal);
    }
    if get_param(&params, "oauth_callback").is_none() {
        return (
            StatusCode::BAD_REQUEST,
            "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_callback",
        )
            .into_response();
    }
    form(format!(
        "oauth_callback_confirmed=true&oauth_token={}&oauth_token_secret={}",
        enc(REQUEST_TOKEN),
        enc(REQUEST_SECRET)
    ))
}

async fn access_token(State(st): State<AppState>, uri: Uri, RawQuery(q): RawQuery) -> Response {
    st.shared.requests.fetch_add(1, Ordering::SeqCst);
    let params = parse_query(q);
    if let Err(refusal) = verify(
        "GET",
        &format!("{}{}", st.base, uri.path()),
        &params,
        REQUEST_SECRET,
    ) {
        return refuse(refusal);
    }
    if get_param(&params, "oauth_token") != Some(REQUEST_TOKEN) {
        return (StatusCode::UNAUTHORIZED, "oauth_problem=token_rejected").into_response();
    }
    if get_param(&params, "oauth_verifier") != Some(VERIFIER) {
        return (StatusCode::UNAUTHORIZED, "oauth_problem=verifier_invalid").into_response();
    }
    form(format!(
        "fullname=Jamal%20F%C3%A4nian&oauth_token={}&oauth_token_secret={}&user_nsid={}&username=jamalf",
        enc(TOKEN),
        enc(TOKEN_SECRET),
        enc(USER_NSID)
    ))
}

fn form(body: String) -> Response {
    Response::builder()
        .header("content-type", "text/plain;charset=UTF-8")
        .body(Body::from(body))
        .unwrap()
}

/// A client for `server` with the given credentials.
pub fn client(
    server: &Server,
    credentials: flickr_core::credentials::Credentials,
) -> flickr_core::client::Client {
    flickr_core::client::Client::builder()
        .credentials(credentials)
        .base_url(&server.base)
        .build()
        .unwrap()
}

/// A client holding the test access token.
pub fn user_client(server: &Server) -> flickr_core::client::Client {
    client(
        server,
        flickr_core::credentials::Credentials::oauth(KEY, SECRET, TOKEN, TOKEN_SECRET),
    )
}
