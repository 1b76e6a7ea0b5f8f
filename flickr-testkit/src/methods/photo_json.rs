//! A photo as Flickr lists it (search, albums, favorites): the summary with
//! the requested `extras`, and the sizes, image URLs and page URL it mentions.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use super::{content, obj, Args};
use crate::state::{Photo, State};

/// Sizes Flickr offers: (label, URL suffix, longest edge; 0 = original, square when `sq`).
pub(super) const SIZES: &[(&str, &str, u32, bool)] = &[
    ("Square", "sq", 75, true),
    ("Large Square", "q", 150, true),
    ("Thumbnail", "t", 100, false),
    ("Small", "s", 240, false),
    ("Small 320", "n", 320, false),
    ("Medium", "m", 500, false),
    ("Medium 640", "z", 640, false),
    ("Medium 800", "c", 800, false),
    ("Large", "l", 1024, false),
    ("Original", "o", 0, false),
];

pub(super) fn size_of(p: &Photo, edge: u32, square: bool) -> (u32, u32) {
    let (w, h) = p.original_size;
    if square {
        return (edge, edge);
    }
    if edge == 0 || edge >= w.max(h) {
        return (w, h);
    }
    if w >= h {
        (edge, (h as u64 * edge as u64 / w as u64) as u32)
    } else {
        ((w as u64 * edge as u64 / h as u64) as u32, edge)
    }
}

pub(super) fn image_url(base: &str, p: &Photo, suffix: &str) -> String {
    if suffix == "o" {
        format!(
            "{base}static/{}/{}_{}_o.{}",
            p.server, p.id, p.original_secret, p.original_format
        )
    } else {
        format!(
            "{base}static/{}/{}_{}_{suffix}.jpg",
            p.server, p.id, p.secret
        )
    }
}

pub(super) fn page_url(base: &str, state: &State, p: &Photo) -> String {
    let alias = state
        .users
        .get(&p.owner)
        .map(|u| u.path_alias.clone())
        .unwrap_or_else(|| p.owner.clone());
    format!("{base}photos/{alias}/{}/", p.id)
}

/// A photo in list form (search, sets, favorites) with the requested extras.
pub(super) fn photo_summary(
    state: &State,
    base: &str,
    p: &Photo,
    extras: &BTreeSet<String>,
) -> Map<String, Value> {
    let mut m = obj(json!({
        "id": p.id.to_string(),
        "owner": p.owner,
        "secret": p.secret,
        "server": p.server,
        "farm": p.farm,
        "title": p.title,
        "ispublic": i32::from(p.is_public),
        "isfriend": i32::from(p.is_friend),
        "isfamily": i32::from(p.is_family),
    }));
    let owner = state.users.get(&p.owner);
    for extra in extras {
        match extra.as_str() {
            "description" => {
                m.insert("description".into(), content(p.description.clone()));
            }
            "license" => {
                m.insert("license".into(), json!(p.license.to_string()));
            }
            "date_upload" => {
                m.insert("dateupload".into(), json!(p.date_upload.to_string()));
            }
            "date_taken" => {
                m.insert("datetaken".into(), json!(p.date_taken));
                m.insert("datetakengranularity".into(), json!(0));
                m.insert("datetakenunknown".into(), json!("0"));
            }
            "owner_name" => {
                m.insert(
                    "ownername".into(),
                    json!(owner.map(|u| u.username.clone()).unwrap_or_default()),
                );
            }
            "icon_server" => {
                m.insert("iconserver".into(), json!("0"));
                m.insert("iconfarm".into(), json!(0));
            }
            "original_format" => {
                m.insert("originalsecret".into(), json!(p.original_secret));
                m.insert("originalformat".into(), json!(p.original_format));
            }
            "last_update" => {
                m.insert("lastupdate".into(), json!(p.last_update.to_string()));
            }
            "geo" => {
                let (lat, lon, acc) = p.geo.unwrap_or((0.0, 0.0, 0));
                m.insert("latitude".into(), json!(lat));
                m.insert("longitude".into(), json!(lon));
                m.insert("accuracy".into(), json!(acc));
                m.insert("context".into(), json!(0));
                if p.geo.is_some() {
                    m.insert("place_id".into(), json!("fake.place"));
                    m.insert("woeid".into(), json!("2459115"));
                }
            }
            "tags" => {
                m.insert("tags".into(), json!(p.clean_tags().join(" ")));
            }
            "machine_tags" => {
                m.insert("machine_tags".into(), json!(""));
            }
            "o_dims" => {
                m.insert("o_width".into(), json!(p.original_size.0));
                m.insert("o_height".into(), json!(p.original_size.1));
            }
            "views" => {
                m.insert("views".into(), json!(p.views.to_string()));
            }
            "media" => {
                m.insert("media".into(), json!(p.media));
                m.insert("media_status".into(), json!("ready"));
            }
            "path_alias" => {
                m.insert(
                    "pathalias".into(),
                    json!(owner.map(|u| u.path_alias.clone()).unwrap_or_default()),
                );
            }
            other => {
                let Some(suffix) = other.strip_prefix("url_") else {
                    continue;
                };
                let suffix = if suffix == "l" { "l" } else { suffix };
                if let Some((_, _, edge, sq)) = SIZES.iter().find(|(_, s, _, _)| *s == suffix) {
                    let (w, h) = size_of(p, *edge, *sq);
                    m.insert(format!("url_{suffix}"), json!(image_url(base, p, suffix)));
                    m.insert(format!("height_{suffix}"), json!(h));
                    m.insert(format!("width_{suffix}"), json!(w));
                }
            }
        }
    }
    m
}

pub(super) fn extras(args: &Args, name: &str) -> BTreeSet<String> {
    args.get(name)
        .map(|e| {
            e.split(',')
                .map(|x| x.trim().to_lowercase())
                .filter(|x| !x.is_empty())
                .collect()
        })
        .unwrap_or_default()
}
