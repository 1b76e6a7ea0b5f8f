//! [`QuotaError`]: the shared quota store could not be used.

use super::transport::Cause;
use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

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
///
/// The store client's own error is the [`source`](StdError::source) when it
/// shows no secret; `detail` is then not repeated in `Display`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct QuotaError {
    /// What went wrong.
    pub kind: QuotaErrorKind,
    /// The store's URL, password redacted.
    pub store: String,
    /// The underlying failure (password redacted).
    pub detail: String,
    source: Option<Cause>,
}

impl QuotaError {
    /// A failure described by `detail` (password already redacted), without a source.
    pub fn new(kind: QuotaErrorKind, store: impl Into<String>, detail: impl Into<String>) -> Self {
        QuotaError {
            kind,
            store: store.into(),
            detail: detail.into(),
            source: None,
        }
    }

    /// Keeps `cause` as the source. The caller checks first that neither its
    /// `Display` nor its `Debug` shows a secret.
    pub fn with_source(mut self, cause: impl StdError + Send + Sync + 'static) -> Self {
        self.source = Some(Arc::new(cause));
        self
    }
}

impl fmt::Display for QuotaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let store = &self.store;
        // The detail is the source's text when there is a source: said once, by the source.
        let detail = match &self.source {
            Some(_) => String::new(),
            None => format!(": {}", self.detail),
        };
        match self.kind {
            QuotaErrorKind::Config => write!(f, "invalid quota store {store}{detail}"),
            QuotaErrorKind::Unreachable => write!(
                f,
                "quota store {store} is unreachable{detail} \
                 (check the Redis URL, e.g. --quota-redis / FLICKR_QUOTA_REDIS, and that the server runs)"
            ),
            QuotaErrorKind::Lost => write!(
                f,
                "quota store {store} stopped answering{detail}; the call was not sent, \
                 so the shared budget cannot be overrun (retry when Redis is back, \
                 or allow a local fallback with a share of the budget)"
            ),
        }
    }
}

impl StdError for QuotaError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}
