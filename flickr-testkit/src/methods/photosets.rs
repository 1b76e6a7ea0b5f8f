//! `flickr.photosets.*`: getList, getPhotos, create, addPhoto, editMeta,
//! removePhoto, reorderPhotos, delete. Every change moves the album's
//! `date_update`, as on Flickr (a backup re-lists an album when it moves).

use serde_json::{json, Map, Value};

use super::paging::{page_of, paging};
use super::photo_json::{extras, photo_summary};
use super::{content, obj, Answer, ApiFail, Call};
use crate::state::{now_unix, Photo, Photoset, State};

fn photoset_summary(state: &State, s: &Photoset) -> Value {
    let primary = state.photos.get(&s.primary);
    let owner = state.users.get(&s.owner);
    json!({
        "id": s.id.to_string(),
        "owner": s.owner,
        "username": owner.map(|u| u.username.clone()).unwrap_or_default(),
        "primary": s.primary.to_string(),
        "secret": primary.map(|p| p.secret.clone()).unwrap_or_default(),
        "server": primary.map(|p| p.server.clone()).unwrap_or_default(),
        "farm": primary.map(|p| p.farm).unwrap_or(0),
        "count_views": "0",
        "count_comments": "0",
        "count_photos": s.photos.len(),
        "count_videos": 0,
        "title": content(s.title.clone()),
        "description": content(s.description.clone()),
        "can_comment": 1,
        "date_create": s.date_create.to_string(),
        "date_update": s.date_update.to_string(),
        "photos": s.photos.len(),
        "videos": 0,
        "visibility_can_see_set": 1,
        "needs_interstitial": 0,
    })
}

/// `flickr.photosets.getList`.
pub(super) fn get_list(c: &mut Call<'_>) -> Answer {
    let user = c.user_arg(1)?;
    let sets: Vec<Value> = c
        .state
        .photosets
        .values()
        .filter(|s| s.owner == user)
        .map(|s| photoset_summary(c.state, s))
        .collect();
    let (page, per_page) = paging(c.args, 500, 500);
    let (pages, total, per_page, slice) = page_of(&sets, page, per_page);
    Ok(obj(json!({"photosets": {
        "page": page, "pages": pages, "perpage": per_page, "total": total,
        "cancreate": 1, "photoset": slice
    }})))
}

fn photoset_arg(c: &Call<'_>, code: u32) -> Result<u64, ApiFail> {
    c.args
        .get("photoset_id")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|id| c.state.photosets.contains_key(id))
        .ok_or_else(|| c.fail(code))
}

/// `flickr.photosets.getPhotos`.
pub(super) fn get_photos(c: &mut Call<'_>) -> Answer {
    let id = photoset_arg(c, 1)?;
    let set = c.state.photosets[&id].clone();
    // A deleted member's albums are gone with them.
    if !c.state.users.contains_key(&set.owner) {
        return Err(c.fail(1));
    }
    if let Some(u) = c.args.get("user_id") {
        if c.state.find_user(u).map(|x| x.nsid.as_str()) != Some(set.owner.as_str()) {
            return Err(c.fail(1));
        }
    }
    let viewer = c.viewer();
    let visible: Vec<&Photo> = set
        .photos
        .iter()
        .filter_map(|p| c.state.photos.get(p))
        .filter(|p| c.state.can_see(viewer, p))
        .collect();
    let (page, per_page) = paging(c.args, 500, 500);
    let ex = extras(c.args, "extras");
    let (pages, total, per_page, slice) = page_of(&visible, page, per_page);
    let photos: Vec<Value> = slice
        .iter()
        .map(|p| {
            let mut m = photo_summary(c.state, c.base, p, &ex);
            m.remove("owner");
            m.insert(
                "isprimary".into(),
                json!(if p.id == set.primary { "1" } else { "0" }),
            );
            Value::Object(m)
        })
        .collect();
    let ownername = c
        .state
        .users
        .get(&set.owner)
        .map(|u| u.username.clone())
        .unwrap_or_default();
    Ok(obj(json!({"photoset": {
        "id": set.id.to_string(), "primary": set.primary.to_string(), "owner": set.owner,
        "ownername": ownername, "photo": photos, "page": page, "per_page": per_page,
        "perpage": per_page, "pages": pages, "title": set.title, "total": total
    }})))
}

/// `flickr.photosets.create`.
pub(super) fn create(c: &mut Call<'_>) -> Answer {
    let title = c
        .args
        .get("title")
        .map(str::to_owned)
        .ok_or_else(|| c.fail(1))?;
    let primary = c.owned_photo_id("primary_photo_id", 2)?;
    let owner = c.viewer().unwrap_or_default().to_owned();
    let id = 72_157_720_000_000_000 + c.state.fresh_id();
    c.state.photosets.insert(
        id,
        Photoset {
            id,
            owner: owner.clone(),
            title,
            description: c.args.get("description").unwrap_or_default().to_owned(),
            primary,
            photos: vec![primary],
            date_create: now_unix(),
            date_update: now_unix(),
        },
    );
    let alias = c
        .state
        .users
        .get(&owner)
        .map(|u| u.path_alias.clone())
        .unwrap_or(owner);
    Ok(obj(json!({"photoset": {
        "id": id.to_string(), "url": format!("{}photos/{alias}/albums/{id}", c.base)
    }})))
}

/// `flickr.photosets.addPhoto`.
pub(super) fn add_photo(c: &mut Call<'_>) -> Answer {
    let set = photoset_arg(c, 1)?;
    let viewer = c.viewer().unwrap_or_default().to_owned();
    if c.state.photosets[&set].owner != viewer {
        return Err(c.fail(1));
    }
    let photo = c.owned_photo_id("photo_id", 2)?;
    let fail = c.fail(3);
    let Some(s) = c.state.photosets.get_mut(&set) else {
        return Err(c.fail(1));
    };
    if s.photos.contains(&photo) {
        return Err(fail);
    }
    s.photos.push(photo);
    touch(s);
    Ok(Map::new())
}

/// Moves an album's `date_update` forward (at least one second: two
/// changes within a second still read as a change).
fn touch(s: &mut Photoset) {
    s.date_update = now_unix().max(s.date_update + 1);
}

/// The viewer's own album named by `photoset_id`, for a change.
fn own_photoset(c: &Call<'_>) -> Result<u64, ApiFail> {
    let set = photoset_arg(c, 1)?;
    if Some(c.state.photosets[&set].owner.as_str()) != c.viewer() {
        return Err(c.fail(1));
    }
    Ok(set)
}

/// `flickr.photosets.editMeta`.
pub(super) fn edit_meta(c: &mut Call<'_>) -> Answer {
    let set = own_photoset(c)?;
    let title = c
        .args
        .get("title")
        .map(str::to_owned)
        .ok_or_else(|| c.fail(2))?;
    let description = c.args.get("description").map(str::to_owned);
    if let Some(s) = c.state.photosets.get_mut(&set) {
        s.title = title;
        if let Some(d) = description {
            s.description = d;
        }
        touch(s);
    }
    Ok(Map::new())
}

/// `flickr.photosets.removePhoto` (the primary moves to the next photo;
/// the last photo cannot leave).
pub(super) fn remove_photo(c: &mut Call<'_>) -> Answer {
    let set = own_photoset(c)?;
    let photo = c.owned_photo_id("photo_id", 2)?;
    let not_in = c.fail(3);
    let Some(s) = c.state.photosets.get_mut(&set) else {
        return Err(not_in);
    };
    if !s.photos.contains(&photo) || s.photos.len() == 1 {
        return Err(not_in);
    }
    s.photos.retain(|p| *p != photo);
    if s.primary == photo {
        s.primary = s.photos[0];
    }
    touch(s);
    Ok(Map::new())
}

/// `flickr.photosets.reorderPhotos`: the photos named come first, in the
/// order given; the others follow in their order.
pub(super) fn reorder_photos(c: &mut Call<'_>) -> Answer {
    let set = own_photoset(c)?;
    let order: Vec<u64> = c
        .args
        .get("photo_ids")
        .unwrap_or_default()
        .split(',')
        .filter_map(|x| x.trim().parse().ok())
        .collect();
    let bad = c.fail(2);
    let Some(s) = c.state.photosets.get_mut(&set) else {
        return Err(bad);
    };
    if order.iter().any(|p| !s.photos.contains(p)) {
        return Err(bad);
    }
    let rest: Vec<u64> = s
        .photos
        .iter()
        .copied()
        .filter(|p| !order.contains(p))
        .collect();
    s.photos = order.into_iter().chain(rest).collect();
    touch(s);
    Ok(Map::new())
}

/// `flickr.photosets.delete` (the album only; its photos stay; the
/// collections drop it).
pub(super) fn delete(c: &mut Call<'_>) -> Answer {
    let set = own_photoset(c)?;
    c.state.photosets.remove(&set);
    fn drop_set(cols: &mut [crate::state::Collection], set: u64) {
        for col in cols {
            col.sets.retain(|s| *s != set);
            drop_set(&mut col.children, set);
        }
    }
    drop_set(&mut c.state.collections, set);
    Ok(Map::new())
}
