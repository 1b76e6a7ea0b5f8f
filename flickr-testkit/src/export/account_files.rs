//! The account-wide files of the first metadata part: `albums.json`,
//! `account_profile.json`, `faves_part001.json`, `contacts_part001.json`,
//! `photos_comments_part001.json`, `galleries.json` and `groups.json`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::photo_metadata::{photo_page, photostream};
use super::ExportSpec;
use crate::seed::mysql_datetime;
use crate::state::State;

/// Every account-wide file for `nsid`, by member name, in writing order.
pub fn account_files(state: &State, nsid: &str, spec: &ExportSpec) -> Vec<(&'static str, Value)> {
    vec![
        ("account_profile.json", profile(state, nsid)),
        ("albums.json", albums(state, nsid, spec)),
        ("faves_part001.json", faves(state, nsid)),
        ("contacts_part001.json", contacts(state, nsid)),
        ("photos_comments_part001.json", comments_made(state, nsid)),
        ("galleries.json", galleries(state, nsid)),
        ("groups.json", groups(state, nsid)),
    ]
}

/// `{"albums": [...]}`: the member's photosets, photos in album order,
/// times as epoch strings. With `quirky_albums`, the first album lists a
/// photo `"0"` and a catch-all list titled `"not in an album 1"` (whose
/// cover ends in `/0`) holds the photos in no album.
fn albums(state: &State, nsid: &str, spec: &ExportSpec) -> Value {
    let stream = photostream(state, nsid);
    let mut albums: Vec<Value> = Vec::new();
    for (k, set) in state
        .photosets
        .values()
        .filter(|s| s.owner == nsid)
        .enumerate()
    {
        let mut photos: Vec<String> = set.photos.iter().map(u64::to_string).collect();
        if spec.quirky_albums && k == 0 {
            photos.insert(photos.len().min(1), "0".to_owned());
        }
        albums.push(json!({
            "photo_count": set.photos.len().to_string(),
            "id": set.id.to_string(),
            "url": format!("{stream}albums/{}", set.id),
            "title": set.title,
            "description": set.description,
            "view_count": "0",
            "created": set.date_create.to_string(),
            "last_updated": set.date_update.to_string(),
            "cover_photo": format!("{stream}{}", set.primary),
            "photos": photos,
        }));
    }
    if spec.quirky_albums {
        let in_albums: BTreeSet<u64> = state
            .photosets
            .values()
            .filter(|s| s.owner == nsid)
            .flat_map(|s| s.photos.iter().copied())
            .collect();
        let loose: Vec<String> = state
            .photos
            .values()
            .filter(|p| p.owner == nsid && !in_albums.contains(&p.id))
            .map(|p| p.id.to_string())
            .collect();
        albums.push(json!({
            "photo_count": loose.len().to_string(),
            "id": "72157000000000001",
            "url": format!("{stream}albums/72157000000000001"),
            "title": "not in an album 1",
            "description": "",
            "view_count": "0",
            "created": "0",
            "last_updated": "0",
            "cover_photo": format!("{stream}0"),
            "photos": loose,
        }));
    }
    json!({ "albums": albums })
}

fn profile(state: &State, nsid: &str) -> Value {
    let user = state.users.get(nsid);
    let alias = user.map_or(nsid, |u| u.path_alias.as_str());
    // Joined a month before the first upload.
    let first = state
        .photos
        .values()
        .filter(|p| p.owner == nsid)
        .map(|p| p.date_upload)
        .min()
        .unwrap_or(1_100_000_000);
    json!({
        "nsid": nsid,
        "path_alias": alias,
        "screen_name": user.map_or("", |u| u.username.as_str()),
        "real_name": user.map_or("", |u| u.realname.as_str()),
        "join_date": mysql_datetime(first - 30 * 86_400),
        "description": format!("The loopback Flickr's {alias}."),
        "website_url": "",
        "profile_url": format!("https://www.flickr.com/people/{alias}/"),
        "pro_user": if user.is_none_or(|u| u.pro) { "yes" } else { "no" },
        "social": {"twitter": "", "facebook": "", "instagram": "", "pintrest": "", "tumblr": ""},
    })
}

fn faves(state: &State, nsid: &str) -> Value {
    let faves: Vec<Value> = state
        .favorites
        .keys()
        .filter(|(u, _)| u == nsid)
        .filter_map(|(_, id)| state.photos.get(id))
        .map(|p| json!({"photo_id": p.id.to_string(), "photo_url": photo_page(state, p)}))
        .collect();
    json!({ "faves": faves })
}

/// Every other member, by name (the export gives no NSIDs).
fn contacts(state: &State, nsid: &str) -> Value {
    let contacts: BTreeMap<String, String> = state
        .users
        .values()
        .filter(|u| u.nsid != nsid)
        .map(|u| {
            let name = if u.realname.is_empty() {
                &u.username
            } else {
                &u.realname
            };
            (
                name.clone(),
                format!("https://www.flickr.com/people/{}/", u.path_alias),
            )
        })
        .collect();
    json!({ "contacts": contacts })
}

/// Comments the member made on other members' photos.
fn comments_made(state: &State, nsid: &str) -> Value {
    let comments: Vec<Value> = state
        .comments
        .iter()
        .filter(|c| c.author == nsid)
        .filter_map(|c| Some((c, state.photos.get(&c.photo_id)?)))
        .filter(|(_, p)| p.owner != nsid)
        .map(|(c, p)| {
            let page = photo_page(state, p);
            json!({
                "photo_id": p.id.to_string(),
                "photo_url": page,
                "comment": c.text,
                "created": mysql_datetime(c.date_create),
                "comment_url": format!("{page}#comment{}", c.id),
            })
        })
        .collect();
    json!({ "comments": comments })
}

fn galleries(state: &State, nsid: &str) -> Value {
    let stream = photostream(state, nsid);
    let galleries: Vec<Value> = state
        .galleries
        .values()
        .filter(|g| g.owner == nsid)
        .map(|g| {
            json!({
                "id": g.id.to_string(),
                "url": format!("{stream}galleries/{}/", g.id),
                "title": g.title,
                "description": g.description,
                "photo_count": g.photos.len().to_string(),
                "view_count": "0",
                "created": g.date_create.to_string(),
                "photos": g.photos.iter().map(u64::to_string).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "galleries": galleries })
}

/// The groups whose pools hold the member's photos.
fn groups(state: &State, nsid: &str) -> Value {
    let pools: BTreeMap<&str, &str> = state
        .photos
        .values()
        .filter(|p| p.owner == nsid)
        .flat_map(|p| p.more.pools.iter())
        .map(|(id, name)| (id.as_str(), name.as_str()))
        .collect();
    let groups: Vec<Value> = pools
        .into_iter()
        .map(|(id, name)| {
            json!({"id": id, "name": name, "url": format!("https://www.flickr.com/groups/{id}/"),
                   "user_role": "member"})
        })
        .collect();
    json!({ "groups": groups })
}
