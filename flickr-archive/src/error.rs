//! The archive's errors: each names what failed and where (the target, the
//! job, the object key), never a credential.

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The command or a target was malformed.
    #[error("{0}")]
    Usage(String),
    /// The database did not answer or refused a statement.
    #[error("database: {what}: {source}")]
    Db {
        /// The statement's purpose.
        what: String,
        /// sqlx's error.
        #[source]
        source: sqlx::Error,
    },
    /// The schema could not be created or migrated.
    #[error("database: migrating the schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The object store failed.
    #[error("store: {what}: {source}")]
    Store {
        /// What was read or written.
        what: String,
        /// object_store's error.
        #[source]
        source: object_store::Error,
    },
    /// A Flickr call failed.
    #[error("{what}: {message}")]
    Api {
        /// The call and its target.
        what: String,
        /// flickr-sdk's error, as text (its chain).
        message: String,
        /// Whether Flickr said the thing does not exist or is not public
        /// (not worth retrying).
        gone: bool,
        /// Whether another attempt may pass (a timeout, a 5xx, Flickr's
        /// transient codes).
        transient: bool,
    },
    /// The key's shared budget (the quota store, Redis) could not be used,
    /// so no call was sent: the job waits for it without spending an
    /// attempt (the quota fails closed; `--quota-fallback-share` goes on
    /// with a share of the budget instead).
    #[error("{what}: {message}")]
    QuotaStore {
        /// The call and its target.
        what: String,
        /// flickr-sdk's error, as text (its chain).
        message: String,
    },
    /// A file from the static hosts could not be fetched.
    #[error("{0}")]
    File(String),
    /// Anything else, with its context.
    #[error("{0}")]
    Other(String),
}

impl Error {
    /// A failed Flickr call: `gone` when Flickr answered one of the
    /// method's own codes (not found, private, deleted).
    pub(crate) fn api<E: flickr_sdk::error::MethodError>(
        what: impl Into<String>,
        e: flickr_sdk::Error<E>,
    ) -> Error {
        if matches!(&e, flickr_sdk::Error::Quota(_)) {
            return Error::QuotaStore {
                what: what.into(),
                message: flickr_sdk::error::Chain(&e).to_string(),
            };
        }
        let gone = matches!(&e, flickr_sdk::Error::Api(a) if a.code < 100);
        Error::Api {
            what: what.into(),
            transient: e.is_retryable(),
            message: flickr_sdk::error::Chain(&e).to_string(),
            gone,
        }
    }
}

/// The archive's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A database error while `what`.
    pub(crate) fn db(what: impl Into<String>) -> impl FnOnce(sqlx::Error) -> Error {
        let what = what.into();
        move |source| Error::Db { what, source }
    }

    /// A store error while `what`.
    pub(crate) fn store(what: impl Into<String>) -> impl FnOnce(object_store::Error) -> Error {
        let what = what.into();
        move |source| Error::Store { what, source }
    }

    /// Whether another attempt may pass: a database or store that did not
    /// answer, a Flickr call that failed for a passing reason.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Db { source, .. } => is_transient_db(source),
            Error::Store { source, .. } => !matches!(
                source,
                object_store::Error::NotFound { .. } | object_store::Error::NotImplemented
            ),
            Error::Api { transient, .. } => *transient,
            Error::QuotaStore { .. } | Error::File(_) => true,
            Error::Usage(_) | Error::Migrate(_) | Error::Other(_) => false,
        }
    }
}

/// Whether a database error is the server being away or restarting (wait
/// and try again) rather than a statement it refused.
pub(crate) fn is_transient_db(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Protocol(_)
        | sqlx::Error::Tls(_) => true,
        sqlx::Error::Database(d) => {
            // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
            // cannot_connect_now, 08xxx connection exceptions, 40001
            // serialization failure, 40P01 deadlock.
            let code = d.code().unwrap_or_default();
            code.starts_with("57P") || code.starts_with("08") || code == "40001" || code == "40P01"
        }
        _ => false,
    }
}
