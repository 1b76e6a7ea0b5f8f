//! The files stage: each planned file from the static hosts, `jobs` at a
//! time, through the same attempt loop as API calls ([`retry::run`] under
//! `--file-retry`'s policy) and within the static hosts' budget
//! ([`Ctx::static_budget`]); each is streamed to its temporary name while
//! hashed, checked (the announced length, the format's signature),
//! fsync'd, and placed by the tree ([`crate::tree`]), so a file in the tree
//! is always complete. How each failure is judged is
//! [`crate::static_host`]'s.
//!
//! The files do not go through flickr-core's `Transport`: it reads a whole
//! answer into memory (up to its 64 MB cap), and a video can be gigabytes.

use flickr_sdk::retry::{self, RetryAction};
use futures::StreamExt;

use crate::check::{self, Edges};
use crate::choose::url_ext;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::events::{Event, Stage};
use crate::state::FileRow;
use crate::static_host::{get, http_client, redact, Failed, Failure};
use crate::tree::{Partial, ReadyFile, Tree};

/// What the downloads came to.
#[derive(Debug, Default)]
pub(crate) struct Downloads {
    pub done: u64,
    pub bytes: u64,
    pub failed: Vec<(String, String)>,
}

/// Downloads the `count` files planned for this run, `jobs` at a time,
/// reading them from the state a batch at a time.
pub(crate) async fn download_all(ctx: &Ctx, count: u64) -> Result<Downloads> {
    let mut outcome = Downloads::default();
    if count == 0 {
        return Ok(outcome);
    }
    ctx.emit(Event::Stage {
        stage: Stage::Files,
    });
    let http = http_client()?;
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
                let http = &http;
                async move {
                    let r = fetch_and_place(ctx, http, &f).await;
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

/// Attempts one file until it is in place or the retry policy gives up. The
/// outer error stops the run (state or tree unusable); the inner one is this
/// file's.
async fn fetch_and_place(
    ctx: &Ctx,
    http: &reqwest::Client,
    f: &FileRow,
) -> Result<std::result::Result<u64, String>> {
    let mut attempts = 1;
    let fetched = retry::run(
        &ctx.opts.file_retry,
        Some(&ctx.static_budget),
        |_| fetch(http, &ctx.tree, f),
        |failure: &Failure, attempt, _wait| {
            attempts = attempt.number() + 1;
            ctx.emit(Event::FileRetry {
                photo: f.photo_id.clone(),
                attempt: attempt.number(),
                reason: failure.to_string(),
            });
        },
    )
    .await;
    let failed = match fetched {
        Ok(written) => {
            let bytes = written.size;
            ctx.tree.place(&ctx.state, f, written)?;
            ctx.emit(Event::FileDone {
                photo: f.photo_id.clone(),
                path: f.path.clone(),
                bytes,
            });
            return Ok(Ok(bytes));
        }
        Err(failed) => failed,
    };
    Ok(Err(report(failed, attempts)))
}

/// What the report says of a file that failed: the last reason, and when the
/// loop gave up on a failure that could pass, that the next run tries again.
fn report(failed: Failed, attempts: u32) -> String {
    let gave_up = failed.action() != RetryAction::DontRetry;
    let reason = failed.into_error().to_string();
    if gave_up {
        format!("{reason} (gave up after {attempts} attempts; the next run tries again)")
    } else {
        reason
    }
}

/// GETs `f.url` into its temporary file, checked and fsync'd (not yet placed).
async fn fetch(
    http: &reqwest::Client,
    tree: &Tree,
    f: &FileRow,
) -> std::result::Result<ReadyFile, Failed> {
    let url = redact(&f.url);
    let mut resp = get(http, &f.url).await?;
    let mut partial = tree.partial(f).await.map_err(Failure::local)?;
    match stream(&mut resp, &mut partial, url).await {
        Ok(()) => partial.finish().await.map_err(Failure::local),
        Err(failed) => {
            partial.discard().await;
            Err(failed)
        }
    }
}

/// Copies the body into `partial`, then checks its length and signature.
async fn stream(
    resp: &mut reqwest::Response,
    partial: &mut Partial,
    url: &str,
) -> std::result::Result<(), Failed> {
    let expected = resp.content_length();
    let mut edges = Edges::default();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                edges.push(&chunk);
                partial.write(&chunk).await.map_err(Failure::local)?;
            }
            Ok(None) => break,
            Err(e) => {
                let context = format!(
                    "connection lost after {}{} bytes: ",
                    partial.size(),
                    expected.map(|n| format!(" of {n}")).unwrap_or_default(),
                );
                return Err(Failure::transport(url, &context, &e));
            }
        }
    }
    let size = partial.size();
    if let Some(n) = expected.filter(|n| *n != size) {
        return Err(Failure::body(url, format!("got {size} of {n} bytes")));
    }
    check::signature(&url_ext(url), &edges.head, &edges.tail).map_err(|e| Failure::body(url, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_says_when_the_next_run_tries_again() {
        let u = "http://static/1_o.jpg";
        assert_eq!(
            report(Failure::status(u, 503, None), 4),
            format!("GET {u}: HTTP 503 (gave up after 4 attempts; the next run tries again)")
        );
        let gone = report(Failure::status(u, 404, None), 1);
        assert!(!gone.contains("gave up"), "{gone}");
        assert!(gone.contains("no longer serves"), "{gone}");
    }
}
