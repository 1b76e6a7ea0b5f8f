//! What can stop a backup, each naming what failed and where.

use std::path::PathBuf;

/// A backup, dry run or verify that could not go on.
///
/// Single files that cannot be fetched do not stop a run: they are recorded
/// as failed in the state and reported in [`crate::Report::failed`], and the
/// next run tries them again.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A Flickr API call failed (after the client's own retries).
    #[error("{what}: {message}")]
    Api {
        /// The call and what it was for.
        what: String,
        /// Flickr's or the transport's message.
        message: String,
    },
    /// The state database refused an operation.
    #[error("state database {path}: {what}: {source}")]
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
    #[error("{what} {path}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The path.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// The mirror cannot be used as asked (another account's mirror, a newer
    /// state format, an unusable option).
    #[error("{0}")]
    Usage(String),
}

/// Shorthand for this crate's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn api<E: std::fmt::Display>(what: impl Into<String>, err: E) -> Error {
        Error::Api {
            what: what.into(),
            message: err.to_string(),
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
}
