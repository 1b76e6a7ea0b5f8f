//! The one error type of the runtime, and the text that explains each failure.
//!
//! Every message says what failed and, where the caller can act, what to do.
//! No message contains a secret, a signature or a full URL with its query
//! string: URLs are reduced to scheme, host and path ([`redact_url`]) and body
//! excerpts are short ([`excerpt`]).

use crate::registry::Perms;
use std::fmt;
use std::time::Duration;

/// The untyped API error kind: just Flickr's numeric code.
///
/// Generated bindings use a per-method enum instead (see [`MethodError`]);
/// [`Error::untyped`] converts any of them back to this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ErrorCode(pub u32);

/// A per-method error enum: generated for every method from its documented
/// error codes, with a catch-all for codes Flickr adds later.
pub trait MethodError: fmt::Debug + Send + Sync + 'static {
    /// Maps Flickr's code (and message, for catch-all variants) to the variant.
    fn from_code(code: u32, message: &str) -> Self;
    /// Flickr's numeric code of this variant.
    fn code(&self) -> u32;
}

impl MethodError for ErrorCode {
    fn from_code(code: u32, _message: &str) -> Self {
        ErrorCode(code)
    }

    fn code(&self) -> u32 {
        self.0
    }
}

/// Flickr answered `stat=fail`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError<E = ErrorCode> {
    /// The method called, e.g. `flickr.photos.delete`.
    pub method: String,
    /// Flickr's error code.
    pub code: u32,
    /// Flickr's error message.
    pub message: String,
    /// The typed variant from the method's error enum.
    pub kind: E,
    /// Permission the method needs (used to explain code 99).
    pub needed_perms: Perms,
}

impl<E> ApiError<E> {
    /// Converts the typed kind.
    pub fn map_kind<F>(self, f: impl FnOnce(E) -> F) -> ApiError<F> {
        ApiError {
            method: self.method,
            code: self.code,
            message: self.message,
            kind: f(self.kind),
            needed_perms: self.needed_perms,
        }
    }

    /// What the caller can do about this code, if it is one of Flickr's generic codes.
    pub fn advice(&self) -> Option<String> {
        generic_advice(self.code, &self.method, self.needed_perms)
    }
}

/// Advice for Flickr's generic error codes (95–116), shared by every method.
fn generic_advice(code: u32, method: &str, perms: Perms) -> Option<String> {
    Some(match code {
        95 => "Flickr only accepts https: configure an https endpoint (plain http is for loopback tests only)".into(),
        96 => "the request signature was rejected: check the consumer secret and token secret, and that the system clock is correct".into(),
        97 => format!("{method} must be signed: configure the consumer secret (Credentials::app or Credentials::oauth)"),
        98 => "the OAuth token is invalid or has been revoked: authorize again to get a new access token".into(),
        99 => match perms {
            Perms::None => format!("the user is not logged in or the token lacks the permission needed by {method}: authorize with a suitable perms value"),
            p => format!("the token lacks `{p}` permission needed by {method}: authorize again with perms={p}"),
        },
        100 => "the API key is wrong or expired: check it at https://www.flickr.com/services/apps/".into(),
        105 => "Flickr is temporarily unavailable; read calls are retried automatically, try again later".into(),
        106 => "the write failed temporarily on Flickr's side; it was not retried automatically: check whether it took effect, then retry".into(),
        111 => "Flickr does not support the requested response format (a client bug: please report it)".into(),
        112 => format!("Flickr does not know the method {method}: check its name (it may have been removed)"),
        114 | 115 => "Flickr rejected the request envelope (a client bug: please report it)".into(),
        116 => "Flickr rejected a URL in the arguments as bad: remove or change it".into(),
        _ => return None,
    })
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_api_error(f, &self.method, self.code, &self.message, self.needed_perms)
    }
}

fn fmt_api_error(
    f: &mut fmt::Formatter<'_>,
    method: &str,
    code: u32,
    message: &str,
    perms: Perms,
) -> fmt::Result {
    write!(f, "{method} failed with Flickr error {code}: {message}")?;
    match generic_advice(code, method, perms) {
        Some(advice) => write!(f, " ({advice})"),
        None => write!(
            f,
            " (see https://www.flickr.com/services/api/{method}.html)"
        ),
    }
}

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    /// Category, used to decide whether to retry.
    pub kind: TransportErrorKind,
    /// Human-readable cause, without URLs or query strings.
    pub message: String,
    /// The target, reduced by [`redact_url`].
    pub url: String,
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
        }
    }
}

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
        write!(f, "{what} {}: {}", self.url, self.message)?;
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

impl std::error::Error for TransportError {}

/// A call or attempt ran out of time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeoutError {
    /// What timed out: a method name or a redacted URL.
    pub what: String,
    /// The limit that was hit, when known.
    pub limit: Option<Duration>,
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

/// Flickr (or something in between) answered with an unexpected HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpError {
    /// The HTTP status code.
    pub status: u16,
    /// The method called, or the kind of request (`upload`, `oauth.request_token`).
    pub what: String,
    /// The target, reduced by [`redact_url`].
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

/// A response could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The method whose response failed.
    pub method: String,
    /// JSON path of the failing field (`photos.photo[3].latitude`), empty when the document itself is broken.
    pub path: String,
    /// What was wrong.
    pub message: String,
    /// A short excerpt of the body around the failure.
    pub body_excerpt: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not decode the response of {}", self.method)?;
        if !self.path.is_empty() && self.path != "." {
            write!(f, " at `{}`", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if !self.body_excerpt.is_empty() {
            write!(f, "; body: {}", self.body_excerpt)?;
        }
        f.write_str(
            " (Flickr's answer did not have the documented shape: please report it with the body)",
        )
    }
}

/// Flickr's OAuth layer refused a request (form-encoded `oauth_problem=…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    /// The request: a method name or an OAuth step.
    pub what: String,
    /// HTTP status, when the answer came over HTTP.
    pub status: Option<u16>,
    /// Flickr's `oauth_problem` (`signature_invalid`, `token_rejected`, …).
    pub problem: String,
    /// Extra detail (`oauth_parameters_absent`, or a message of ours).
    pub message: Option<String>,
    /// Flickr's `debug_sbs`: the base string it computed.
    pub debug_sbs: Option<String>,
    /// The base string we signed, to compare with `debug_sbs`.
    pub base_string: Option<String>,
}

impl OAuthError {
    /// Advice for the known `oauth_problem` values.
    pub fn advice(&self) -> &'static str {
        match self.problem.as_str() {
            "signature_invalid" => "the signature did not match: check the consumer secret and token secret; compare Flickr's base string with ours",
            "token_rejected" | "token_expired" | "token_revoked" => "the token is invalid, expired or revoked: authorize again",
            "consumer_key_unknown" | "consumer_key_rejected" => "the API key (consumer key) is wrong or disabled: check it",
            "timestamp_refused" => "the system clock is off: fix the clock",
            "nonce_used" => "a nonce was reused: retry the request",
            "parameter_absent" => "a required OAuth parameter was missing: configure the access token (or finish the OAuth flow)",
            "verifier_invalid" => "the verifier code is wrong or was already used: authorize again",
            "permission_denied" | "permission_unknown" => "the user refused or the requested permission is invalid: authorize again",
            _ => "check the OAuth credentials",
        }
    }
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} was refused by Flickr's OAuth layer", self.what)?;
        if let Some(status) = self.status {
            write!(f, " (HTTP {status})")?;
        }
        write!(f, ": {}", self.problem)?;
        if let Some(message) = &self.message {
            write!(f, " ({message})")?;
        }
        write!(f, "; {}", self.advice())?;
        if let Some(sbs) = &self.debug_sbs {
            write!(f, "; Flickr's base string: {sbs}")?;
        }
        if let Some(ours) = &self.base_string {
            write!(f, "; our base string: {ours}")?;
        }
        Ok(())
    }
}

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
    /// The response did not decode.
    Decode(DecodeError),
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
}

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
        }
    }

    /// Flickr's error code, for API errors.
    pub fn api_code(&self) -> Option<u32> {
        match self {
            Error::Api(e) => Some(e.code),
            _ => None,
        }
    }

    /// Whether trying again later could succeed (connect errors, timeouts,
    /// 429, 5xx, Flickr 105). Whether a retry is *safe* is a separate
    /// question: writes are never retried automatically.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => e.code == 105,
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
            Error::Io(e) => write!(f, "I/O error: {e}"),
            Error::OAuth(e) => e.fmt(f),
            Error::Config(msg) => write!(f, "invalid client configuration: {msg}"),
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

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            Error::Transport(e) => Some(e),
            _ => None,
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
                what: e.url,
                limit: None,
            }),
            _ => Error::Transport(e),
        }
    }
}

/// Scheme, host, port and path of `url`: never the query (which carries
/// `api_key`, `oauth_token` and the signature) nor userinfo.
pub fn redact_url(url: &url::Url) -> String {
    let mut out = String::with_capacity(64);
    out.push_str(url.scheme());
    out.push_str("://");
    out.push_str(url.host_str().unwrap_or(""));
    if let Some(port) = url.port() {
        out.push(':');
        out.push_str(&port.to_string());
    }
    out.push_str(url.path());
    out
}

/// Longest excerpt of a body kept in an error, in characters.
pub const EXCERPT_CHARS: usize = 300;

/// A short, single-line excerpt of `body`: lossy UTF-8, whitespace runs
/// collapsed, control characters dropped, cut at [`EXCERPT_CHARS`]. For an
/// HTML page it starts at the `<title>` when there is one, since the head is
/// mostly boilerplate.
pub fn excerpt(body: &[u8]) -> String {
    excerpt_from(body, 0)
}

/// Like [`excerpt`] but starting a little before byte `offset` (the place a
/// parser failed).
pub fn excerpt_at(body: &[u8], offset: usize) -> String {
    let start = offset.saturating_sub(EXCERPT_CHARS / 2).min(body.len());
    let mut s = excerpt_from(body, start);
    if start > 0 {
        s.insert(0, '…');
    }
    s
}

fn excerpt_from(body: &[u8], start: usize) -> String {
    let mut body = &body[start.min(body.len())..];
    if start == 0 {
        if let Some(pos) = find_ci(body, b"<title") {
            body = &body[pos..];
        }
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(EXCERPT_CHARS * 4)]);
    let mut out = String::with_capacity(EXCERPT_CHARS);
    let mut count = 0;
    let mut last_space = true;
    for c in text.chars() {
        if count >= EXCERPT_CHARS {
            out.push('…');
            break;
        }
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                count += 1;
            }
            last_space = true;
        } else if !c.is_control() {
            out.push(c);
            count += 1;
            last_space = false;
        }
    }
    out.trim_end().to_owned()
}

fn find_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    // Only the first few KiB: a title further down is not worth a scan.
    let hay = &haystack[..haystack.len().min(4096)];
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(code: u32, method: &str, perms: Perms) -> String {
        Error::<ErrorCode>::Api(ApiError {
            method: method.into(),
            code,
            message: "msg".into(),
            kind: ErrorCode(code),
            needed_perms: perms,
        })
        .to_string()
    }

    #[test]
    fn generic_codes_explain_what_to_do() {
        let m = "flickr.photos.delete";
        assert!(api(98, m, Perms::Delete)
            .contains("token is invalid or has been revoked: authorize again"));
        assert!(api(99, m, Perms::Delete)
            .contains("the token lacks `delete` permission needed by flickr.photos.delete"));
        assert!(api(99, "flickr.photos.setMeta", Perms::Write)
            .contains("lacks `write` permission needed by flickr.photos.setMeta: authorize again with perms=write"));
        assert!(api(95, m, Perms::None).contains("only accepts https"));
        assert!(
            api(96, m, Perms::None).contains("signature was rejected: check the consumer secret")
        );
        assert!(api(97, m, Perms::None).contains("must be signed"));
        assert!(api(100, m, Perms::None).contains("the API key is wrong or expired"));
        assert!(api(105, m, Perms::None)
            .contains("temporarily unavailable; read calls are retried automatically"));
        assert!(api(106, m, Perms::None).contains("write failed temporarily"));
        assert!(api(111, m, Perms::None).contains("response format"));
        assert!(
            api(112, "flickr.nope", Perms::None).contains("does not know the method flickr.nope")
        );
        assert!(api(116, m, Perms::None).contains("URL in the arguments"));
    }

    #[test]
    fn method_specific_codes_point_at_the_docs() {
        let s = api(1, "flickr.photos.getInfo", Perms::None);
        assert_eq!(
            s,
            "flickr.photos.getInfo failed with Flickr error 1: msg \
             (see https://www.flickr.com/services/api/flickr.photos.getInfo.html)"
        );
    }

    #[test]
    fn other_kinds_have_messages() {
        let e: Error = Error::InvalidArgument {
            method: "flickr.photos.search".into(),
            arg: "per_page".into(),
            reason: "must be at most 500".into(),
        };
        assert_eq!(
            e.to_string(),
            "invalid argument `per_page` for flickr.photos.search: must be at most 500 (nothing was sent)"
        );
        let e: Error = Error::MissingCredentials {
            method: "flickr.photos.delete".into(),
            perms: Perms::Delete,
            missing: "the client has no OAuth access token".into(),
        };
        assert!(e
            .to_string()
            .contains("needs a token with `delete` permission"));
        let e: Error = Error::from(HttpError {
            status: 503,
            what: "flickr.photos.search".into(),
            url: "https://api.flickr.com/services/rest/".into(),
            body_excerpt: "<title>503 Service Unavailable</title>".into(),
            retry_after: None,
            location: None,
        });
        assert!(e.to_string().starts_with(
            "flickr.photos.search got HTTP 503 from https://api.flickr.com/services/rest/"
        ));
        assert!(e.is_retryable());
        let e: Error =
            TransportError::new(TransportErrorKind::Timeout, "x", "http://127.0.0.1/").into();
        assert!(matches!(e, Error::Timeout(_)));
        assert!(e.to_string().contains("timed out"));
        let e: Error = Error::Decode(DecodeError {
            method: "m".into(),
            path: "photos.total".into(),
            message: "invalid value".into(),
            body_excerpt: String::new(),
        });
        assert!(e
            .to_string()
            .contains("could not decode the response of m at `photos.total`: invalid value"));
        let e: Error = Error::from(OAuthError {
            what: "flickr.test.login".into(),
            status: Some(401),
            problem: "signature_invalid".into(),
            message: None,
            debug_sbs: Some("GET&x".into()),
            base_string: Some("GET&y".into()),
        });
        let s = e.to_string();
        assert!(
            s.contains("signature_invalid")
                && s.contains("Flickr's base string: GET&x")
                && s.contains("our base string: GET&y")
        );
        let e: Error = Error::config("bad");
        assert_eq!(e.to_string(), "invalid client configuration: bad");
    }

    #[test]
    fn typed_and_untyped_round_trip() {
        #[derive(Debug, PartialEq)]
        struct Typed(u32);
        impl MethodError for Typed {
            fn from_code(code: u32, _: &str) -> Self {
                Typed(code + 1000)
            }
            fn code(&self) -> u32 {
                self.0 - 1000
            }
        }
        let e: Error = Error::Api(ApiError {
            method: "m".into(),
            code: 7,
            message: "x".into(),
            kind: ErrorCode(7),
            needed_perms: Perms::None,
        });
        let t: Error<Typed> = e.typed();
        assert!(matches!(&t, Error::Api(a) if a.kind == Typed(1007)));
        assert_eq!(t.untyped().api_code(), Some(7));
    }

    #[test]
    fn urls_lose_their_query() {
        let u = url::Url::parse(
            "https://user:pw@api.flickr.com:8443/services/rest/?api_key=k&oauth_signature=s",
        )
        .unwrap();
        assert_eq!(redact_url(&u), "https://api.flickr.com:8443/services/rest/");
    }

    #[test]
    fn excerpts_are_short_and_single_line() {
        let html = b"<!DOCTYPE html>\n<html><head><meta x>\n<title>502 Bad Gateway</title></head>\n\n<body>oops</body>";
        assert_eq!(
            excerpt(html),
            "<title>502 Bad Gateway</title></head> <body>oops</body>"
        );
        let long = vec![b'a'; 10_000];
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS + 1);
        assert_eq!(excerpt(&[0xff, b'a']), "\u{fffd}a");
        assert!(excerpt_at(&long, 5000).starts_with('…'));
    }
}
