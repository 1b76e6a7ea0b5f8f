//! The files stage of a listing: each planned file is copied from its
//! local file into the tree like a download lands there: to a temporary
//! name, hashed while copied, its length and format checked, fsync'd and
//! renamed by the tree. Copied, never linked: the producer may delete or
//! reuse its files once the library is written. A file that is missing,
//! unreadable, changes while copied or does not look like its format is
//! reported by photo and path and skipped (nothing of it lands in the
//! tree; the next run tries again), never stopping the run. `jobs` files
//! at a time, so their fsyncs overlap.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Mutex;

use crate::check;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::events::{Event, Stage};
use crate::report::Failure;
use crate::state::FileRow;

/// What the copying came to.
#[derive(Debug, Default)]
pub(crate) struct Copied {
    pub done: u64,
    pub bytes: u64,
    /// The files that could not be copied, by photo, with their path.
    pub failed: Vec<Failure>,
}

/// The bytes at the two ends of the file at `path` (its format's signature).
fn edges(file: &mut std::fs::File, len: u64) -> std::io::Result<check::Edges> {
    let mut e = check::Edges::default();
    let mut head = vec![0u8; (len as usize).min(check::EDGE)];
    file.read_exact(&mut head)?;
    e.push(&head);
    if len > check::EDGE as u64 {
        let from = len
            .saturating_sub(check::EDGE as u64)
            .max(check::EDGE as u64);
        file.seek(SeekFrom::Start(from))?;
        let mut tail = Vec::new();
        file.read_to_end(&mut tail)?;
        e.push(&tail);
    }
    file.seek(SeekFrom::Start(0))?;
    Ok(e)
}

/// Copies one file; `Ok(Err(why))` when its local file will not do.
fn copy_one(ctx: &Ctx, f: &FileRow, path: &Path) -> Result<std::result::Result<u64, String>> {
    let opened = std::fs::File::open(path).and_then(|file| {
        let len = file.metadata()?.len();
        Ok((file, len))
    });
    let (mut file, len) = match opened {
        Ok(o) => o,
        Err(e) => return Ok(Err(format!("cannot be read ({e})"))),
    };
    let ext = f.path.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    match edges(&mut file, len) {
        Err(e) => return Ok(Err(format!("cannot be read ({e})"))),
        Ok(e) => {
            if let Err(why) = check::signature(ext, &e.head, &e.tail) {
                return Ok(Err(why));
            }
        }
    }
    let got = match ctx.tree.copy_in(f, &mut file, len)? {
        Ok(got) => got,
        Err(why) => return Ok(Err(why)),
    };
    let bytes = got.ready.size;
    ctx.tree.place(&ctx.state, f, got.ready)?;
    Ok(Ok(bytes))
}

/// Copies the files planned from the listing in this run, `jobs` at a time.
pub(crate) fn copy_all(ctx: &Ctx) -> Result<Copied> {
    let Some(index) = &ctx.listing else {
        return Ok(Copied::default());
    };
    let pending = ctx.db().pending_from_export(ctx.run)?;
    if pending.is_empty() {
        return Ok(Copied::default());
    }
    ctx.emit(Event::Stage {
        stage: Stage::Files,
    });
    let out = Mutex::new(Copied::default());
    let stop: Mutex<Option<Error>> = Mutex::new(None);
    let queue = Mutex::new(pending.into_iter());
    let one = |f: FileRow| -> Result<()> {
        let Some(Some(source)) = index.files.get(&f.photo_id) else {
            return Ok(());
        };
        let shown = source.path.display().to_string();
        match copy_one(ctx, &f, &source.path)? {
            Ok(bytes) => {
                ctx.emit(Event::FileDone {
                    photo: f.photo_id.clone(),
                    path: f.path.clone(),
                    bytes,
                });
                let mut o = out.lock().unwrap_or_else(|e| e.into_inner());
                o.done += 1;
                o.bytes += bytes;
            }
            Err(why) => {
                let reason = format!("local file {shown}: {why}");
                ctx.db().file_failed(&f.photo_id, &reason)?;
                ctx.emit(Event::FileFailed {
                    photo: f.photo_id.clone(),
                    reason: reason.clone(),
                });
                out.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .failed
                    .push(Failure {
                        photo: f.photo_id,
                        reason,
                    });
            }
        }
        Ok(())
    };
    std::thread::scope(|s| {
        for _ in 0..ctx.opts.jobs.clamp(1, 16) {
            s.spawn(|| loop {
                if stop.lock().unwrap_or_else(|e| e.into_inner()).is_some() {
                    break;
                }
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some(f) = next else { break };
                if let Err(e) = one(f) {
                    stop.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .get_or_insert(e);
                    break;
                }
            });
        }
    });
    if let Some(e) = stop.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(e);
    }
    let mut copied = out.into_inner().unwrap_or_else(|e| e.into_inner());
    copied
        .failed
        .sort_by(|a, b| (a.photo.len(), &a.photo).cmp(&(b.photo.len(), &b.photo)));
    Ok(copied)
}
