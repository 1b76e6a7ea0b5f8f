//! What a photo is part of: `flickr.photos.getAllContexts` (its albums and
//! group pools) and `flickr.photos.people.getList` (the people tagged in it).

use serde_json::{json, Value};

use super::{obj, Answer, Call};

/// `flickr.photos.getAllContexts`: the whole envelope holds `set` and `pool`.
pub(super) fn get_all_contexts(c: &mut Call<'_>) -> Answer {
    let p = c.visible_photo("photo_id", 1)?.clone();
    let sets: Vec<Value> = c
        .state
        .photosets
        .values()
        .filter(|s| s.photos.contains(&p.id))
        .map(
            |s| json!({"id": s.id.to_string(), "title": s.title, "primary": s.primary.to_string()}),
        )
        .collect();
    let pools: Vec<Value> = p
        .more
        .pools
        .iter()
        .map(|(id, title)| {
            json!({"id": id, "title": title, "url": format!("/groups/{id}/pool/"), "members": 1, "pool_count": 1})
        })
        .collect();
    Ok(obj(json!({"set": sets, "pool": pools})))
}

/// `flickr.photos.people.getList`.
pub(super) fn get_people(c: &mut Call<'_>) -> Answer {
    let p = c.visible_photo("photo_id", 1)?.clone();
    let people: Vec<Value> = p
        .more
        .people
        .iter()
        .map(|nsid| {
            let u = c.state.users.get(nsid);
            json!({
                "nsid": nsid,
                "username": u.map(|u| u.username.clone()).unwrap_or_default(),
                "realname": u.map(|u| u.realname.clone()).unwrap_or_default(),
                "path_alias": u.map(|u| u.path_alias.clone()).unwrap_or_default(),
                "added_by": p.owner,
            })
        })
        .collect();
    Ok(obj(json!({"people": {
        "total": people.len(),
        "photo_width": p.original_size.0,
        "photo_height": p.original_size.1,
        "person": people,
    }})))
}
