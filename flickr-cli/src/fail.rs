//! How the command line fails: a message for stderr and an exit status.

use flickr_sdk::error::{Error, MethodError, QuotaErrorKind};
use std::fmt;

/// Exit status: the request failed (Flickr error, network, decoding).
pub const EXIT_FAILED: u8 = 1;
/// Exit status: invalid invocation (unknown method, bad argument).
pub const EXIT_USAGE: u8 = 2;
/// Exit status: missing credentials or configuration.
pub const EXIT_CONFIG: u8 = 3;

/// A failure of one command.
#[derive(Debug)]
pub struct Fail {
    /// What went wrong and what to do, possibly on several lines.
    pub message: String,
    /// The exit status.
    pub status: u8,
}

impl Fail {
    /// A failed request.
    pub fn failed(message: impl Into<String>) -> Fail {
        Fail {
            message: message.into(),
            status: EXIT_FAILED,
        }
    }

    /// An invalid invocation.
    pub fn usage(message: impl Into<String>) -> Fail {
        Fail {
            message: message.into(),
            status: EXIT_USAGE,
        }
    }

    /// Missing credentials or configuration.
    pub fn config(message: impl Into<String>) -> Fail {
        Fail {
            message: message.into(),
            status: EXIT_CONFIG,
        }
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl<E: MethodError> From<Error<E>> for Fail {
    fn from(err: Error<E>) -> Fail {
        let status = match &err {
            Error::InvalidArgument { .. } => EXIT_USAGE,
            Error::MissingCredentials { .. } | Error::Config(_) => EXIT_CONFIG,
            // A quota store that is misconfigured or down at start is set-up;
            // one lost during the run failed the request.
            Error::Quota(q) if q.kind != QuotaErrorKind::Lost => EXIT_CONFIG,
            _ => EXIT_FAILED,
        };
        let mut message = err.to_string();
        if let Error::Api(api) = &err {
            if let Some(hint) = api_hint(api.code, api.had_token) {
                message.push_str(hint);
            }
        }
        if let Error::MissingCredentials { .. } = err {
            message.push_str(
                "\nhint: run `flickr auth login` (with FLICKR_API_KEY and FLICKR_API_SECRET set), \
                 or set FLICKR_OAUTH_TOKEN and FLICKR_OAUTH_TOKEN_SECRET",
            );
        }
        Fail { message, status }
    }
}

/// A hint for the API errors a user meets first: a refused key, or a
/// method that needs a login called with a key only.
pub fn api_hint(code: u32, had_token: bool) -> Option<&'static str> {
    match code {
        100 => Some(
            "\nhint: Flickr refused the API key (FLICKR_API_KEY or the profile's): check it at \
             https://www.flickr.com/services/apps/by/me. Since 2025 new keys need a Flickr Pro \
             account, and Flickr disables keys that are shared widely: keep yours out of public code",
        ),
        98 | 99 if !had_token => Some(
            "\nhint: this method needs a logged-in user: run `flickr auth login` \
             (with FLICKR_API_KEY and FLICKR_API_SECRET set)",
        ),
        _ => None,
    }
}

impl From<std::io::Error> for Fail {
    fn from(err: std::io::Error) -> Fail {
        Fail::failed(err.to_string())
    }
}

/// The result of a command.
pub type Result<T, E = Fail> = std::result::Result<T, E>;
