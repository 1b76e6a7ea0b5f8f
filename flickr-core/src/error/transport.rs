//! Failures between us and Flickr's answer: the HTTP layer
//! ([`TransportError`]), running out of time ([`TimeoutError`]) and an
//! unexpected HTTP status ([`HttpError`]).

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// A cause kept for [`StdError::source`], shareable so the errors holding it stay `Clone`.
pub(crate) type Cause = Arc<dyn StdError + Send + Sync + 'static>;

/// What went wrong below HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// Could not connect (DNS, refused, TLS handshake).
    Connect,
    /// The request or body timed out.
    Timeout,
    /// The response body exceeded the configured size cap.
    BodyTooLarge,
    /// The connection failed while reading the body.
    Body,
    /// The request could not be built (bad header, bad content type).
    Request,
    /// Anything else the HTTP layer reported (e.g. the connection closed while sending).
    Other,
}

/// An error from the HTTP layer (see [`crate::transport::Transport`]).
///
/// The HTTP library's own error, when there is one, is kept as the
/// [`source`](StdError::source) (with the request URL removed: it carries the
/// API key and the signature), and the message is then not repeated in
/// `Display`, so an error chain prints each cause once.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TransportError {
    /// Category, used to decide whether to retry.
    pub kind: TransportErrorKind,
    /// Human-readable cause, without URLs or query strings (with a kept
    /// source: its text and its sources', flattened, for logs).
    pub message: String,
    /// The target, reduced to scheme, host, port and path (no query, no userinfo).
    pub url: String,
    source: Option<Cause>,
}

impl TransportError {
    /// A new error; `url` must already be redacted.
    pub fn new(
        kind: TransportErrorKind,
        message: impl Into<String>,
        url: impl Into<String>,
    ) -> Self {
        TransportError {
            kind,
            message: message.into(),
            url: url.into(),
            source: None,
        }
    }

    /// Keeps `cause` as this error's source. It must not show a secret in its
    /// `Display` or `Debug` (strip URLs first).
    pub fn with_source(mut self, cause: impl StdError + Send + Sync + 'static) -> Self {
        self.source = Some(Arc::new(cause));
        self
    }
}

/// Equal when kind, message and URL are (the source is not compared).
impl PartialEq for TransportError {
    fn eq(&self, other: &Self) -> bool {
        (self.kind, &self.message, &self.url) == (other.kind, &other.message, &other.url)
    }
}

impl Eq for TransportError {}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect to",
            TransportErrorKind::Timeout => "timed out talking to",
            TransportErrorKind::BodyTooLarge => "response too large from",
            TransportErrorKind::Body => "connection failed while talking to",
            TransportErrorKind::Request => "could not build the request to",
            TransportErrorKind::Other => "HTTP error talking to",
        };
        write!(f, "{what} {}", self.url)?;
        if self.source.is_none() && !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        match self.kind {
            TransportErrorKind::Connect => {
                f.write_str(" (check the network, proxy and endpoint URL)")
            }
            TransportErrorKind::BodyTooLarge => {
                f.write_str(" (raise the response size cap if this answer is expected)")
            }
            _ => Ok(()),
        }
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// A call or attempt ran out of time.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TimeoutError {
    /// What timed out: a method name or a redacted URL.
    pub what: String,
    /// The limit that was hit, when known.
    pub limit: Option<Duration>,
    /// The HTTP layer's report of the timeout, when it noticed first (the
    /// [`source`](StdError::source)); `None` when our own timer fired.
    pub source: Option<Box<TransportError>>,
}

impl TimeoutError {
    /// Our own timer fired: `what` (a method name, a redacted URL or a
    /// task) took longer than `limit`.
    pub fn new(what: impl Into<String>, limit: Option<Duration>) -> TimeoutError {
        TimeoutError {
            what: what.into(),
            limit,
            source: None,
        }
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} timed out", self.what)?;
        if let Some(limit) = self.limit {
            write!(f, " after {limit:?}")?;
        }
        f.write_str(" (Flickr or the network is slow: retry later or raise the timeout)")
    }
}

impl StdError for TimeoutError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// Flickr (or something in between) answered with an unexpected HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HttpError {
    /// The HTTP status code.
    pub status: u16,
    /// The method called, or the kind of request (`upload`, `oauth.request_token`).
    pub what: String,
    /// The target, reduced to scheme, host, port and path (no query, no userinfo).
    pub url: String,
    /// The first few hundred characters of the body, whitespace collapsed.
    pub body_excerpt: String,
    /// The server's `Retry-After`, if it sent one.
    pub retry_after: Option<Duration>,
    /// The redirect target (scheme, host and path only) for 3xx answers.
    pub location: Option<String>,
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} got HTTP {} from {}",
            self.what, self.status, self.url
        )?;
        let advice = match self.status {
            300..=399 => "redirects are not followed so credentials never reach another host: check the endpoint URL",
            401 | 403 => "the credentials were refused: check the API key and OAuth token",
            404 => "check the endpoint URL",
            413 => "the request is too large for Flickr",
            429 => "Flickr is rate limiting this key: slow down (reads are retried automatically)",
            500..=599 => "Flickr is having trouble: retry later (reads are retried automatically)",
            _ => "",
        };
        if let Some(location) = &self.location {
            write!(f, " redirecting to {location}")?;
        }
        if !advice.is_empty() {
            write!(f, " ({advice})")?;
        }
        if !self.body_excerpt.is_empty() {
            write!(f, "; body: {}", self.body_excerpt)?;
        }
        Ok(())
    }
}

/// A leaf: the status, URL and body excerpt are the whole story.
impl StdError for HttpError {}
