//! What a person reads beside the files: a JSON sidecar per photo (what
//! the list calls returned, the file kept, albums, galleries, favorite,
//! video streams, EXIF and comments when included, and whether it was
//! deleted on Flickr), and manifests for albums, galleries, favorites and
//! the collection tree. All are written by the tree ([`crate::tree`]):
//! atomically and only when their content changed; their content depends only
//! on the state, so an interrupted and resumed backup writes the same bytes
//! as an uninterrupted one.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{json, Value};

use crate::ctx::Ctx;
use crate::error::Result;
use crate::events::{Event, Stage};
use crate::layout;
use crate::state::{FileRow, FileStatus, MediaKind, PhotoRow, SetKind, SetRow};

fn pretty(v: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The sidecar path of a photo: its file's path with `.json`.
fn sidecar_path(p: &PhotoRow, file: Option<&FileRow>) -> String {
    match file {
        Some(f) => match f.path.rsplit_once('.') {
            Some((stem, _)) => format!("{stem}.json"),
            None => format!("{}.json", f.path),
        },
        None => {
            let taken = p.item.get("datetaken").and_then(Value::as_str);
            format!("{}.json", layout::photo_stem(p.own, &p.owner, &p.id, taken))
        }
    }
}

fn file_json(f: Option<&FileRow>) -> Value {
    match f {
        Some(f) if f.status == FileStatus::Done => json!({
            "path": f.path, "size_variant": f.variant, "url": f.url,
            "bytes": f.size, "sha256": f.sha256,
        }),
        Some(f) => json!({
            "path": f.path, "size_variant": f.variant, "url": f.url,
            "missing": f.error.clone().unwrap_or_else(|| "not downloaded yet".to_owned()),
        }),
        None => Value::Null,
    }
}

fn title_of(set: &SetRow) -> Value {
    set.info.get("title").cloned().unwrap_or(Value::Null)
}

/// Writes every sidecar and manifest that changed; returns how many were
/// written. Photos are read a batch at a time; set memberships (ids only)
/// are the one thing held for the whole account.
pub(crate) fn write_all(ctx: &Ctx) -> Result<u64> {
    ctx.emit(Event::Stage {
        stage: Stage::Writing,
    });
    let (albums, galleries, favorites, tree) = {
        let db = ctx.db();
        (
            db.sets(SetKind::Album)?,
            db.sets(SetKind::Gallery)?,
            db.sets(SetKind::Favorites)?,
            db.set(SetKind::Collections, "tree")?,
        )
    };
    let memberships = |sets: &[SetRow]| {
        let mut map: HashMap<String, Vec<Value>> = HashMap::new();
        for set in sets {
            for m in &set.members {
                map.entry(m.clone())
                    .or_default()
                    .push(json!({"id": set.id, "title": title_of(set)}));
            }
        }
        map
    };
    let in_albums = memberships(&albums);
    let in_galleries = memberships(&galleries);
    let faved: HashSet<&str> = favorites
        .iter()
        .flat_map(|f| f.members.iter().map(String::as_str))
        .collect();
    let mut written = 0;
    ctx.each_photo(|p| {
        let file = ctx.db().file(&p.id)?;
        let kind_included = if p.media == MediaKind::Video {
            ctx.opts.include.videos
        } else {
            ctx.opts.include.photos
        };
        if file.is_none() && !kind_included {
            return Ok(());
        }
        let mut v = json!({
            "id": p.id,
            "owner": p.owner,
            "media": p.media.as_str(),
            "flickr": p.item,
            "file": file_json(file.as_ref()),
            "albums": in_albums.get(&p.id).cloned().unwrap_or_default(),
            "galleries": in_galleries.get(&p.id).cloned().unwrap_or_default(),
            "favorite": faved.contains(p.id.as_str()),
            "deleted_on_flickr": p.deleted,
        });
        if let (Value::Object(m), Value::Object(d)) = (&mut v, &p.details) {
            for (k, x) in d {
                m.insert(k.clone(), x.clone());
            }
        }
        if ctx
            .tree
            .write_if_changed(&sidecar_path(p, file.as_ref()), &pretty(&v))?
        {
            written += 1;
        }
        Ok(())
    })?;
    let entry = |id: &String| -> Result<Value> {
        let db = ctx.db();
        let (p, f) = (db.photo(id)?, db.file(id)?);
        Ok(json!({
            "id": id,
            "title": p.as_ref().and_then(|p| p.item.get("title").cloned()),
            "file": f.as_ref().map(|f| f.path.clone()),
            "sidecar": p.as_ref().map(|p| sidecar_path(p, f.as_ref())),
            "deleted_on_flickr": p.as_ref().is_none_or(|p| p.deleted),
        }))
    };
    let entries =
        |members: &[String]| -> Result<Vec<Value>> { members.iter().map(entry).collect() };
    for (sets, manifest) in [
        (&albums, layout::album_manifest as fn(&str) -> String),
        (&galleries, layout::gallery_manifest),
    ] {
        for s in sets {
            let v = json!({
                "id": s.id,
                "flickr": s.info,
                "photos": entries(&s.members)?,
                "deleted_on_flickr": s.deleted,
            });
            if ctx.tree.write_if_changed(&manifest(&s.id), &pretty(&v))? {
                written += 1;
            }
        }
    }
    for f in &favorites {
        let v = json!({
            "user": f.id,
            "photos": entries(&f.members)?,
        });
        if ctx.tree.write_if_changed(layout::FAVORITES, &pretty(&v))? {
            written += 1;
        }
    }
    if let Some(t) = tree {
        let manifests: BTreeMap<&str, String> = albums
            .iter()
            .map(|a| (a.id.as_str(), layout::album_manifest(&a.id)))
            .collect();
        let mut tree = t.info.clone();
        link_albums(&mut tree, &manifests);
        if ctx
            .tree
            .write_if_changed(layout::COLLECTIONS, &pretty(&tree))?
        {
            written += 1;
        }
    }
    Ok(written)
}

/// Adds each album's manifest path to the collection tree.
fn link_albums(v: &mut Value, manifests: &BTreeMap<&str, String>) {
    match v {
        Value::Object(m) => {
            if let (Some(id), true) = (
                m.get("id").and_then(Value::as_str).map(str::to_owned),
                m.contains_key("title"),
            ) {
                if let Some(path) = manifests.get(id.as_str()) {
                    m.insert("manifest".to_owned(), Value::from(path.clone()));
                }
            }
            for x in m.values_mut() {
                link_albums(x, manifests);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| link_albums(x, manifests)),
        _ => {}
    }
}
