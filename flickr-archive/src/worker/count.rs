//! The worker's API calls, counted at its transport (flickr-core's
//! `Observed`; retries included, as
//! Flickr and the key's budget count them): per job for the catalog's
//! counters and the key's minute rows.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flickr_sdk::transport::{HttpRequest, Observed};

/// Calls made: since the worker started, and since its current job did.
#[derive(Debug, Clone, Default)]
pub(crate) struct Calls(Arc<[AtomicU64; 2]>);

impl Calls {
    /// `client` with this counter at its transport.
    pub(crate) fn wrap(&self, client: &flickr_sdk::Client) -> flickr_sdk::Client {
        let core = client.core();
        let calls = self.clone();
        let counted = core.with_transport(Arc::new(Observed::new(
            core.transport().clone(),
            move |_: &HttpRequest| {
                for n in calls.0.iter() {
                    n.fetch_add(1, Ordering::Relaxed);
                }
            },
        )));
        flickr_sdk::Client::from(counted)
    }

    /// A job starts: its count from zero.
    pub(crate) fn start_job(&self) {
        self.0[1].store(0, Ordering::Relaxed);
    }

    /// Calls since the current job started.
    pub(crate) fn this_job(&self) -> u64 {
        self.0[1].load(Ordering::Relaxed)
    }
}
