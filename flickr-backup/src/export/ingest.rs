//! The listing stage of an export: every `photo_<id>.json` (each part, in
//! any zip) becomes a photo row as the API's list item would have made it,
//! with its comments and the export's whole record; a media file without
//! metadata becomes a bare row (undated); `albums.json`, merged with the
//! albums each photo names, becomes the albums in their order; the
//! account's other files are kept as they are under `export/`. Rows are
//! written a batch at a time; the metadata is read a zip at a time, front
//! to back, so memory holds ids, not records.

use std::collections::{BTreeMap, HashSet};

use super::convert::{self, MediaFacts};
use super::records::{AlbumRecord, AlbumsFile, PhotoRecord};
use super::report::{AlbumGap, ExportReport};
use super::sources::{ExportProblem, Opened};
use super::{names, Export};
use crate::ctx::{Ctx, BATCH};
use crate::error::{Error, Result};
use crate::state::{Details, Listing, MediaKind, SetInfo, SetKind, SetRow};

/// Reads the export into the state as seen in run `seen` (this run when the
/// export is the only source; 0 when the API lists the account after it, so
/// what the API no longer lists is flagged deleted). Returns the report so far.
pub(crate) fn ingest(ctx: &Ctx, ex: &Export, seen: i64) -> Result<ExportReport> {
    let owner = ctx.nsid.as_str();
    let mut report = ExportReport {
        read: ex.inventory.read(),
        media_files: ex.media.len() as u64,
        no_metadata: ex.no_metadata.clone(),
        duplicates: ex.duplicates.clone(),
        ..ExportReport::default()
    };
    let mut problems: Vec<ExportProblem> = Vec::new();
    // Album id → (title, photos naming it, in id order).
    let mut named: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    let mut read_ok: HashSet<String> = HashSet::new();
    let mut rows: Vec<(String, MediaKind, flickr_sdk::types::Photo, Details)> = Vec::new();
    let flush =
        |rows: &mut Vec<(String, MediaKind, flickr_sdk::types::Photo, Details)>| -> Result<()> {
            ctx.db().batch(|b| {
                for (id, media, item, details) in rows.iter() {
                    let listing = Listing {
                        id,
                        owner,
                        own: true,
                        media: *media,
                        item,
                        last_update: None,
                    };
                    b.put_export_photo(seen, listing, details)?;
                }
                Ok(())
            })?;
            rows.clear();
            Ok(())
        };
    for (c, entries) in ex.by_container(ex.meta.values().copied()) {
        let container = &ex.inventory.containers[c];
        let mut opened = match Opened::open(container) {
            Ok(o) => o,
            Err(e) => {
                problems.push(problem(
                    &container.name,
                    None,
                    format!("cannot be read ({e}); its metadata is skipped"),
                ));
                continue;
            }
        };
        for i in entries {
            let entry = &ex.inventory.entries[i];
            let record: std::result::Result<PhotoRecord, String> = ex
                .read_bytes(&mut opened, i)
                .map_err(|e| format!("cannot be read ({e})"))
                .and_then(|b| {
                    serde_json::from_slice(&b)
                        .map_err(|e| format!("does not read as a photo's metadata ({e})"))
                });
            let mut record = match record {
                Ok(r) => r,
                Err(why) => {
                    problems.push(problem(
                        &container.name,
                        Some(&entry.name),
                        format!("{why}; the photo is kept without it"),
                    ));
                    continue;
                }
            };
            let id = record.id.clone();
            if !read_ok.insert(id.clone()) {
                continue;
            }
            for a in &record.albums {
                if let Some(aid) = a.id.as_deref().filter(|a| *a != "0") {
                    let slot = named
                        .entry(aid.to_owned())
                        .or_insert_with(|| (a.title.clone().unwrap_or_default(), Vec::new()));
                    slot.1.push(id.clone());
                }
            }
            let facts = ex.facts(&id).unwrap_or_else(|| MediaFacts {
                media: convert::media_without_file(&record),
                ext: None,
            });
            let item = convert::list_item(&record, owner, &facts).map_err(|e| {
                Error::internal(
                    format!("photo {id}: the export's record does not make a list item"),
                    e,
                )
            })?;
            let comments = convert::comments(&record.comments);
            record.comments.clear();
            let details = Details {
                comments: (!comments.is_empty()).then_some(comments),
                export: Some(record),
                ..Details::default()
            };
            rows.push((id, facts.media, item, details));
            if rows.len() >= BATCH {
                flush(&mut rows)?;
            }
        }
    }
    // Files whose metadata is absent (or did not read): bare rows, undated.
    for (id, _) in ex.media.iter().filter(|(id, _)| !read_ok.contains(*id)) {
        let Some(facts) = ex.facts(id) else { continue };
        let item = convert::bare_item(id, owner, &facts).map_err(|e| {
            Error::internal(format!("photo {id}: no list item from its file's name"), e)
        })?;
        rows.push((id.clone(), facts.media, item, Details::default()));
        if !ex.no_metadata.contains(id) {
            report.no_metadata.push(id.clone());
        }
        if rows.len() >= BATCH {
            flush(&mut rows)?;
        }
    }
    flush(&mut rows)?;
    report.photos = read_ok.len() as u64;
    report.missing_media = read_ok
        .iter()
        .filter(|id| !ex.media.contains_key(*id))
        .cloned()
        .collect();
    report
        .missing_media
        .sort_by(|a, b| (a.len(), a).cmp(&(b.len(), b)));
    report
        .no_metadata
        .sort_by(|a, b| (a.len(), a).cmp(&(b.len(), b)));
    let known = |id: &str| read_ok.contains(id) || ex.media.contains_key(id);
    report.albums_missing_photos = albums(ctx, ex, seen, named, &known, &mut problems)?;
    if !ctx.opts.dry_run {
        report.account_files = keep_account_files(ctx, ex, &mut problems)?;
    }
    report.problems = ex.inventory.problems.clone();
    report.problems.extend(problems);
    Ok(report)
}

fn problem(file: &str, member: Option<&str>, why: String) -> ExportProblem {
    ExportProblem {
        file: file.to_owned(),
        member: member.map(str::to_owned),
        problem: why,
    }
}

/// Writes the albums: `albums.json`'s order, without `"0"` and the
/// catch-all lists, then the photos that name an album it does not list
/// them in; albums only photos name come after. Returns the albums naming
/// photos the export lacks.
fn albums(
    ctx: &Ctx,
    ex: &Export,
    seen: i64,
    mut named: BTreeMap<String, (String, Vec<String>)>,
    known: &dyn Fn(&str) -> bool,
    problems: &mut Vec<ExportProblem>,
) -> Result<Vec<AlbumGap>> {
    let mut listed: Vec<AlbumRecord> = Vec::new();
    for &i in &ex.album_files {
        let e = &ex.inventory.entries[i];
        let file = &ex.inventory.containers[e.container].name;
        match ex.read_json::<AlbumsFile>(i) {
            Ok(f) => listed.extend(f.albums),
            Err(why) => problems.push(problem(
                file,
                Some(&e.name),
                format!("does not read as albums ({why}); skipped"),
            )),
        }
    }
    let mut sets: Vec<(AlbumRecord, Vec<String>)> = Vec::new();
    let mut seen_ids = HashSet::new();
    for a in listed {
        if convert::is_catch_all(&a) {
            continue;
        }
        let Some(id) = a.id.clone().filter(|i| !i.is_empty() && i != "0") else {
            continue;
        };
        if !seen_ids.insert(id.clone()) {
            continue;
        }
        let mut members: Vec<String> = Vec::new();
        let mut have = HashSet::new();
        for p in &a.photos {
            if p != "0" && have.insert(p.clone()) {
                members.push(p.clone());
            }
        }
        if let Some((_, extra)) = named.remove(&id) {
            for p in extra {
                if have.insert(p.clone()) {
                    members.push(p);
                }
            }
        }
        sets.push((a, members));
    }
    for (id, (title, members)) in named {
        let a = AlbumRecord {
            id: Some(id),
            title: Some(title),
            ..AlbumRecord::default()
        };
        sets.push((a, members));
    }
    let mut gaps = Vec::new();
    let owner = ctx.nsid.as_str();
    ctx.db().batch(|b| {
        for (a, members) in &sets {
            let id = a.id.clone().unwrap_or_default();
            let set = convert::photoset(a, &id, owner, members).map_err(|e| {
                Error::internal(
                    format!("album {id}: no photoset from the export's record"),
                    e,
                )
            })?;
            let missing: Vec<String> = members.iter().filter(|m| !known(m)).cloned().collect();
            if !missing.is_empty() {
                gaps.push(AlbumGap {
                    album: id.clone(),
                    title: crate::photo_meta::shown_title(a.title.as_deref()),
                    missing,
                });
            }
            b.upsert_set(
                seen,
                &SetRow {
                    kind: SetKind::Album,
                    id,
                    info: SetInfo::Album(set),
                    members: members.clone(),
                    stamp: None,
                    seen_run: seen,
                    deleted: false,
                },
            )?;
        }
        Ok(())
    })?;
    Ok(gaps)
}

/// Keeps the account's own files (profile, faves, contacts, comments the
/// member made, galleries, groups, mail…) under `export/`, as they are.
fn keep_account_files(
    ctx: &Ctx,
    ex: &Export,
    problems: &mut Vec<ExportProblem>,
) -> Result<Vec<String>> {
    let mut kept = Vec::new();
    let mut names_used = HashSet::new();
    for (c, entries) in ex.by_container(
        ex.account_files
            .iter()
            .copied()
            .chain(ex.album_files.iter().copied()),
    ) {
        let container = &ex.inventory.containers[c];
        let Ok(mut opened) = Opened::open(container) else {
            continue;
        };
        for i in entries {
            let e = &ex.inventory.entries[i];
            let base = names::base_name(&e.name);
            let safe: String = base
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || "._-".contains(c) {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            if safe.starts_with('.') || !names_used.insert(safe.clone()) {
                continue;
            }
            match ex.read_bytes(&mut opened, i) {
                Ok(bytes) => {
                    let rel = crate::layout::export_file(&safe);
                    ctx.tree.write_if_changed(&rel, &bytes)?;
                    kept.push(rel);
                }
                Err(why) => problems.push(problem(
                    &container.name,
                    Some(&e.name),
                    format!("cannot be read ({why}); not kept"),
                )),
            }
        }
    }
    kept.sort();
    Ok(kept)
}
