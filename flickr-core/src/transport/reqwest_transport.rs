//! The default transport: reqwest with rustls (or the system's TLS), one
//! pooled client, connect and request timeouts, a body size cap, and no
//! redirects followed.

use super::*;

/// Default cap on response bodies: far above any Flickr answer (a 500-photo
/// page with every extra is about 1 MB), far below what would hurt.
pub const DEFAULT_MAX_BODY: u64 = 64 * 1024 * 1024;

/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default total timeout per attempt.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The user agent: `flickr-rs/<version>`.
pub fn default_user_agent() -> String {
    format!("flickr-rs/{}", env!("CARGO_PKG_VERSION"))
}

/// reqwest over rustls: one pooled keep-alive client.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_body: u64,
}

/// Settings for [`ReqwestTransport`].
#[derive(Debug, Clone)]
pub struct ReqwestTransportBuilder {
    connect_timeout: Duration,
    timeout: Option<Duration>,
    user_agent: String,
    max_body: u64,
}

impl Default for ReqwestTransportBuilder {
    fn default() -> Self {
        ReqwestTransportBuilder {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: Some(DEFAULT_TIMEOUT),
            user_agent: default_user_agent(),
            max_body: DEFAULT_MAX_BODY,
        }
    }
}

impl ReqwestTransportBuilder {
    /// Time allowed to establish a connection.
    pub fn connect_timeout(mut self, t: Duration) -> Self {
        self.connect_timeout = t;
        self
    }

    /// Total time allowed per request, body included (a request's own timeout wins).
    pub fn timeout(mut self, t: Option<Duration>) -> Self {
        self.timeout = t;
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }

    /// Largest response body accepted, in bytes.
    pub fn max_body(mut self, bytes: u64) -> Self {
        self.max_body = bytes;
        self
    }

    /// Builds the transport.
    pub fn build(self) -> Result<ReqwestTransport, TransportError> {
        let mut b = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .user_agent(self.user_agent)
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(Duration::from_secs(90))
            .tcp_nodelay(true);
        if let Some(t) = self.timeout {
            b = b.timeout(t);
        }
        // TLS is a cargo feature: `rustls-tls` (the default; preferred when
        // both are on) or `native-tls`. With neither, only plain-http
        // loopback endpoints work.
        #[cfg(feature = "rustls-tls")]
        {
            b = b.use_rustls_tls();
        }
        let client = b.build().map_err(|e| {
            TransportError::new(
                TransportErrorKind::Other,
                format!("cannot build the HTTP client: {}", chain(&e)),
                "",
            )
        })?;
        Ok(ReqwestTransport {
            client,
            max_body: self.max_body,
        })
    }
}

impl ReqwestTransport {
    /// Settings with defaults.
    pub fn builder() -> ReqwestTransportBuilder {
        ReqwestTransportBuilder::default()
    }

    /// A transport with default settings.
    pub fn new() -> Result<ReqwestTransport, TransportError> {
        ReqwestTransportBuilder::default().build()
    }

    /// The body size cap in bytes.
    pub fn max_body(&self) -> u64 {
        self.max_body
    }

    async fn send_inner(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let url_shown = req.redacted_url();
        let method = match req.verb {
            Verb::Get => reqwest::Method::GET,
            Verb::Post => reqwest::Method::POST,
        };
        let mut rb = self.client.request(method, req.url);
        for (k, v) in &req.headers {
            rb = rb.header(k.as_str(), v.as_str());
        }
        if let Some(t) = req.timeout {
            rb = rb.timeout(t);
        }
        rb = match req.body {
            Body::Empty => rb,
            Body::Form(s) => rb
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(s),
            Body::Multipart(m) => rb.multipart(multipart_form(m).map_err(|e| {
                TransportError::new(TransportErrorKind::Request, e, url_shown.clone())
            })?),
        };
        let mut resp = rb.send().await.map_err(|e| map_err(e, &url_shown))?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let too_large = || {
            TransportError::new(
                TransportErrorKind::BodyTooLarge,
                format!("the response body exceeds the {} byte cap", self.max_body),
                url_shown.clone(),
            )
        };
        // Refuse early when the server announces a huge body, and keep
        // counting while streaming since Content-Length may be absent or lie.
        if resp.content_length().is_some_and(|n| n > self.max_body) {
            return Err(too_large());
        }
        let cap = usize::try_from(self.max_body).unwrap_or(usize::MAX);
        let initial = resp
            .content_length()
            .map_or(8 * 1024, |n| n as usize)
            .min(cap)
            .min(4 << 20);
        let mut body = BytesMut::with_capacity(initial);
        while let Some(chunk) = resp.chunk().await.map_err(|e| map_err(e, &url_shown))? {
            if body.len() + chunk.len() > cap {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse {
            status,
            headers,
            body: body.freeze(),
        })
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, req: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.send_inner(req))
    }
}

fn multipart_form(m: MultipartBody) -> Result<reqwest::multipart::Form, String> {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in m.fields {
        form = form.text(k, v);
    }
    let f = m.file;
    let part =
        reqwest::multipart::Part::stream_with_length(reqwest::Body::wrap_stream(f.stream), f.len)
            .file_name(f.filename)
            .mime_str(&f.content_type)
            .map_err(|e| format!("invalid content type {:?}: {}", f.content_type, chain(&e)))?;
    Ok(form.part(f.field, part))
}

/// Maps a reqwest error to ours, without the URL (reqwest includes the
/// full URL, query and all, in its messages): reqwest's error, its URL
/// removed, is the source.
fn map_err(e: reqwest::Error, url_shown: &str) -> TransportError {
    let kind = if e.is_timeout() {
        TransportErrorKind::Timeout
    } else if e.is_connect() {
        TransportErrorKind::Connect
    } else if e.is_body() || e.is_decode() {
        TransportErrorKind::Body
    } else if e.is_builder() {
        TransportErrorKind::Request
    } else {
        TransportErrorKind::Other
    };
    let e = e.without_url();
    TransportError::new(kind, chain(&e), url_shown).with_source(e)
}

/// The error and its sources, joined: reqwest's own message is often just
/// "error sending request" with the cause two levels down. Sources of a
/// `reqwest::Error` never carry the URL (only the top level does), and the top
/// level is printed without it.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = match e.downcast_ref::<reqwest::Error>() {
        Some(re) => strip_url(re),
        None => e.to_string(),
    };
    let mut src = e.source();
    while let Some(s) = src {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        src = s.source();
    }
    out
}

fn strip_url(e: &reqwest::Error) -> String {
    // `without_url` takes the error by value and reqwest::Error is not Clone;
    // its Display is "<kind> for url (<url>)" or "<kind>"; cut at the marker.
    let s = e.to_string();
    match s.find(" for url (") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}
