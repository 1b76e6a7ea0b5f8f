//! The viewer's data, from the state alone: every photo (what the page
//! shows of it), the photostream by date taken, albums, the collection
//! tree, galleries and favorites. Built as JSON text, each photo turned
//! into its few hundred bytes of text as it is read from the state, so a
//! large account never holds a tree of values for every photo.

use std::collections::{BTreeMap, HashMap};

use flickr_sdk::types::{CollectionNode, License};
use flickr_sdk::Open;
use serde::Serialize;

use super::{push_script_json, SCRIPT_END, SCRIPT_START};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::layout;
use crate::photo_meta::{place, shown_title, tags, taken_text, Taken};
use crate::state::{Details, DocumentSets, FileStatus, MediaKind, PhotoRow, SetInfo, SetRow};

/// A photo as the page shows it. Members in name order: the order the
/// page's data has always had.
#[derive(Serialize)]
struct Shown<'a> {
    albums: &'a [String],
    comments: Option<Vec<CommentShown<'a>>>,
    deleted: bool,
    description: &'a str,
    file: Option<&'a str>,
    id: &'a str,
    license: Option<LicenseShown>,
    owner: &'a str,
    place: Option<PlaceShown>,
    tags: Vec<&'a str>,
    taken: Option<String>,
    thumb: String,
    title: String,
    uploaded: Option<i64>,
    video: bool,
}

#[derive(Serialize)]
struct CommentShown<'a> {
    author: Option<&'a str>,
    date: Option<i64>,
    text: &'a str,
}

#[derive(Serialize)]
struct LicenseShown {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'static str>,
}

#[derive(Serialize, Debug, PartialEq)]
struct PlaceShown {
    lat: f64,
    lon: f64,
}

/// Its name and link when Flickr's licence id is one we know, else its id.
fn license(l: &Open<License>) -> LicenseShown {
    match l.known() {
        Some(k) => LicenseShown {
            name: k.name().to_owned(),
            url: Some(k.url()),
        },
        None => LicenseShown {
            name: format!("license {}", l.as_str()),
            url: None,
        },
    }
}

/// Comments as the page shows them, when they were included.
fn comments(details: &Details) -> Option<Vec<CommentShown<'_>>> {
    let list = details.comments.as_ref()?;
    Some(
        list.iter()
            .map(|c| CommentShown {
                author: c
                    .author_name
                    .as_deref()
                    .or(c.author.as_ref().map(|a| a.as_str())),
                date: c.date_create,
                text: c.text.as_deref().unwrap_or_default(),
            })
            .collect(),
    )
}

fn photo<'a>(p: &'a PhotoRow, file: Option<&'a str>, albums: &'a [String]) -> Shown<'a> {
    let item = &p.item;
    Shown {
        albums,
        comments: comments(&p.details),
        deleted: p.deleted,
        description: item.description.as_deref().unwrap_or_default(),
        file,
        id: &p.id,
        license: item.license.as_ref().map(license),
        owner: item.owner_name.as_deref().unwrap_or_default(),
        place: place(item).map(|(lat, lon)| PlaceShown { lat, lon }),
        tags: tags(item).collect(),
        taken: Taken::of(item).map(|t| t.shown()),
        thumb: layout::thumbnail(&p.id),
        title: shown_title(item.title.as_deref()),
        uploaded: item.date_upload,
        video: p.media == MediaKind::Video,
    }
}

/// A collection node as the page shows it: title, album ids, children.
#[derive(Serialize)]
struct CollectionShown<'a> {
    albums: Vec<&'a str>,
    collections: Vec<CollectionShown<'a>>,
    description: &'a str,
    id: &'a str,
    title: String,
}

fn collection(node: &CollectionNode) -> CollectionShown<'_> {
    CollectionShown {
        albums: node.sets.iter().map(|s| s.id.as_str()).collect(),
        collections: node.collections.iter().map(collection).collect(),
        description: node.description.as_deref().unwrap_or_default(),
        id: node.id.as_str(),
        title: shown_title(node.title.as_deref()),
    }
}

/// An album or gallery as the page shows it.
#[derive(Serialize)]
struct SetShown<'a> {
    description: &'a str,
    id: &'a str,
    photos: &'a [String],
    title: String,
}

fn set(s: &SetRow) -> SetShown<'_> {
    SetShown {
        description: s.info.description().unwrap_or_default(),
        id: &s.id,
        photos: &s.members,
        title: shown_title(s.info.title()),
    }
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
            let key = taken_text(&p.item).unwrap_or_default();
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
    let collections: Vec<CollectionShown> = match tree.as_ref().map(|t| &t.info) {
        Some(SetInfo::Collections(t)) => t.collections.iter().map(collection).collect(),
        _ => Vec::new(),
    };
    let favorites: Vec<&String> = favorites.iter().flat_map(|f| f.members.iter()).collect();
    fn sets(s: &[SetRow]) -> BTreeMap<&str, SetShown<'_>> {
        s.iter().map(|x| (x.id.as_str(), set(x))).collect()
    }
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
    use serde_json::{json, Value};

    #[test]
    fn a_photo_is_shown_with_its_date_place_and_license() {
        let row = |item: Value| PhotoRow {
            id: "7".into(),
            owner: "1@N00".into(),
            own: true,
            media: MediaKind::Photo,
            item: serde_json::from_value(item).unwrap(),
            last_update: None,
            details: Details::default(),
            details_for: None,
            seen_run: 1,
            deleted: false,
        };
        let p = row(
            json!({"id": "7", "datetaken": "2024-05-31 13:00:00", "datetakengranularity": "4",
                           "latitude": "48.85", "longitude": 2.35, "accuracy": "16", "license": "11"}),
        );
        let shown = serde_json::to_value(photo(&p, None, &[])).unwrap();
        assert_eq!(shown["taken"], "2024-05");
        assert_eq!(shown["place"], json!({"lat": 48.85, "lon": 2.35}));
        assert_eq!(shown["license"]["name"], "CC BY 4.0");
        let p = row(
            json!({"id": "7", "latitude": 0, "longitude": 0, "accuracy": 0, "license": "99",
                           "datetaken": "2024-05-31 13:00:00", "datetakenunknown": "1"}),
        );
        let shown = serde_json::to_value(photo(&p, None, &[])).unwrap();
        assert_eq!(shown["place"], Value::Null);
        assert_eq!(shown["taken"], Value::Null);
        assert_eq!(shown["license"], json!({"name": "license 99"}));
        assert_eq!(shown["comments"], Value::Null);
    }
}
