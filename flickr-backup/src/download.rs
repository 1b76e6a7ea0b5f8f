//! Files from the static hosts, with their own concurrency and pacing
//! (separate from the API quota): each is streamed to a temporary name
//! inside `.flickr-backup/tmp/` while hashed, checked (the announced length,
//! the format's signature), fsync'd, recorded, and only then renamed into
//! the tree, so a file in the tree is always complete. 429 (with
//! `Retry-After`, which pauses every download), 5xx, resets and short bodies
//! are retried with jittered exponential backoff; a 404 means the listing is
//! out of date and is left to the next run.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::check::{self, Edges};
use crate::choose::url_ext;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::events::{Event, Stage};
use crate::layout;
use crate::state::FileRow;

/// What the downloads came to.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub done: u64,
    pub bytes: u64,
    pub failed: Vec<(String, String)>,
}

/// Spaces download starts and holds every download back after a 429.
#[derive(Debug)]
struct Pacer {
    interval: Option<Duration>,
    next: tokio::sync::Mutex<Instant>,
    paused_until: std::sync::Mutex<Option<Instant>>,
}

impl Pacer {
    fn new(per_second: Option<f64>) -> Pacer {
        Pacer {
            interval: per_second
                .filter(|r| *r > 0.0 && r.is_finite())
                .map(|r| Duration::from_secs_f64(1.0 / r)),
            next: tokio::sync::Mutex::new(Instant::now()),
            paused_until: std::sync::Mutex::new(None),
        }
    }

    async fn wait(&self) {
        let paused = *self.paused_until.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(until) = paused {
            tokio::time::sleep_until(until.into()).await;
        }
        if let Some(interval) = self.interval {
            let mut next = self.next.lock().await;
            let now = Instant::now();
            if *next > now {
                tokio::time::sleep_until((*next).into()).await;
            }
            *next = (*next).max(now) + interval;
        }
    }

    fn pause(&self, d: Duration) {
        let mut p = self.paused_until.lock().unwrap_or_else(|e| e.into_inner());
        let until = Instant::now() + d;
        *p = Some(p.map_or(until, |old| old.max(until)));
    }
}

/// Why an attempt failed.
enum Failure {
    /// Worth another attempt (after `after`, when the host said).
    Retry {
        reason: String,
        after: Option<Duration>,
    },
    /// Not in this run.
    Permanent(String),
}

/// The HTTP client for static hosts.
pub(crate) fn http_client() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(15))
        .read_timeout(Duration::from_secs(60))
        .user_agent(concat!("flickr-backup/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Error::internal("cannot build the HTTP client for static hosts", e))
}

/// Downloads the `count` files planned for this run, `jobs` at a time,
/// reading them from the state a batch at a time.
pub(crate) async fn download_all(ctx: &Ctx, count: u64) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    if count == 0 {
        return Ok(outcome);
    }
    ctx.emit(Event::Stage {
        stage: Stage::Files,
    });
    let http = http_client()?;
    let pacer = Arc::new(Pacer::new(ctx.opts.files_per_second));
    // Pending files a page at a time; within a page, `jobs` at once.
    let mut after: Option<String> = None;
    loop {
        let page = ctx.db().pending_after(ctx.run, after.as_deref(), 256)?;
        let Some(last) = page.last() else {
            break;
        };
        after = Some(last.photo_id.clone());
        let mut results = std::pin::pin!(futures::stream::iter(page)
            .map(|f| {
                let (http, pacer) = (&http, pacer.clone());
                async move {
                    let r = fetch_and_place(ctx, http, &pacer, &f).await;
                    (f, r)
                }
            })
            .buffer_unordered(ctx.opts.jobs.max(1)));
        while let Some((f, r)) = results.next().await {
            match r? {
                Ok(bytes) => {
                    outcome.done += 1;
                    outcome.bytes += bytes;
                }
                Err(reason) => {
                    ctx.db().file_failed(&f.photo_id, &reason)?;
                    ctx.emit(Event::FileFailed {
                        photo: f.photo_id.clone(),
                        reason: reason.clone(),
                    });
                    outcome.failed.push((f.photo_id, reason));
                }
            }
        }
    }
    Ok(outcome)
}

fn tmp_name(f: &FileRow) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect()
    };
    format!("{}.{}.part", clean(&f.photo_id), clean(&f.variant))
}

/// Attempts one file until it is in place or out of attempts. The outer
/// error stops the run (state or tree unusable); the inner one is this file's.
async fn fetch_and_place(
    ctx: &Ctx,
    http: &reqwest::Client,
    pacer: &Pacer,
    f: &FileRow,
) -> Result<std::result::Result<u64, String>> {
    let tmp = layout::tmp_dir(&ctx.root).join(tmp_name(f));
    let attempts = ctx.opts.file_attempts.max(1);
    let mut last = String::new();
    for attempt in 1..=attempts {
        pacer.wait().await;
        match fetch_to(http, &f.url, &tmp).await {
            Ok((size, sha)) => {
                place(ctx, f, &tmp, size, &sha)?;
                return Ok(Ok(size));
            }
            Err(Failure::Permanent(reason)) => {
                let _ = tokio::fs::remove_file(&tmp).await;
                return Ok(Err(reason));
            }
            Err(Failure::Retry { reason, after }) => {
                let _ = tokio::fs::remove_file(&tmp).await;
                if attempt == attempts {
                    last = reason;
                    break;
                }
                ctx.emit(Event::FileRetry {
                    photo: f.photo_id.clone(),
                    attempt,
                    reason: reason.clone(),
                });
                let wait = match after {
                    Some(d) => {
                        let d = d.min(ctx.opts.max_retry_delay);
                        pacer.pause(d);
                        d
                    }
                    None => backoff(ctx.opts.retry_delay, ctx.opts.max_retry_delay, attempt),
                };
                tokio::time::sleep(wait).await;
                last = reason;
            }
        }
    }
    Ok(Err(format!(
        "{last} (gave up after {attempts} attempts; the next run tries again)"
    )))
}

fn backoff(base: Duration, cap: Duration, attempt: u32) -> Duration {
    let exp = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
    let capped = exp.min(cap);
    // Full jitter between half and the whole delay.
    let jitter: f64 = rand::random::<f64>() * 0.5 + 0.5;
    capped.mul_f64(jitter)
}

/// GETs `url` into `tmp`, hashing and checking it; returns (size, SHA-256 hex).
async fn fetch_to(
    http: &reqwest::Client,
    url: &str,
    tmp: &Path,
) -> std::result::Result<(u64, String), Failure> {
    let retry = |reason: String| Failure::Retry {
        reason,
        after: None,
    };
    let mut resp = http
        .get(url)
        .send()
        .await
        .map_err(|e| retry(format!("GET {}: {}", redact(url), describe(&e))))?;
    let status = resp.status().as_u16();
    match status {
        200 => {}
        429 => {
            let after = resp
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            return Err(Failure::Retry {
                reason: format!("GET {}: 429 Too Many Requests", redact(url)),
                after,
            });
        }
        408 | 500..=599 => return Err(retry(format!("GET {}: HTTP {status}", redact(url)))),
        _ => {
            return Err(Failure::Permanent(format!(
                "GET {}: HTTP {status} (the URL Flickr listed no longer serves; the next run lists it again)",
                redact(url)
            )))
        }
    }
    let expected = resp.content_length();
    let mut file = tokio::fs::File::create(tmp)
        .await
        .map_err(|e| Failure::Permanent(format!("cannot create {}: {e}", tmp.display())))?;
    let mut hasher = Sha256::new();
    let mut edges = Edges::default();
    let mut size: u64 = 0;
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                hasher.update(&chunk);
                edges.push(&chunk);
                size += chunk.len() as u64;
                file.write_all(&chunk).await.map_err(|e| {
                    Failure::Permanent(format!("cannot write {}: {e}", tmp.display()))
                })?;
            }
            Ok(None) => break,
            Err(e) => {
                return Err(retry(format!(
                    "GET {}: connection lost after {size}{} bytes: {}",
                    redact(url),
                    expected.map(|n| format!(" of {n}")).unwrap_or_default(),
                    describe(&e)
                )))
            }
        }
    }
    if let Some(n) = expected {
        if n != size {
            return Err(retry(format!(
                "GET {}: got {size} of {n} bytes",
                redact(url)
            )));
        }
    }
    check::signature(&url_ext(url), &edges.head, &edges.tail)
        .map_err(|e| retry(format!("GET {}: {e}", redact(url))))?;
    file.flush()
        .await
        .and(file.sync_all().await)
        .map_err(|e| Failure::Permanent(format!("cannot fsync {}: {e}", tmp.display())))?;
    Ok((size, hex(&hasher.finalize())))
}

/// A URL without its query (video URLs carry the secret there).
fn redact(url: &str) -> &str {
    url.split('?').next().unwrap_or(url)
}

fn describe(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    // reqwest repeats the URL (query included) in its message.
    s.split(" for url (").next().unwrap_or(&s).to_owned()
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Records, renames into place, fsyncs, records done; removes a replaced
/// version's old path.
fn place(ctx: &Ctx, f: &FileRow, tmp: &Path, size: u64, sha: &str) -> Result<()> {
    let tmp_rel = tmp
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ctx.db().file_placing(&f.photo_id, size, sha, &tmp_rel)?;
    finish_placing(&ctx.root, f, tmp)?;
    ctx.db().file_done(&f.photo_id)?;
    ctx.emit(Event::FileDone {
        photo: f.photo_id.clone(),
        path: f.path.clone(),
        bytes: size,
    });
    Ok(())
}

/// Renames a checked temporary file to `f.path` and removes `f.old_path`.
pub(crate) fn finish_placing(root: &Path, f: &FileRow, tmp: &Path) -> Result<()> {
    let dst = layout::resolve(root, &f.path);
    let parent: PathBuf = dst
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.to_path_buf());
    std::fs::create_dir_all(&parent)
        .map_err(|e| Error::io("cannot create directory", &parent, e))?;
    std::fs::rename(tmp, &dst)
        .map_err(|e| Error::io("cannot move download into place at", &dst, e))?;
    sync_dir(&parent)?;
    if let Some(old) = f.old_path.as_deref().filter(|o| *o != f.path) {
        let old = layout::resolve(root, old);
        match std::fs::remove_file(&old) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io("cannot remove the replaced file", &old, e)),
        }
    }
    Ok(())
}

/// fsyncs a directory so a rename in it survives a crash (no-op where
/// directories cannot be opened, as on Windows).
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let d = std::fs::File::open(dir).map_err(|e| Error::io("cannot open directory", dir, e))?;
        d.sync_all()
            .map_err(|e| Error::io("cannot fsync directory", dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Finishes what a killed run left: `placing` rows are renamed into place
/// (or adopted when the rename had happened), and stray temporary files go.
pub(crate) fn recover(root: &Path, state: &crate::state::State) -> Result<u64> {
    let mut finished = 0;
    for f in state.files()?.into_iter().filter(|f| f.status == "placing") {
        let tmp = f.tmp.as_deref().map(|t| layout::tmp_dir(root).join(t));
        let dst = layout::resolve(root, &f.path);
        let size_ok = |p: &Path| {
            std::fs::metadata(p)
                .map(|m| Some(m.len() as i64) == f.size)
                .unwrap_or(false)
        };
        match tmp {
            Some(t) if size_ok(&t) => {
                finish_placing(root, &f, &t)?;
                state.file_done(&f.photo_id)?;
                finished += 1;
            }
            _ if size_ok(&dst) => {
                // Renamed before the kill: only the old version is left to remove.
                if let Some(old) = f.old_path.as_deref().filter(|o| *o != f.path) {
                    let _ = std::fs::remove_file(layout::resolve(root, old));
                }
                state.file_done(&f.photo_id)?;
                finished += 1;
            }
            _ => state.file_failed(&f.photo_id, "interrupted before it was in place")?,
        }
    }
    let tmp_dir = layout::tmp_dir(root);
    if let Ok(entries) = std::fs::read_dir(&tmp_dir) {
        for e in entries.flatten() {
            let _ = std::fs::remove_file(e.path());
        }
    }
    Ok(finished)
}
