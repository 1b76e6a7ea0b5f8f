//! [`QuotaError`]: the shared quota store could not be used.

use std::fmt;

/// What went wrong with the quota store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum QuotaErrorKind {
    /// The store's address or settings are not usable (bad URL, bad share).
    Config,
    /// The store could not be reached when the quota was set up.
    Unreachable,
    /// The store stopped answering during the run; the call was not sent.
    Lost,
}

/// The shared quota store (Redis) could not be used. Names the store by its
/// URL with any password replaced by `***` ([`super::redact_store_url`]).
#[derive(Debug, Clone)]
pub struct QuotaError {
    /// What went wrong.
    pub kind: QuotaErrorKind,
    /// The store's URL, password redacted.
    pub store: String,
    /// The underlying failure (password redacted).
    pub detail: String,
}

impl fmt::Display for QuotaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let QuotaError {
            kind,
            store,
            detail,
        } = self;
        match kind {
            QuotaErrorKind::Config => write!(f, "invalid quota store {store}: {detail}"),
            QuotaErrorKind::Unreachable => write!(
                f,
                "quota store {store} is unreachable: {detail} \
                 (check the Redis URL, e.g. --quota-redis / FLICKR_QUOTA_REDIS, and that the server runs)"
            ),
            QuotaErrorKind::Lost => write!(
                f,
                "quota store {store} stopped answering: {detail}; the call was not sent, \
                 so the shared budget cannot be overrun (retry when Redis is back, \
                 or allow a local fallback with a share of the budget)"
            ),
        }
    }
}
