//! `flickr.photos.recentlyUpdated`: the caller's photos created or changed
//! since `min_date`, most recently updated first.

use serde_json::{json, Value};

use super::paging::{page_of, paging};
use super::photo_json::{extras, photo_summary};
use super::{obj, Answer, Call};
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
    let (page, per_page) = paging(c.args, 100, 500);
    let ex = extras(c.args, "extras");
    let (pages, total, per_page, slice) = page_of(&hits, page, per_page);
    let photos: Vec<Value> = slice
        .iter()
        .map(|p| Value::Object(photo_summary(c.state, c.base, p, &ex)))
        .collect();
    Ok(obj(json!({"photos": {
        "page": page, "pages": pages, "perpage": per_page, "total": total, "photo": photos
    }})))
}
