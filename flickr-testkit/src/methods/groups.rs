//! `flickr.groups.getInfo` and `flickr.groups.pools.getPhotos` for the
//! groups the fake holds (modelled once there are public members).

use serde_json::{json, Value};

use super::paging::{page_of, paging};
use super::people::datetime;
use super::photo_json::{extras, photo_summary};
use super::{content, obj, Answer, Call};
use crate::state::Group;

/// The group named by `group_id` (or `group_path_alias`), or code 1 "Group not found".
fn group_arg(c: &Call<'_>) -> Result<Group, super::ApiFail> {
    let by_id = c.args.get("group_id").and_then(|id| c.state.groups.get(id));
    let by_alias = || {
        let alias = c.args.get("group_path_alias")?;
        c.state.groups.values().find(|g| g.path_alias == alias)
    };
    by_id.or_else(by_alias).cloned().ok_or_else(|| c.fail(1))
}

/// `flickr.groups.getInfo`.
pub(super) fn get_info(c: &mut Call<'_>) -> Answer {
    let g = group_arg(c)?;
    let newest_added = g.pool.first().map_or(g.date_create, |(_, added)| *added);
    Ok(obj(json!({"group": {
        "id": g.id, "nsid": g.id, "path_alias": g.path_alias,
        "iconserver": "0", "iconfarm": 0, "lang": "",
        "ispoolmoderated": 0, "photo_limit_opt_out": 0, "eighteenplus": 0,
        "invitation_only": 0, "is_member": 0, "is_moderator": 0, "is_admin": 0,
        "is_founder": 0,
        "name": content(g.name.clone()),
        "description": content(g.description.clone()),
        "rules": content(""),
        "members": content(g.members.to_string()),
        "pool_count": content(g.pool.len().to_string()),
        "topic_count": content("0"),
        "privacy": content("3"),
        "roles": {"member": "Member", "moderator": "Moderator", "admin": "Admin"},
        "datecreate": content(datetime(g.date_create)),
        "dateactivity": content(newest_added.to_string()),
    }})))
}

/// `flickr.groups.pools.getPhotos`: newest addition first, each photo with
/// its `owner`, `ownername` and `dateadded`; `user_id` keeps one member's
/// (3 "Unknown user"); 1 "Group not found".
pub(super) fn get_photos(c: &mut Call<'_>) -> Answer {
    let g = group_arg(c)?;
    let only = match c.args.get("user_id") {
        Some(id) => Some(
            c.state
                .find_user(id)
                .map(|u| u.nsid.clone())
                .ok_or_else(|| c.fail(3))?,
        ),
        None => None,
    };
    let viewer = c.viewer();
    let listed: Vec<(&crate::state::Photo, i64)> = g
        .pool
        .iter()
        .filter_map(|(id, added)| Some((c.state.photos.get(id)?, *added)))
        .filter(|(p, _)| c.state.can_see(viewer, p))
        .filter(|(p, _)| only.as_deref().is_none_or(|u| p.owner == u))
        .collect();
    let (page, per_page) = paging(c.args, 100, 500);
    let ex = extras(c.args, "extras");
    let (pages, total, per_page, slice) = page_of(&listed, page, per_page);
    let photos: Vec<Value> = slice
        .iter()
        .map(|(p, added)| {
            let mut m = photo_summary(c.state, c.base, p, &ex);
            let owner = c.state.users.get(&p.owner);
            m.insert(
                "ownername".into(),
                json!(owner.map(|u| u.username.clone()).unwrap_or_default()),
            );
            m.insert("dateadded".into(), json!(added.to_string()));
            Value::Object(m)
        })
        .collect();
    Ok(obj(json!({"photos": {
        "page": page, "pages": pages, "perpage": per_page, "total": total, "photo": photos
    }})))
}
