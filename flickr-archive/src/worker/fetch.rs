//! A fetch job: each photo of a batch, `jobs` at a time, from the static
//! hosts straight into the store (hashed while it streams), through the
//! attempt loop and judgement the backup's files use
//! (`flickr_backup::static_host`); then the batch's objects and failures in
//! the catalog, and — when it was the target's last batch — its package
//! job, in one transaction.

use flickr_sdk::retry;
use flickr_sdk::sizes::{AvailableSizes, Size, Want};
use flickr_sdk::types::Photo;
use futures::StreamExt;

use super::{finish_with, Done, Worker};
use crate::db::catalog::{self, Fetched, Stored, ToFetch};
use crate::db::queue::{self, Job, JobKind};
use crate::error::{Error, Result};
use crate::target::Target;
use flickr_backup::static_host::{self, Failure};

pub(super) async fn run(worker: &Worker, job: &Job) -> Result<Done> {
    let rows = catalog::batch_rows(&worker.pool, job.target_id, &job.photo_ids).await?;
    let budget = static_host::static_budget(None);
    let policy = *worker.client.core().retry_policy();
    let results: Vec<(ToFetch, Result<Fetched>)> = futures::stream::iter(rows)
        .map(|row| {
            let (budget, policy) = (&budget, &policy);
            async move {
                let r = fetch_one(worker, job, &row, policy, budget).await;
                (row, r)
            }
        })
        .buffered(worker.opts.jobs.max(1))
        .collect()
        .await;
    let mut done = Done::default();
    let mut recorded = Vec::with_capacity(results.len());
    for (row, r) in results {
        // A store that failed fails the batch (given back, tried again);
        // a file the host would not give is the photo's failure.
        let fetched = r?;
        if let Fetched::Stored(s) = &fetched {
            done.files += 1;
            done.bytes += s.size;
        }
        recorded.push((row, fetched));
    }
    finish_with(worker, job, done, async |tx| {
        catalog::record_batch(tx, job.target_id, &recorded).await?;
        if !catalog::fetches_open(tx, job.target_id, job.id).await? {
            queue::enqueue(tx, job.target_id, JobKind::Package, &[]).await?;
            queue::set_target_state(tx, job.target_id, "packaging", None).await?;
        }
        Ok(())
    })
    .await
}

/// One photo's file into the store.
async fn fetch_one(
    worker: &Worker,
    job: &Job,
    row: &ToFetch,
    policy: &flickr_sdk::RetryPolicy,
    budget: &flickr_sdk::quota::Quota,
) -> Result<Fetched> {
    let photo: Photo = serde_json::from_value(row.item.clone()).map_err(|e| {
        Error::Other(format!(
            "photo {}: its stored listing does not read: {e}",
            row.photo_id
        ))
    })?;
    let url = match source(worker, &photo, &row.media).await? {
        Ok(url) => url,
        Err(why) => return Ok(Fetched::Failed(why)),
    };
    let own = match &job.target {
        Target::User(_) | Target::Album(_) => true,
        Target::Gallery(_) | Target::Group(_) | Target::Commons => false,
    };
    let file_name =
        flickr_backup::library::photo_file(&photo, own, &flickr_backup::library::url_ext(&url));
    let scratch = format!("{}-{}-{}", job.id, row.photo_id, std::process::id());
    let stored = retry::run(
        policy,
        Some(budget),
        |_| async {
            let resp = static_host::get(&worker.http, &url).await?;
            let expected = resp.content_length();
            let shown = static_host::redact(&url).to_owned();
            match worker.store.put_stream(&scratch, resp.bytes_stream()).await {
                Ok(Ok(obj)) if expected.is_some_and(|n| n != obj.size) => Err(Failure::body(
                    &shown,
                    format!("got {} of {} bytes", obj.size, expected.unwrap_or_default()),
                )),
                Ok(Ok(obj)) => Ok(Ok(obj)),
                Ok(Err(broken)) => Err(Failure::body(&shown, broken)),
                Err(store) => Ok(Err(store)),
            }
        },
        |failure: &Failure, attempt, _| {
            tracing::info!(photo = %row.photo_id, attempt = attempt.number(), "{failure}");
        },
    )
    .await;
    match stored {
        Ok(Ok(obj)) => Ok(Fetched::Stored(Stored {
            sha256: obj.sha256,
            sha512: obj.sha512,
            size: obj.size,
            key: obj.key,
            // Whole: a video's URL carries the query the library records.
            source: url.clone(),
            file_name,
        })),
        Ok(Err(store)) => Err(store),
        Err(failed) => Ok(Fetched::Failed(failed.into_error().to_string())),
    }
}

/// The URL of the file to keep, as the backup chooses it: a photo's
/// original or, where Flickr lists none, its largest listed size; a video's
/// uploaded file (or its best encoding) from one
/// `flickr.video.getStreamInfo`. `Err` says why there is none.
async fn source(
    worker: &Worker,
    p: &Photo,
    media: &str,
) -> Result<std::result::Result<String, String>> {
    if media == "video" {
        let info = worker
            .client
            .video()
            .get_stream_info(p.id.clone(), p.secret.clone().unwrap_or_default())
            .send()
            .await;
        let info = match info {
            Ok(info) => info,
            Err(e) => {
                match Error::api(format!("flickr.video.getStreamInfo {}", p.id.as_str()), e) {
                    // The video went since it was listed: its failure, not
                    // its target's.
                    Error::Api {
                        gone: true,
                        message,
                        ..
                    } => return Ok(Err(message)),
                    e => return Err(e),
                }
            }
        };
        let streams: Vec<(String, String)> = info
            .streams
            .into_iter()
            .filter_map(|s| Some((s.kind?, s.url?)))
            .collect();
        return Ok(match flickr_backup::library::pick_video_stream(&streams) {
            Some((_, url)) => Ok(url),
            None => Err("Flickr lists no stream for the video".to_owned()),
        });
    }
    Ok(AvailableSizes::from_photo(p)
        .pick(Want::Prefer(Size::Original))
        .map(|l| l.url.clone())
        .map_err(|e| e.to_string()))
}
