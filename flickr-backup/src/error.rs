//! What can stop a backup, each naming what failed and where.
//!
//! Causes are kept, not turned into text: a failed API call holds the
//! client's [`flickr_sdk::error::Error`], a database or file failure its
//! SQLite or OS error, each returned from
//! [`source`](std::error::Error::source). As in flickr-core, an error's own
//! text never repeats its cause's, so printing the chain (the `flickr`
//! command's `caused by:` lines, `flickr_sdk::error::Chain`, `anyhow`'s
//! `{:#}`) says each thing once.

use std::path::PathBuf;

/// A backup, dry run or verify that could not go on.
///
/// Single files that cannot be fetched do not stop a run: they are recorded
/// as failed in the state and reported in [`crate::Report::failed`], and the
/// next run tries them again.
///
/// The kinds a caller acts on differently have variants of their own:
/// [`Error::Locked`] (wait and run again), [`Error::OtherAccount`] (use
/// another directory), [`Error::NewerSchema`] (use a newer build) and
/// [`Error::Internal`] (a bug to report); the `flickr` command gives each its
/// own exit status.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A Flickr API call failed (after the client's own retries).
    #[error("{what}")]
    Api {
        /// The call and what it was for.
        what: String,
        /// The client's error: Flickr's answer, the transport's failure, …
        #[source]
        source: flickr_sdk::error::Error,
    },
    /// The state database refused an operation.
    #[error("state database {path}: {what}")]
    Db {
        /// The database file.
        path: PathBuf,
        /// The operation.
        what: String,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
    /// A file or directory of the mirror could not be read or written.
    #[error("{what} {path}")]
    Io {
        /// What was being done.
        what: String,
        /// The path.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// Another run holds the mirror's lock: one run at a time per mirror.
    #[error("another backup is running into {} (it holds {}); wait for it to end", mirror.display(), lock.display())]
    Locked {
        /// The mirror's directory.
        mirror: PathBuf,
        /// The lock file the other run holds.
        lock: PathBuf,
    },
    /// The mirror is a backup of another account.
    #[error("{} is a backup of {owner}, not of {asked}; use another directory", mirror.display())]
    OtherAccount {
        /// The mirror's directory.
        mirror: PathBuf,
        /// The account (NSID) the mirror holds.
        owner: String,
        /// The account (NSID) this run was asked to back up.
        asked: String,
    },
    /// The state database was written by a newer version of this crate,
    /// in a format this one does not read.
    #[error("{}: state format {found} is newer than this version reads ({known}); use a newer flickr", path.display())]
    NewerSchema {
        /// The database file.
        path: PathBuf,
        /// The format version the database declares.
        found: String,
        /// The newest format this build reads.
        known: i64,
    },
    /// Something that should not happen did (a task that panicked, an HTTP
    /// client that cannot be built): a bug to report, with its cause.
    #[error("internal error: {what}")]
    Internal {
        /// What failed.
        what: String,
        /// The cause.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    /// The mirror or the options cannot be used as asked (an unusable option,
    /// a directory that is not a mirror).
    #[error("{0}")]
    Usage(String),
}

/// Shorthand for this crate's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A failed API call, its typed error kept (untyped: the code stays).
    pub(crate) fn api<E: flickr_sdk::error::MethodError>(
        what: impl Into<String>,
        err: flickr_sdk::error::Error<E>,
    ) -> Error {
        Error::Api {
            what: what.into(),
            source: err.untyped(),
        }
    }

    pub(crate) fn io(
        what: impl Into<String>,
        path: impl Into<PathBuf>,
        source: std::io::Error,
    ) -> Error {
        Error::Io {
            what: what.into(),
            path: path.into(),
            source,
        }
    }

    pub(crate) fn internal(
        what: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        Error::Internal {
            what: what.into(),
            source: Box::new(source),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn causes_are_kept_and_said_once() {
        let os = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "permission denied");
        let e = Error::io("cannot create", "/m/photos", os);
        assert_eq!(e.to_string(), "cannot create /m/photos");
        let cause = e.source().expect("the OS error");
        assert_eq!(cause.to_string(), "permission denied");
        let core: flickr_sdk::error::Error = flickr_sdk::error::Error::config("no API key");
        let e = Error::api("flickr.test.login", core);
        assert_eq!(e.to_string(), "flickr.test.login");
        let cause = e.source().expect("the client's error");
        assert!(cause
            .downcast_ref::<flickr_sdk::error::Error>()
            .is_some_and(|c| matches!(c, flickr_sdk::error::Error::Config(_))));
        let e = Error::internal("the backup task ended abnormally", os_error());
        assert_eq!(
            e.to_string(),
            "internal error: the backup task ended abnormally"
        );
        assert_eq!(e.source().map(ToString::to_string), Some("boom".into()));
    }

    fn os_error() -> std::io::Error {
        std::io::Error::other("boom")
    }
}
