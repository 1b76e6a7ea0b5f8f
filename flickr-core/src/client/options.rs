//! [`CallOptions`]: what one call may change of the client's settings.

use crate::envelope::Format;
use crate::retry::RetryPolicy;
use std::time::Duration;

/// Per-call settings, taken by [`Client::call`](super::Client::call) and by
/// every generated request builder's `.options(…)`.
///
/// ```
/// use flickr_core::client::{CallOptions, Format};
/// use std::time::Duration;
///
/// let opts = CallOptions::new()
///     .retry_writes(true)             // this write is idempotent: retry it on a 503
///     .timeout(Duration::from_secs(5))
///     .format(Format::Rest);          // ask Flickr for XML
/// assert!(opts.retry_writes);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct CallOptions {
    /// Retry this write on transient failures. Off by default: a repeated
    /// comment, favorite or upload is data corruption. Only turn it on for
    /// writes that are idempotent (e.g. setting a title to a fixed value).
    pub retry_writes: bool,
    /// Response format for this call (default: the client's).
    pub format: Option<Format>,
    /// Timeout per attempt for this call (default: the client's).
    pub timeout: Option<Duration>,
    /// Retry policy for this call (default: the client's).
    pub retry: Option<RetryPolicy>,
}

impl CallOptions {
    /// Default options: the client's settings.
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// Opts a write in (or out) of automatic retries.
    pub fn retry_writes(mut self, yes: bool) -> Self {
        self.retry_writes = yes;
        self
    }

    /// Asks for this response format.
    pub fn format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// Sets the timeout per attempt.
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = Some(t);
        self
    }

    /// Sets the retry policy.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }
}
