//! Enumerating a `flickr.photos.search` beyond Flickr's 4,000-result cap.
//!
//! Flickr answers at most 4,000 results for any one search, however many
//! pages are asked for (see the "Notes" on its photos.search page). The walker
//! splits the query's upload-date range into windows small enough to stay
//! under the cap — probing each window's `total` with a one-photo request and
//! halving it while it is too large — then pages through each window, oldest
//! first, dropping photos it has already seen (window edges overlap by one
//! second, so a photo can appear twice).

use crate::photos::{Search, SearchError};
use crate::types::{Photo, SortOrder};
use flickr_core::error::Error;
use flickr_core::paging::BoxStream;
use flickr_core::values::DateValue;
use futures::StreamExt;
use std::collections::HashSet;

/// Flickr's cap on the results of one search.
pub const SEARCH_RESULT_CAP: i64 = 4_000;

/// The earliest upload date worth searching from (Flickr opened in 2004).
const FLICKR_EPOCH: i64 = 1_072_915_200; // 2004-01-01T00:00:00Z

/// An inclusive range of Unix times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First second, inclusive.
    pub from: i64,
    /// Last second, inclusive.
    pub to: i64,
}

impl Window {
    fn halves(self) -> Option<(Window, Window)> {
        if self.to <= self.from {
            return None;
        }
        let mid = self.from + (self.to - self.from) / 2;
        Some((
            Window {
                from: self.from,
                to: mid,
            },
            Window {
                from: mid + 1,
                to: self.to,
            },
        ))
    }
}

/// What to do with a window after probing its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Page through it.
    Walk(Window),
    /// Split it in two (older half first).
    Split(Window, Window),
    /// Nothing in it.
    Skip,
}

/// Decides how to handle `window` given the number of results Flickr reports for it.
/// A one-second window over the cap cannot be split; it is walked, and the
/// results past the cap are out of reach (Flickr's limit, not ours).
pub fn plan(window: Window, total: i64, cap: i64) -> Plan {
    if total <= 0 {
        return Plan::Skip;
    }
    if total <= cap {
        return Plan::Walk(window);
    }
    match window.halves() {
        Some((older, newer)) => Plan::Split(older, newer),
        None => Plan::Walk(window),
    }
}

fn unix_of(value: Option<&str>) -> Option<i64> {
    DateValue::parse(value?).map(|d| d.to_unix())
}

struct Walk {
    base: Search,
    pending: Vec<Window>,
    current: Option<BoxStream<'static, Result<Photo, Error<SearchError>>>>,
    seen: HashSet<String>,
}

impl Search {
    /// Every photo matching this search, beyond Flickr's 4,000-result cap:
    /// the upload-date range (`min_upload_date`..`max_upload_date`, default
    /// 2004 to now) is split into windows that each stay under the cap, and
    /// each window is paged oldest first. Photos are de-duplicated by id.
    ///
    /// Costs one extra small request per window probed. Opt-in: plain
    /// [`items`](Search::items) is cheaper when the search has fewer than
    /// 4,000 results.
    pub fn walk_by_upload_date(self) -> BoxStream<'static, Result<Photo, Error<SearchError>>> {
        let params = self.to_params();
        let from = unix_of(params.get("min_upload_date")).unwrap_or(FLICKR_EPOCH);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(i64::MAX / 2);
        let to = unix_of(params.get("max_upload_date")).unwrap_or(now);
        let state = Walk {
            base: self.sort(SortOrder::DatePostedAsc),
            pending: vec![Window { from, to }],
            current: None,
            seen: HashSet::new(),
        };
        Box::pin(futures::stream::unfold(state, |mut state| async move {
            loop {
                if let Some(current) = state.current.as_mut() {
                    match current.next().await {
                        Some(Ok(photo)) => {
                            if state.seen.insert(photo.id.as_str().to_owned()) {
                                return Some((Ok(photo), state));
                            }
                            continue;
                        }
                        Some(Err(e)) => {
                            state.pending.clear();
                            state.current = None;
                            return Some((Err(e), state));
                        }
                        None => state.current = None,
                    }
                }
                let window = state.pending.pop()?;
                let windowed = state
                    .base
                    .clone()
                    .min_upload_date(DateValue::unix(window.from))
                    .max_upload_date(DateValue::unix(window.to));
                let probe = match windowed.clone().per_page(1).page(1).send().await {
                    Ok(page) => page,
                    Err(e) => {
                        state.pending.clear();
                        return Some((Err(e), state));
                    }
                };
                match plan(window, probe.total, SEARCH_RESULT_CAP) {
                    Plan::Skip => {}
                    Plan::Walk(_) => state.current = Some(windowed.items()),
                    Plan::Split(older, newer) => {
                        // A stack: push the newer half first so the older is walked first.
                        state.pending.push(newer);
                        state.pending.push(older);
                    }
                }
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits like the walker does, over a synthetic upload-time distribution.
    fn walk_plan(uploads: &[i64], window: Window, cap: i64) -> Vec<Window> {
        let mut stack = vec![window];
        let mut walked = Vec::new();
        while let Some(w) = stack.pop() {
            let total = uploads
                .iter()
                .filter(|&&t| t >= w.from && t <= w.to)
                .count() as i64;
            match plan(w, total, cap) {
                Plan::Skip => {}
                Plan::Walk(w) => walked.push(w),
                Plan::Split(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
            }
        }
        walked
    }

    #[test]
    fn windows_cover_every_upload_once_and_stay_under_the_cap() {
        // 10,000 uploads bunched in time, as real accounts are.
        let uploads: Vec<i64> = (0..10_000)
            .map(|i| 1_200_000_000 + (i * i) % 50_000_000)
            .collect();
        let window = Window {
            from: FLICKR_EPOCH,
            to: 1_300_000_000,
        };
        let walked = walk_plan(&uploads, window, 4_000);
        for w in &walked {
            let n = uploads
                .iter()
                .filter(|&&t| t >= w.from && t <= w.to)
                .count();
            assert!(n <= 4_000, "{w:?} holds {n}");
        }
        for t in &uploads {
            assert_eq!(
                walked.iter().filter(|w| *t >= w.from && *t <= w.to).count(),
                1,
                "upload at {t}"
            );
        }
        assert!(
            walked.windows(2).all(|p| p[0].to < p[1].from),
            "oldest first, no overlap"
        );
    }

    #[test]
    fn a_one_second_window_over_the_cap_is_walked_not_split_forever() {
        assert_eq!(
            plan(Window { from: 5, to: 5 }, 9_000, 4_000),
            Plan::Walk(Window { from: 5, to: 5 })
        );
        assert_eq!(plan(Window { from: 5, to: 9 }, 0, 4_000), Plan::Skip);
    }

    #[test]
    fn dates_in_every_wire_form_become_unix_time() {
        assert_eq!(unix_of(Some("1700000000")), Some(1_700_000_000));
        assert_eq!(unix_of(Some("2004-01-01")), Some(FLICKR_EPOCH));
        assert_eq!(
            unix_of(Some("2004-01-01 00:00:10")),
            Some(FLICKR_EPOCH + 10)
        );
        assert_eq!(unix_of(Some("soon")), None);
    }
}
