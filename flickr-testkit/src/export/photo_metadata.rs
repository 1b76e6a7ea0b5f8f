//! `photo_<id>.json`: one photo's metadata in the export's shapes, which
//! are not the API's: counts as strings, dates as `YYYY-MM-DD HH:MM:SS`,
//! geo in millionths of a degree as integer strings, the license by name,
//! friends-only and family-only merged into `"friend & family"`.

use serde_json::{json, Value};

use super::ExportSpec;
use crate::methods::image_url;
use crate::seed::mysql_datetime;
use crate::state::{Photo, State};

/// The date the export writes for an unknown date taken.
pub const UNKNOWN_DATE: &str = "0000-00-00 00:00:00";

/// `www.flickr.com/photos/<alias>/`: the member's photostream on the web.
pub fn photostream(state: &State, nsid: &str) -> String {
    let alias = state
        .users
        .get(nsid)
        .map_or(nsid, |u| u.path_alias.as_str());
    format!("https://www.flickr.com/photos/{alias}/")
}

/// The photo's page on the web.
pub fn photo_page(state: &State, p: &Photo) -> String {
    format!("{}{}/", photostream(state, &p.owner), p.id)
}

/// The metadata of `p` (`base`: the loopback's base URL, for `original`).
pub fn photo_metadata(state: &State, base: &str, p: &Photo, spec: &ExportSpec) -> Value {
    let page = photo_page(state, p);
    let faves = state.favorites.keys().filter(|(_, id)| *id == p.id).count();
    let comments: Vec<Value> = state
        .comments
        .iter()
        .filter(|c| c.photo_id == p.id)
        .map(|c| {
            json!({
                "id": c.id,
                "date": mysql_datetime(c.date_create),
                "user": c.author,
                "comment": c.text,
                "url": format!("{page}#comment{}", c.id),
            })
        })
        .collect();
    let date_taken = if spec.unknown_date.contains(&p.id) {
        UNKNOWN_DATE.to_owned()
    } else {
        p.date_taken.clone()
    };
    // A video's `original` is its poster frame, a JPEG.
    let original = if p.media == "video" {
        format!(
            "{base}static/{}/{}_{}_o.jpg",
            p.server, p.id, p.original_secret
        )
    } else {
        image_url(base, p, "o")
    };
    let geo = match (p.geo, spec.geo_as_object) {
        (None, _) => json!([]),
        (Some(g), false) => json!([geo(g)]),
        (Some(g), true) => geo(g),
    };
    let albums: Vec<Value> = if spec.photo_albums_filled {
        state
            .photosets
            .values()
            .filter(|s| s.owner == p.owner && s.photos.contains(&p.id))
            .map(|s| {
                json!({
                    "id": s.id.to_string(),
                    "title": s.title,
                    "url": format!("{}albums/{}", photostream(state, &s.owner), s.id),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let groups: Vec<Value> = p
        .more
        .pools
        .iter()
        .map(|(id, name)| json!({"id": id, "name": name, "url": format!("https://www.flickr.com/groups/{id}/")}))
        .collect();
    let tags: Vec<Value> = p
        .tags
        .iter()
        .map(|t| json!({"tag": t, "user": p.owner, "date_create": p.date_upload.to_string()}))
        .collect();
    let notes: Vec<Value> = p
        .more
        .notes
        .iter()
        .enumerate()
        .map(|(k, n)| {
            json!({"id": format!("{}{k}", p.id % 100_000), "x": "10", "y": "10", "w": "50",
                   "h": "50", "note": n, "author": p.owner})
        })
        .collect();
    json!({
        "id": p.id.to_string(),
        "name": p.title,
        "description": p.description,
        "count_views": p.views.to_string(),
        "count_faves": faves.to_string(),
        "count_comments": comments.len().to_string(),
        "date_taken": date_taken,
        "count_tags": p.tags.len().to_string(),
        "count_notes": notes.len().to_string(),
        "rotation": 0,
        "date_imported": mysql_datetime(p.date_upload),
        "photopage": page,
        "original": original,
        "license": license_name(p.license),
        "geo": geo,
        "groups": groups,
        "albums": albums,
        "tags": tags,
        "people": [],
        "notes": notes,
        "privacy": privacy(p),
        "comment_permissions": "any flickr member",
        "tagging_permissions": "people you follow",
        "safety": safety(p.more.safety_level),
        "comments": comments,
    })
}

/// One geo entry: degrees × 1,000,000 as integer strings.
fn geo((lat, lon, accuracy): (f64, f64, i64)) -> Value {
    let micro = |deg: f64| ((deg * 1_000_000.0).round() as i64).to_string();
    json!({"latitude": micro(lat), "longitude": micro(lon), "accuracy": accuracy.to_string()})
}

/// The license's name as Flickr lists it (flickr-sdk's table); an id it
/// does not know is written as the API's number.
pub fn license_name(id: i64) -> String {
    use flickr_sdk::types::License;
    serde_json::from_value::<flickr_sdk::Open<License>>(json!(id))
        .ok()
        .and_then(|l| l.known())
        .map_or_else(|| id.to_string(), |l| l.name().to_owned())
}

/// `public`, `private` or `friend & family` (friends-only and family-only
/// alike: the export does not tell them apart).
pub fn privacy(p: &Photo) -> &'static str {
    if p.is_public {
        "public"
    } else if p.is_friend || p.is_family {
        "friend & family"
    } else {
        "private"
    }
}

fn safety(level: i64) -> &'static str {
    match level {
        1 => "moderate",
        2 => "restricted",
        _ => "safe",
    }
}
