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
#[non_exhaustive]
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
    /// Whether the call carried an OAuth access token: codes 98 and 99 on a
    /// call made with an API key only mean the method needs a logged-in user.
    pub had_token: bool,
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
            had_token: self.had_token,
        }
    }

    /// What the caller can do about this code, if it is one of Flickr's generic codes.
    pub fn advice(&self) -> Option<String> {
        generic_advice(self.code, &self.method, self.needed_perms, self.had_token)
    }
}

/// Where Flickr's API keys are created and checked; since 2025 Flickr issues
/// new keys to Pro members only, and disables keys that are shared widely.
pub const API_KEYS_HELP: &str =
    "create or check keys at https://www.flickr.com/services/apps/by/me \
     (since 2025 Flickr issues new API keys to Flickr Pro members only, and disables keys \
     that are shared widely, e.g. published in public code)";

/// Advice for Flickr's generic error codes (95–116), shared by every method.
fn generic_advice(code: u32, method: &str, perms: Perms, had_token: bool) -> Option<String> {
    Some(match code {
        98 | 99 if !had_token => format!(
            "{method} needs a logged-in user, but the call carried only an API key: \
             authorize the app with OAuth (`flickr auth login`, or flickr_core::oauth) and build \
             the client with .oauth(key, secret, token, token_secret)"
        ),
        95 => "Flickr only accepts https: configure an https endpoint (plain http is for loopback tests only)".into(),
        96 => "the request signature was rejected: check the consumer secret and token secret, and that the system clock is correct".into(),
        97 => format!("{method} must be signed: configure the consumer secret (Credentials::app or Credentials::oauth)"),
        98 => "the OAuth token is invalid or has been revoked: authorize again to get a new access token".into(),
        99 => match perms {
            Perms::None => format!("the user is not logged in or the token lacks the permission needed by {method}: authorize with a suitable perms value"),
            p => format!("the token lacks `{p}` permission needed by {method}: authorize again with perms={p}"),
        },
        100 => format!(
            "the API key is wrong or expired: Flickr rejected it as invalid, expired or disabled; \
             {API_KEYS_HELP}"
        ),
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
        fmt_api_error(f, self)
    }
}

/// A leaf: Flickr's code and message are the whole story.
impl<E: fmt::Debug> std::error::Error for ApiError<E> {}

fn fmt_api_error<E>(f: &mut fmt::Formatter<'_>, e: &ApiError<E>) -> fmt::Result {
    fmt_api_parts(f, &e.method, e.code, &e.message, e.advice())
}

// Not generic over the method's error type: compiled once.
fn fmt_api_parts(
    f: &mut fmt::Formatter<'_>,
    method: &str,
    code: u32,
    message: &str,
    advice: Option<String>,
) -> fmt::Result {
    write!(f, "{method} failed with Flickr error {code}: {message}")?;
    match advice {
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
            had_token: true,
        })
        .to_string()
    }

    #[test]
    fn keys_and_key_only_calls_say_what_to_do() {
        let e = |code: u32, had_token: bool| {
            Error::<ErrorCode>::Api(ApiError {
                method: "flickr.photos.getUntagged".into(),
                code,
                message: "msg".into(),
                kind: ErrorCode(code),
                needed_perms: Perms::Read,
                had_token,
            })
            .to_string()
        };
        let key = e(100, false);
        assert!(key.contains("invalid, expired or disabled"), "{key}");
        assert!(key.contains("Flickr Pro members only"), "{key}");
        assert!(key.contains("shared widely"), "{key}");
        assert!(
            key.contains("https://www.flickr.com/services/apps/by/me"),
            "{key}"
        );
        for code in [98, 99] {
            let s = e(code, false);
            assert!(
                s.contains("needs a logged-in user, but the call carried only an API key"),
                "{s}"
            );
            assert!(
                s.contains(".oauth(key, secret, token, token_secret)"),
                "{s}"
            );
        }
        assert!(e(99, true).contains("lacks `read` permission"));
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
