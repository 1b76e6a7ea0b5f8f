//! The files stage of an export: each planned file is copied from its zip
//! member into the tree, a zip at a time and front to back (one pass over
//! the disk), hashed while copied, checked (the declared length, the zip's
//! checksum, the format's signature), fsync'd and renamed by the tree like
//! a download. A member that is corrupt or cut short is reported by name
//! and skipped: nothing of it lands in the tree. When the run has
//! credentials, such a file is downloaded instead.

use super::sources::Opened;
use super::Export;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::events::{Event, Stage};
use crate::state::FileRow;

/// What the copying came to.
#[derive(Debug, Default)]
pub(crate) struct Copied {
    pub done: u64,
    pub bytes: u64,
    /// (photo, reason) of the files that could not be copied and are not
    /// downloaded instead.
    pub failed: Vec<(String, String)>,
}

/// Copies the files planned from the export. `fallback` gives, for a photo
/// whose member fails, the file to download instead (credentials given):
/// its row is planned again from the URL.
pub(crate) fn copy_all(
    ctx: &Ctx,
    ex: &Export,
    fallback: impl Fn(&str) -> Option<FileRow>,
) -> Result<Copied> {
    let mut out = Copied::default();
    let pending = ctx.db().pending_from_export(ctx.run)?;
    if pending.is_empty() {
        return Ok(out);
    }
    ctx.emit(Event::Stage {
        stage: Stage::Files,
    });
    let failed = |ctx: &Ctx, f: &FileRow, why: String, out: &mut Copied| -> Result<()> {
        if let Some(row) = fallback(&f.photo_id) {
            ctx.db().batch(|b| b.put_file(&row, Some(ctx.run)))?;
            ctx.emit(Event::Warning {
                message: format!("photo {}: {why}; downloading it instead", f.photo_id),
            });
            return Ok(());
        }
        ctx.db().file_failed(&f.photo_id, &why)?;
        ctx.emit(Event::FileFailed {
            photo: f.photo_id.clone(),
            reason: why.clone(),
        });
        out.failed.push((f.photo_id.clone(), why));
        Ok(())
    };
    let mut by_entry = std::collections::HashMap::new();
    for f in pending {
        match ex.media.get(&f.photo_id) {
            Some(&i) if ex.origin(&f.photo_id).as_deref() == f.origin.as_deref() => {
                by_entry.insert(i, f);
            }
            _ => {
                let why = format!(
                    "{} is not in the export given to this run",
                    f.origin.as_deref().unwrap_or("its file")
                );
                failed(ctx, &f, why, &mut out)?;
            }
        }
    }
    for (c, entries) in ex.by_container(by_entry.keys().copied().collect::<Vec<_>>()) {
        let container = &ex.inventory.containers[c];
        let mut opened = Opened::open(container).ok();
        for i in entries {
            let f = &by_entry[&i];
            let entry = &ex.inventory.entries[i];
            let Some(o) = opened.as_mut() else {
                failed(
                    ctx,
                    f,
                    format!("{} cannot be opened now; skipped", container.name),
                    &mut out,
                )?;
                continue;
            };
            let copied = match o.with(entry, |r| Ok(ctx.tree.copy_in(f, r, entry.size))) {
                Ok(Ok(inner)) => inner,
                Ok(Err(stop)) => return Err(stop),
                Err(e) => Err(format!("cannot be opened ({e})")),
            };
            let ready = match copied {
                Ok(ready) => ready,
                Err(why) => {
                    let why = format!(
                        "member {} of {}: {why}; skipped",
                        entry.name, container.name
                    );
                    failed(ctx, f, why, &mut out)?;
                    continue;
                }
            };
            let bytes = ready.size;
            ctx.tree.place(&ctx.state, f, ready)?;
            ctx.emit(Event::FileDone {
                photo: f.photo_id.clone(),
                path: f.path.clone(),
                bytes,
            });
            out.done += 1;
            out.bytes += bytes;
        }
    }
    Ok(out)
}
