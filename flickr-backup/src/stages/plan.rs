//! Which file each photo should have, and what that means for the tree:
//! nothing (already complete), a move (the date taken changed), or a
//! download (new, replaced on Flickr, or not complete yet). Planning reads
//! the tree and changes nothing in it: the downloads are recorded in the
//! state (`Pending` for this run, read back a page at a time so memory stays
//! flat), the moves are returned, and the run applies both.

use crate::choose::{pick_image, pick_stream, url_ext};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::layout;
use crate::photo_meta::taken_text;
use crate::state::{FileRow, FileStatus, MediaKind, PhotoRow};
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

/// The file a photo should have: its URL (the address Flickr gives it),
/// size suffix or stream kind, and where it is taken from when not from
/// that URL (an export's member).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub url: String,
    pub variant: String,
    pub origin: Option<String>,
}

/// The variant that is the original: `o` for a photo, `orig` for a video.
pub(crate) fn original_variant(media: MediaKind) -> &'static str {
    if media == MediaKind::Video {
        "orig"
    } else {
        "o"
    }
}

/// The file photo `p` should have: the export's, when this run reads one
/// that holds it (the original, with no download); else the one Flickr lists.
pub(crate) fn target(ctx: &Ctx, p: &PhotoRow) -> std::result::Result<Target, String> {
    if let Some(ex) = &ctx.export {
        if let Some(origin) = ex.origin(&p.id).filter(|_| export_fits(ex, p)) {
            let url = match p.media {
                MediaKind::Video => api_target(ctx, p).map(|t| t.url).unwrap_or_default(),
                _ => p.item.url_o.clone().unwrap_or_default(),
            };
            return Ok(Target {
                url,
                variant: original_variant(p.media).to_owned(),
                origin: Some(origin),
            });
        }
        if ctx.offline {
            return Err(
                "not in the export's media files (give credentials to fetch it from Flickr)"
                    .to_owned(),
            );
        }
    }
    api_target(ctx, p)
}

/// Whether the export's file of photo `p` is the one Flickr lists now:
/// the same format, and for a photo the same original (its file name,
/// `ID_SECRET_o.EXT`: a photo replaced since the export has a new secret).
/// What Flickr does not say is taken on trust.
fn export_fits(ex: &crate::export::Export, p: &PhotoRow) -> bool {
    let norm = |f: &str| match f.to_ascii_lowercase().as_str() {
        "jpeg" => "jpg".to_owned(),
        other => other.to_owned(),
    };
    let ext = ex.facts(&p.id).and_then(|f| f.ext);
    if p.media == MediaKind::Photo {
        if let (Some(listed), Some(ext)) = (p.item.original_format.as_deref(), ext.as_deref()) {
            if norm(listed) != norm(ext) {
                return false;
            }
        }
        let name = |u: &str| {
            u.split(['?', '#'])
                .next()
                .unwrap_or_default()
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned()
        };
        let exported = p
            .details
            .export
            .as_ref()
            .and_then(|r| r.original.as_deref());
        if let (Some(listed), Some(exported)) = (p.item.url_o.as_deref(), exported) {
            return name(listed) == name(exported);
        }
    }
    true
}

/// The file Flickr lists for photo `p`.
pub(crate) fn api_target(ctx: &Ctx, p: &PhotoRow) -> std::result::Result<Target, String> {
    let (url, variant) = if p.media == MediaKind::Video {
        let streams = p.details.streams.as_deref().unwrap_or_default();
        pick_stream(streams, &ctx.opts.size)
            .map(|s| (s.url.clone(), s.kind.clone()))
            .ok_or_else(|| {
                "no video stream known (flickr.video.getStreamInfo failed or listed none; the next run asks again)"
                    .to_owned()
            })?
    } else {
        pick_image(&p.item, &ctx.opts.size)?
    };
    Ok(Target {
        url,
        variant,
        origin: None,
    })
}

/// The path of photo `p`'s file: its extension from the export's file
/// when it came from one, else from its URL.
pub(crate) fn path_for(p: &PhotoRow, t: &Target) -> String {
    let ext = match &t.origin {
        Some(o) => crate::export::names::extension(o)
            .or_else(|| p.item.original_format.clone())
            .unwrap_or_default(),
        None => url_ext(&t.url),
    };
    let taken = taken_text(&p.item);
    format!(
        "{}.{}",
        layout::photo_stem(p.own, &p.owner, &p.id, taken.as_deref()),
        layout::safe_ext(&ext)
    )
}

/// Whether the file kept as `known` is the file `t` names: the same URL;
/// or, when one came from an export, both the original and (for a photo)
/// the same original file name (`ID_SECRET_o.jpg`: a photo replaced on
/// Flickr since has a new secret).
fn same_file(known: &FileRow, t: &Target) -> bool {
    if known.url == t.url {
        return true;
    }
    let from_export = known.origin.is_some() || t.origin.is_some();
    let original = known.variant == t.variant && (t.variant == "o" || t.variant == "orig");
    let name = |u: &str| {
        u.split(['?', '#'])
            .next()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let same_name = t.variant == "orig"
        || known.url.is_empty()
        || t.url.is_empty()
        || name(&known.url) == name(&t.url);
    from_export && original && same_name
}

/// Whether the run keeps a file of `p` at all: a photo deleted on Flickr
/// keeps what it has, and takes its file from an export that holds it.
pub(crate) fn wanted(ctx: &Ctx, p: &PhotoRow) -> bool {
    let inc = ctx.opts.include;
    let kind = if p.media == MediaKind::Video {
        inc.videos
    } else {
        inc.photos
    };
    let in_export = ctx
        .export
        .as_ref()
        .is_some_and(|ex| ex.media.contains_key(&p.id));
    kind && (!p.deleted || in_export)
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
        let was_capped = known
            .as_ref()
            .is_some_and(|k| k.status == FileStatus::Done && k.variant != original);
        let heals = was_capped && t.variant == original;
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
mod tests {
    use super::*;

    const NEW: &str = "photos/2024/05/31/1.jpg";
    const OLD: &str = "photos/undated/1.jpg";

    fn known(status: FileStatus, url: &str, path: &str) -> FileRow {
        FileRow {
            photo_id: "1".into(),
            url: url.into(),
            variant: "o".into(),
            path: path.into(),
            status,
            size: Some(10),
            sha256: Some("ab".into()),
            tmp: None,
            old_path: None,
            error: None,
            origin: None,
        }
    }

    /// `decide` for a file that should be `u1` at `NEW`, with a tree
    /// holding complete files at `present`.
    fn decide_with(known: Option<FileRow>, present: &[&str]) -> FileAction {
        decide(
            known,
            "1",
            Target {
                url: "u1".into(),
                variant: "o".into(),
                origin: None,
            },
            NEW.into(),
            |rel, size| present.contains(&rel) && size == Some(10),
        )
    }

    #[test]
    fn a_new_photo_is_fetched() {
        let FileAction::Fetch(row) = decide_with(None, &[]) else {
            panic!("not fetched")
        };
        assert_eq!((row.url.as_str(), row.path.as_str()), ("u1", NEW));
        assert_eq!(row.status, FileStatus::Pending);
        assert_eq!(row.old_path, None);
    }

    #[test]
    fn a_complete_file_is_kept_moved_or_adopted() {
        let done = |path| Some(known(FileStatus::Done, "u1", path));
        assert_eq!(decide_with(done(NEW), &[NEW]), FileAction::Keep);
        assert_eq!(
            decide_with(done(OLD), &[OLD]),
            FileAction::Move(Move {
                photo_id: "1".into(),
                from: OLD.into(),
                to: NEW.into()
            })
        );
        // Moved before a kill, the new path not yet recorded: no download.
        let FileAction::Adopt(row) = decide_with(done(OLD), &[NEW]) else {
            panic!("not adopted")
        };
        assert_eq!((row.path.as_str(), row.status), (NEW, FileStatus::Done));
    }

    #[test]
    fn a_missing_file_an_unfinished_one_and_a_replaced_one_are_fetched() {
        let FileAction::Fetch(row) = decide_with(Some(known(FileStatus::Done, "u1", NEW)), &[])
        else {
            panic!("a missing file is not fetched")
        };
        assert_eq!(row.error.as_deref(), Some("missing or changed in the tree"));
        for status in [FileStatus::Pending, FileStatus::Placing, FileStatus::Failed] {
            let FileAction::Fetch(row) = decide_with(Some(known(status, "u1", OLD)), &[OLD]) else {
                panic!("{status:?} is not fetched")
            };
            assert_eq!((row.status, row.path.as_str()), (FileStatus::Pending, NEW));
        }
        // Replaced on Flickr: the complete old version goes once the new one is in place.
        let FileAction::Fetch(row) = decide_with(Some(known(FileStatus::Done, "u0", OLD)), &[OLD])
        else {
            panic!("a replaced file is not fetched")
        };
        assert_eq!((row.url.as_str(), row.size), ("u1", None));
        assert_eq!(row.old_path.as_deref(), Some(OLD));
        // Replaced again before the first replacement landed: the old path is kept.
        let mut pending = known(FileStatus::Pending, "u0", NEW);
        pending.old_path = Some(OLD.into());
        let FileAction::Fetch(row) = decide_with(Some(pending), &[]) else {
            panic!("not fetched")
        };
        assert_eq!(row.old_path.as_deref(), Some(OLD));
    }
}
