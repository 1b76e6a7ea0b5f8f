//! `flickr.favorites.*`: add, remove, getList.

use serde_json::{json, Map, Value};

use super::paging::{page_of, paging};
use super::photo_json::{extras, photo_summary};
use super::{obj, Answer, Call};
use crate::state::{now_unix, Photo};

/// `flickr.favorites.add`.
pub(super) fn add(c: &mut Call<'_>) -> Answer {
    let p = c.visible_photo("photo_id", 1)?;
    let (id, owner) = (p.id, p.owner.clone());
    let viewer = c.viewer().unwrap_or_default().to_owned();
    if owner == viewer {
        return Err(c.fail(2));
    }
    let key = (viewer, id);
    if c.state.favorites.contains_key(&key) {
        return Err(c.fail(3));
    }
    c.state.favorites.insert(key, now_unix());
    Ok(Map::new())
}

/// `flickr.favorites.remove`.
pub(super) fn remove(c: &mut Call<'_>) -> Answer {
    let id = c
        .args
        .get("photo_id")
        .and_then(|v| v.trim().parse::<u64>().ok());
    let viewer = c.viewer().unwrap_or_default().to_owned();
    match id {
        Some(id) if c.state.favorites.remove(&(viewer, id)).is_some() => Ok(Map::new()),
        _ => Err(c.fail(1)),
    }
}

/// `flickr.favorites.getList`.
pub(super) fn get_list(c: &mut Call<'_>) -> Answer {
    let user = c.user_arg(1)?;
    let (min, max) = (c.args.date("min_fave_date"), c.args.date("max_fave_date"));
    let viewer = c.viewer();
    let mut faves: Vec<(i64, &Photo)> = c
        .state
        .favorites
        .iter()
        .filter(|((u, _), _)| *u == user)
        .filter(|(_, d)| min.is_none_or(|m| **d >= m) && max.is_none_or(|m| **d <= m))
        .filter_map(|((_, p), d)| c.state.photos.get(p).map(|p| (*d, p)))
        .filter(|(_, p)| c.state.can_see(viewer, p))
        .collect();
    faves.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.id.cmp(&a.1.id)));
    let (page, per_page) = paging(c.args, 100, 500);
    let ex = extras(c.args, "extras");
    let (pages, total, per_page, slice) = page_of(&faves, page, per_page);
    let photos: Vec<Value> = slice
        .iter()
        .map(|(d, p)| {
            let mut m = photo_summary(c.state, c.base, p, &ex);
            m.insert("date_faved".into(), json!(d.to_string()));
            Value::Object(m)
        })
        .collect();
    Ok(obj(json!({"photos": {
        "page": page, "pages": pages, "perpage": per_page, "total": total, "photo": photos
    }})))
}
