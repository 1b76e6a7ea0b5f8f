//! What a person reads beside the files: a JSON sidecar per photo (what
//! the list calls returned, the file kept and, when it is not the original,
//! why; albums, galleries, favorite, video streams, EXIF, comments, info,
//! people and contexts when included, and whether it was deleted on
//! Flickr), an XMP sidecar beside each media file ([`crate::xmp`]), each
//! media file's date ([`crate::mtime`]), and manifests for albums, galleries, favorites and
//! the collection tree. All are written by the tree ([`crate::tree`]):
//! atomically and only when their content changed; their content depends only
//! on the state, so an interrupted and resumed backup writes the same bytes
//! as an uninterrupted one.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{json, Value};

use serde::Serialize;

use crate::choose::not_original_reason;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::events::{Event, Stage};
use crate::layout;
use crate::photo_meta::taken_text;
use crate::state::{DocumentSets, FileRow, FileStatus, MediaKind, PhotoRow, SetRow};
use crate::{mtime, xmp};

/// A photo whose kept file is not its original, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct NotOriginal {
    /// Photo id.
    pub photo: String,
    /// The size suffix (or video stream kind) kept.
    pub size_kept: String,
    /// Why not the original.
    pub reason: String,
}

/// An album or gallery a photo is in, as its sidecar lists it.
#[derive(Debug, Clone, Serialize)]
struct Membership {
    id: String,
    title: Option<String>,
}

/// What the sidecar stage did.
#[derive(Debug, Default)]
pub(crate) struct Documents {
    /// Sidecars (JSON and XMP) and manifests written.
    pub documents: u64,
    /// Files whose kept size is not the original.
    pub not_original: Vec<NotOriginal>,
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The sidecar path of a photo: its file's path with `.json`.
fn sidecar_path(p: &PhotoRow, file: Option<&FileRow>) -> String {
    match file {
        Some(f) => layout::json_sidecar(&f.path),
        None => {
            let taken = taken_text(&p.item);
            format!(
                "{}.json",
                layout::photo_stem(p.own, &p.owner, &p.id, taken.as_deref())
            )
        }
    }
}

fn file_json(f: Option<&FileRow>, not_original: Option<&str>) -> Value {
    let mut v = match f {
        Some(f) if f.status == FileStatus::Done => json!({
            "path": f.path, "size_variant": f.variant, "url": f.url,
            "bytes": f.size, "sha256": f.sha256,
        }),
        Some(f) => json!({
            "path": f.path, "size_variant": f.variant, "url": f.url,
            "missing": f.error.clone().unwrap_or_else(|| "not downloaded yet".to_owned()),
        }),
        None => Value::Null,
    };
    if let (Value::Object(m), Some(why)) = (&mut v, not_original) {
        m.insert("not_original".to_owned(), Value::from(why));
    }
    // Taken from Flickr's export rather than downloaded: which zip and member.
    // (A listing's file is the one its URL names, as a download's is: the
    // local path it was copied from is the producer's, not the library's.)
    let origin = f
        .and_then(|f| f.origin.as_deref())
        .filter(|o| !crate::listing::is_origin(o));
    if let (Value::Object(m), Some(origin)) = (&mut v, origin) {
        m.insert("from_export".to_owned(), Value::from(origin));
    }
    v
}

/// The XMP sidecar beside `file` (when it is in the tree) and the file's
/// date. Returns whether the sidecar was written.
fn media_extras(ctx: &Ctx, p: &PhotoRow, file: &FileRow, cx: &xmp::Context) -> Result<bool> {
    if file.status != FileStatus::Done {
        return Ok(false);
    }
    if let Some(t) = mtime::file_time(&p.item) {
        ctx.tree.date_file(&file.path, t)?;
    }
    let rel = layout::xmp_sidecar(&file.path);
    let bytes = xmp::packet(&xmp::facts(p, cx)).map_err(|e| {
        Error::io(
            "cannot build the XMP sidecar",
            layout::resolve(ctx.tree.root(), &rel),
            e,
        )
    })?;
    ctx.tree.write_if_changed(&rel, &bytes)
}

/// Writes every sidecar and manifest that changed, and dates the media
/// files; returns how many documents were written and which files are not
/// originals. Photos are read a batch at a time; set memberships (ids only)
/// are the one thing held for the whole account.
pub(crate) fn write_all(ctx: &Ctx) -> Result<Documents> {
    ctx.emit(Event::Stage {
        stage: Stage::Writing,
    });
    let DocumentSets {
        albums,
        galleries,
        favorites,
        tree,
    } = ctx.db().document_sets()?;
    let memberships = |sets: &[SetRow]| {
        let mut map: HashMap<String, Vec<Membership>> = HashMap::new();
        for set in sets {
            for m in &set.members {
                map.entry(m.clone()).or_default().push(Membership {
                    id: set.id.clone(),
                    title: set.info.title().map(str::to_owned),
                });
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
    let mut not_original = Vec::new();
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
        let why = file.as_ref().and_then(|f| {
            not_original_reason(
                &p.item,
                p.media == MediaKind::Video,
                &f.variant,
                &ctx.opts.size,
            )
        });
        if let (Some(f), Some(reason)) = (&file, &why) {
            not_original.push(NotOriginal {
                photo: p.id.clone(),
                size_kept: f.variant.clone(),
                reason: reason.clone(),
            });
        }
        let mut v = json!({
            "id": p.id,
            "owner": p.owner,
            "media": p.media.as_str(),
            "flickr": p.item,
            "file": file_json(file.as_ref(), why.as_deref()),
            "albums": in_albums.get(&p.id).cloned().unwrap_or_default(),
            "galleries": in_galleries.get(&p.id).cloned().unwrap_or_default(),
            "favorite": faved.contains(p.id.as_str()),
            "deleted_on_flickr": p.deleted,
        });
        if let (Value::Object(m), Value::Object(d)) = (&mut v, p.details.to_json()) {
            m.extend(d);
        }
        if ctx
            .tree
            .write_if_changed(&sidecar_path(p, file.as_ref()), &pretty(&v))?
        {
            written += 1;
        }
        if let Some(f) = &file {
            let cx = xmp::Context {
                albums: in_albums
                    .get(&p.id)
                    .into_iter()
                    .flatten()
                    .map(|m| (m.id.clone(), m.title.clone().unwrap_or_default()))
                    .collect(),
                favorite: faved.contains(p.id.as_str()),
                not_original: why.map(|w| (f.variant.clone(), w)),
            };
            if media_extras(ctx, p, f, &cx)? {
                written += 1;
            }
        }
        Ok(())
    })?;
    let entry = |id: &String| -> Result<Value> {
        let db = ctx.db();
        let (p, f) = (db.photo(id)?, db.file(id)?);
        Ok(json!({
            "id": id,
            "title": p.as_ref().and_then(|p| p.item.title.clone()),
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
                "flickr": s.info.to_json(),
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
        let mut tree = t.info.to_json();
        link_albums(&mut tree, &manifests);
        if ctx
            .tree
            .write_if_changed(layout::COLLECTIONS, &pretty(&tree))?
        {
            written += 1;
        }
    }
    Ok(Documents {
        documents: written,
        not_original,
    })
}

/// Adds each album's manifest path to the collection tree's document: an
/// edit of the JSON written, by the names that document has (every node
/// with an `id` and a `title` whose id is an album's).
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
