//! `flickr.photos.*`: search, getInfo, getSizes, addTags, setMeta, delete,
//! and Flickr's tag-list syntax.

use serde_json::{json, Map, Value};

use super::photo_json::{listed_sizes, page_url, photos_page};
use super::{content, obj, Answer, ApiFail, Call};
use crate::seed::parse_date;
use crate::state::{clean_tag, now_unix, Photo};

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

/// `flickr.photos.search`.
pub(super) fn search(c: &mut Call<'_>) -> Answer {
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
    Ok(photos_page(c, &hits, true))
}

/// `flickr.photos.getInfo`.
pub(super) fn get_info(c: &mut Call<'_>) -> Answer {
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
                "machine_tag": i32::from(raw.contains(':') && raw.contains('=')),
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
        "safety_level": p.more.safety_level.to_string(),
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
            "takengranularity": p.more.date_taken_granularity,
            "takenunknown": if p.more.date_taken_unknown { "1" } else { "0" },
            "lastupdate": p.last_update.to_string(),
        },
        "views": p.views.to_string(),
        "editability": {"cancomment": 1, "canaddmeta": i32::from(is_owner)},
        "publiceditability": {"cancomment": 1, "canaddmeta": 0},
        "usage": {"candownload": i32::from(owner.as_ref().is_none_or(|u| u.can_download)), "canblog": 0, "canprint": 0, "canshare": 1},
        "comments": content(comments.to_string()),
        "notes": {"note": p.more.notes.iter().enumerate().map(|(k, text)| json!({
            "id": format!("{}{k}", p.id), "author": p.owner, "x": 10, "y": 10, "w": 50, "h": 50,
            "_content": text,
        })).collect::<Vec<_>>()},
        "people": {"haspeople": i32::from(!p.more.people.is_empty())},
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

/// `flickr.photos.getSizes`.
pub(super) fn get_sizes(c: &mut Call<'_>) -> Answer {
    let p = c.visible_photo("photo_id", 1)?.clone();
    let sizes: Vec<Value> = listed_sizes(c.base, c.state, &p)
        .into_iter()
        .map(|size| {
            json!({
                "label": size.label,
                "width": size.width,
                "height": size.height,
                "source": size.url,
                "url": format!("{}sizes/{}/", page_url(c.base, c.state, &p), size.suffix),
                "media": p.media,
            })
        })
        .collect();
    let can_download = i32::from(c.state.users.get(&p.owner).is_none_or(|u| u.can_download));
    Ok(obj(
        json!({"sizes": {"canblog": 0, "canprint": 0, "candownload": can_download, "size": sizes}}),
    ))
}

/// Most tags a photo may carry.
const MAX_TAGS: usize = 75;

/// `flickr.photos.addTags`.
pub(super) fn add_tags(c: &mut Call<'_>) -> Answer {
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

/// `flickr.photos.setMeta`.
pub(super) fn set_meta(c: &mut Call<'_>) -> Answer {
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

/// `flickr.photos.delete`.
pub(super) fn delete(c: &mut Call<'_>) -> Answer {
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
}
