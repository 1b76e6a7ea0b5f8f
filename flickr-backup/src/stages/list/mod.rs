//! Listing the account with as few calls as Flickr allows: every list call
//! at 500 per page with every extra the mirror needs, so an ordinary photo
//! costs no call of its own.
//!
//! - the photostream: `flickr.photos.search` by user, past the 4,000-result
//!   cap with the date-window walker (`Search::walk_by_upload_date`); with
//!   `since`, `flickr.photos.recentlyUpdated` (your own account) or a search
//!   from that upload date;
//! - albums: `flickr.photosets.getList`, then `getPhotos` only for albums
//!   whose update time or count moved since the last run;
//! - the collection tree: one `flickr.collections.getTree`;
//! - galleries: `flickr.galleries.getList`, `getPhotos` for changed ones;
//! - favorites: `flickr.favorites.getList`.
//!
//! The photostream is listed here; albums, galleries, favorites and the
//! collection tree in [`sets`].

mod sets;

pub(crate) use sets::{albums, collections, favorites, galleries};

use flickr_sdk::error::{Error as CallError, MethodError};
use flickr_sdk::types::{Extra, Media, Photo, SafeSearch};
use flickr_sdk::UserId;
use futures::{Stream, StreamExt};

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::events::{Event, Stage};
use crate::options::UserSpec;
use crate::state::{Listing, MediaKind};

/// Photos per list page: Flickr's maximum.
pub const PER_PAGE: i64 = 500;

/// The extras the mirror keeps besides the image URLs.
const META_EXTRAS: [Extra; 14] = [
    Extra::Description,
    Extra::License,
    Extra::DateUpload,
    Extra::DateTaken,
    Extra::OwnerName,
    Extra::OriginalFormat,
    Extra::LastUpdate,
    Extra::Geo,
    Extra::Tags,
    Extra::MachineTags,
    Extra::ODims,
    Extra::Views,
    Extra::Media,
    Extra::PathAlias,
];

/// Every extra the mirror asks list calls for: the metadata it keeps and
/// every size's URL (`flickr_sdk::sizes::url_extras`), so that list items
/// answer everything an ordinary photo needs.
pub fn extras() -> Vec<Extra> {
    let mut all = META_EXTRAS.to_vec();
    all.extend(flickr_sdk::sizes::url_extras());
    all
}

/// Whose account: the token's own (one `flickr.test.login`), an NSID, or a
/// URL with a path alias (one `flickr.urls.lookupUser`; [`UserSpec::parse`] keeps an NSID a URL shows). Returns (NSID, is it the token's own).
pub(crate) async fn resolve_user(
    client: &flickr_sdk::Client,
    user: &UserSpec,
) -> Result<(String, bool)> {
    match user {
        UserSpec::Me => {
            let me = client.test().login().send().await.map_err(|e| {
                Error::api(
                    "flickr.test.login (who is `me`? a token with read permission is needed)",
                    e,
                )
            })?;
            Ok((me.id.as_str().to_owned(), true))
        }
        UserSpec::Nsid(n) => Ok((n.clone(), false)),
        UserSpec::Url(url) => {
            let found = client
                .urls()
                .lookup_user(url.clone())
                .send()
                .await
                .map_err(|e| Error::api(format!("flickr.urls.lookupUser {url}"), e))?;
            // Flickr answered, but with no member: the URL names none.
            let id = found.id.or(found.nsid).ok_or_else(|| {
                Error::Usage(format!(
                    "--user {url}: flickr.urls.lookupUser answers no member for it"
                ))
            })?;
            Ok((id.as_str().to_owned(), false))
        }
    }
}

fn media_of(p: &Photo) -> MediaKind {
    MediaKind::listed(p.media.as_ref().map(|m| m.as_str()))
}

/// Stores a stream of list items in transactions of a page each; returns
/// the ids in order. `overwrite` false keeps items already listed in this
/// run (an album's or gallery's copy of a photostream item).
async fn store_items<E: MethodError>(
    ctx: &Ctx,
    what: &str,
    items: impl Stream<Item = std::result::Result<Photo, CallError<E>>>,
    keep: impl Fn(&Photo) -> bool,
    overwrite: bool,
) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    let mut chunks = std::pin::pin!(items.chunks(PER_PAGE as usize));
    while let Some(chunk) = chunks.next().await {
        let mut failure = None;
        let mut photos = Vec::with_capacity(chunk.len());
        for r in chunk {
            match r {
                Ok(p) => photos.push(p),
                Err(e) => {
                    failure = Some(Error::api(what, e));
                    break;
                }
            }
        }
        let photos: Vec<Photo> = photos
            .into_iter()
            .filter(|p| keep(p))
            .map(|mut p| {
                // Album lists leave the owner out: it is the album's.
                p.owner.get_or_insert_with(|| UserId::new(ctx.nsid.clone()));
                // Where it sits in this list is the list's business, not the photo's.
                p.is_primary = None;
                p.date_faved = None;
                p.has_comment = None;
                p.comment = None;
                p
            })
            .collect();
        let run = ctx.run;
        ctx.db().batch(|b| {
            for p in &photos {
                let owner = p.owner.as_ref().map_or("", |o| o.as_str());
                let listing = Listing {
                    id: p.id.as_str(),
                    owner,
                    own: owner == ctx.nsid,
                    media: media_of(p),
                    item: p,
                    last_update: p.last_update,
                };
                b.upsert_photo(run, listing, overwrite)?;
            }
            Ok(())
        })?;
        ids.extend(photos.iter().map(|p| p.id.as_str().to_owned()));
        ctx.listed(photos.len() as u64);
        if let Some(e) = failure {
            return Err(e);
        }
    }
    Ok(ids)
}

/// Lists the photostream; returns whether the listing was complete (every
/// photo of the included kinds, so absent ones can be flagged deleted).
pub(crate) async fn photostream(ctx: &Ctx) -> Result<bool> {
    let inc = ctx.opts.include;
    let media = match (inc.photos, inc.videos) {
        (true, true) => Media::All,
        (true, false) => Media::Photos,
        (false, true) => Media::Videos,
        (false, false) => return Ok(false),
    };
    ctx.emit(Event::Stage {
        stage: Stage::Photos,
    });
    let wanted = move |p: &Photo| match media {
        Media::Photos => media_of(p) != MediaKind::Video,
        Media::Videos => media_of(p) == MediaKind::Video,
        _ => true,
    };
    let search = ctx
        .client
        .photos()
        .search()
        .user_id(ctx.nsid.clone())
        .safe_search(SafeSearch::Restricted)
        .media(media)
        .extras(extras())
        .per_page(PER_PAGE);
    match ctx.opts.since {
        Some(since) if ctx.is_me => {
            let items = ctx
                .client
                .photos()
                .recently_updated(flickr_sdk::DateValue::unix(since))
                .extras(extras())
                .per_page(PER_PAGE)
                .items();
            store_items(ctx, "flickr.photos.recentlyUpdated", items, wanted, true).await?;
            Ok(false)
        }
        Some(since) => {
            let items = search
                .min_upload_date(flickr_sdk::DateValue::unix(since))
                .walk_by_upload_date();
            store_items(
                ctx,
                "flickr.photos.search (photostream)",
                items,
                wanted,
                true,
            )
            .await?;
            Ok(false)
        }
        None => {
            let items = search.walk_by_upload_date();
            store_items(
                ctx,
                "flickr.photos.search (photostream)",
                items,
                wanted,
                true,
            )
            .await?;
            Ok(true)
        }
    }
}
