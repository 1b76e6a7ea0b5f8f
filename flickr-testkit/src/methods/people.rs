//! `flickr.people.getInfo` and `flickr.people.getPublicPhotos`, for any
//! member the fake holds (modelled once there are public members).

use serde_json::json;

use super::photo_json::photos_page;
use super::{content, obj, Answer, Call};
use crate::seed::mysql_datetime;
use crate::state::Photo;

/// `flickr.people.getInfo`: 1 "User not found", 5 "User deleted" for a
/// member deleted at run time.
pub(super) fn get_info(c: &mut Call<'_>) -> Answer {
    let id = c.args.get("user_id").unwrap_or_default();
    if c.state.deleted_users.contains_key(id) {
        return Err(c.fail(5));
    }
    let user = c.state.find_user(id).cloned().ok_or_else(|| c.fail(1))?;
    let theirs: Vec<&Photo> = c
        .state
        .photos
        .values()
        .filter(|p| p.owner == user.nsid && c.state.can_see(c.viewer(), p))
        .collect();
    let first_taken = theirs.iter().map(|p| p.date_taken.clone()).min();
    let first_upload = theirs.iter().map(|p| p.date_upload).min();
    let views: u64 = theirs.iter().map(|p| p.views).sum();
    let base = c.base;
    let alias = &user.path_alias;
    Ok(obj(json!({"person": {
        "id": user.nsid, "nsid": user.nsid, "ispro": i32::from(user.pro),
        "is_deleted": 0, "iconserver": "0", "iconfarm": 0, "path_alias": alias,
        "has_stats": 0,
        "username": content(user.username.clone()),
        "realname": content(user.realname.clone()),
        "location": content(""),
        "description": content(format!("The loopback member {}.", user.username)),
        "photosurl": content(format!("{base}photos/{alias}/")),
        "profileurl": content(format!("{base}people/{alias}/")),
        "mobileurl": content(format!("{base}photos/{alias}/")),
        "photos": {
            "firstdatetaken": content(first_taken.unwrap_or_default()),
            "firstdate": content(first_upload.map(|t| t.to_string()).unwrap_or_default()),
            "count": content(theirs.len().to_string()),
            "views": content(views.to_string()),
        },
    }})))
}

/// `flickr.people.getPublicPhotos`: newest upload first; `safe_search` 1
/// (safe) and 2 (moderate) leave out the photos above that level, none or 3
/// lists them all. 1 "User not found".
pub(super) fn get_public_photos(c: &mut Call<'_>) -> Answer {
    let id = c.args.get("user_id").unwrap_or_default();
    let nsid = c
        .state
        .find_user(id)
        .map(|u| u.nsid.clone())
        .ok_or_else(|| c.fail(1))?;
    let max_level = match c.args.get("safe_search") {
        Some("1") => 0,
        Some("2") => 1,
        _ => 2,
    };
    let mut hits: Vec<&Photo> = c
        .state
        .photos
        .values()
        .filter(|p| p.owner == nsid && p.is_public && p.more.safety_level <= max_level)
        .collect();
    hits.sort_by_key(|p| std::cmp::Reverse((p.date_upload, p.id)));
    Ok(photos_page(c, &hits, false))
}

/// `YYYY-MM-DD HH:MM:SS` of a Unix time (groups' `datecreate`).
pub(super) fn datetime(t: i64) -> String {
    mysql_datetime(t)
}
