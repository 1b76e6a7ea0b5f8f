//! [`CallOptions`]: what one call may change of the client's settings, and
//! what part of the answer it reads.

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
    /// The member of the answer object a typed value is decoded from
    /// (`photo` in `{"photo": {…}, "stat": "ok"}`); `None` decodes the whole
    /// object. Generated builders set their method's own.
    pub root: Option<&'static str>,
}

impl CallOptions {
    /// Default options: the client's settings, the whole answer object.
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

    /// Decodes the member `name` of the answer object instead of the whole
    /// object; for a write, a bare `{"stat":"ok"}` then reads as an empty
    /// object (the write happened). A [`RawResponse`](super::RawResponse) is
    /// the body as received whatever the root.
    pub fn root(mut self, name: &'static str) -> Self {
        self.root = Some(name);
        self
    }

    /// Decodes the whole answer object (the default; undoes [`root`](Self::root)).
    pub fn whole(mut self) -> Self {
        self.root = None;
        self
    }
}
