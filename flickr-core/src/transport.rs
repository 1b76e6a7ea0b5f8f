//! The HTTP layer: a small trait so tests can swap it, and the reqwest
//! implementation used by default.
//!
//! Requests arrive fully prepared (URL with query, form body or multipart,
//! already signed); the transport only moves bytes. It never follows
//! redirects: Flickr's credentials travel in the query string and form body,
//! so a redirect to another host would hand them over. A 3xx comes back as a
//! response and the client reports it as an HTTP error.

use crate::error::redact_url;
pub use crate::error::{TransportError, TransportErrorKind};
use bytes::{Bytes, BytesMut};
use futures::future::BoxFuture;
use futures::stream::BoxStream;
use std::fmt;
use std::time::Duration;
use url::Url;

mod observed;
mod reqwest_transport;

pub use self::observed::Observed;
pub use self::reqwest_transport::{
    default_user_agent, ReqwestTransport, ReqwestTransportBuilder, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_BODY, DEFAULT_TIMEOUT,
};

/// HTTP verb a method is called with. Flickr: GET for `none`/`read`, POST for `write`/`delete`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verb {
    /// Query-string request; safe to retry.
    Get,
    /// Form-body request; a write, never retried automatically.
    Post,
}

impl Verb {
    /// `"GET"` or `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
        }
    }
}

/// Sends one prepared request.
pub trait Transport: Send + Sync + fmt::Debug + 'static {
    /// Sends `req` and reads the whole response body (bounded by the transport's size cap).
    fn send(&self, req: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// One HTTP request, ready to send.
#[derive(Debug)]
pub struct HttpRequest {
    /// GET or POST.
    pub verb: Verb,
    /// Full URL, query included.
    pub url: Url,
    /// Extra headers (content type of form bodies is set by the transport).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Body,
    /// Total time allowed for this attempt, body included.
    pub timeout: Option<Duration>,
}

impl HttpRequest {
    /// A GET of `url`.
    pub fn get(url: Url) -> HttpRequest {
        HttpRequest {
            verb: Verb::Get,
            url,
            headers: Vec::new(),
            body: Body::Empty,
            timeout: None,
        }
    }

    /// A POST of a form body.
    pub fn post_form(url: Url, form: String) -> HttpRequest {
        HttpRequest {
            verb: Verb::Post,
            url,
            headers: Vec::new(),
            body: Body::Form(form),
            timeout: None,
        }
    }

    /// A copy for another attempt; `None` for multipart bodies, whose stream
    /// can only be read once.
    pub fn try_clone(&self) -> Option<HttpRequest> {
        let body = match &self.body {
            Body::Empty => Body::Empty,
            Body::Form(s) => Body::Form(s.clone()),
            Body::Multipart(_) => return None,
        };
        Some(HttpRequest {
            verb: self.verb,
            url: self.url.clone(),
            headers: self.headers.clone(),
            body,
            timeout: self.timeout,
        })
    }

    /// The URL without query (for errors and logs).
    pub fn redacted_url(&self) -> String {
        redact_url(&self.url)
    }
}

/// A request body.
pub enum Body {
    /// No body (GET).
    Empty,
    /// `application/x-www-form-urlencoded`, already encoded.
    Form(String),
    /// `multipart/form-data` for upload and replace.
    Multipart(MultipartBody),
}

impl fmt::Debug for Body {
    // Form bodies carry the signature and token: show only their size.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Body::Empty => f.write_str("Empty"),
            Body::Form(s) => write!(f, "Form({} bytes)", s.len()),
            Body::Multipart(m) => m.fmt(f),
        }
    }
}

/// Text fields plus one streamed file part.
pub struct MultipartBody {
    /// Text fields, signed (every field except the file part).
    pub fields: Vec<(String, String)>,
    /// The file.
    pub file: FilePart,
}

impl fmt::Debug for MultipartBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.fields.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("MultipartBody")
            .field("fields", &names)
            .field("file", &self.file)
            .finish()
    }
}

/// A streamed file part of known length, so memory stays flat for large files.
pub struct FilePart {
    /// Form field name (`photo`).
    pub field: String,
    /// File name sent to Flickr.
    pub filename: String,
    /// MIME type.
    pub content_type: String,
    /// Exact length in bytes of what `stream` yields.
    pub len: u64,
    /// The bytes.
    pub stream: BoxStream<'static, std::io::Result<Bytes>>,
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("field", &self.field)
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("len", &self.len)
            .finish_non_exhaustive()
    }
}

/// A response with its whole body.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers, names lowercased.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Bytes,
}

impl HttpResponse {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `Content-Type`, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_do_not_show_in_debug() {
        let req = HttpRequest::post_form(
            Url::parse("http://127.0.0.1/services/rest/").unwrap(),
            "oauth_signature=SIGNATURE".into(),
        );
        let dbg = format!("{req:?}");
        assert!(!dbg.contains("SIGNATURE"), "{dbg}");
        assert!(req.try_clone().is_some());
    }

    #[test]
    fn multipart_requests_cannot_be_cloned_for_retries() {
        let req = HttpRequest {
            verb: Verb::Post,
            url: Url::parse("http://127.0.0.1/services/upload/").unwrap(),
            headers: vec![],
            body: Body::Multipart(MultipartBody {
                fields: vec![("title".into(), "x".into())],
                file: FilePart {
                    field: "photo".into(),
                    filename: "a.jpg".into(),
                    content_type: "image/jpeg".into(),
                    len: 0,
                    stream: Box::pin(futures::stream::empty()),
                },
            }),
            timeout: None,
        };
        assert!(req.try_clone().is_none());
        assert!(format!("{req:?}").contains("a.jpg"));
    }

    #[test]
    fn user_agent_names_the_crate() {
        assert!(default_user_agent().starts_with("flickr-rs/"));
    }
}
