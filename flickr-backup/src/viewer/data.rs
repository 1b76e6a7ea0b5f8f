//! The viewer's data, from the state alone: every photo (what the page
//! shows of it), the photostream by date taken, albums, the collection
//! tree, galleries and favorites. Built as JSON text, each photo turned
//! into its few hundred bytes of text as it is read from the state, so a
//! large account never holds a tree of values for every photo.

use std::collections::{BTreeMap, HashMap};

use flickr_sdk::types::License;
use flickr_sdk::Open;
use serde::Serialize;
use serde_json::{json, Value};

use crate::albums::text;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::layout;
use crate::state::{DocumentSets, FileStatus, MediaKind, PhotoRow, SetRow};
use crate::viewer::{push_script_json, SCRIPT_END, SCRIPT_START};

/// A number Flickr may send as a number or a string.
fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The date taken at its granularity (`2024`, `2024-05`, `circa 2024`,
/// `2024-05-31 13:00:00`), or `None` when Flickr marks it unknown.
fn taken(item: &Value) -> Option<String> {
    let t = item.get("datetaken").and_then(Value::as_str)?;
    let unknown = number(item.get("datetakenunknown")).unwrap_or(0.0) != 0.0;
    if unknown || t.starts_with("0000") {
        return None;
    }
    // Flickr's granularities: 0 second, 4 month, 6 year, 8 circa.
    Some(
        match number(item.get("datetakengranularity")).map(|g| g as i64) {
            Some(4) => t.get(..7).unwrap_or(t).to_owned(),
            Some(6) => t.get(..4).unwrap_or(t).to_owned(),
            Some(8) => format!("circa {}", t.get(..4).unwrap_or(t)),
            _ => t.to_owned(),
        },
    )
}

/// Latitude and longitude when the photo is geotagged (accuracy above 0:
/// Flickr's 0,0 means no place).
fn place(item: &Value) -> Value {
    let (lat, lon) = (number(item.get("latitude")), number(item.get("longitude")));
    match (lat, lon, number(item.get("accuracy"))) {
        (Some(lat), Some(lon), Some(acc)) if acc > 0.0 && (lat, lon) != (0.0, 0.0) => {
            json!({"lat": lat, "lon": lon})
        }
        _ => Value::Null,
    }
}

fn license(item: &Value) -> Value {
    let id = number(item.get("license")).map(|n| n as i64);
    match id.and_then(|n| serde_json::from_value::<Open<License>>(json!(n)).ok()) {
        Some(l) => match l.known() {
            Some(k) => json!({"name": k.name(), "url": k.url()}),
            None => json!({"name": format!("license {}", id.unwrap_or_default())}),
        },
        None => Value::Null,
    }
}

/// Comments as the page shows them, when they were included.
fn comments(details: &Value) -> Value {
    let list = details
        .get("comments")
        .and_then(|c| c.get("comment").or(Some(c)))
        .and_then(Value::as_array);
    let Some(list) = list else {
        return Value::Null;
    };
    list.iter()
        .map(|c| {
            json!({
                "author": c.get("authorname").or(c.get("author")).cloned().unwrap_or(Value::Null),
                "date": c.get("datecreate").cloned().unwrap_or(Value::Null),
                "text": text(c.get("_content").or(c.get("text"))),
            })
        })
        .collect()
}

fn photo(p: &PhotoRow, file: Option<&str>, albums: &[String]) -> Value {
    let item = &p.item;
    let tags: Vec<&str> = item
        .get("tags")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    json!({
        "id": p.id,
        "title": text(item.get("title")),
        "description": text(item.get("description")),
        "tags": tags,
        "taken": taken(item),
        "uploaded": number(item.get("dateupload")).map(|n| n as i64),
        "place": place(item),
        "license": license(item),
        "owner": text(item.get("ownername")),
        "video": p.media == MediaKind::Video,
        "file": file,
        "thumb": layout::thumbnail(&p.id),
        "albums": albums,
        "comments": comments(&p.details),
        "deleted": p.deleted,
    })
}

/// A collection node as the page shows it: title, album ids, children.
fn collection(node: &Value) -> Value {
    let ids = |key: &str| -> Vec<Value> {
        node.get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|x| {
                if key == "set" {
                    x.get("id").cloned().unwrap_or(Value::Null)
                } else {
                    collection(x)
                }
            })
            .collect()
    };
    json!({
        "id": node.get("id").cloned().unwrap_or(Value::Null),
        "title": text(node.get("title")),
        "description": text(node.get("description")),
        "albums": ids("set"),
        "collections": ids("collection"),
    })
}

fn set(s: &SetRow) -> Value {
    json!({
        "id": s.id,
        "title": text(s.info.get("title")),
        "description": text(s.info.get("description")),
        "photos": s.members,
    })
}

/// `"key":VALUE` appended to a JSON object's text in the script (`,`
/// before all but the first member; escaped for a script).
fn member(out: &mut String, key: &str, value: &impl Serialize) {
    if !out.ends_with('{') {
        out.push(',');
    }
    push_script_json(out, &to_json(key));
    out.push(':');
    push_script_json(out, &to_json(value));
}

/// JSON text of a value that always serializes (strings, numbers, lists,
/// and maps with string keys).
fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// The data as the text of `viewer/data.js`: a script assigning to
/// `window.FLICKR` an object with the account's `user`, `photos` by id,
/// the `stream` (ids, newest first), `albums`, `collections`, `galleries`
/// and `favorites`. Written straight into one string as the photos are
/// read (no second copy for the escaping).
pub(super) fn build(ctx: &Ctx) -> Result<String> {
    let DocumentSets {
        albums,
        galleries,
        favorites,
        tree,
    } = ctx.db().document_sets()?;
    let albums: Vec<SetRow> = albums.into_iter().filter(|a| !a.deleted).collect();
    let galleries: Vec<SetRow> = galleries.into_iter().filter(|g| !g.deleted).collect();
    let mut in_albums: HashMap<&str, Vec<String>> = HashMap::new();
    for a in &albums {
        for m in &a.members {
            in_albums.entry(m.as_str()).or_default().push(a.id.clone());
        }
    }
    let mut out = String::from(SCRIPT_START);
    out.push('{');
    member(&mut out, "user", &ctx.nsid);
    out.push_str(",\"photos\":{");
    // (date taken or upload, id) of the account's own photos, for the stream.
    let mut stream: Vec<(String, String)> = Vec::new();
    ctx.each_photo(|p| {
        let file = ctx
            .db()
            .file(&p.id)?
            .filter(|f| f.status == FileStatus::Done)
            .map(|f| f.path);
        if p.own && !p.deleted {
            let key = p
                .item
                .get("datetaken")
                .and_then(Value::as_str)
                .filter(|t| !t.starts_with("0000"))
                .map(str::to_owned)
                .unwrap_or_default();
            stream.push((key, p.id.clone()));
        }
        let member_of = in_albums.get(p.id.as_str()).cloned().unwrap_or_default();
        member(&mut out, &p.id, &photo(p, file.as_deref(), &member_of));
        Ok(())
    })?;
    // Newest first; ids (numbers, as text) break ties the same way every run.
    stream.sort_by(|a, b| {
        (b.0.as_str(), b.1.len(), b.1.as_str()).cmp(&(a.0.as_str(), a.1.len(), a.1.as_str()))
    });
    let collections: Vec<Value> = tree
        .as_ref()
        .and_then(|t| t.info.get("collection"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(collection)
        .collect();
    let favorites: Vec<&String> = favorites.iter().flat_map(|f| f.members.iter()).collect();
    let sets = |s: &[SetRow]| -> BTreeMap<String, Value> {
        s.iter().map(|x| (x.id.clone(), set(x))).collect()
    };
    out.push('}');
    let stream: Vec<String> = stream.into_iter().map(|(_, id)| id).collect();
    member(&mut out, "stream", &stream);
    member(
        &mut out,
        "albums",
        &albums.iter().map(set).collect::<Vec<_>>(),
    );
    member(&mut out, "collections", &collections);
    member(
        &mut out,
        "galleries",
        &sets(&galleries).into_values().collect::<Vec<_>>(),
    );
    member(&mut out, "favorites", &favorites);
    out.push('}');
    out.push_str(SCRIPT_END);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_granularity_and_places_need_an_accuracy() {
        let at = |g: &str| json!({"datetaken": "2024-05-31 13:00:00", "datetakengranularity": g});
        assert_eq!(taken(&at("0")).as_deref(), Some("2024-05-31 13:00:00"));
        assert_eq!(taken(&at("4")).as_deref(), Some("2024-05"));
        assert_eq!(taken(&at("6")).as_deref(), Some("2024"));
        assert_eq!(taken(&at("8")).as_deref(), Some("circa 2024"));
        let unknown = json!({"datetaken": "2024-05-31 13:00:00", "datetakenunknown": "1"});
        assert_eq!(taken(&unknown), None);
        assert_eq!(
            place(&json!({"latitude": 0, "longitude": 0, "accuracy": 0})),
            Value::Null
        );
        assert_eq!(
            place(&json!({"latitude": "48.85", "longitude": 2.35, "accuracy": "16"})),
            json!({"lat": 48.85, "lon": 2.35})
        );
        assert_eq!(license(&json!({"license": "11"}))["name"], "CC BY 4.0");
    }
}
