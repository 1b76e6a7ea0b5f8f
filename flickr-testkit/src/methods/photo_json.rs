//! A photo as Flickr lists it (search, albums, favorites): the summary with
//! the requested `extras`, and the sizes, image URLs and page URL it mentions.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use super::paging::{capped_page, page_of, paging};
use super::{content, obj, Args, Call};
use crate::state::{Photo, State};

/// Sizes Flickr offers: (label, URL suffix, longest edge; 0 = original, square when `sq`).
pub(super) const SIZES: &[(&str, &str, u32, bool)] = &[
    ("Square", "sq", 75, true),
    ("Large Square", "q", 150, true),
    ("Thumbnail", "t", 100, false),
    ("Small", "s", 240, false),
    ("Small 320", "n", 320, false),
    ("Small 400", "w", 400, false),
    ("Medium", "m", 500, false),
    ("Medium 640", "z", 640, false),
    ("Medium 800", "c", 800, false),
    ("Large", "l", 1024, false),
    ("Large 1600", "h", 1600, false),
    ("Large 2048", "k", 2048, false),
    ("X-Large 3K", "3k", 3072, false),
    ("X-Large 4K", "4k", 4096, false),
    ("Original", "o", 0, false),
];

/// The longest edge Flickr serves of a free account's photos since
/// 2025-05-15 (and no original).
pub const FREE_ACCOUNT_MAX_EDGE: u32 = 1024;

/// One size Flickr lists for a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedSize {
    /// `getSizes` label.
    pub label: &'static str,
    /// The suffix of its `url_*` extra (`sq`, `q`, …, `o`).
    pub suffix: &'static str,
    /// Width and height.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// The static-host URL.
    pub url: String,
}

/// The sizes Flickr lists for `p`, smallest first: none larger than the
/// original (Flickr does not upscale), and for a free account's photos
/// nothing above 1024 px and no original.
pub fn listed_sizes(base: &str, state: &State, p: &Photo) -> Vec<ListedSize> {
    let pro = state.is_pro(&p.owner);
    let longest = p.original_size.0.max(p.original_size.1);
    SIZES
        .iter()
        .filter(|(_, _, edge, sq)| {
            let original = *edge == 0;
            let exists = *sq || original || *edge <= longest;
            let served = pro || (!original && *edge <= FREE_ACCOUNT_MAX_EDGE);
            exists && served
        })
        .map(|(label, suffix, edge, sq)| {
            let (width, height) = size_of(p, *edge, *sq);
            ListedSize {
                label,
                suffix,
                width,
                height,
                url: image_url(base, p, suffix),
            }
        })
        .collect()
}

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

/// The static-host URL of `p` in the size with URL suffix `suffix`. Sizes
/// above 1024 px have a secret of their own, as on Flickr.
pub fn image_url(base: &str, p: &Photo, suffix: &str) -> String {
    match suffix {
        "o" => format!(
            "{base}static/{}/{}_{}_o.{}",
            p.server, p.id, p.original_secret, p.original_format
        ),
        "h" | "k" | "3k" | "4k" | "f" | "5k" | "6k" => format!(
            "{base}static/{}/{}_{}_{suffix}.jpg",
            p.server,
            p.id,
            size_secret(p, suffix)
        ),
        _ => format!(
            "{base}static/{}/{}_{}_{suffix}.jpg",
            p.server, p.id, p.secret
        ),
    }
}

/// A large size's own secret: derived from the photo's secret, stable.
pub fn size_secret(p: &Photo, suffix: &str) -> String {
    // FNV-1a over secret and suffix: deterministic and different per size.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in p.secret.bytes().chain(suffix.bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:010x}", h & 0xff_ffff_ffff)
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
    let listed = if extras.iter().any(|e| e.starts_with("url_")) {
        listed_sizes(base, state, p)
    } else {
        Vec::new()
    };
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
                m.insert(
                    "datetakengranularity".into(),
                    json!(p.more.date_taken_granularity),
                );
                m.insert(
                    "datetakenunknown".into(),
                    json!(if p.more.date_taken_unknown { "1" } else { "0" }),
                );
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
                let machine: Vec<String> = p
                    .clean_tags()
                    .into_iter()
                    .filter(|t| t.contains(':') && t.contains('='))
                    .collect();
                m.insert("machine_tags".into(), json!(machine.join(" ")));
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
                if let Some(size) = listed.iter().find(|l| l.suffix == suffix) {
                    m.insert(format!("url_{suffix}"), json!(size.url));
                    m.insert(format!("height_{suffix}"), json!(size.height));
                    m.insert(format!("width_{suffix}"), json!(size.width));
                }
            }
        }
    }
    m
}

/// The `photos` page of `hits` that photo lists answer (search, galleries,
/// recently updated), each with the requested extras. With `search_cap`, a
/// page past the 4,000-result cap answers the last page within it again, as
/// `photos.search` does.
pub(super) fn photos_page(c: &Call<'_>, hits: &[&Photo], search_cap: bool) -> Map<String, Value> {
    let (page, per_page) = paging(c.args, 100, 500);
    let ex = extras(c.args, "extras");
    let sliced = if search_cap {
        capped_page(page, per_page)
    } else {
        page
    };
    let (pages, total, per_page, slice) = page_of(hits, sliced, per_page);
    let photos: Vec<Value> = slice
        .iter()
        .map(|p| Value::Object(photo_summary(c.state, c.base, p, &ex)))
        .collect();
    obj(json!({"photos": {
        "page": page, "pages": pages, "perpage": per_page, "total": total, "photo": photos
    }}))
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
