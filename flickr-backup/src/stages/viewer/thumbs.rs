//! The viewer's thumbnails: Flickr's 150 px square (`url_q`, or the 75 px
//! `url_sq` / 100 px `url_t` when it is not listed), whose URL every list
//! item already carries, fetched from the static hosts (no API call) into
//! `.flickr-backup/thumbs/ID.jpg`, `jobs` at a time, within the static
//! hosts' budget the files use ([`Ctx::static_budget`], `--files-per-second`)
//! and through the same attempt loop, their failures judged as the files'
//! ([`Failure`]): a 429 pauses files and thumbnails alike. Only missing ones
//! are fetched; one attempt each per run (a thumbnail is small and optional:
//! a failed one is fetched by the next run, and the page shows its title
//! meanwhile). Photos with no thumbnail URL (an export's), and every photo
//! in a run with no network, get one made from their file instead
//! ([`local_thumbs`]).

use flickr_sdk::retry::{self, RetryPolicy};
use flickr_sdk::types::Photo;
use futures::StreamExt;

use crate::check;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::layout;
use crate::state::FileStatus;

use super::local_thumbs;
use crate::static_host::{self, http_client, Failed, Failure};

/// Thumbnails fetched and failed in this run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ThumbnailsFetched {
    pub fetched: u64,
    pub failed: u64,
    /// Made from the mirror's own files ([`local_thumbs`]).
    pub made: u64,
    /// Files that did not decode into one.
    pub undecodable: u64,
}

/// The URL of a photo's thumbnail, from its list item.
fn thumb_url(item: &Photo) -> Option<&str> {
    [&item.url_q, &item.url_sq, &item.url_t]
        .into_iter()
        .find_map(Option::as_deref)
        .filter(|u| !u.is_empty())
}

/// GETs one thumbnail, checked to be a JPEG.
async fn get(http: &reqwest::Client, url: &str) -> Result<Vec<u8>, Failed> {
    let bytes = static_host::get(http, url)
        .await?
        .bytes()
        .await
        .map_err(|e| Failure::transport(url, "", &e))?;
    let edge = bytes.len().min(check::EDGE);
    check::signature("jpg", &bytes[..edge], &bytes[bytes.len() - edge..])
        .map_err(|e| Failure::body(url, e))?;
    Ok(bytes.to_vec())
}

/// Fetches the thumbnails not yet on disk of the photos not deleted on Flickr.
pub(crate) async fn fetch_missing(ctx: &Ctx) -> Result<ThumbnailsFetched> {
    let root = ctx.tree.root().to_path_buf();
    let mut wanted: Vec<(String, String)> = Vec::new();
    let mut local: Vec<(String, std::path::PathBuf, u16)> = Vec::new();
    ctx.each_photo(|p| {
        let rel = layout::thumbnail(&p.id);
        if layout::resolve(&root, &rel).is_file() {
            return Ok(());
        }
        match thumb_url(&p.item) {
            Some(url) if !p.deleted && !ctx.offline => wanted.push((rel, url.to_owned())),
            // No URL to fetch (an export's photo), or no network: made from the file.
            _ => {
                if let Some(f) = ctx.db().file(&p.id)? {
                    if f.status == FileStatus::Done && local_thumbs::decodable(&f.path) {
                        let rotation = p.details.export.as_ref().map_or(0, |r| r.rotation());
                        local.push((rel, layout::resolve(&root, &f.path), rotation));
                    }
                }
            }
        }
        Ok(())
    })?;
    let mut out = ThumbnailsFetched::default();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    for (rel, made) in local_thumbs::make_all(local, workers) {
        match made {
            Ok(bytes) => {
                ctx.tree.write_cache(&rel, &bytes)?;
                out.made += 1;
            }
            // Not an image it can read: the viewer shows a placeholder.
            Err(_) => out.undecodable += 1,
        }
    }
    if wanted.is_empty() {
        return Ok(out);
    }
    let http = http_client()?;
    // One attempt: the next run fetches what failed now.
    let once = RetryPolicy::none();
    let mut results = std::pin::pin!(futures::stream::iter(wanted)
        .map(|(rel, url)| {
            let (http, once) = (&http, &once);
            async move {
                let budget = Some(&ctx.static_budget);
                let got = retry::run(once, budget, |_| get(http, &url), |_, _, _| {}).await;
                (rel, got.ok())
            }
        })
        .buffer_unordered(ctx.opts.jobs.max(1)));
    while let Some((rel, got)) = results.next().await {
        match got {
            Some(bytes) => {
                ctx.tree.write_cache(&rel, &bytes)?;
                out.fetched += 1;
            }
            None => out.failed += 1,
        }
    }
    Ok(out)
}
