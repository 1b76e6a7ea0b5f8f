//! How the command line fails: a message for stderr and an exit status.
//!
//! The message is the error and each of its causes, one `caused by:` line
//! per cause: errors keep their causes (`source()`) instead of repeating
//! their text, so each thing is said once.

use flickr_sdk::error::{Error, MethodError, QuotaErrorKind};
use std::fmt;

/// Exit status: the request failed (Flickr error, network, decoding), or a
/// backup could not go on (files of the mirror, its database).
pub const EXIT_FAILED: u8 = 1;
/// Exit status: invalid invocation (unknown method, bad argument).
pub const EXIT_USAGE: u8 = 2;
/// Exit status: missing credentials or configuration.
pub const EXIT_CONFIG: u8 = 3;
/// Exit status: another backup is running into this mirror (it holds the lock).
pub const EXIT_LOCKED: u8 = 4;
/// Exit status: the mirror is a backup of another account.
pub const EXIT_OTHER_ACCOUNT: u8 = 5;
/// Exit status: the mirror was written by a newer version of `flickr`.
pub const EXIT_NEWER_SCHEMA: u8 = 6;
/// Exit status: an internal error (a bug: please report it).
pub const EXIT_INTERNAL: u8 = 7;

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

/// The exit status for a client error.
fn status_of<E>(err: &Error<E>) -> u8 {
    match err {
        Error::InvalidArgument { .. } => EXIT_USAGE,
        Error::MissingCredentials { .. } | Error::Config(_) => EXIT_CONFIG,
        // A quota store that is misconfigured or down at start is set-up;
        // one lost during the run failed the request.
        Error::Quota(q) if q.kind != QuotaErrorKind::Lost => EXIT_CONFIG,
        _ => EXIT_FAILED,
    }
}

impl<E: MethodError> From<Error<E>> for Fail {
    fn from(err: Error<E>) -> Fail {
        let status = status_of(&err);
        let mut message = with_causes(&err);
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
        Fail::failed(with_causes(&err))
    }
}

impl From<flickr_backup::Error> for Fail {
    /// Each way a backup stops gets its own status: a held lock, another
    /// account's mirror, a newer state format and an internal error can be
    /// told apart by a script.
    fn from(err: flickr_backup::Error) -> Fail {
        use flickr_backup::Error as B;
        let status = match &err {
            B::Usage(_) => EXIT_USAGE,
            B::Locked { .. } => EXIT_LOCKED,
            B::OtherAccount { .. } => EXIT_OTHER_ACCOUNT,
            B::NewerSchema { .. } => EXIT_NEWER_SCHEMA,
            B::Internal { .. } => EXIT_INTERNAL,
            B::Api { source, .. } => status_of(source),
            _ => EXIT_FAILED,
        };
        let mut message = with_causes(&err);
        match status {
            EXIT_FAILED => {
                message.push_str("\nnothing complete is lost: run the same command again to resume")
            }
            EXIT_INTERNAL => message.push_str(
                "\nthis is a bug: please report it; nothing complete is lost, run the same \
                 command again to resume",
            ),
            _ => {}
        }
        Fail { message, status }
    }
}

/// The error, then one `caused by:` line per cause.
pub fn with_causes(err: &(dyn std::error::Error + 'static)) -> String {
    let mut out = err.to_string();
    let mut next = err.source();
    while let Some(cause) = next {
        out.push_str("\n  caused by: ");
        out.push_str(&cause.to_string());
        next = cause.source();
    }
    out
}

/// The result of a command.
pub type Result<T, E = Fail> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn io_error() -> flickr_backup::Error {
        flickr_backup::Error::Io {
            what: "cannot write".into(),
            path: PathBuf::from("/m"),
            source: std::io::Error::other("disk full"),
        }
    }

    #[test]
    fn each_way_a_backup_stops_has_its_status() {
        use flickr_backup::Error as B;
        let path = PathBuf::from("/m");
        let missing = Error::MissingCredentials {
            method: "flickr.test.login".into(),
            perms: flickr_sdk::registry::Perms::Read,
            missing: "a token".into(),
        };
        let table = [
            (
                B::Locked {
                    mirror: path.clone(),
                    lock: path.join(".flickr-backup/lock"),
                },
                EXIT_LOCKED,
            ),
            (
                B::OtherAccount {
                    mirror: path.clone(),
                    owner: "1@N01".into(),
                    asked: "2@N02".into(),
                },
                EXIT_OTHER_ACCOUNT,
            ),
            (
                B::NewerSchema {
                    path: path.clone(),
                    found: "9".into(),
                    known: 1,
                },
                EXIT_NEWER_SCHEMA,
            ),
            (
                B::Internal {
                    what: "task".into(),
                    source: Box::new(std::io::Error::other("panicked")),
                },
                EXIT_INTERNAL,
            ),
            (B::Usage("bad".into()), EXIT_USAGE),
            (io_error(), EXIT_FAILED),
            (
                B::Api {
                    what: "flickr.test.login".into(),
                    source: missing,
                },
                EXIT_CONFIG,
            ),
        ];
        for (err, want) in table {
            let shown = format!("{err:?}");
            assert_eq!(Fail::from(err).status, want, "{shown}");
        }
    }

    #[test]
    fn a_failed_backup_says_its_causes_and_that_nothing_complete_is_lost() {
        let fail = Fail::from(io_error());
        assert_eq!(fail.status, EXIT_FAILED);
        assert!(
            fail.message
                .starts_with("cannot write /m\n  caused by: disk full\nnothing complete is lost"),
            "{}",
            fail.message
        );
    }
}
