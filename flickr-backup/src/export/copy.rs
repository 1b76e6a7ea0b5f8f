//! The files stage of an export: each planned file is copied from its zip
//! member into the tree, hashed while copied, checked (the declared length,
//! the zip's checksum), fsync'd and renamed by the tree like a download. A
//! file whole by those checks that does not look like its format (a
//! 2004–2006 original truncated on Flickr itself) is kept, and reported:
//! the export's copy is the only one there is. Each zip is read front to back (one pass over the
//! disk), `jobs` zips at a time, so the files' fsyncs overlap. A member
//! that is corrupt or cut short is reported by name and skipped: nothing
//! of it lands in the tree. When the run has credentials, such a file is
//! downloaded instead.

use std::collections::HashMap;
use std::sync::Mutex;

use super::sources::{ExportProblem, Opened};
use super::Export;
use crate::check;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::events::{Event, Stage};
use crate::state::FileRow;

/// What the copying came to.
#[derive(Debug, Default)]
pub(crate) struct Copied {
    pub done: u64,
    pub bytes: u64,
    /// The export's problems met while copying: members that could not
    /// be copied and are not downloaded instead (the next run tries them
    /// again), and files kept that do not look like their format.
    pub failed: Vec<ExportProblem>,
}

/// A member that could not be copied.
struct Refusal<'a> {
    row: &'a FileRow,
    file: &'a str,
    member: Option<&'a str>,
    why: String,
}

/// The copying as its threads share it.
struct Shared<'a, F> {
    ctx: &'a Ctx,
    ex: &'a Export,
    fallback: F,
    by_entry: HashMap<usize, FileRow>,
    out: Mutex<Copied>,
    /// The first error that stops the run (the tree or state unusable).
    stop: Mutex<Option<Error>>,
}

impl<F: Fn(&str) -> Option<FileRow> + Sync> Shared<'_, F> {
    fn stopped(&self) -> bool {
        self.stop
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// Downloads the file instead when the run can, else records the member as the export's problem.
    fn refuse(&self, r: Refusal<'_>) -> Result<()> {
        let ctx = self.ctx;
        let at = format!("{} {}", r.file, r.member.unwrap_or_default());
        let at = at.trim();
        let photo = &r.row.photo_id;
        if let Some(row) = (self.fallback)(photo) {
            ctx.db().batch(|b| b.put_file(&row, Some(ctx.run)))?;
            ctx.emit(Event::Warning {
                message: format!("photo {photo}: {at} {}; downloading it instead", r.why),
            });
            return Ok(());
        }
        ctx.db().file_failed(photo, &format!("{at}: {}", r.why))?;
        ctx.emit(Event::FileFailed {
            photo: photo.clone(),
            reason: format!("{at}: {}", r.why),
        });
        self.out
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .failed
            .push(ExportProblem {
                file: r.file.to_owned(),
                member: r.member.map(str::to_owned),
                problem: format!(
                    "photo {photo}: {}; skipped (its file is not in the mirror)",
                    r.why
                ),
            });
        Ok(())
    }

    /// Copies the planned files of container `c`, front to back.
    fn container(&self, c: usize, entries: &[usize]) -> Result<()> {
        let ctx = self.ctx;
        let container = &self.ex.inventory.containers[c];
        let mut opened = Opened::open(container).ok();
        for &i in entries {
            if self.stopped() {
                return Ok(());
            }
            let f = &self.by_entry[&i];
            let entry = &self.ex.inventory.entries[i];
            let copied = match opened.as_mut() {
                None => Err("the zip cannot be opened now".to_owned()),
                Some(o) => match o.with(entry, |r| Ok(ctx.tree.copy_in(f, r, entry.size))) {
                    Ok(Ok(inner)) => inner,
                    Ok(Err(stop)) => return Err(stop),
                    Err(e) => Err(format!("cannot be opened ({e})")),
                },
            };
            let got = match copied {
                Ok(got) => got,
                Err(why) => {
                    self.refuse(Refusal {
                        row: f,
                        file: &container.name,
                        member: Some(&entry.name),
                        why,
                    })?;
                    continue;
                }
            };
            // Whole and as the zip's checksum says: the export's copy is the
            // best there is, even when it does not look like its format.
            let ext = f.path.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
            if let Err(why) = check::signature(ext, &got.edges.head, &got.edges.tail) {
                self.out.lock().unwrap_or_else(|e| e.into_inner()).failed.push(ExportProblem {
                    file: container.name.clone(),
                    member: Some(entry.name.clone()),
                    problem: format!(
                        "photo {}: {why}; kept as the export has it (an original truncated on Flickr itself, or misnamed)",
                        f.photo_id
                    ),
                });
            }
            let ready = got.ready;
            let bytes = ready.size;
            ctx.tree.place(&ctx.state, f, ready)?;
            ctx.emit(Event::FileDone {
                photo: f.photo_id.clone(),
                path: f.path.clone(),
                bytes,
            });
            let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
            out.done += 1;
            out.bytes += bytes;
        }
        Ok(())
    }
}

/// Copies the files planned from the export, `jobs` zips at a time.
/// `fallback` gives, for a photo whose member fails, the file to download
/// instead (credentials given): its row is planned again from the URL.
pub(crate) fn copy_all(
    ctx: &Ctx,
    ex: &Export,
    fallback: impl Fn(&str) -> Option<FileRow> + Sync,
) -> Result<Copied> {
    let pending = ctx.db().pending_from_export(ctx.run)?;
    if pending.is_empty() {
        return Ok(Copied::default());
    }
    ctx.emit(Event::Stage {
        stage: Stage::Files,
    });
    let mut by_entry = HashMap::new();
    let mut elsewhere = Vec::new();
    for f in pending {
        match ex.media.get(&f.photo_id) {
            Some(&i) if ex.origin(&f.photo_id) == f.origin => {
                by_entry.insert(i, f);
            }
            _ => elsewhere.push(f),
        }
    }
    let work = ex.by_container(by_entry.keys().copied().collect::<Vec<_>>());
    let shared = Shared {
        ctx,
        ex,
        fallback,
        by_entry,
        out: Mutex::new(Copied::default()),
        stop: Mutex::new(None),
    };
    for f in &elsewhere {
        shared.refuse(Refusal {
            row: f,
            file: f.origin.as_deref().unwrap_or_default(),
            member: None,
            why: "not in the export given to this run".to_owned(),
        })?;
    }
    let queue = Mutex::new(work.into_iter());
    std::thread::scope(|s| {
        for _ in 0..ctx.opts.jobs.clamp(1, 16) {
            s.spawn(|| loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((c, entries)) = next else { break };
                if let Err(e) = shared.container(c, &entries) {
                    shared
                        .stop
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .get_or_insert(e);
                    break;
                }
            });
        }
    });
    if let Some(e) = shared.stop.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(e);
    }
    Ok(shared.out.into_inner().unwrap_or_else(|e| e.into_inner()))
}
