//! The methods the in-memory Flickr carries out for real: test.login,
//! test.echo, photos.search/getInfo/getSizes/addTags/setMeta/delete,
//! photosets.getList/getPhotos/create/addPhoto, favorites.add/remove/getList,
//! photos.comments.addComment/getList, stats.getPhotostreamReferrers,
//! photos.upload.checkTickets and auth.oauth.checkToken.
//!
//! Each answer is built in Flickr's JSON shape (the XML form is derived from
//! it). Refusals use the method's documented error codes.

use std::collections::BTreeSet;
use std::time::Instant;

use flickr_core::registry::MethodInfo;
use serde_json::{json, Map, Value};

use crate::auth::Caller;
use crate::seed::{mysql_datetime, parse_date};
use crate::state::{clean_tag, now_unix, Comment, Photo, Photoset, State, Token};

/// The checked arguments of one call (valid values only).
#[derive(Debug, Clone, Default)]
pub struct Args {
    /// Name/value pairs in the order received.
    pub pairs: Vec<(String, String)>,
}

impl Args {
    /// The value of `name`, if given and not empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }

    fn int(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(|v| v.trim().parse().ok())
    }

    fn date(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(parse_date)
    }
}

/// A refusal with a Flickr code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiFail {
    /// Error code.
    pub code: u32,
    /// Message.
    pub message: String,
}

/// One call being carried out.
pub struct Call<'a> {
    /// The in-memory Flickr.
    pub state: &'a mut State,
    /// The method.
    pub method: &'static MethodInfo,
    /// Who calls.
    pub caller: &'a Caller,
    /// Its arguments.
    pub args: &'a Args,
    /// The server's base URL (`http://127.0.0.1:PORT/`).
    pub base: &'a str,
}

type Answer = Result<Map<String, Value>, ApiFail>;

impl Call<'_> {
    /// The method's documented error `code`.
    fn fail(&self, code: u32) -> ApiFail {
        ApiFail {
            code,
            message: self
                .method
                .error(code)
                .map(|e| e.message.to_owned())
                .unwrap_or_else(|| format!("Error {code}")),
        }
    }

    fn viewer(&self) -> Option<&str> {
        self.caller.user()
    }

    /// A photo the caller can see, or the method's code `code`.
    fn visible_photo(&self, arg: &str, code: u32) -> Result<&Photo, ApiFail> {
        let id = self
            .args
            .get(arg)
            .and_then(|v| v.trim().parse::<u64>().ok());
        match id.and_then(|id| self.state.photos.get(&id)) {
            Some(p) if self.state.can_see(self.viewer(), p) => Ok(p),
            _ => Err(self.fail(code)),
        }
    }

    /// A photo the caller owns, or the method's code `code`.
    fn owned_photo_id(&self, arg: &str, code: u32) -> Result<u64, ApiFail> {
        let p = self.visible_photo(arg, code)?;
        if Some(p.owner.as_str()) == self.viewer() {
            Ok(p.id)
        } else {
            Err(self.fail(code))
        }
    }

    /// The user named by `user_id` (`me` is the caller), or the caller.
    fn user_arg(&self, code: u32) -> Result<String, ApiFail> {
        match self.args.get("user_id") {
            Some("me") | None => self
                .viewer()
                .map(str::to_owned)
                .ok_or_else(|| self.fail(code)),
            Some(id) => self
                .state
                .find_user(id)
                .map(|u| u.nsid.clone())
                .ok_or_else(|| self.fail(code)),
        }
    }
}

/// Carries out `call.method` if the in-memory Flickr models it; `None` otherwise.
pub fn call(call: &mut Call<'_>) -> Option<Answer> {
    Some(match call.method.name {
        "flickr.test.login" => test_login(call),
        "flickr.test.echo" => test_echo(call),
        "flickr.auth.oauth.checkToken" => check_token(call),
        "flickr.photos.search" => search(call),
        "flickr.photos.getInfo" => get_info(call),
        "flickr.photos.getSizes" => get_sizes(call),
        "flickr.photos.addTags" => add_tags(call),
        "flickr.photos.setMeta" => set_meta(call),
        "flickr.photos.delete" => delete(call),
        "flickr.photosets.getList" => photosets_get_list(call),
        "flickr.photosets.getPhotos" => photosets_get_photos(call),
        "flickr.photosets.create" => photosets_create(call),
        "flickr.photosets.addPhoto" => photosets_add_photo(call),
        "flickr.favorites.add" => favorites_add(call),
        "flickr.favorites.remove" => favorites_remove(call),
        "flickr.favorites.getList" => favorites_get_list(call),
        "flickr.photos.comments.addComment" => add_comment(call),
        "flickr.photos.comments.getList" => comments_get_list(call),
        "flickr.stats.getPhotostreamReferrers" => referrers(call),
        "flickr.photos.upload.checkTickets" => check_tickets(call),
        _ => return None,
    })
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn content(s: impl Into<String>) -> Value {
    json!({ "_content": s.into() })
}

fn test_login(c: &mut Call<'_>) -> Answer {
    let nsid = c.viewer().unwrap_or_default().to_owned();
    let user = c.state.users.get(&nsid).cloned();
    let (username, alias) = user.map(|u| (u.username, u.path_alias)).unwrap_or_default();
    Ok(obj(json!({
        "user": {"id": nsid, "username": content(username), "path_alias": alias}
    })))
}

fn test_echo(c: &mut Call<'_>) -> Answer {
    Ok(c.args
        .pairs
        .iter()
        .filter(|(k, _)| !k.starts_with("oauth_") && k != "stat")
        .map(|(k, v)| (k.clone(), content(v.clone())))
        .collect())
}

fn check_token(c: &mut Call<'_>) -> Answer {
    let token = c.args.get("oauth_token").unwrap_or_default();
    match c.state.tokens.get(token) {
        Some(Token::Access { user, perms, .. }) => {
            let u = c
                .state
                .users
                .get(user)
                .cloned()
                .unwrap_or_else(|| crate::state::User {
                    nsid: user.clone(),
                    username: String::new(),
                    realname: String::new(),
                    path_alias: String::new(),
                });
            Ok(obj(json!({"oauth": {
                "token": content(token),
                "perms": content(perms.as_str()),
                "user": {"nsid": u.nsid, "username": u.username, "fullname": u.realname}
            }})))
        }
        _ => Err(ApiFail {
            code: 98,
            message: "Invalid token".to_owned(),
        }),
    }
}

/// Sizes Flickr offers: (label, URL suffix, longest edge; 0 = original, square when `sq`).
const SIZES: &[(&str, &str, u32, bool)] = &[
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

fn size_of(p: &Photo, edge: u32, square: bool) -> (u32, u32) {
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

fn image_url(base: &str, p: &Photo, suffix: &str) -> String {
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

fn page_url(base: &str, state: &State, p: &Photo) -> String {
    let alias = state
        .users
        .get(&p.owner)
        .map(|u| u.path_alias.clone())
        .unwrap_or_else(|| p.owner.clone());
    format!("{base}photos/{alias}/{}/", p.id)
}

/// A photo in list form (search, sets, favorites) with the requested extras.
fn photo_summary(
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

fn extras(args: &Args, name: &str) -> BTreeSet<String> {
    args.get(name)
        .map(|e| {
            e.split(',')
                .map(|x| x.trim().to_lowercase())
                .filter(|x| !x.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// `(page, per_page)` from the arguments, clamped like Flickr.
fn paging(args: &Args, default_per_page: i64, max: i64) -> (i64, i64) {
    let per_page = args
        .int("per_page")
        .unwrap_or(default_per_page)
        .clamp(1, max);
    let page = args.int("page").unwrap_or(1).max(1);
    (page, per_page)
}

/// Flickr's cap on the results of one search: it reports the full `total`
/// and `pages`, but a page that would reach past the first 4,000 results
/// answers the last page that fits within them again.
pub const SEARCH_RESULT_CAP: i64 = 4_000;

/// The page `photos.search` really answers when asked for `page`.
fn capped_page(page: i64, per_page: i64) -> i64 {
    let last_within_cap = (SEARCH_RESULT_CAP / per_page).max(1);
    page.min(last_within_cap)
}

/// Slices one page out of `items`; returns (page, pages, per_page, total, items).
fn page_of<T: Clone>(items: &[T], page: i64, per_page: i64) -> (i64, i64, i64, Vec<T>) {
    let total = items.len() as i64;
    let pages = (total + per_page - 1) / per_page;
    let start = ((page - 1) * per_page).min(total) as usize;
    let end = (start + per_page as usize).min(items.len());
    (pages, total, per_page, items[start..end].to_vec())
}

/// Splits Flickr's tag syntax: space-separated, "double quoted" phrases are one tag.
pub fn parse_tag_list(s: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for ch in s.chars() {
        match ch {
            '"' => {
                if quoted && !cur.trim().is_empty() {
                    tags.push(cur.trim().to_owned());
                    cur.clear();
                }
                quoted = !quoted;
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    tags.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        tags.push(cur.trim().to_owned());
    }
    tags
}

fn search(c: &mut Call<'_>) -> Answer {
    let a = c.args;
    let filters = [
        "user_id",
        "tags",
        "text",
        "min_upload_date",
        "max_upload_date",
        "min_taken_date",
        "max_taken_date",
        "license",
        "bbox",
        "has_geo",
        "media",
        "machine_tags",
        "group_id",
        "place_id",
        "woe_id",
        "lat",
        "is_commons",
        "in_gallery",
        "privacy_filter",
    ];
    if !filters.iter().any(|f| a.get(f).is_some()) {
        return Err(ApiFail {
            code: 3,
            message: "Parameterless searches have been disabled. Please use flickr.photos.getRecent instead.".to_owned(),
        });
    }
    let user = match a.get("user_id") {
        Some(_) => Some(c.user_arg(2)?),
        None => None,
    };
    let tags: Vec<String> = a
        .get("tags")
        .map(|t| {
            t.split(',')
                .map(clean_tag)
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let all_tags = a.get("tag_mode") == Some("all");
    let text = a.get("text").map(str::to_lowercase);
    let text_tag = text.as_deref().map(clean_tag);
    let (min_up, max_up) = (a.date("min_upload_date"), a.date("max_upload_date"));
    let (min_taken, max_taken) = (a.date("min_taken_date"), a.date("max_taken_date"));
    let licenses: Option<Vec<i64>> = a
        .get("license")
        .map(|l| l.split(',').filter_map(|x| x.trim().parse().ok()).collect());
    let bbox: Option<Vec<f64>> = a
        .get("bbox")
        .map(|b| b.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .filter(|v: &Vec<f64>| v.len() == 4);
    let has_geo = a.get("has_geo").map(|v| v == "1");
    let public_only = a.get("privacy_filter") == Some("1");
    let viewer = c.viewer();
    let mut hits: Vec<&Photo> = c
        .state
        .photos
        .values()
        .filter(|p| c.state.can_see(viewer, p))
        .filter(|p| user.as_deref().is_none_or(|u| p.owner == u))
        .filter(|p| !public_only || p.is_public)
        .filter(|p| {
            if tags.is_empty() {
                return true;
            }
            let have = p.clean_tags();
            if all_tags {
                tags.iter().all(|t| have.contains(t))
            } else {
                tags.iter().any(|t| have.contains(t))
            }
        })
        .filter(|p| match (&text, &text_tag) {
            (Some(t), Some(tt)) => {
                p.title.to_lowercase().contains(t.as_str())
                    || p.description.to_lowercase().contains(t.as_str())
                    || p.clean_tags().iter().any(|x| x == tt)
            }
            _ => true,
        })
        .filter(|p| min_up.is_none_or(|d| p.date_upload >= d))
        .filter(|p| max_up.is_none_or(|d| p.date_upload <= d))
        .filter(|p| {
            let taken = parse_date(&p.date_taken).unwrap_or(0);
            min_taken.is_none_or(|d| taken >= d) && max_taken.is_none_or(|d| taken <= d)
        })
        .filter(|p| licenses.as_ref().is_none_or(|l| l.contains(&p.license)))
        .filter(|p| has_geo.is_none_or(|g| p.geo.is_some() == g))
        .filter(|p| match (&bbox, p.geo) {
            (None, _) => true,
            (Some(b), Some((lat, lon, _))) => {
                lon >= b[0] && lat >= b[1] && lon <= b[2] && lat <= b[3]
            }
            (Some(_), None) => false,
        })
        .filter(|p| match a.get("media") {
            Some("photos") => p.media == "photo",
            Some("videos") => p.media == "video",
            _ => true,
        })
        .collect();
    let key = |p: &Photo| -> (i64, u64) {
        match a.get("sort").unwrap_or("date-posted-desc") {
            "date-taken-asc" | "date-taken-desc" => (parse_date(&p.date_taken).unwrap_or(0), p.id),
            "interestingness-desc" | "interestingness-asc" => (p.views as i64, p.id),
            _ => (p.date_upload, p.id),
        }
    };
    hits.sort_by_key(|p| key(p));
    if !a
        .get("sort")
        .unwrap_or("date-posted-desc")
        .ends_with("-asc")
    {
        hits.reverse();
    }
    let (page, per_page) = paging(a, 100, 500);
    let ex = extras(a, "extras");
    let (pages, total, per_page, slice) = page_of(&hits, capped_page(page, per_page), per_page);
    let photos: Vec<Value> = slice
        .iter()
        .map(|p| Value::Object(photo_summary(c.state, c.base, p, &ex)))
        .collect();
    Ok(obj(json!({"photos": {
        "page": page, "pages": pages, "perpage": per_page, "total": total, "photo": photos
    }})))
}

fn get_info(c: &mut Call<'_>) -> Answer {
    let p = c.visible_photo("photo_id", 1)?.clone();
    let owner = c.state.users.get(&p.owner).cloned();
    let is_owner = c.viewer() == Some(p.owner.as_str());
    let faved = c
        .viewer()
        .is_some_and(|v| c.state.favorites.contains_key(&(v.to_owned(), p.id)));
    let comments = c
        .state
        .comments
        .iter()
        .filter(|x| x.photo_id == p.id)
        .count();
    let tags: Vec<Value> = p
        .tags
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            json!({
                "id": format!("{}-{}-{i}", p.owner, p.id),
                "author": p.owner,
                "authorname": owner.as_ref().map(|u| u.username.clone()).unwrap_or_default(),
                "raw": raw,
                "_content": clean_tag(raw),
                "machine_tag": 0,
            })
        })
        .collect();
    let mut photo = obj(json!({
        "id": p.id.to_string(),
        "secret": p.secret,
        "server": p.server,
        "farm": p.farm,
        "dateuploaded": p.date_upload.to_string(),
        "isfavorite": i32::from(faved),
        "license": p.license.to_string(),
        "safety_level": "0",
        "rotation": 0,
        "originalsecret": p.original_secret,
        "originalformat": p.original_format,
        "owner": {
            "nsid": p.owner,
            "username": owner.as_ref().map(|u| u.username.clone()).unwrap_or_default(),
            "realname": owner.as_ref().map(|u| u.realname.clone()).unwrap_or_default(),
            "location": "",
            "iconserver": "0",
            "iconfarm": 0,
            "path_alias": owner.as_ref().map(|u| u.path_alias.clone()).unwrap_or_default(),
        },
        "title": content(p.title.clone()),
        "description": content(p.description.clone()),
        "visibility": {"ispublic": i32::from(p.is_public), "isfriend": i32::from(p.is_friend), "isfamily": i32::from(p.is_family)},
        "dates": {
            "posted": p.date_upload.to_string(),
            "taken": p.date_taken,
            "takengranularity": 0,
            "takenunknown": "0",
            "lastupdate": p.last_update.to_string(),
        },
        "views": p.views.to_string(),
        "editability": {"cancomment": 1, "canaddmeta": i32::from(is_owner)},
        "publiceditability": {"cancomment": 1, "canaddmeta": 0},
        "usage": {"candownload": 1, "canblog": 0, "canprint": 0, "canshare": 1},
        "comments": content(comments.to_string()),
        "notes": {"note": []},
        "people": {"haspeople": 0},
        "tags": {"tag": tags},
        "urls": {"url": [{"type": "photopage", "_content": page_url(c.base, c.state, &p)}]},
        "media": p.media,
    }));
    if let Some((lat, lon, acc)) = p.geo {
        photo.insert(
            "location".into(),
            json!({"latitude": lat, "longitude": lon, "accuracy": acc, "context": 0}),
        );
    }
    Ok(obj(json!({ "photo": photo })))
}

fn get_sizes(c: &mut Call<'_>) -> Answer {
    let p = c.visible_photo("photo_id", 1)?.clone();
    let sizes: Vec<Value> = SIZES
        .iter()
        .map(|(label, suffix, edge, sq)| {
            let (w, h) = size_of(&p, *edge, *sq);
            json!({
                "label": label,
                "width": w,
                "height": h,
                "source": image_url(c.base, &p, suffix),
                "url": format!("{}sizes/{suffix}/", page_url(c.base, c.state, &p)),
                "media": p.media,
            })
        })
        .collect();
    Ok(obj(
        json!({"sizes": {"canblog": 0, "canprint": 0, "candownload": 1, "size": sizes}}),
    ))
}

/// Most tags a photo may carry.
const MAX_TAGS: usize = 75;

fn add_tags(c: &mut Call<'_>) -> Answer {
    let id = c.owned_photo_id("photo_id", 1)?;
    let new = parse_tag_list(c.args.get("tags").unwrap_or_default());
    let fail = c.fail(2);
    let Some(p) = c.state.photos.get_mut(&id) else {
        return Err(c.fail(1));
    };
    let mut added = Vec::new();
    for tag in new {
        let clean = clean_tag(&tag);
        if clean.is_empty() || p.clean_tags().contains(&clean) {
            continue;
        }
        if p.tags.len() >= MAX_TAGS {
            return Err(fail);
        }
        let n = p.tags.len();
        added.push(json!({
            "id": format!("{}-{}-{n}", p.owner, p.id),
            "full_tag_id": format!("{}-{}-{n}", p.owner, p.id),
            "author": p.owner,
            "raw": tag,
            "machine_tag": 0,
            "_content": clean,
        }));
        p.tags.push(tag);
    }
    p.last_update = now_unix();
    Ok(obj(json!({"tags": {"tag": added}})))
}

fn set_meta(c: &mut Call<'_>) -> Answer {
    let id = c.owned_photo_id("photo_id", 1)?;
    let title = c
        .args
        .pairs
        .iter()
        .find(|(k, _)| k == "title")
        .map(|(_, v)| v.clone());
    let description = c
        .args
        .pairs
        .iter()
        .find(|(k, _)| k == "description")
        .map(|(_, v)| v.clone());
    if title.is_none() && description.is_none() {
        return Err(c.fail(2));
    }
    if let Some(p) = c.state.photos.get_mut(&id) {
        if let Some(t) = title {
            p.title = t;
        }
        if let Some(d) = description {
            p.description = d;
        }
        p.last_update = now_unix();
    }
    Ok(Map::new())
}

fn delete(c: &mut Call<'_>) -> Answer {
    let id = c.owned_photo_id("photo_id", 1)?;
    c.state.photos.remove(&id);
    c.state.favorites.retain(|(_, p), _| *p != id);
    c.state.comments.retain(|x| x.photo_id != id);
    for set in c.state.photosets.values_mut() {
        set.photos.retain(|p| *p != id);
        if set.primary == id {
            set.primary = set.photos.first().copied().unwrap_or(0);
        }
    }
    c.state.photosets.retain(|_, s| !s.photos.is_empty());
    Ok(Map::new())
}

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
        "date_update": s.date_create.to_string(),
        "photos": s.photos.len(),
        "videos": 0,
        "visibility_can_see_set": 1,
        "needs_interstitial": 0,
    })
}

fn photosets_get_list(c: &mut Call<'_>) -> Answer {
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

fn photosets_get_photos(c: &mut Call<'_>) -> Answer {
    let id = photoset_arg(c, 1)?;
    let set = c.state.photosets[&id].clone();
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

fn photosets_create(c: &mut Call<'_>) -> Answer {
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

fn photosets_add_photo(c: &mut Call<'_>) -> Answer {
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
    Ok(Map::new())
}

fn favorites_add(c: &mut Call<'_>) -> Answer {
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

fn favorites_remove(c: &mut Call<'_>) -> Answer {
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

fn favorites_get_list(c: &mut Call<'_>) -> Answer {
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

fn comment_json(state: &State, base: &str, x: &Comment) -> Value {
    let author = state.users.get(&x.author);
    let photo = state.photos.get(&x.photo_id);
    let permalink = photo
        .map(|p| format!("{}#comment{}", page_url(base, state, p), x.id))
        .unwrap_or_default();
    json!({
        "id": x.id,
        "author": x.author,
        "author_is_deleted": 0,
        "authorname": author.map(|u| u.username.clone()).unwrap_or_default(),
        "realname": author.map(|u| u.realname.clone()).unwrap_or_default(),
        "path_alias": author.map(|u| u.path_alias.clone()).unwrap_or_default(),
        "iconserver": "0",
        "iconfarm": 0,
        "datecreate": x.date_create.to_string(),
        "permalink": permalink,
        "_content": x.text,
    })
}

fn add_comment(c: &mut Call<'_>) -> Answer {
    let id = c.visible_photo("photo_id", 1)?.id;
    let text = c
        .args
        .get("comment_text")
        .map(str::to_owned)
        .ok_or_else(|| c.fail(8))?;
    let n = c.state.fresh_id();
    let comment = Comment {
        id: format!("{}-{id}-{n}", crate::seed::FIRST_PHOTO_ID / 1000),
        photo_id: id,
        author: c.viewer().unwrap_or_default().to_owned(),
        date_create: now_unix(),
        text,
    };
    let answer = comment_json(c.state, c.base, &comment);
    c.state.comments.push(comment);
    Ok(obj(json!({ "comment": answer })))
}

fn comments_get_list(c: &mut Call<'_>) -> Answer {
    let id = c.visible_photo("photo_id", 1)?.id;
    let (min, max) = (
        c.args.date("min_comment_date"),
        c.args.date("max_comment_date"),
    );
    let comments: Vec<Value> = c
        .state
        .comments
        .iter()
        .filter(|x| x.photo_id == id)
        .filter(|x| {
            min.is_none_or(|m| x.date_create >= m) && max.is_none_or(|m| x.date_create <= m)
        })
        .map(|x| comment_json(c.state, c.base, x))
        .collect();
    Ok(obj(
        json!({"comments": {"photo_id": id.to_string(), "comment": comments}}),
    ))
}

fn referrers(c: &mut Call<'_>) -> Answer {
    if c.viewer() != Some(c.state.default_user.as_str()) {
        return Err(c.fail(1));
    }
    let date = c
        .args
        .get("date")
        .and_then(parse_date)
        .ok_or_else(|| c.fail(3))?;
    if date > now_unix() {
        return Err(c.fail(2));
    }
    let domain = c.args.get("domain").unwrap_or_default().to_lowercase();
    let Some(rows) = c.state.referrers.get(&domain) else {
        return Err(c.fail(5));
    };
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut m = obj(json!({"url": r.url, "views": r.views.to_string()}));
            if let Some(t) = &r.searchterms {
                m.insert("searchterm".into(), json!(t));
            }
            Value::Object(m)
        })
        .collect();
    let (page, per_page) = paging(c.args, 25, 100);
    let (pages, total, per_page, slice) = page_of(&rows, page, per_page);
    Ok(obj(json!({"domain": {
        "page": page, "perpage": per_page, "pages": pages, "total": total.to_string(),
        "name": domain, "referrer": slice
    }})))
}

fn check_tickets(c: &mut Call<'_>) -> Answer {
    let now = Instant::now();
    let tickets: Vec<Value> = c
        .args
        .get("tickets")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| match c.state.tickets.get(t) {
            Some(ticket) if now >= ticket.ready_at => json!({
                "id": t, "complete": 1, "photoid": ticket.photo_id.to_string(),
                "imported": ticket.imported.to_string()
            }),
            Some(_) => json!({"id": t, "complete": 0}),
            None => json!({"id": t, "invalid": 1}),
        })
        .collect();
    Ok(obj(json!({"uploader": {"ticket": tickets}})))
}

/// `YYYY-MM-DD HH:MM:SS` of now (used by uploads for `date_taken`).
pub fn now_taken() -> String {
    mysql_datetime(now_unix())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_lists_keep_quoted_phrases() {
        assert_eq!(
            parse_tag_list("beach \"new york\"  cat"),
            vec!["beach", "new york", "cat"]
        );
        assert_eq!(clean_tag("New York!"), "newyork");
    }

    #[test]
    fn pages_slice_and_count() {
        let items: Vec<i32> = (0..10).collect();
        assert_eq!(page_of(&items, 2, 4), (3, 10, 4, vec![4, 5, 6, 7]));
        assert_eq!(page_of(&items, 9, 4).3, Vec::<i32>::new());
        assert_eq!(page_of::<i32>(&[], 1, 4).0, 0);
    }
}
