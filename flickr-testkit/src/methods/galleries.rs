//! `flickr.galleries.getList` and `flickr.galleries.getPhotos`.

use serde_json::{json, Value};

use super::paging::{page_of, paging};
use super::photo_json::photos_page;
use super::{content, obj, Answer, Call};
use crate::state::Photo;

/// `flickr.galleries.getList` (`continuation` is accepted; paging is by page).
pub(super) fn get_list(c: &mut Call<'_>) -> Answer {
    let user = c.user_arg(1)?;
    let base = c.base;
    let galleries: Vec<Value> = c
        .state
        .galleries
        .values()
        .filter(|g| g.owner == user)
        .map(|g| {
            json!({
                "id": format!("{}-{}", &g.owner[..8], g.id),
                "gallery_id": g.id.to_string(),
                "url": format!("{base}photos/{}/galleries/{}/", g.owner, g.id),
                "owner": g.owner,
                "username": c.state.users.get(&g.owner).map(|u| u.username.clone()).unwrap_or_default(),
                "primary_photo_id": g.photos.first().map(|p| p.to_string()).unwrap_or_default(),
                "date_create": g.date_create.to_string(),
                "date_update": g.date_create.to_string(),
                "count_photos": g.photos.len(),
                "count_videos": 0,
                "count_total": g.photos.len(),
                "title": content(g.title.clone()),
                "description": content(g.description.clone()),
            })
        })
        .collect();
    let (page, per_page) = paging(c.args, 100, 500);
    let (pages, total, per_page, slice) = page_of(&galleries, page, per_page);
    Ok(obj(json!({"galleries": {
        "user_id": user, "page": page, "pages": pages, "per_page": per_page,
        "total": total, "gallery": slice
    }})))
}

/// `flickr.galleries.getPhotos`: `gallery_id` in the long (`…-{id}`) or short form.
pub(super) fn get_photos(c: &mut Call<'_>) -> Answer {
    let id = c
        .args
        .get("gallery_id")
        .and_then(|g| g.rsplit('-').next())
        .and_then(|g| g.parse::<u64>().ok());
    // A deleted member's galleries are gone with them.
    let Some(gallery) = id
        .and_then(|id| c.state.galleries.get(&id))
        .filter(|g| c.state.users.contains_key(&g.owner))
        .cloned()
    else {
        return Err(c.fail(1));
    };
    let viewer = c.viewer();
    let visible: Vec<&Photo> = gallery
        .photos
        .iter()
        .filter_map(|p| c.state.photos.get(p))
        .filter(|p| c.state.can_see(viewer, p))
        .collect();
    Ok(photos_page(c, &visible, false))
}
