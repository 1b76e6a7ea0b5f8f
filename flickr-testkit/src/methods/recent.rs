//! `flickr.photos.recentlyUpdated`: the caller's photos created or changed
//! since `min_date`, most recently updated first.

use super::photo_json::photos_page;
use super::{Answer, Call};
use crate::state::Photo;

/// `flickr.photos.recentlyUpdated`.
pub(super) fn recently_updated(c: &mut Call<'_>) -> Answer {
    let since = c.args.date("min_date").unwrap_or(0);
    let me = c.viewer().unwrap_or_default().to_owned();
    let mut hits: Vec<&Photo> = c
        .state
        .photos
        .values()
        .filter(|p| p.owner == me && p.last_update >= since)
        .collect();
    hits.sort_by_key(|p| std::cmp::Reverse((p.last_update, p.id)));
    Ok(photos_page(c, &hits, false))
}
