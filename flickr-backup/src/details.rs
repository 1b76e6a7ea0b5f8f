//! The only per-photo API calls: a video's streams
//! (`flickr.video.getStreamInfo`), and, when included, EXIF
//! (`flickr.photos.getExif`), comments (`flickr.photos.comments.getList`),
//! info (`flickr.photos.getInfo`), people (`flickr.photos.people.getList`)
//! and contexts (`flickr.photos.getAllContexts`). Their answers go into
//! both sidecars.
//! Made for photos new or changed since they were last made (by
//! `last_update`), never again for unchanged ones.

use futures::StreamExt;
use serde_json::{json, Value};

use crate::ctx::{Ctx, BATCH};
use crate::error::Result;
use crate::events::{Event, Stage};
use crate::state::{MediaKind, PhotoRow};

/// A per-photo call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Call {
    Streams,
    Exif,
    Comments,
    Info,
    People,
    Contexts,
}

impl Call {
    fn method(self) -> &'static str {
        match self {
            Call::Streams => "flickr.video.getStreamInfo",
            Call::Exif => "flickr.photos.getExif",
            Call::Comments => "flickr.photos.comments.getList",
            Call::Info => "flickr.photos.getInfo",
            Call::People => "flickr.photos.people.getList",
            Call::Contexts => "flickr.photos.getAllContexts",
        }
    }

    /// Where its answer goes in the details.
    fn key(self) -> &'static str {
        match self {
            Call::Streams => "streams",
            Call::Exif => "exif",
            Call::Comments => "comments",
            Call::Info => "info",
            Call::People => "people",
            Call::Contexts => "contexts",
        }
    }
}

/// The calls photo `p` needs in this run.
fn needed(ctx: &Ctx, p: &PhotoRow) -> Vec<Call> {
    let inc = ctx.opts.include;
    let fresh = p.details_for.is_some() && p.details_for == p.last_update;
    let has = |k: &str| fresh && p.details.get(k).is_some();
    let mut calls = Vec::new();
    if p.media == MediaKind::Video && inc.videos && !has("streams") {
        calls.push(Call::Streams);
    }
    if inc.exif && !has("exif") {
        calls.push(Call::Exif);
    }
    if inc.comments && !has("comments") {
        calls.push(Call::Comments);
    }
    for (on, call) in [
        (inc.info, Call::Info),
        (inc.people, Call::People),
        (inc.contexts, Call::Contexts),
    ] {
        if on && !has(call.key()) {
            calls.push(call);
        }
    }
    calls
}

/// Makes (or, in a dry run, counts) the per-photo calls of this run, a
/// batch of photos at a time.
pub(crate) async fn fetch(ctx: &Ctx) -> Result<()> {
    let mut after: Option<String> = None;
    let mut announced = false;
    loop {
        let batch = ctx.db().photos_after(after.as_deref(), BATCH)?;
        let Some(last) = batch.last() else {
            return Ok(());
        };
        after = Some(last.id.clone());
        let todo: Vec<(PhotoRow, Vec<Call>)> = batch
            .into_iter()
            .filter(|p| !p.deleted && p.seen_run == ctx.run)
            .map(|p| {
                let calls = needed(ctx, &p);
                (p, calls)
            })
            .filter(|(_, calls)| !calls.is_empty())
            .collect();
        if todo.is_empty() {
            continue;
        }
        if !announced {
            ctx.emit(Event::Stage {
                stage: Stage::Details,
            });
            announced = true;
        }
        if ctx.opts.dry_run {
            for (_, calls) in &todo {
                for c in calls {
                    ctx.planned.add(c.method(), 1);
                }
            }
            continue;
        }
        let mut results = std::pin::pin!(futures::stream::iter(todo)
            .map(|(p, calls)| async move {
                let details = one(ctx, &p, &calls).await;
                (p, details)
            })
            .buffer_unordered(ctx.opts.detail_jobs.max(1)));
        while let Some((p, (details, complete))) = results.next().await {
            let mut merged = if p.details.is_object() && p.details_for == p.last_update {
                p.details.clone()
            } else {
                json!({})
            };
            if let (Value::Object(m), Value::Object(new)) = (&mut merged, details) {
                m.extend(new);
            }
            // Details with a failed part are kept but not marked current: the next run asks again.
            let current = if complete { p.last_update } else { None };
            ctx.db().batch(|b| b.set_details(&p.id, &merged, current))?;
        }
    }
}

/// An answer as the sidecars keep it.
fn as_json<T: serde::Serialize>(answer: T) -> std::result::Result<Value, String> {
    Ok(serde_json::to_value(answer).unwrap_or(Value::Null))
}

/// The calls for one photo; returns what they answered and whether all succeeded.
async fn one(ctx: &Ctx, p: &PhotoRow, calls: &[Call]) -> (Value, bool) {
    let secret = p
        .item
        .get("secret")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut out = serde_json::Map::new();
    let mut complete = true;
    for call in calls {
        let answer: std::result::Result<Value, String> = match call {
            Call::Streams => ctx
                .client
                .video()
                .get_stream_info(p.id.clone(), secret.clone())
                .send()
                .await
                .map(|s| {
                    Value::from(
                        s.streams
                            .iter()
                            .map(|st| json!({"type": st.kind, "url": st.url}))
                            .collect::<Vec<_>>(),
                    )
                })
                .map_err(|e| e.to_string()),
            Call::Exif => ctx
                .client
                .photos()
                .get_exif(p.id.clone())
                .secret(secret.clone())
                .send()
                .await
                .map_err(|e| e.to_string())
                .and_then(as_json),
            Call::Comments => ctx
                .client
                .photos()
                .comments()
                .get_list(p.id.clone())
                .send()
                .await
                .map(|c| serde_json::to_value(c.comments).unwrap_or(Value::Null))
                .map_err(|e| e.to_string()),
            Call::Info => ctx
                .client
                .photos()
                .get_info(p.id.clone())
                .secret(secret.clone())
                .send()
                .await
                .map_err(|e| e.to_string())
                .and_then(as_json),
            Call::People => ctx
                .client
                .photos()
                .people()
                .get_list(p.id.clone())
                .send()
                .await
                .map_err(|e| e.to_string())
                .and_then(as_json),
            Call::Contexts => ctx
                .client
                .photos()
                .get_all_contexts(p.id.clone())
                .send()
                .await
                .map_err(|e| e.to_string())
                .and_then(as_json),
        };
        match answer {
            Ok(v) => {
                out.insert(call.key().to_owned(), v);
            }
            Err(e) => {
                complete = false;
                ctx.emit(Event::Warning {
                    message: format!("{} for photo {}: {e}", call.method(), p.id),
                });
            }
        }
    }
    (Value::Object(out), complete)
}
