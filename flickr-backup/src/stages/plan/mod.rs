//! Which file each photo should have, and what that means for the tree:
//! nothing (already complete), a move (the date taken changed), or a
//! download (new, replaced on Flickr, or not complete yet). Planning reads
//! the tree and changes nothing in it: the downloads are recorded in the
//! state (`Pending` for this run, read back a page at a time so memory stays
//! flat), the moves are returned, and the run applies both.

mod target;

use target::same_file;
pub(crate) use target::{api_target, original_variant, path_for, target, wanted, Target};

use crate::ctx::Ctx;
use crate::error::Result;
use crate::state::{FileRow, FileStatus, MediaKind};
use crate::tree::Move;

/// What the planning found.
#[derive(Debug, Default)]
pub(crate) struct FilePlan {
    /// Files to download (recorded `Pending` for this run in the state).
    pub to_fetch: u64,
    /// Files already complete.
    pub complete: u64,
    /// Photos without a file to fetch, and why.
    pub unavailable: Vec<(String, String)>,
    /// Dry run: videos whose stream a real run asks for first, then fetches.
    pub awaiting_streams: u64,
    /// Complete files to move (counted in `complete`).
    pub moves: Vec<Move>,
    /// Photos whose complete file was not the original and whose original
    /// Flickr now lists: fetched to replace it.
    pub originals_now_listed: Vec<String>,
}

/// What to do about one photo's file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FileAction {
    /// Nothing: complete where it belongs.
    Keep,
    /// Complete, at a path that changed: move it.
    Move(Move),
    /// Complete at its new path already (moved before a crash): record the path.
    Adopt(FileRow),
    /// Download it (the row is `Pending`).
    Fetch(FileRow),
}

/// What to do about a photo whose file should be `t` at `path`, given its
/// file row `known` and `holds` (whether the tree has a file of that size
/// at a path). Pure: the same inputs, the same answer.
fn decide(
    known: Option<FileRow>,
    photo_id: &str,
    t: Target,
    path: String,
    holds: impl Fn(&str, Option<i64>) -> bool,
) -> FileAction {
    let fresh = |old_path| FileRow {
        photo_id: photo_id.to_owned(),
        url: t.url.clone(),
        variant: t.variant.clone(),
        path: path.clone(),
        status: FileStatus::Pending,
        size: None,
        sha256: None,
        tmp: None,
        old_path,
        error: None,
        origin: t.origin.clone(),
    };
    let Some(f) = known else {
        return FileAction::Fetch(fresh(None));
    };
    let done = f.status == FileStatus::Done;
    if !same_file(&f, &t) {
        // Replaced on Flickr: fetch the new file; the old one goes once it is in place.
        let old_path = if done && f.path != path {
            Some(f.path)
        } else {
            f.old_path
        };
        return FileAction::Fetch(fresh(old_path));
    }
    if !done {
        let row = FileRow {
            status: FileStatus::Pending,
            path,
            url: t.url,
            variant: t.variant,
            origin: t.origin,
            ..f
        };
        return FileAction::Fetch(row);
    }
    if holds(&f.path, f.size) {
        if f.path == path {
            return FileAction::Keep;
        }
        return FileAction::Move(Move {
            photo_id: f.photo_id,
            from: f.path,
            to: path,
        });
    }
    if f.path != path && holds(&path, f.size) {
        return FileAction::Adopt(FileRow { path, ..f });
    }
    // Gone or resized since it was downloaded: fetch it again.
    FileAction::Fetch(FileRow {
        status: FileStatus::Pending,
        path,
        error: Some("missing or changed in the tree".to_owned()),
        url: t.url,
        variant: t.variant,
        origin: t.origin,
        ..f
    })
}

/// Plans every file: records the downloads for this run in the state and
/// returns the moves. Touches nothing in the tree.
pub(crate) fn plan(ctx: &Ctx) -> Result<FilePlan> {
    let mut plan = FilePlan::default();
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
        let t = match target(ctx, p) {
            Ok(t) => t,
            Err(_)
                if ctx.opts.dry_run
                    && p.media == MediaKind::Video
                    && p.details.streams.is_none() =>
            {
                plan.awaiting_streams += 1;
                return Ok(());
            }
            Err(reason) => {
                plan.unavailable.push((p.id.clone(), reason));
                return Ok(());
            }
        };
        let path = path_for(p, &t);
        let known = ctx.db().file(&p.id)?;
        let original = original_variant(p.media);
        let was_not_original = known
            .as_ref()
            .is_some_and(|k| k.status == FileStatus::Done && k.variant != original);
        let heals = was_not_original && t.variant == original;
        match decide(known, &p.id, t, path, |rel, size| ctx.tree.holds(rel, size)) {
            FileAction::Keep => plan.complete += 1,
            FileAction::Move(m) => {
                plan.complete += 1;
                plan.moves.push(m);
            }
            FileAction::Adopt(row) => {
                plan.complete += 1;
                writes.push((row, false));
            }
            FileAction::Fetch(row) => {
                if heals {
                    plan.originals_now_listed.push(p.id.clone());
                }
                plan.to_fetch += 1;
                writes.push((row, true));
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

#[cfg(test)]
mod tests;
