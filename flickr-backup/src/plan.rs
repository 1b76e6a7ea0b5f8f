//! Which file each photo should have, and what that means for the tree:
//! nothing (already complete), a move (the date taken changed), or a
//! download (new, replaced on Flickr, or not complete yet).

use std::path::Path;

use flickr_sdk::types::Photo;
use serde_json::Value;

use crate::choose::{pick_image, pick_stream, url_ext};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::layout;
use crate::state::{FileRow, PhotoRow};

/// What the planning found.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// Files to download (marked `pending` for this run in the state).
    pub to_fetch: u64,
    /// Files already complete.
    pub complete: u64,
    /// Photos without a file to fetch, and why.
    pub unavailable: Vec<(String, String)>,
    /// Dry run: videos whose stream a real run asks for first, then fetches.
    pub awaiting_streams: u64,
}

/// The media file photo `p` should have: (URL, size suffix or stream kind).
pub(crate) fn target(ctx: &Ctx, p: &PhotoRow) -> std::result::Result<(String, String), String> {
    if p.media == "video" {
        let streams: Vec<(String, String)> = p
            .details
            .get("streams")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| {
                        Some((
                            s.get("type")?.as_str()?.to_owned(),
                            s.get("url")?.as_str()?.to_owned(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        return pick_stream(&streams, &ctx.opts.size)
            .map(|(kind, url)| (url, kind))
            .ok_or_else(|| {
                "no video stream known (flickr.video.getStreamInfo failed or listed none; the next run asks again)"
                    .to_owned()
            });
    }
    let photo: Photo = serde_json::from_value(p.item.clone())
        .map_err(|e| format!("stored list item does not decode: {e}"))?;
    pick_image(&photo, &ctx.opts.size)
}

/// The path of photo `p`'s file (extension from its URL).
pub(crate) fn path_for(p: &PhotoRow, url: &str) -> String {
    let taken = p.item.get("datetaken").and_then(Value::as_str);
    format!(
        "{}.{}",
        layout::photo_stem(p.own, &p.owner, &p.id, taken),
        layout::safe_ext(&url_ext(url))
    )
}

/// Whether the run keeps a file of `p` at all.
pub(crate) fn wanted(ctx: &Ctx, p: &PhotoRow) -> bool {
    let inc = ctx.opts.include;
    !p.deleted
        && if p.media == "video" {
            inc.videos
        } else {
            inc.photos
        }
}

/// Plans every file; moves complete files whose path changed (not in a dry run).
pub(crate) fn plan(ctx: &Ctx) -> Result<Plan> {
    let mut plan = Plan::default();
    // (row, whether this run fetches it), written a batch at a time.
    let mut writes: Vec<(FileRow, bool)> = Vec::new();
    let run = ctx.run;
    let flush = |writes: &mut Vec<(FileRow, bool)>| -> Result<()> {
        ctx.db().batch(|b| {
            for (row, fetch) in writes.iter() {
                b.put_file(row, fetch.then_some(run))?;
            }
            Ok(())
        })?;
        writes.clear();
        Ok(())
    };
    ctx.each_photo(|p| {
        if !wanted(ctx, p) {
            return Ok(());
        }
        let (url, variant) = match target(ctx, p) {
            Ok(t) => t,
            Err(_)
                if ctx.opts.dry_run && p.media == "video" && p.details.get("streams").is_none() =>
            {
                plan.awaiting_streams += 1;
                return Ok(());
            }
            Err(reason) => {
                plan.unavailable.push((p.id.clone(), reason));
                return Ok(());
            }
        };
        let path = path_for(p, &url);
        let known = ctx.db().file(&p.id)?;
        let fresh = FileRow {
            photo_id: p.id.clone(),
            url: url.clone(),
            variant: variant.clone(),
            path: path.clone(),
            status: "pending".to_owned(),
            size: None,
            sha256: None,
            tmp: None,
            old_path: None,
            error: None,
        };
        match known {
            None => {
                writes.push((fresh, true));
                plan.to_fetch += 1;
            }
            Some(f) if f.url == url && f.status == "done" && !intact(&ctx.root, &f) => {
                // Gone or resized since it was downloaded: fetch it again.
                let row = FileRow {
                    status: "pending".to_owned(),
                    path,
                    error: Some("missing or changed in the tree".to_owned()),
                    ..f
                };
                writes.push((row, true));
                plan.to_fetch += 1;
            }
            Some(f) if f.url == url && f.status == "done" => {
                plan.complete += 1;
                if f.path != path {
                    if !ctx.opts.dry_run {
                        move_file(&ctx.root, &f.path, &path)?;
                    }
                    writes.push((FileRow { path, ..f }, false));
                }
            }
            Some(f) if f.url == url => {
                let row = FileRow {
                    status: "pending".to_owned(),
                    path,
                    ..f
                };
                writes.push((row, true));
                plan.to_fetch += 1;
            }
            Some(f) => {
                // Replaced on Flickr: fetch the new file; the old one goes once it is in place.
                let old_path = match f.status.as_str() {
                    "done" if f.path != path => Some(f.path),
                    _ => f.old_path,
                };
                let row = FileRow { old_path, ..fresh };
                writes.push((row, true));
                plan.to_fetch += 1;
            }
        }
        if writes.len() >= crate::ctx::BATCH {
            flush(&mut writes)?;
        }
        Ok(())
    })?;
    flush(&mut writes)?;
    Ok(plan)
}

/// Whether a complete file is still there with its recorded size (a stat;
/// `verify` reads the content).
fn intact(root: &Path, f: &FileRow) -> bool {
    std::fs::metadata(layout::resolve(root, &f.path)).is_ok_and(|m| Some(m.len() as i64) == f.size)
}

/// Moves a complete file within the mirror.
fn move_file(root: &Path, from: &str, to: &str) -> Result<()> {
    let (src, dst) = (layout::resolve(root, from), layout::resolve(root, to));
    if !src.exists() {
        // Gone meanwhile: `verify` reports it; the row keeps the new path.
        return Ok(());
    }
    if let Some(parent) = dst.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io("cannot create directory", parent, e))?;
    }
    std::fs::rename(&src, &dst).map_err(|e| Error::io("cannot move file to", &dst, e))?;
    crate::download::sync_dir(dst.parent().unwrap_or(root))
}
