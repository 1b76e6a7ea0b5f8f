//! What the XMP says of a photo, read from the state: the list item as
//! Flickr sent it, the per-photo details (`--include info|people|contexts`),
//! the albums it is in, whether it is a favorite, and the size kept.

use flickr_sdk::types::Photo;

use super::text::html_to_text;
use super::{Facts, Prop};
use crate::photo_meta::{machine_tags, place, tags, Taken};
use crate::state::{Details, PhotoRow};

/// What the sidecar stage knows of a photo beyond its row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context {
    /// The albums it is in: (id, title).
    pub albums: Vec<(String, String)>,
    /// One of the account's favorites.
    pub favorite: bool,
    /// The size kept when it is not the original: (size suffix or stream kind, why).
    pub not_original: Option<(String, String)>,
}

/// Tags as typed (`getInfo`'s raw forms) when included, else the listing's
/// cleaned `tags`; then machine tags not already there. Order kept, no repeats.
fn subjects(item: &Photo, details: &Details) -> Vec<String> {
    let raw: Vec<String> = details
        .info
        .iter()
        .flat_map(|i| i.tags.iter().flat_map(|t| &t.tags))
        .filter_map(|t| t.raw.clone().or_else(|| t.text.clone()))
        .collect();
    let mut out: Vec<String> = Vec::new();
    let first = if raw.is_empty() {
        tags(item).map(str::to_owned).collect()
    } else {
        raw
    };
    for t in first
        .into_iter()
        .chain(machine_tags(item).map(str::to_owned))
    {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// The `flickr:` properties that `--include info|people|contexts` add.
fn included(details: &Details, out: &mut Vec<(&'static str, Prop)>) {
    if let Some(info) = &details.info {
        let notes: Vec<String> = info
            .notes
            .iter()
            .flat_map(|n| &n.notes)
            .filter_map(|n| n.text.clone())
            .collect();
        if !notes.is_empty() {
            out.push(("notes", Prop::Bag(notes)));
        }
        let people = info.people.as_ref().and_then(|p| p.has_people) == Some(true);
        out.push(("hasPeople", Prop::Text(people.to_string())));
        if let Some(v) = &info.visibility {
            let who: Vec<&str> = [
                (v.is_public, "public"),
                (v.is_friend, "friends"),
                (v.is_family, "family"),
            ]
            .into_iter()
            .filter(|(on, _)| *on == Some(true))
            .map(|(_, name)| name)
            .collect();
            let who = if who.is_empty() {
                "private".to_owned()
            } else {
                who.join(",")
            };
            out.push(("visibility", Prop::Text(who)));
        }
        if let Some(p) = &info.permissions {
            let perms = [
                ("permcomment", &p.perm_comment),
                ("permaddmeta", &p.perm_add_meta),
            ]
            .into_iter()
            .filter_map(|(k, v)| Some(format!("{k}={}", v.as_ref()?.as_str())))
            .collect::<Vec<_>>();
            if !perms.is_empty() {
                out.push(("permissions", Prop::Bag(perms)));
            }
        }
        if let Some(s) = &info.safety_level {
            out.push(("safetyLevel", Prop::Text(s.as_str().to_owned())));
        }
    }
    if let Some(people) = &details.people {
        let names: Vec<String> = people
            .people
            .iter()
            .map(|p| {
                let name = p.real_name.clone().filter(|s| !s.is_empty());
                name.or_else(|| p.username.clone())
                    .unwrap_or_else(|| p.nsid.as_str().to_owned())
            })
            .collect();
        out.push(("people", Prop::Bag(names)));
    }
    if let Some(c) = &details.contexts {
        let groups: Vec<String> = c
            .pools
            .iter()
            .map(|g| g.title.clone().unwrap_or_else(|| g.id.as_str().to_owned()))
            .collect();
        out.push(("groups", Prop::Bag(groups)));
    }
}

/// The facts of photo `p`.
pub(crate) fn facts(p: &PhotoRow, cx: &Context) -> Facts {
    let item = &p.item;
    let subjects = subjects(item, &p.details);
    let license = item.license.as_ref().and_then(|l| l.known()).map(|l| {
        (
            l.name().to_owned(),
            l.url().to_owned(),
            l.is_creative_commons(),
        )
    });
    let taken = Taken::of(item);
    let mut hierarchy = subjects.clone();
    for (_, title) in &cx.albums {
        hierarchy.push(format!(
            "Flickr|Albums|{}",
            crate::photo_meta::shown_title(Some(title))
        ));
    }
    if cx.favorite {
        hierarchy.push("Flickr|Favorites".to_owned());
    }
    let alias = item.path_alias.as_deref().filter(|a| !a.is_empty());
    let page_url = format!(
        "https://www.flickr.com/photos/{}/{}/",
        alias.unwrap_or(&p.owner),
        p.id
    );
    let mut flickr = vec![
        ("id", Prop::Text(p.id.clone())),
        ("owner", Prop::Text(p.owner.clone())),
        ("media", Prop::Text(p.media.as_str().to_owned())),
    ];
    if let Some(l) = &item.license {
        flickr.push(("license", Prop::Text(l.as_str().to_owned())));
    }
    if let Some(t) = &taken {
        let code = t.code.unwrap_or(0);
        flickr.push(("dateTakenGranularity", Prop::Text(code.to_string())));
    }
    if !cx.albums.is_empty() {
        let ids = cx.albums.iter().map(|(id, _)| id.clone()).collect();
        flickr.push(("albums", Prop::Bag(ids)));
    }
    if let Some((size, why)) = &cx.not_original {
        flickr.push(("sizeKept", Prop::Text(size.clone())));
        flickr.push(("sizeKeptReason", Prop::Text(why.clone())));
    }
    included(&p.details, &mut flickr);
    Facts {
        title: crate::photo_meta::shown_title(item.title.as_deref()),
        description: html_to_text(item.description.as_deref().unwrap_or_default()),
        subjects,
        creator: item.owner_name.clone().filter(|s| !s.is_empty()),
        license,
        taken: taken.map(|t| t.xmp()),
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
    use serde_json::{json, Value};

    fn row(item: Value, details: Value) -> PhotoRow {
        let mut item = item;
        item["id"] = "5".into();
        PhotoRow {
            id: "5".into(),
            owner: "1@N00".into(),
            own: true,
            media: MediaKind::Photo,
            item: serde_json::from_value(item).unwrap(),
            last_update: None,
            details: serde_json::from_value(details).unwrap(),
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
            json!({}),
        );
        let cx = Context {
            albums: vec![("9".into(), "Trip".into())],
            favorite: true,
            not_original: None,
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
            json!({"info": {"id": "5", "tags": {"tag": [{"raw": "New York", "_content": "newyork"}]},
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
