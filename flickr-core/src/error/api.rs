//! Flickr's `stat=fail` answers: the untyped [`ErrorCode`], the
//! [`MethodError`] trait every generated per-method error enum implements,
//! [`ApiError`], and the advice for Flickr's generic codes (95–116).

use crate::registry::Perms;
use std::fmt;

/// The untyped API error kind: just Flickr's numeric code.
///
/// Generated bindings use a per-method enum instead (see [`MethodError`]);
/// [`Error::untyped`](super::Error::untyped) converts any of them back to this.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

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
}
