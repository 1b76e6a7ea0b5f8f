//! The listing stage of a listing: its items become photo rows as the
//! API's list calls make them (the owner filled in, the list's own fields
//! dropped, a page per transaction), its albums the state's albums, and
//! the run's [`Index`] of local files.

use std::collections::{HashMap, HashSet};

use flickr_sdk::types::Photo;
use flickr_sdk::UserId;

use super::source::{resolve, Index};
use super::Listing;
use crate::ctx::{Ctx, BATCH};
use crate::error::{Error, Result};
use crate::events::{Event, Stage};
use crate::state::{self, MediaKind, SetInfo, SetKind, SetRow};

/// The item as the API's list stage stores it: the owner given (album
/// lists leave it out), and what belongs to the list rather than the
/// photo left out.
fn as_stored(mut item: Photo, owner: &str) -> Photo {
    item.owner
        .get_or_insert_with(|| UserId::new(owner.to_owned()));
    item.is_primary = None;
    item.date_faved = None;
    item.has_comment = None;
    item.comment = None;
    item
}

/// Records `listing` in the state as seen in this run; returns the index
/// of its local files.
pub(crate) fn ingest(ctx: &Ctx, listing: Listing) -> Result<Index> {
    ctx.emit(Event::Stage {
        stage: Stage::Photos,
    });
    let Listing {
        owner,
        photos,
        albums,
        complete,
    } = listing;
    let run = ctx.run;
    let mut index = Index {
        files: HashMap::with_capacity(photos.len()),
        complete,
    };
    let mut photos = photos.into_iter().peekable();
    while photos.peek().is_some() {
        let page: Vec<_> = photos.by_ref().take(BATCH).collect();
        let mut rows = Vec::with_capacity(page.len());
        for listed in page {
            let item = as_stored(listed.item, &owner);
            let id = item.id.as_str().to_owned();
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_digit()) {
                return Err(Error::Usage(format!(
                    "a listing's photo has the id {id:?}, not a Flickr photo id"
                )));
            }
            let media = MediaKind::listed(item.media.as_ref().map(|m| m.as_str()));
            let source = listed.file.as_ref().map(|f| resolve(&item, media, f));
            index.files.insert(id, source);
            rows.push((media, item));
        }
        ctx.db().batch(|b| {
            for (media, item) in &rows {
                let who = item.owner.as_ref().map_or("", |o| o.as_str());
                let row = state::Listing {
                    id: item.id.as_str(),
                    owner: who,
                    own: who == owner,
                    media: *media,
                    item,
                    last_update: item.last_update,
                };
                b.upsert_photo(run, row, true)?;
            }
            Ok(())
        })?;
        ctx.listed(rows.len() as u64);
    }
    let mut sets = Vec::with_capacity(albums.len());
    let mut seen = HashSet::new();
    for a in albums {
        let id = a.info.id.as_str().to_owned();
        if id.is_empty() || !seen.insert(id.clone()) {
            return Err(Error::Usage(format!(
                "a listing's album has the id {id:?}, empty or given twice"
            )));
        }
        let mut info = a.info;
        info.owner.get_or_insert_with(|| UserId::new(owner.clone()));
        // Its photos the listing holds, each once, in album order.
        let mut have = HashSet::new();
        let (members, absent): (Vec<String>, Vec<String>) = a
            .photos
            .into_iter()
            .filter(|p| have.insert(p.clone()))
            .partition(|p| index.contains(p));
        if !absent.is_empty() {
            ctx.emit(Event::Warning {
                message: format!(
                    "album {id}: {} of its photos are not in the listing ({}); left out of it",
                    absent.len(),
                    absent.join(", ")
                ),
            });
        }
        sets.push(SetRow {
            kind: SetKind::Album,
            id,
            info: SetInfo::Album(info),
            members,
            stamp: None,
            seen_run: run,
            deleted: false,
        });
    }
    ctx.db().batch(|b| {
        for s in &sets {
            b.upsert_set(run, s)?;
        }
        if complete {
            b.flag_deleted_sets(run, SetKind::Album)?;
        }
        Ok(())
    })?;
    Ok(index)
}
