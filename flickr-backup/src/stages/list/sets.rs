//! Albums, galleries, favorites and the collection tree: each set's info,
//! and its photos only when its stamp (update time and counts) moved.

use flickr_sdk::error::{Error as CallError, MethodError};
use futures::{Stream, StreamExt};

use super::{extras, store_items, PER_PAGE};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::events::{Event, Stage};
use crate::state::{SetInfo, SetKind, SetRow};

/// Marks the known members of an unchanged set as listed in this run.
fn touch(ctx: &Ctx, ids: &[String]) -> Result<()> {
    let run = ctx.run;
    ctx.db().batch(|b| b.touch(run, ids))?;
    ctx.listed(ids.len() as u64);
    Ok(())
}

/// Records one album or gallery: when its stamp (update time and counts) is
/// the one stored, its known members are marked as listed without a call;
/// otherwise `list` pages through its photos.
async fn refresh_set<F, Fut>(
    ctx: &Ctx,
    kind: SetKind,
    id: String,
    info: SetInfo,
    stamp: Option<String>,
    list: F,
) -> Result<()>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<Vec<String>>>,
{
    let known = ctx.db().set(kind, &id)?;
    let members = match known {
        Some(known) if stamp.is_some() && known.stamp == stamp => {
            touch(ctx, &known.members)?;
            known.members
        }
        _ => list().await?,
    };
    save_set(ctx, kind, id, info, members, stamp)
}

/// Records a set (album, gallery, the collection tree, favorites) as seen in this run.
fn save_set(
    ctx: &Ctx,
    kind: SetKind,
    id: String,
    info: SetInfo,
    members: Vec<String>,
    stamp: Option<String>,
) -> Result<()> {
    let set = SetRow {
        kind,
        id,
        info,
        members,
        stamp,
        seen_run: ctx.run,
        deleted: false,
    };
    let run = ctx.run;
    ctx.db().batch(|b| b.upsert_set(run, &set))
}

/// Every item of a paged list, or the first error (named after `what`).
async fn collect_list<T, E: MethodError>(
    what: &str,
    items: impl Stream<Item = std::result::Result<T, CallError<E>>>,
) -> Result<Vec<T>> {
    let mut items = std::pin::pin!(items);
    let mut all = Vec::new();
    while let Some(item) = items.next().await {
        all.push(item.map_err(|e| Error::api(what, e))?);
    }
    Ok(all)
}

/// Lists albums and (for changed ones) their photos.
pub(crate) async fn albums(ctx: &Ctx) -> Result<()> {
    ctx.emit(Event::Stage {
        stage: Stage::Albums,
    });
    let list = ctx
        .client
        .photosets()
        .get_list()
        .user_id(ctx.nsid.clone())
        .per_page(PER_PAGE)
        .items();
    let albums = collect_list("flickr.photosets.getList", list).await?;
    for a in albums {
        let id = a.id.as_str().to_owned();
        let stamp = a.date_update.map(|d| {
            format!(
                "{d}:{}:{}",
                a.count_photos.or(a.photos).unwrap_or(-1),
                a.count_videos.or(a.videos).unwrap_or(-1)
            )
        });
        let info = SetInfo::Album(a);
        refresh_set(ctx, SetKind::Album, id.clone(), info, stamp, || {
            let items = ctx
                .client
                .photosets()
                .get_photos(id.clone(), ctx.nsid.clone())
                .extras(extras())
                .per_page(PER_PAGE)
                .items();
            let what = format!("flickr.photosets.getPhotos {id}");
            async move { store_items(ctx, &what, items, |_| true, false).await }
        })
        .await?;
    }
    let run = ctx.run;
    ctx.db()
        .batch(|b| b.flag_deleted_sets(run, SetKind::Album))?;
    Ok(())
}

/// Reads the collection tree (one call).
pub(crate) async fn collections(ctx: &Ctx) -> Result<()> {
    ctx.emit(Event::Stage {
        stage: Stage::Collections,
    });
    let tree = ctx
        .client
        .collections()
        .get_tree()
        .user_id(ctx.nsid.clone())
        .send()
        .await
        .map_err(|e| Error::api("flickr.collections.getTree", e))?;
    save_set(
        ctx,
        SetKind::Collections,
        "tree".to_owned(),
        SetInfo::Collections(tree),
        Vec::new(),
        None,
    )
}

/// Lists galleries and (for changed ones) their photos.
pub(crate) async fn galleries(ctx: &Ctx) -> Result<()> {
    ctx.emit(Event::Stage {
        stage: Stage::Galleries,
    });
    let list = ctx
        .client
        .galleries()
        .get_list("0")
        .user_id(ctx.nsid.clone())
        .per_page(PER_PAGE)
        .items();
    let galleries = collect_list("flickr.galleries.getList", list).await?;
    for g in galleries {
        let Some(id) = g.id.as_ref().map(|i| i.as_str().to_owned()) else {
            ctx.emit(Event::Warning {
                message: "flickr.galleries.getList listed a gallery without an id; skipped"
                    .to_owned(),
            });
            continue;
        };
        let stamp = g
            .date_update
            .map(|d| format!("{d}:{}", g.count_total.or(g.count_photos).unwrap_or(-1)));
        let info = SetInfo::Gallery(g);
        refresh_set(ctx, SetKind::Gallery, id.clone(), info, stamp, || {
            let items = ctx
                .client
                .galleries()
                .get_photos(id.clone())
                .extras(extras())
                .per_page(PER_PAGE)
                .items();
            let what = format!("flickr.galleries.getPhotos {id}");
            async move { store_items(ctx, &what, items, |_| true, false).await }
        })
        .await?;
    }
    let run = ctx.run;
    ctx.db()
        .batch(|b| b.flag_deleted_sets(run, SetKind::Gallery))?;
    Ok(())
}

/// Lists favorites, newest first.
pub(crate) async fn favorites(ctx: &Ctx) -> Result<()> {
    ctx.emit(Event::Stage {
        stage: Stage::Favorites,
    });
    let items = ctx
        .client
        .favorites()
        .get_list()
        .user_id(ctx.nsid.clone())
        .extras(extras())
        .per_page(PER_PAGE)
        .items();
    let members = store_items(ctx, "flickr.favorites.getList", items, |_| true, false).await?;
    let info = SetInfo::Favorites {
        user: ctx.nsid.clone(),
    };
    save_set(
        ctx,
        SetKind::Favorites,
        ctx.nsid.clone(),
        info,
        members,
        None,
    )
}
