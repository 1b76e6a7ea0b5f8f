//! What every stage of a run shares: the counted client, the state, the
//! mirror's tree, the options, the event channel, the run number.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use tokio::sync::mpsc::UnboundedSender;

use crate::count::Counts;
use crate::error::Result;
use crate::events::Event;
use crate::options::Options;
use crate::state::{self, PhotoRow, State};
use crate::tree::Tree;

pub(crate) struct Ctx {
    /// The client, its transport wrapped to count requests.
    pub client: flickr_sdk::Client,
    pub state: Mutex<State>,
    pub opts: Options,
    pub events: UnboundedSender<Event>,
    pub run: i64,
    /// The mirror's files (every change to them goes through it).
    pub tree: Tree,
    /// Requests made.
    pub counts: Counts,
    /// Dry run: requests a real run would make on top of the listing.
    pub planned: Counts,
    /// The account's NSID.
    pub nsid: String,
    /// Whether that account is the token's own.
    pub is_me: bool,
    /// The static hosts' budget (`--files-per-second`), one for the files
    /// and the thumbnails: a 429 from either pauses both.
    pub static_budget: flickr_sdk::quota::Quota,
    /// Flickr's export, when the run reads one (`--from-export`).
    pub export: Option<crate::export::Export>,
    /// No API at all: the run reads the export alone, or a listing.
    pub offline: bool,
    /// The photos of the listing the run reads, and their local files.
    pub listing: Option<crate::listing::Index>,
    listed: AtomicU64,
}

impl Ctx {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        client: flickr_sdk::Client,
        state: State,
        opts: Options,
        events: UnboundedSender<Event>,
        run: i64,
        tree: Tree,
        counts: Counts,
        nsid: String,
        is_me: bool,
    ) -> Ctx {
        Ctx {
            static_budget: crate::static_host::static_budget(opts.files_per_second),
            client,
            state: Mutex::new(state),
            opts,
            events,
            run,
            tree,
            counts,
            planned: Counts::default(),
            nsid,
            is_me,
            export: None,
            offline: false,
            listing: None,
            listed: AtomicU64::new(0),
        }
    }

    pub fn emit(&self, e: Event) {
        // Nobody listening is fine: events are for progress only.
        let _ = self.events.send(e);
    }

    /// The state (never held across an `.await`).
    pub fn db(&self) -> MutexGuard<'_, State> {
        state::lock(&self.state)
    }

    /// Notes `n` more photos listed.
    pub fn listed(&self, n: u64) {
        let photos = self.listed.fetch_add(n, Ordering::Relaxed) + n;
        self.emit(Event::Listed { photos });
    }
}

/// Photos read from the state at a time.
pub(crate) const BATCH: usize = 500;

impl Ctx {
    /// Calls `f` on every photo, a batch at a time.
    pub fn each_photo(&self, mut f: impl FnMut(&PhotoRow) -> Result<()>) -> Result<()> {
        let mut after: Option<String> = None;
        loop {
            let batch = self.db().photos_after(after.as_deref(), BATCH)?;
            let Some(last) = batch.last() else {
                return Ok(());
            };
            after = Some(last.id.clone());
            for p in &batch {
                f(p)?;
            }
        }
    }
}

/// Now, in Unix seconds.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
