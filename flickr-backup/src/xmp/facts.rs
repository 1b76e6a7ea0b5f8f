//! What the XMP says of a photo, read from the state: the list item as
//! Flickr sent it, the per-photo details (`--include info|people|contexts`),
//! the albums it is in, whether it is a favorite, and the size kept.

use flickr_sdk::types::License;
use flickr_sdk::Open;
use serde_json::Value;

use super::text::html_to_text;
use super::when::taken_xmp;
use super::{Facts, Prop};
use crate::state::PhotoRow;

/// What the sidecar stage knows of a photo beyond its row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context {
    /// The albums it is in: (id, title).
    pub albums: Vec<(String, String)>,
    /// One of the account's favorites.
    pub favorite: bool,
    /// The size kept when it is not the original: (size suffix or stream kind, why).
    pub capped: Option<(String, String)>,
}

/// A text field: a string, a number, or Flickr's `{"_content": …}`.
fn text_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(m) => text_of(m.get("_content")),
        _ => None,
    }
}

fn number_of(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Flickr's one-or-many: an array, or one object standing for it.
fn list_of(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(o @ Value::Object(_)) => vec![o],
        _ => Vec::new(),
    }
}

/// Tags as typed (`getInfo`'s raw forms) when included, else the listing's
/// cleaned `tags`; then machine tags not already there. Order kept, no repeats.
fn subjects(item: &Value, details: &Value) -> Vec<String> {
    let raw: Vec<String> = list_of(details.pointer("/info/tags/tag"))
        .into_iter()
        .filter_map(|t| text_of(t.get("raw")).or_else(|| text_of(Some(t))))
        .collect();
    let listed = |key: &str| -> Vec<String> {
        text_of(item.get(key))
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    };
    let mut out: Vec<String> = Vec::new();
    let first = if raw.is_empty() { listed("tags") } else { raw };
    for t in first.into_iter().chain(listed("machine_tags")) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Latitude and longitude when Flickr says the photo is geotagged
/// (accuracy above 0, and not Flickr's 0,0 for "no place").
fn place(item: &Value) -> Option<(f64, f64)> {
    let accuracy = number_of(item.get("accuracy")).unwrap_or(0.0);
    let lat = number_of(item.get("latitude"))?;
    let lon = number_of(item.get("longitude"))?;
    let valid = lat.abs() <= 90.0 && lon.abs() <= 180.0 && (lat, lon) != (0.0, 0.0);
    (accuracy > 0.0 && valid).then_some((lat, lon))
}

fn yes(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        other => number_of(other).is_some_and(|n| n != 0.0),
    }
}

/// The `flickr:` properties that `--include info|people|contexts` add.
fn included(details: &Value, out: &mut Vec<(&'static str, Prop)>) {
    if let Some(info) = details.get("info") {
        let notes: Vec<String> = list_of(info.pointer("/notes/note"))
            .into_iter()
            .filter_map(|n| text_of(Some(n)))
            .collect();
        if !notes.is_empty() {
            out.push(("notes", Prop::Bag(notes)));
        }
        let people = yes(info.pointer("/people/haspeople"));
        out.push(("hasPeople", Prop::Text(people.to_string())));
        if let Some(v) = info.get("visibility") {
            let who: Vec<&str> = [
                ("ispublic", "public"),
                ("isfriend", "friends"),
                ("isfamily", "family"),
            ]
            .into_iter()
            .filter(|(k, _)| yes(v.get(*k)))
            .map(|(_, name)| name)
            .collect();
            let who = if who.is_empty() {
                "private".to_owned()
            } else {
                who.join(",")
            };
            out.push(("visibility", Prop::Text(who)));
        }
        if let Some(p) = info.get("permissions") {
            let perms = ["permcomment", "permaddmeta"]
                .iter()
                .filter_map(|k| Some(format!("{k}={}", text_of(p.get(*k))?)))
                .collect::<Vec<_>>();
            if !perms.is_empty() {
                out.push(("permissions", Prop::Bag(perms)));
            }
        }
        if let Some(s) = text_of(info.get("safety_level")) {
            out.push(("safetyLevel", Prop::Text(s)));
        }
    }
    if let Some(people) = details.get("people") {
        let names: Vec<String> = list_of(people.get("person"))
            .into_iter()
            .filter_map(|p| {
                let name = text_of(p.get("realname")).filter(|s| !s.is_empty());
                name.or_else(|| text_of(p.get("username")))
                    .or_else(|| text_of(p.get("nsid")))
            })
            .collect();
        out.push(("people", Prop::Bag(names)));
    }
    if let Some(c) = details.get("contexts") {
        let groups: Vec<String> = list_of(c.get("pool"))
            .into_iter()
            .filter_map(|g| text_of(g.get("title")).or_else(|| text_of(g.get("id"))))
            .collect();
        out.push(("groups", Prop::Bag(groups)));
    }
}

/// The facts of photo `p`.
pub(crate) fn facts(p: &PhotoRow, cx: &Context) -> Facts {
    let item = &p.item;
    let subjects = subjects(item, &p.details);
    let license_id = text_of(item.get("license"));
    let license = license_id
        .as_deref()
        .and_then(|id| serde_json::from_value::<Open<License>>(Value::from(id)).ok())
        .and_then(|l| l.known())
        .map(|l| {
            (
                l.name().to_owned(),
                l.url().to_owned(),
                l.is_creative_commons(),
            )
        });
    let granularity = number_of(item.get("datetakengranularity")).unwrap_or(0.0) as i64;
    let unknown = yes(item.get("datetakenunknown"));
    let taken_text = text_of(item.get("datetaken"));
    let taken = taken_xmp(taken_text.as_deref(), granularity, unknown);
    let mut hierarchy = subjects.clone();
    for (_, title) in &cx.albums {
        hierarchy.push(format!("Flickr|Albums|{title}"));
    }
    if cx.favorite {
        hierarchy.push("Flickr|Favorites".to_owned());
    }
    let alias = text_of(item.get("pathalias")).filter(|a| !a.is_empty());
    let page_url = format!(
        "https://www.flickr.com/photos/{}/{}/",
        alias.as_deref().unwrap_or(&p.owner),
        p.id
    );
    let mut flickr = vec![
        ("id", Prop::Text(p.id.clone())),
        ("owner", Prop::Text(p.owner.clone())),
        ("media", Prop::Text(p.media.as_str().to_owned())),
    ];
    if let Some(id) = license_id {
        flickr.push(("license", Prop::Text(id)));
    }
    if taken.is_some() {
        flickr.push(("dateTakenGranularity", Prop::Text(granularity.to_string())));
    }
    if !cx.albums.is_empty() {
        let ids = cx.albums.iter().map(|(id, _)| id.clone()).collect();
        flickr.push(("albums", Prop::Bag(ids)));
    }
    if let Some((size, why)) = &cx.capped {
        flickr.push(("sizeKept", Prop::Text(size.clone())));
        flickr.push(("sizeKeptReason", Prop::Text(why.clone())));
    }
    included(&p.details, &mut flickr);
    Facts {
        title: text_of(item.get("title")).unwrap_or_default(),
        description: html_to_text(&text_of(item.get("description")).unwrap_or_default()),
        subjects,
        creator: text_of(item.get("ownername")).filter(|s| !s.is_empty()),
        license,
        taken,
        gps: place(item),
        hierarchy,
        page_url: Some(page_url),
        flickr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::MediaKind;
    use serde_json::json;

    fn row(item: Value, details: Value) -> PhotoRow {
        PhotoRow {
            id: "5".into(),
            owner: "1@N00".into(),
            own: true,
            media: MediaKind::Photo,
            item,
            last_update: None,
            details,
            details_for: None,
            seen_run: 1,
            deleted: false,
        }
    }

    #[test]
    fn a_listing_becomes_facts() {
        let p = row(
            json!({"title": "T", "description": {"_content": "<b>D</b>"}, "license": "11",
                   "tags": "cat newyork", "machine_tags": "geo:lat=1 cat",
                   "datetaken": "2019-05-01 10:00:00", "datetakengranularity": "4",
                   "datetakenunknown": "0", "latitude": 0, "longitude": 0, "accuracy": 0,
                   "ownername": "alice", "pathalias": "alice"}),
            Value::Null,
        );
        let cx = Context {
            albums: vec![("9".into(), "Trip".into())],
            favorite: true,
            capped: None,
        };
        let f = facts(&p, &cx);
        assert_eq!(f.title, "T");
        assert_eq!(f.description, "D");
        assert_eq!(f.subjects, ["cat", "newyork", "geo:lat=1"]);
        assert_eq!(f.taken.as_deref(), Some("2019-05"));
        assert_eq!(f.gps, None, "0,0 with accuracy 0 is no place");
        assert_eq!(f.license.as_ref().unwrap().0, "CC BY 4.0");
        assert!(f.hierarchy.contains(&"Flickr|Albums|Trip".to_owned()));
        assert!(f.hierarchy.contains(&"Flickr|Favorites".to_owned()));
        assert_eq!(
            f.page_url.as_deref(),
            Some("https://www.flickr.com/photos/alice/5/")
        );

        // Raw tags from getInfo win over the cleaned ones.
        let p = row(
            json!({"tags": "newyork", "accuracy": "16", "latitude": "-1.5", "longitude": "2"}),
            json!({"info": {"tags": {"tag": [{"raw": "New York", "_content": "newyork"}]},
                            "visibility": {"ispublic": 0, "isfriend": 1, "isfamily": 1}}}),
        );
        let f = facts(&p, &Context::default());
        assert_eq!(f.subjects, ["New York"]);
        assert_eq!(f.gps, Some((-1.5, 2.0)));
        assert!(f
            .flickr
            .contains(&("visibility", Prop::Text("friends,family".into()))));
    }
}
