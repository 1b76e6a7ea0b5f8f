//! The export's JSON files as Flickr writes them (`photo_<id>.json`,
//! `albums.json`, `account_profile.json`), read liberally: numbers that
//! come as strings or as numbers, `geo` as a list (2024 on) or an object
//! (2018/19), keys that are missing or `null`. What this crate does not read
//! by name is kept in `rest`, so the sidecar loses nothing the export said.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// A value that may come as a string, a number or a boolean, read as text;
/// `null` and absent read as `None`.
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    })
}

/// A list that may be absent, `null`, a single object, or a list.
fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let v = Option::<Value>::deserialize(d)?;
    let items = match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a,
        Some(Value::Object(o)) if o.is_empty() => Vec::new(),
        Some(other) => vec![other],
    };
    items
        .into_iter()
        .map(|i| serde_json::from_value(i).map_err(serde::de::Error::custom))
        .collect()
}

/// Ids in a list, each a string or a number.
fn ids<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let v = Option::<Vec<Value>>::deserialize(d)?.unwrap_or_default();
    Ok(v.into_iter()
        .filter_map(|i| match i {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect())
}

/// `photo_<id>.json`: one photo or video.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PhotoRecord {
    /// The API's photo id.
    #[serde(deserialize_with = "required_text")]
    pub id: String,
    /// The title (HTML entities may appear).
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// The description (may hold HTML).
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// `YYYY-MM-DD HH:MM:SS`, no zone; the zero date for unknown.
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_taken: Option<String>,
    /// The upload time, `YYYY-MM-DD HH:MM:SS`.
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_imported: Option<String>,
    /// The photo page.
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub photopage: Option<String>,
    /// The original's URL (a video's: its poster).
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub original: Option<String>,
    /// The licence by name (`null` in 2018 exports).
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub license: Option<String>,
    /// The geotag, in microdegrees.
    #[serde(
        default,
        deserialize_with = "list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub geo: Vec<GeoRecord>,
    /// Albums the photo is in (often empty: `albums.json` is the truth).
    #[serde(
        default,
        deserialize_with = "list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub albums: Vec<AlbumRef>,
    /// Tags.
    #[serde(
        default,
        deserialize_with = "list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tags: Vec<TagRecord>,
    /// Comments on the photo (an NSID each, no names).
    #[serde(
        default,
        deserialize_with = "list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub comments: Vec<CommentRecord>,
    /// `public`, `private` or `friend & family`.
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub privacy: Option<String>,
    /// Views, as a string.
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub count_views: Option<String>,
    /// Everything else the file says (groups, notes, people, counts,
    /// permissions, safety, rotation, EXIF of older exports, …), as written.
    #[serde(flatten)]
    pub rest: BTreeMap<String, Value>,
}

impl PhotoRecord {
    /// The rotation set on Flickr (`rotation`: 0, 90, 180 or 270 degrees
    /// clockwise; newer exports only). It repeats what the file's EXIF
    /// orientation says when the file has one: apply one, never both.
    pub fn rotation(&self) -> u16 {
        let degrees = match self.rest.get("rotation") {
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        };
        match degrees.map(|d| d.rem_euclid(360)) {
            Some(d @ (90 | 180 | 270)) => d as u16,
            _ => 0,
        }
    }
}

fn required_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    text(d)?
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| serde::de::Error::custom("`id` is missing or empty"))
}

/// One geotag: degrees × 1,000,000 as integer strings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GeoRecord {
    /// Latitude in microdegrees.
    #[serde(default, deserialize_with = "text")]
    pub latitude: Option<String>,
    /// Longitude in microdegrees.
    #[serde(default, deserialize_with = "text")]
    pub longitude: Option<String>,
    /// Flickr's accuracy (1 world … 16 street).
    #[serde(default, deserialize_with = "text")]
    pub accuracy: Option<String>,
    /// Anything else.
    #[serde(flatten)]
    pub rest: BTreeMap<String, Value>,
}

/// An album a photo names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AlbumRef {
    /// The photoset id.
    #[serde(default, deserialize_with = "text")]
    pub id: Option<String>,
    /// Its title.
    #[serde(default, deserialize_with = "text")]
    pub title: Option<String>,
    /// Anything else.
    #[serde(flatten)]
    pub rest: BTreeMap<String, Value>,
}

/// A tag.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TagRecord {
    /// The tag.
    #[serde(default, deserialize_with = "text")]
    pub tag: Option<String>,
    /// Anything else (`user`, `date_create`).
    #[serde(flatten)]
    pub rest: BTreeMap<String, Value>,
}

/// A comment on the photo.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CommentRecord {
    /// The comment id.
    #[serde(default, deserialize_with = "text")]
    pub id: Option<String>,
    /// `YYYY-MM-DD HH:MM:SS` (or Unix seconds).
    #[serde(default, deserialize_with = "text")]
    pub date: Option<String>,
    /// The commenter's NSID.
    #[serde(default, deserialize_with = "text")]
    pub user: Option<String>,
    /// The text (may hold HTML).
    #[serde(default, deserialize_with = "text")]
    pub comment: Option<String>,
    /// Its permalink.
    #[serde(default, deserialize_with = "text")]
    pub url: Option<String>,
}

/// `albums.json` (and any `albums_part*.json`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AlbumsFile {
    /// The albums, in the account's order.
    #[serde(default, deserialize_with = "list")]
    pub albums: Vec<AlbumRecord>,
}

/// One album of `albums.json`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct AlbumRecord {
    /// The photoset id.
    #[serde(default, deserialize_with = "text")]
    pub id: Option<String>,
    /// Its title.
    #[serde(default, deserialize_with = "text")]
    pub title: Option<String>,
    /// Its description.
    #[serde(default, deserialize_with = "text")]
    pub description: Option<String>,
    /// Creation time, Unix seconds as a string.
    #[serde(default, deserialize_with = "text")]
    pub created: Option<String>,
    /// Last update, Unix seconds as a string.
    #[serde(default, deserialize_with = "text")]
    pub last_updated: Option<String>,
    /// The cover's photo page (can end in `/0`).
    #[serde(default, deserialize_with = "text")]
    pub cover_photo: Option<String>,
    /// Views.
    #[serde(default, deserialize_with = "text")]
    pub view_count: Option<String>,
    /// Photo ids in album order (`"0"` appears and means nothing).
    #[serde(default, deserialize_with = "ids")]
    pub photos: Vec<String>,
}

/// `account_profile.json`, the part read here (the whole file is kept under `export/`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Profile {
    /// The member's NSID.
    #[serde(default, deserialize_with = "text")]
    pub nsid: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_2026_sample_reads() {
        // heathd/Flickr2Any-Tool tests/fixtures/metadata/photo_144332211.json (redacted).
        let r: PhotoRecord = serde_json::from_str(
            r#"{ "id": "144332211", "name": "img_5873", "description": "",
  "count_views": "0", "count_faves": "0", "count_comments": "0",
  "date_taken": "2006-02-18 13:34:40", "count_tags": "0", "count_notes": "0",
  "rotation": 0, "date_imported": "2006-02-19 07:45:45",
  "photopage": "https://www.flickr.com/photos/asdasd/144332211/",
  "original": "https://live.staticflickr.com/38/144332211_4e284f72c9_o.jpg",
  "license": "CC BY-NC-SA 2.0",
  "geo": [], "groups": [], "albums": [], "tags": [], "people": [], "notes": [],
  "privacy": "private", "comment_permissions": "any flickr member",
  "tagging_permissions": "people you follow", "safety": "safe", "comments": [] }"#,
        )
        .unwrap();
        assert_eq!(r.id, "144332211");
        assert_eq!(r.date_taken.as_deref(), Some("2006-02-18 13:34:40"));
        assert_eq!(r.license.as_deref(), Some("CC BY-NC-SA 2.0"));
        assert!(r.geo.is_empty());
        assert_eq!(r.rest["safety"], "safe");
        assert_eq!(r.rest["rotation"], 0);
        assert_eq!(r.rotation(), 0);
        let turned: PhotoRecord =
            serde_json::from_str(r#"{"id": "1", "rotation": "270"}"#).unwrap();
        assert_eq!(turned.rotation(), 270);
        // Nothing lost on the way back out.
        let back = serde_json::to_value(&r).unwrap();
        assert_eq!(back["tagging_permissions"], "people you follow");
        assert_eq!(back["count_views"], "0");
    }

    #[test]
    fn geo_reads_as_a_list_or_an_object_and_ids_as_strings_or_numbers() {
        let list: PhotoRecord = serde_json::from_str(
            r#"{"id": 5, "geo": [{"latitude": "32085000", "longitude": "34781000", "accuracy": "16"}]}"#,
        )
        .unwrap();
        let object: PhotoRecord = serde_json::from_str(
            r#"{"id": "5", "geo": {"latitude": 32085000, "longitude": "34781000", "accuracy": 16}}"#,
        )
        .unwrap();
        assert_eq!(list.id, "5");
        assert_eq!(list.geo[0].latitude.as_deref(), Some("32085000"));
        assert_eq!(object.geo[0].latitude.as_deref(), Some("32085000"));
        assert_eq!(object.geo[0].accuracy.as_deref(), Some("16"));
        let none: PhotoRecord =
            serde_json::from_str(r#"{"id": "5", "geo": null, "license": null}"#).unwrap();
        assert!(none.geo.is_empty() && none.license.is_none());
    }

    #[test]
    fn a_record_without_an_id_is_refused_by_name() {
        let e = serde_json::from_str::<PhotoRecord>(r#"{"name": "x"}"#).unwrap_err();
        assert!(e.to_string().contains("id"), "{e}");
    }

    #[test]
    fn albums_read_with_their_quirks() {
        let a: AlbumsFile = serde_json::from_str(
            r#"{ "albums": [ { "photo_count": "2", "id": "29495325938624887",
  "url": "https://www.flickr.com/photos/janedoe/albums/29495325938624887",
  "title": "Bob 40th", "description": "Uploaded from mac", "view_count": "0",
  "created": "1759091923", "last_updated": "1759091996",
  "cover_photo": "https://www.flickr.com/photos/janedoe/0",
  "photos": ["56824916781", "0", 56824916782] } ] }"#,
        )
        .unwrap();
        assert_eq!(a.albums[0].photos, ["56824916781", "0", "56824916782"]);
        assert_eq!(a.albums[0].created.as_deref(), Some("1759091923"));
    }
}
