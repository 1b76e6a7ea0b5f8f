//! The files stage of an export: each planned file is copied from its zip
//! member into the tree, a zip at a time and front to back (one pass over
//! the disk), hashed while copied, checked (the declared length, the zip's
//! checksum, the format's signature), fsync'd and renamed by the tree like
//! a download. A member that is corrupt or cut short is reported by name
//! and skipped: nothing of it lands in the tree. When the run has
//! credentials, such a file is downloaded instead.

use std::collections::HashMap;

use super::sources::{ExportProblem, Opened};
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
    /// The members that could not be copied and are not downloaded
    /// instead: the export's problems (the next run tries them again).
    pub failed: Vec<ExportProblem>,
}

/// A member that could not be copied.
struct Refusal<'a> {
    row: &'a FileRow,
    file: &'a str,
    member: Option<&'a str>,
    why: String,
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
    let refuse = |r: Refusal<'_>, out: &mut Copied| -> Result<()> {
        let at = format!("{} {}", r.file, r.member.unwrap_or_default());
        let photo = &r.row.photo_id;
        if let Some(row) = fallback(photo) {
            ctx.db().batch(|b| b.put_file(&row, Some(ctx.run)))?;
            ctx.emit(Event::Warning {
                message: format!(
                    "photo {photo}: {} {}; downloading it instead",
                    at.trim(),
                    r.why
                ),
            });
            return Ok(());
        }
        let reason = format!("{}: {}", at.trim(), r.why);
        ctx.db().file_failed(photo, &reason)?;
        ctx.emit(Event::FileFailed {
            photo: photo.clone(),
            reason,
        });
        out.failed.push(ExportProblem {
            file: r.file.to_owned(),
            member: r.member.map(str::to_owned),
            problem: format!(
                "photo {photo}: {}; skipped (its file is not in the mirror)",
                r.why
            ),
        });
        Ok(())
    };
    let mut by_entry: HashMap<usize, FileRow> = HashMap::new();
    let mut elsewhere = Vec::new();
    for f in pending {
        match ex.media.get(&f.photo_id) {
            Some(&i) if ex.origin(&f.photo_id) == f.origin => {
                by_entry.insert(i, f);
            }
            _ => elsewhere.push(f),
        }
    }
    for f in &elsewhere {
        let refusal = Refusal {
            row: f,
            file: f.origin.as_deref().unwrap_or_default(),
            member: None,
            why: "not in the export given to this run".to_owned(),
        };
        refuse(refusal, &mut out)?;
    }
    for (c, entries) in ex.by_container(by_entry.keys().copied().collect::<Vec<_>>()) {
        let container = &ex.inventory.containers[c];
        let mut opened = Opened::open(container).ok();
        for i in entries {
            let f = &by_entry[&i];
            let entry = &ex.inventory.entries[i];
            let copied = match opened.as_mut() {
                None => Err("the zip cannot be opened now".to_owned()),
                Some(o) => match o.with(entry, |r| Ok(ctx.tree.copy_in(f, r, entry.size))) {
                    Ok(Ok(inner)) => inner,
                    Ok(Err(stop)) => return Err(stop),
                    Err(e) => Err(format!("cannot be opened ({e})")),
                },
            };
            let ready = match copied {
                Ok(ready) => ready,
                Err(why) => {
                    let refusal = Refusal {
                        row: f,
                        file: &container.name,
                        member: Some(&entry.name),
                        why,
                    };
                    refuse(refusal, &mut out)?;
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
