//! The one error type of the runtime, and the text that explains each failure.
//!
//! Every message says what failed and, where the caller can act, what to do.
//! No message contains a secret, a signature or a full URL with its query
//! string: URLs are reduced to scheme, host and path and body excerpts are
//! short (the crate-internal `redact` module).
//!
//! Where things live:
//! - [`Error`] (here): every way a call can fail, its messages, the typed and
//!   untyped views (`typed`, `untyped`, `map_api`) and whether to retry;
//! - `api`: [`ErrorCode`], [`MethodError`], [`ApiError`] and the advice for
//!   Flickr's generic codes;
//! - `transport`: [`TransportError`], [`TransportErrorKind`], [`TimeoutError`], [`HttpError`];
//! - `decode`: [`DecodeError`];
//! - `oauth`: [`OAuthError`];
//! - `quota`: [`QuotaError`], [`QuotaErrorKind`] (the shared quota store);
//! - `redact`: [`redact_store_url`], and inside the crate the URL and body
//!   reductions every message goes through.
//!
//! # Causes
//!
//! One convention, everywhere: **an error either says its cause's text or
//! returns the cause from [`source`](std::error::Error::source), never both**,
//! so a report that prints an error and then its sources (`anyhow`'s `{:#}`,
//! the `flickr` command's `caused by:` lines) says each thing once.
//!
//! - [`Error`] is *transparent*: each variant is the error it holds (like
//!   thiserror's `#[error(transparent)]`), so its `Display` and `source()` are
//!   that error's. `Error::Io(e)` shows `e` and returns `e.source()`.
//! - The errors it holds return what they wrap: [`TransportError`] the HTTP
//!   library's error (request URL removed), [`TimeoutError`] the transport's
//!   timeout report when there is one, [`QuotaError`] the Redis client's error
//!   (when it shows no password); an upload's file error (an `io::Error`)
//!   names the file and returns the OS error. Their `Display` then leaves the
//!   cause's text out.
//! - [`ApiError`], [`HttpError`], [`DecodeError`] and [`OAuthError`] are
//!   leaves: what Flickr (or the parser) said is their own text.
//!
//! ```
//! use flickr_core::error::{Error, TransportError, TransportErrorKind};
//! use std::error::Error as _;
//!
//! let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
//! let err: Error = TransportError::new(TransportErrorKind::Connect, "connection refused", "http://127.0.0.1:1/")
//!     .with_source(refused)
//!     .into();
//! assert!(!err.to_string().contains("connection refused"));
//! let cause = err.source().and_then(|s| s.downcast_ref::<std::io::Error>()).unwrap();
//! assert_eq!(cause.kind(), std::io::ErrorKind::ConnectionRefused);
//! ```

use crate::perms::Perms;
use std::fmt;
use std::time::Duration;

mod api;
mod decode;
mod oauth;
mod quota;
mod redact;
mod transport;

pub use api::{ApiError, ErrorCode, MethodError};
pub use decode::DecodeError;
pub use oauth::OAuthError;
pub use quota::{QuotaError, QuotaErrorKind};
pub use redact::redact_store_url;
pub(crate) use redact::{excerpt, excerpt_at, redact_url};
pub use transport::{HttpError, TimeoutError, TransportError, TransportErrorKind};

/// Every way a Flickr call can fail. `E` is the method's typed error enum.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = ErrorCode> {
    /// Flickr answered `stat=fail`.
    Api(ApiError<E>),
    /// The HTTP layer failed (connect, TLS, broken connection, oversized body).
    Transport(TransportError),
    /// The call or an attempt ran out of time.
    Timeout(TimeoutError),
    /// An unexpected HTTP status (boxed: it is the largest variant with `OAuth`).
    Http(Box<HttpError>),
    /// The response did not decode (boxed to keep `Error` small).
    Decode(Box<DecodeError>),
    /// An argument was rejected before anything was sent.
    InvalidArgument {
        /// The method.
        method: String,
        /// The argument's wire name.
        arg: String,
        /// Why it was rejected.
        reason: String,
    },
    /// The method needs credentials the client does not have; nothing was sent.
    MissingCredentials {
        /// The method.
        method: String,
        /// Permission the method needs.
        perms: Perms,
        /// What is missing and how to provide it.
        missing: String,
    },
    /// A local I/O error (reading a file to upload).
    Io(std::io::Error),
    /// Flickr's OAuth layer refused the request (boxed to keep `Error` small).
    OAuth(Box<OAuthError>),
    /// The client was configured wrongly.
    Config(String),
    /// The shared quota store (Redis) could not be used; nothing was sent
    /// (boxed to keep `Error` small).
    Quota(Box<QuotaError>),
}

/// An error and its causes on one line, `error: cause: cause`: what to print
/// when there is no report helper (`anyhow`'s `{:#}`) at hand.
///
/// ```
/// use flickr_core::error::Chain;
///
/// let os = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
/// let err = std::io::Error::new(std::io::ErrorKind::NotFound, Wrapped(os));
/// assert_eq!(Chain(&err).to_string(), "cannot read a.jpg: no such file");
/// # #[derive(Debug)] struct Wrapped(std::io::Error);
/// # impl std::fmt::Display for Wrapped {
/// #     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("cannot read a.jpg") }
/// # }
/// # impl std::error::Error for Wrapped {
/// #     fn source(&self) -> Option<&(dyn std::error::Error + 'static)> { Some(&self.0) }
/// # }
/// ```
#[derive(Clone, Copy)]
pub struct Chain<'a>(pub &'a (dyn std::error::Error + 'static));

impl fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut next = self.0.source();
        while let Some(cause) = next {
            write!(f, ": {cause}")?;
            next = cause.source();
        }
        Ok(())
    }
}

impl fmt::Debug for Chain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Flickr's `stat=fail` codes that mean "try again later": 0 (an answer
/// without a real code), 105 (service currently unavailable) and 201 (API not
/// available), as Flickr Foundation's client treats them.
const TRANSIENT_API_CODES: &[u32] = &[0, 105, 201];

impl<E> Error<E> {
    /// Converts the typed API error kind, leaving every other variant as it is.
    pub fn map_api<F>(self, f: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Error::Api(e) => Error::Api(e.map_kind(f)),
            Error::Transport(e) => Error::Transport(e),
            Error::Timeout(e) => Error::Timeout(e),
            Error::Http(e) => Error::Http(e),
            Error::Decode(e) => Error::Decode(e),
            Error::InvalidArgument {
                method,
                arg,
                reason,
            } => Error::InvalidArgument {
                method,
                arg,
                reason,
            },
            Error::MissingCredentials {
                method,
                perms,
                missing,
            } => Error::MissingCredentials {
                method,
                perms,
                missing,
            },
            Error::Io(e) => Error::Io(e),
            Error::OAuth(e) => Error::OAuth(e),
            Error::Config(e) => Error::Config(e),
            Error::Quota(e) => Error::Quota(e),
        }
    }

    /// Flickr's error code, for API errors.
    pub fn api_code(&self) -> Option<u32> {
        match self {
            Error::Api(e) => Some(e.code),
            _ => None,
        }
    }

    /// Whether trying again later could succeed: connect errors, timeouts,
    /// 429, 5xx, Flickr's transient codes (0, 105 "service currently
    /// unavailable", 201 "API not available") and bodies that are no JSON, JSONP or XML
    /// document at all. Whether a retry is *safe* is a separate question:
    /// writes are never retried automatically.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => TRANSIENT_API_CODES.contains(&e.code),
            Error::Decode(d) => d.unparsable,
            // A dropped connection is as transient as a refused one; an
            // oversized body or an unbuildable request will not improve.
            Error::Transport(e) => !matches!(
                e.kind,
                TransportErrorKind::BodyTooLarge | TransportErrorKind::Request
            ),
            Error::Timeout(_) => true,
            Error::Http(e) => e.status == 429 || (500..=599).contains(&e.status),
            _ => false,
        }
    }

    /// `Retry-After` sent with an HTTP error, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Http(e) => e.retry_after,
            _ => None,
        }
    }

    /// A [`Error::Config`] with the given message.
    pub fn config(message: impl Into<String>) -> Self {
        Error::Config(message.into())
    }
}

impl<E: MethodError> Error<E> {
    /// Drops the method-specific type, keeping the code.
    pub fn untyped(self) -> Error<ErrorCode> {
        self.map_api(|k| ErrorCode(k.code()))
    }
}

impl Error<ErrorCode> {
    /// Re-types an untyped error for a method's enum.
    pub fn typed<F: MethodError>(self) -> Error<F> {
        match self {
            Error::Api(e) => {
                let kind = F::from_code(e.code, &e.message);
                Error::Api(e.map_kind(|_| kind))
            }
            other => other.map_api(|_| unreachable_kind()),
        }
    }
}

// `map_api` only calls its closure for `Error::Api`, handled above; this keeps
// `typed` free of a panic path while satisfying the closure's type.
fn unreachable_kind<F: MethodError>() -> F {
    F::from_code(0, "")
}

impl<E> fmt::Display for Error<E> {
    // Each arm hands off to code that is not generic over `E`, so the
    // message text is compiled once, not once per method.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::Transport(e) => e.fmt(f),
            Error::Timeout(e) => e.fmt(f),
            Error::Http(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::InvalidArgument {
                method,
                arg,
                reason,
            } => fmt_invalid_argument(f, method, arg, reason),
            Error::MissingCredentials {
                method,
                perms,
                missing,
            } => fmt_missing_credentials(f, method, *perms, missing),
            Error::Io(e) => e.fmt(f),
            Error::OAuth(e) => e.fmt(f),
            Error::Config(msg) => write!(f, "invalid client configuration: {msg}"),
            Error::Quota(e) => e.fmt(f),
        }
    }
}

fn fmt_invalid_argument(
    f: &mut fmt::Formatter<'_>,
    method: &str,
    arg: &str,
    reason: &str,
) -> fmt::Result {
    write!(
        f,
        "invalid argument `{arg}` for {method}: {reason} (nothing was sent)"
    )
}

fn fmt_missing_credentials(
    f: &mut fmt::Formatter<'_>,
    method: &str,
    perms: Perms,
    missing: &str,
) -> fmt::Result {
    write!(f, "{method} ")?;
    if perms != Perms::None {
        write!(f, "needs a token with `{perms}` permission: ")?;
    } else {
        f.write_str("cannot be called: ")?;
    }
    write!(f, "{missing} (nothing was sent)")
}

/// Transparent: the source of a variant is the source of the error it holds
/// (see [Causes](self#causes)).
impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Api(e) => e.source(),
            Error::Transport(e) => e.source(),
            Error::Timeout(e) => e.source(),
            Error::Http(e) => e.source(),
            Error::Decode(e) => e.source(),
            Error::Io(e) => e.source(),
            Error::OAuth(e) => e.source(),
            Error::Quota(e) => e.source(),
            Error::InvalidArgument { .. } | Error::MissingCredentials { .. } | Error::Config(_) => {
                None
            }
        }
    }
}

impl<E> From<std::io::Error> for Error<E> {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl<E> From<OAuthError> for Error<E> {
    fn from(e: OAuthError) -> Self {
        Error::OAuth(Box::new(e))
    }
}

impl<E> From<QuotaError> for Error<E> {
    fn from(e: QuotaError) -> Self {
        Error::Quota(Box::new(e))
    }
}

impl<E> From<DecodeError> for Error<E> {
    fn from(e: DecodeError) -> Self {
        Error::Decode(Box::new(e))
    }
}

impl<E> From<HttpError> for Error<E> {
    fn from(e: HttpError) -> Self {
        Error::Http(Box::new(e))
    }
}

impl<E> From<TransportError> for Error<E> {
    /// Transport timeouts become [`Error::Timeout`] so callers match one variant.
    fn from(e: TransportError) -> Self {
        match e.kind {
            TransportErrorKind::Timeout => Error::Timeout(TimeoutError {
                what: e.url.clone(),
                limit: None,
                source: Some(Box::new(e)),
            }),
            _ => Error::Transport(e),
        }
    }
}

#[cfg(test)]
mod tests;
