//! The export's records in the API's types, so the state, the sidecars,
//! the XMP, the album folders and the viewer are written by the same code
//! whichever source a photo came from: a `photo_<id>.json` becomes the list
//! item a `flickr.photos.search` with every extra would have given (the
//! title as Flickr sends it, dates as Flickr's, the licence by its id, the geotag in
//! degrees, privacy as flags), its comments the API's comments, and an
//! album of `albums.json` the API's photoset.

use chrono::NaiveDateTime;
use flickr_sdk::types::{Comment, License, Photo, Photoset};
use serde_json::{json, Map, Value};

use super::names;
use super::records::{AlbumRecord, CommentRecord, PhotoRecord};
use crate::state::MediaKind;

/// MySQL's "no date".
const ZERO_DATE: &str = "0000-00-00 00:00:00";

/// `YYYY-MM-DD HH:MM:SS` read as UTC, in Unix seconds (the export's upload
/// and comment times are Flickr's server times).
pub(crate) fn unix_of(text: &str) -> Option<i64> {
    let t = text.trim();
    if let Ok(n) = t.parse::<i64>() {
        return Some(n);
    }
    NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|d| d.and_utc().timestamp())
}

/// The licence's id for the name the export gives it.
pub(crate) fn license_id(name: &str) -> Option<&'static str> {
    let name = name.trim();
    License::ALL
        .iter()
        .find(|l| l.name().eq_ignore_ascii_case(name))
        .map(|l| l.as_str())
}

/// Microdegrees as degrees.
fn degrees(micro: Option<&str>) -> Option<f64> {
    let v: f64 = micro?.trim().parse().ok()?;
    // Some tools already wrote degrees; a value within ±180 is one.
    Some(if v.abs() > 180.0 { v / 1_000_000.0 } else { v })
}

/// A tag as Flickr's `tags` extra writes it: lowercased, without spaces.
fn clean_tag(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a media file of the export says about its photo: its kind and format.
#[derive(Debug, Clone)]
pub(crate) struct MediaFacts {
    pub media: MediaKind,
    /// The file's extension (`jpg`, `mov`, …), when it has one.
    pub ext: Option<String>,
}

/// Whether a photo without a file is a video: its `original` (a poster)
/// says so when the video was never processed.
pub(crate) fn media_without_file(r: &PhotoRecord) -> MediaKind {
    match r.original.as_deref() {
        Some(u) if u.ends_with("video_encoding.jpg") => MediaKind::Video,
        _ => MediaKind::Photo,
    }
}

/// The list item the API would give for record `r` of `owner`'s account.
pub(crate) fn list_item(
    r: &PhotoRecord,
    owner: &str,
    facts: &MediaFacts,
) -> serde_json::Result<Photo> {
    let mut m = Map::new();
    let mut put = |k: &str, v: Value| {
        m.insert(k.to_owned(), v);
    };
    put("id", json!(r.id));
    put("owner", json!(owner));
    // As the API gives titles: HTML entities and all (shown decoded).
    put("title", json!(r.name.as_deref().unwrap_or_default()));
    put(
        "description",
        json!({ "_content": r.description.clone().unwrap_or_default() }),
    );
    match r.date_taken.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() && t != ZERO_DATE => {
            put("datetaken", json!(t));
            put("datetakengranularity", json!("0"));
            put("datetakenunknown", json!("0"));
        }
        _ => put("datetakenunknown", json!("1")),
    }
    if let Some(t) = r.date_imported.as_deref().and_then(unix_of) {
        put("dateupload", json!(t.to_string()));
    }
    if let Some(id) = r.license.as_deref().and_then(license_id) {
        put("license", json!(id));
    }
    let (public, friends) = match r.privacy.as_deref().map(str::trim) {
        Some("public") => (1, 0),
        // Friends only and family only both come out as "friend & family".
        Some(p) if p.contains("friend") || p.contains("family") => (0, 1),
        _ => (0, 0),
    };
    put("ispublic", json!(public));
    put("isfriend", json!(friends));
    put("isfamily", json!(friends));
    if let Some(g) = r.geo.first() {
        if let (Some(lat), Some(lon)) = (
            degrees(g.latitude.as_deref()),
            degrees(g.longitude.as_deref()),
        ) {
            put("latitude", json!(lat));
            put("longitude", json!(lon));
            put(
                "accuracy",
                json!(g.accuracy.clone().unwrap_or_else(|| "16".to_owned())),
            );
        }
    }
    // As the API's extras: `tags` has every tag, `machine_tags` the
    // machine tags (`namespace:predicate=value`) again.
    let all: Vec<String> = r
        .tags
        .iter()
        .filter_map(|t| t.tag.as_deref())
        .map(clean_tag)
        .filter(|t| !t.is_empty())
        .collect();
    let machine: Vec<&str> = all
        .iter()
        .map(String::as_str)
        .filter(|t| t.contains(':') && t.contains('='))
        .collect();
    put("tags", json!(all.join(" ")));
    put("machine_tags", json!(machine.join(" ")));
    if let Some(v) = r
        .count_views
        .as_deref()
        .and_then(|v| v.trim().parse::<i64>().ok())
    {
        put("views", json!(v));
    }
    put(
        "media",
        json!(if facts.media == MediaKind::Video {
            "video"
        } else {
            "photo"
        }),
    );
    let ext = facts.ext.clone().or_else(|| {
        r.original
            .as_deref()
            .and_then(names::extension)
            .filter(|_| facts.media == MediaKind::Photo)
    });
    if let Some(ext) = ext {
        put("originalformat", json!(ext));
    }
    if let Some(alias) = r
        .photopage
        .as_deref()
        .and_then(|p| p.split("/photos/").nth(1))
        .and_then(|rest| rest.split('/').next())
        .filter(|a| !a.is_empty())
    {
        put("pathalias", json!(alias));
    }
    // A photo's `original` is the address of the very file: what tells a
    // later API run that the file it lists is the one the export gave.
    if facts.media == MediaKind::Photo {
        if let Some(u) = &r.original {
            put("url_o", json!(u));
        }
    }
    serde_json::from_value(Value::Object(m))
}

/// A media file with no metadata: the item its name and type tell.
pub(crate) fn bare_item(id: &str, owner: &str, facts: &MediaFacts) -> serde_json::Result<Photo> {
    let media = if facts.media == MediaKind::Video {
        "video"
    } else {
        "photo"
    };
    let mut v = json!({ "id": id, "owner": owner, "media": media, "datetakenunknown": "1" });
    if let Some(ext) = &facts.ext {
        v["originalformat"] = json!(ext);
    }
    serde_json::from_value(v)
}

/// The export's comments as the API's.
pub(crate) fn comments(r: &[CommentRecord]) -> Vec<Comment> {
    r.iter()
        .filter_map(|c| {
            let v = json!({
                "id": c.id,
                "author": c.user,
                "datecreate": c.date.as_deref().and_then(unix_of).map(|t| t.to_string()),
                "permalink": c.url,
                "_content": c.comment.clone().unwrap_or_default(),
            });
            serde_json::from_value(strip_nulls(v)).ok()
        })
        .collect()
}

fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        other => other,
    }
}

/// Whether `albums.json` entry `a` is one of the catch-all lists real
/// exports carry ("not in an album 1", …), not an album.
pub(crate) fn is_catch_all(a: &AlbumRecord) -> bool {
    a.title
        .as_deref()
        .is_some_and(|t| t.trim().to_lowercase().starts_with("not in an album"))
}

/// An album as the API's photoset (`members`: its photos, counted).
pub(crate) fn photoset(
    a: &AlbumRecord,
    id: &str,
    owner: &str,
    members: &[String],
) -> serde_json::Result<Photoset> {
    let primary = a
        .cover_photo
        .as_deref()
        .and_then(|u| u.trim_end_matches('/').rsplit('/').next())
        .filter(|p| *p != "0" && p.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_owned)
        .or_else(|| members.first().cloned());
    let v = json!({
        "id": id,
        "owner": owner,
        "primary": primary,
        "title": { "_content": a.title.clone().unwrap_or_default() },
        "description": { "_content": a.description.clone().unwrap_or_default() },
        "count_photos": members.len(),
        "count_views": a.view_count.as_deref().and_then(|v| v.trim().parse::<i64>().ok()),
        "date_create": a.created.as_deref().and_then(unix_of).map(|t| t.to_string()),
        "date_update": a.last_updated.as_deref().and_then(unix_of).map(|t| t.to_string()),
    });
    serde_json::from_value(strip_nulls(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photo_meta::{place, Taken};

    fn record(json: &str) -> PhotoRecord {
        serde_json::from_str(json).unwrap()
    }

    const PHOTO: MediaFacts = MediaFacts {
        media: MediaKind::Photo,
        ext: None,
    };

    #[test]
    fn a_record_becomes_the_api_s_list_item() {
        let r = record(
            r#"{"id": "144332211", "name": "Caf&eacute; &amp; cake", "description": "<a href=\"x\">link</a><br>",
                "date_taken": "2006-02-18 13:34:40", "date_imported": "2006-02-19 07:45:45",
                "photopage": "https://www.flickr.com/photos/asdasd/144332211/",
                "original": "https://live.staticflickr.com/38/144332211_4e284f72c9_o.jpg",
                "license": "CC BY-NC-SA 2.0", "privacy": "friend & family", "count_views": "12",
                "geo": [{"latitude": "32085000", "longitude": "-34781000", "accuracy": "16"}],
                "tags": [{"tag": "Sea"}, {"tag": "geo:lat=32.08"}]}"#,
        );
        let p = list_item(&r, "1@N00", &PHOTO).unwrap();
        assert_eq!(p.title.as_deref(), Some("Caf&eacute; &amp; cake"));
        assert_eq!(
            crate::photo_meta::shown_title(p.title.as_deref()),
            "Café & cake"
        );
        assert_eq!(p.description.as_deref(), Some("<a href=\"x\">link</a><br>"));
        assert_eq!(p.date_upload, Some(1140335145));
        assert_eq!(Taken::of(&p).unwrap().wall, [2006, 2, 18, 13, 34, 40]);
        assert_eq!(p.license.as_ref().unwrap().as_str(), "1");
        assert_eq!(place(&p), Some((32.085, -34.781)));
        assert_eq!(p.tags.as_deref(), Some("sea geo:lat=32.08"));
        assert_eq!(p.machine_tags.as_deref(), Some("geo:lat=32.08"));
        assert_eq!(
            (p.is_public, p.is_friend, p.is_family),
            (Some(false), Some(true), Some(true))
        );
        assert_eq!(p.original_format.as_deref(), Some("jpg"));
        assert_eq!(p.path_alias.as_deref(), Some("asdasd"));
        assert_eq!(p.views, Some(12));
    }

    #[test]
    fn the_zero_date_is_unknown_and_a_video_keeps_its_file_s_format() {
        let r = record(
            r#"{"id": "5", "date_taken": "0000-00-00 00:00:00", "license": null,
                "original": "https://live.staticflickr.com/1/5_abc_o.jpg"}"#,
        );
        let video = MediaFacts {
            media: MediaKind::Video,
            ext: Some("mov".into()),
        };
        let p = list_item(&r, "1@N00", &video).unwrap();
        assert!(Taken::of(&p).is_none());
        assert_eq!(p.date_taken_unknown, Some(true));
        assert_eq!(p.original_format.as_deref(), Some("mov"));
        assert!(p.url_o.is_none(), "a video's `original` is its poster");
        assert!(p.license.is_none());
    }

    #[test]
    fn licences_by_name_and_catch_all_lists() {
        assert_eq!(license_id("All Rights Reserved"), Some("0"));
        assert_eq!(license_id("cc by 4.0"), Some("11"));
        assert_eq!(license_id("Some other licence"), None);
        let a = AlbumRecord {
            title: Some("not in an album 3".into()),
            ..AlbumRecord::default()
        };
        assert!(is_catch_all(&a));
    }

    #[test]
    fn an_album_becomes_a_photoset() {
        let a: AlbumRecord = serde_json::from_str(
            r#"{"id": "7215", "title": "Bob 40th", "created": "1759091923", "cover_photo": "https://www.flickr.com/photos/j/0"}"#,
        )
        .unwrap();
        let s = photoset(&a, "7215", "1@N00", &["2".into(), "3".into()]).unwrap();
        assert_eq!(s.title.as_deref(), Some("Bob 40th"));
        assert_eq!(s.count_photos, Some(2));
        assert_eq!(s.primary.as_ref().map(|p| p.as_str()), Some("2"));
        assert_eq!(s.date_create, Some(1759091923));
    }

    #[test]
    fn comments_become_the_api_s() {
        let c = comments(&[CommentRecord {
            id: Some("1-2-3".into()),
            date: Some("2020-01-01 00:00:00".into()),
            user: Some("9@N00".into()),
            comment: Some("Nice".into()),
            url: None,
        }]);
        assert_eq!(c[0].text.as_deref(), Some("Nice"));
        assert_eq!(c[0].date_create, Some(1577836800));
    }
}
