//! A list job: the target's public photos into the catalog with the
//! backup's list calls (every extra the library needs, 500 per page; a
//! member's photostream past the 4,000-result cap with the date-window
//! walker), then its fetch batches, in one transaction. Commons is listed
//! as the institutions' photostreams, each added as a target of its own.

use flickr_sdk::types::{Extra, Photo, PrivacyFilter, SafeSearch};
use flickr_sdk::UserId;
use futures::{Stream, StreamExt};

use super::{finish_with, Done, Worker};
use crate::db::catalog::{self, Listed};
use crate::db::queue::{self, Job, JobKind};
use crate::db::targets;
use crate::error::{Error, Result};
use crate::target::Target;

/// Photos per list page: Flickr's maximum.
const PER_PAGE: i64 = 500;

/// The backup's extras, and the safety level the fleet records per photo.
fn extras() -> Vec<Extra> {
    let mut all = flickr_backup::library::list_extras();
    all.push(Extra::SafetyLevel);
    all
}

pub(super) async fn run(worker: &Worker, job: &Job) -> Result<Done> {
    // The library's owner (user and album targets) and the album's record.
    let mut owner: Option<String> = None;
    let mut info: Option<serde_json::Value> = None;
    let photos = match &job.target {
        Target::Commons => return commons(worker, job).await,
        Target::User(who) => {
            let nsid = resolve_user(worker, who).await?;
            let items = worker
                .client
                .photos()
                .search()
                .user_id(nsid.clone())
                .privacy_filter(PrivacyFilter::Public)
                .safe_search(SafeSearch::Restricted)
                .extras(extras())
                .per_page(PER_PAGE)
                .walk_by_upload_date();
            let photos = collect(
                &format!("flickr.photos.search user_id={nsid}"),
                items,
                Some(&nsid),
            )
            .await?;
            owner = Some(nsid);
            photos
        }
        Target::Album(key) => {
            let (who, id) = key.rsplit_once('/').unwrap_or(("", key));
            let nsid = resolve_user(worker, who).await?;
            let id = id.to_owned();
            let album = worker
                .client
                .photosets()
                .get_info(id.clone(), nsid.clone())
                .send()
                .await
                .map_err(|e| Error::api(format!("flickr.photosets.getInfo {id}"), e))?;
            info = Some(
                serde_json::to_value(&album)
                    .map_err(|e| Error::Other(format!("album {id}: {e}")))?,
            );
            let items = worker
                .client
                .photosets()
                .get_photos(id.clone(), nsid.clone())
                .extras(extras())
                .per_page(PER_PAGE)
                .items();
            let photos = collect(
                &format!("flickr.photosets.getPhotos {id}"),
                items,
                Some(&nsid),
            )
            .await?;
            owner = Some(nsid);
            photos
        }
        Target::Gallery(id) => {
            let items = worker
                .client
                .galleries()
                .get_photos(id.clone())
                .extras(extras())
                .per_page(PER_PAGE)
                .items();
            collect(&format!("flickr.galleries.getPhotos {id}"), items, None).await?
        }
        Target::Group(id) => {
            let items = worker
                .client
                .groups()
                .pools()
                .get_photos(id.clone())
                .extras(extras())
                .per_page(PER_PAGE)
                .items();
            collect(&format!("flickr.groups.pools.getPhotos {id}"), items, None).await?
        }
    };
    let downloads = download_settings(worker, &photos).await?;
    let rows = photos
        .iter()
        .map(|p| {
            listed(
                p,
                owner_of(p).and_then(|o| downloads.get(o).copied().flatten()),
            )
        })
        .collect::<Result<Vec<_>>>()?;
    let batch = worker.opts.batch_size;
    finish_with(worker, job, Done::default(), async |tx| {
        catalog::store_listing(tx, job.target_id, &rows).await?;
        targets::set_target_meta(tx, job.target_id, owner.as_deref(), info.as_ref()).await?;
        let todo = catalog::to_fetch(tx, job.target_id).await?;
        for ids in todo.chunks(batch) {
            queue::enqueue(tx, job.target_id, JobKind::Fetch, ids).await?;
        }
        let state = if todo.is_empty() {
            queue::enqueue(tx, job.target_id, JobKind::Package, &[]).await?;
            "packaging"
        } else {
            "fetching"
        };
        queue::set_target_state(tx, job.target_id, state, None).await
    })
    .await
}

/// The public items of a list, in order; album lists name no owner (it is
/// the album's).
async fn collect<E: flickr_sdk::error::MethodError>(
    what: &str,
    items: impl Stream<Item = std::result::Result<Photo, flickr_sdk::Error<E>>>,
    owner: Option<&str>,
) -> Result<Vec<Photo>> {
    let mut items = std::pin::pin!(items);
    let mut out = Vec::new();
    while let Some(item) = items.next().await {
        let mut p = item.map_err(|e| Error::api(what, e))?;
        if p.is_public == Some(false) {
            continue;
        }
        if let Some(owner) = owner {
            p.owner.get_or_insert_with(|| UserId::new(owner.to_owned()));
        }
        out.push(p);
    }
    Ok(out)
}

/// A list item as the catalog keeps it: licence and safety level in
/// columns of their own, for status and the bag's record.
fn listed(p: &Photo, can_download: Option<bool>) -> Result<Listed> {
    let wire = |v: serde_json::Value| match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    };
    let to_value = |what: &str, v: serde_json::Result<serde_json::Value>| {
        v.map_err(|e| {
            Error::Other(format!(
                "photo {}: cannot write its {what}: {e}",
                p.id.as_str()
            ))
        })
    };
    Ok(Listed {
        photo_id: p.id.as_str().to_owned(),
        owner: p
            .owner
            .as_ref()
            .map_or(String::new(), |o| o.as_str().to_owned()),
        media: p.media.as_ref().map_or("photo", |m| m.as_str()).to_owned(),
        last_update: p.last_update,
        license: wire(to_value("licence", serde_json::to_value(&p.license))?),
        safety_level: wire(to_value(
            "safety level",
            serde_json::to_value(&p.safety_level),
        )?),
        can_download,
        // The item as the backup lists it (the safety level, asked for the
        // catalog alone, is kept out: the library is the backup's).
        item: {
            let mut item = p.clone();
            item.safety_level = None;
            to_value("listing", serde_json::to_value(&item))?.to_string()
        },
    })
}

fn owner_of(p: &Photo) -> Option<&str> {
    p.owner.as_ref().map(|o| o.as_str())
}

/// Each owner's download setting ("who can download your images", an
/// account setting Flickr applies to every photo of theirs): one
/// `flickr.photos.getInfo` per owner, of their first listed photo. A photo
/// gone since it was listed leaves the owner's setting unknown; a call that
/// may pass later fails the job.
async fn download_settings(
    worker: &Worker,
    photos: &[Photo],
) -> Result<std::collections::HashMap<String, Option<bool>>> {
    let mut out = std::collections::HashMap::new();
    for p in photos {
        let Some(owner) = owner_of(p) else { continue };
        if out.contains_key(owner) {
            continue;
        }
        let mut call = worker.client.photos().get_info(p.id.clone());
        if let Some(secret) = &p.secret {
            call = call.secret(secret.clone());
        }
        let setting = match call.send().await {
            Ok(info) => info.usage.and_then(|u| u.can_download),
            Err(e) if e.is_retryable() => {
                return Err(Error::api(
                    format!("flickr.photos.getInfo {}", p.id.as_str()),
                    e,
                ))
            }
            Err(e) => {
                tracing::warn!(
                    photo = p.id.as_str(),
                    "the owner's download setting is unknown: {e}"
                );
                None
            }
        };
        out.insert(owner.to_owned(), setting);
    }
    Ok(out)
}

/// A member's NSID: as given, or looked up from a path alias.
async fn resolve_user(worker: &Worker, who: &str) -> Result<String> {
    if flickr_backup::library::is_nsid(who) {
        return Ok(who.to_owned());
    }
    let url = format!("https://www.flickr.com/photos/{who}/");
    let found = worker
        .client
        .urls()
        .lookup_user(url.clone())
        .send()
        .await
        .map_err(|e| Error::api(format!("flickr.urls.lookupUser {url}"), e))?;
    found
        .id
        .or(found.nsid)
        .map(|id| id.as_str().to_owned())
        .ok_or_else(|| {
            Error::Other(format!(
                "flickr.urls.lookupUser {url}: the answer names no user"
            ))
        })
}

/// Commons: each institution becomes a `user:` target of its own.
async fn commons(worker: &Worker, job: &Job) -> Result<Done> {
    let list = worker
        .client
        .commons()
        .get_institutions()
        .send()
        .await
        .map_err(|e| Error::api("flickr.commons.getInstitutions", e))?;
    let targets: Vec<Target> = list
        .institutions
        .iter()
        .map(|i| Target::User(i.nsid.as_str().to_owned()))
        .collect();
    finish_with(worker, job, Done::default(), async |tx| {
        for t in &targets {
            targets::add_in(tx, t).await?;
        }
        queue::set_target_state(
            tx,
            job.target_id,
            "done",
            Some(&format!("{} institutions added as targets", targets.len())),
        )
        .await
    })
    .await
}
