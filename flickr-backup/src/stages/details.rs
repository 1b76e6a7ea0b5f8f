//! The only per-photo API calls: a video's streams
//! (`flickr.video.getStreamInfo`), and, when included, EXIF
//! (`flickr.photos.getExif`), comments (`flickr.photos.comments.getList`),
//! info (`flickr.photos.getInfo`), people (`flickr.photos.people.getList`)
//! and contexts (`flickr.photos.getAllContexts`). Their answers go into
//! both sidecars.
//! Made for photos new or changed since they were last made (by
//! `last_update`), never again for unchanged ones.

use futures::StreamExt;

use crate::ctx::{Ctx, BATCH};
use crate::error::Result;
use crate::events::{Event, Stage};
use crate::state::{Details, MediaKind, PhotoRow, Stream};

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
}

/// The calls photo `p` needs in this run.
fn needed(ctx: &Ctx, p: &PhotoRow) -> Vec<Call> {
    let inc = ctx.opts.include;
    let fresh = p.details_for.is_some() && p.details_for == p.last_update;
    let d = &p.details;
    [
        (
            p.media == MediaKind::Video && inc.videos,
            d.streams.is_some(),
            Call::Streams,
        ),
        (inc.exif, d.exif.is_some(), Call::Exif),
        (inc.comments, d.comments.is_some(), Call::Comments),
        (inc.info, d.info.is_some(), Call::Info),
        (inc.people, d.people.is_some(), Call::People),
        (inc.contexts, d.contexts.is_some(), Call::Contexts),
    ]
    .into_iter()
    .filter(|&(wanted, held, _)| wanted && !(fresh && held))
    .map(|(_, _, call)| call)
    .collect()
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
            let mut merged = if p.details_for == p.last_update {
                p.details.clone()
            } else {
                // The answers of an older version go; what only the export
                // said (and the comments, until asked for again) stays.
                Details {
                    export: p.details.export.clone(),
                    comments: p.details.comments.clone(),
                    ..Details::default()
                }
            };
            merged.merge(details);
            // Details with a failed part are kept but not marked current: the next run asks again.
            let current = if complete { p.last_update } else { None };
            ctx.db().batch(|b| b.set_details(&p.id, &merged, current))?;
        }
    }
}

/// The calls for one photo; returns what they answered and whether all succeeded.
async fn one(ctx: &Ctx, p: &PhotoRow, calls: &[Call]) -> (Details, bool) {
    let secret = p.item.secret.clone().unwrap_or_default();
    let mut out = Details::default();
    let mut complete = true;
    for call in calls {
        let id = || p.id.clone();
        let photos = ctx.client.photos();
        let failed = match call {
            Call::Streams => ctx
                .client
                .video()
                .get_stream_info(id(), secret.clone())
                .send()
                .await
                .map(|s| {
                    // A stream without its kind or URL cannot be chosen.
                    let kept = s.streams.into_iter().filter_map(|st| {
                        Some(Stream {
                            kind: st.kind?,
                            url: st.url?,
                        })
                    });
                    out.streams = Some(kept.collect());
                })
                .map_err(|e| e.to_string())
                .err(),
            Call::Exif => photos
                .get_exif(id())
                .secret(secret.clone())
                .send()
                .await
                .map(|e| out.exif = Some(e))
                .map_err(|e| e.to_string())
                .err(),
            Call::Comments => photos
                .comments()
                .get_list(id())
                .send()
                .await
                .map(|c| out.comments = Some(c.comments))
                .map_err(|e| e.to_string())
                .err(),
            Call::Info => photos
                .get_info(id())
                .secret(secret.clone())
                .send()
                .await
                .map(|i| out.info = Some(i))
                .map_err(|e| e.to_string())
                .err(),
            Call::People => photos
                .people()
                .get_list(id())
                .send()
                .await
                .map(|l| out.people = Some(l))
                .map_err(|e| e.to_string())
                .err(),
            Call::Contexts => photos
                .get_all_contexts(id())
                .send()
                .await
                .map(|c| out.contexts = Some(c))
                .map_err(|e| e.to_string())
                .err(),
        };
        if let Some(e) = failed {
            complete = false;
            ctx.emit(Event::Warning {
                message: format!("{} for photo {}: {e}", call.method(), p.id),
            });
        }
    }
    (out, complete)
}
