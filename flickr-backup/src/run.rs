//! One backup run, stage by stage: open the mirror (finishing what a killed
//! run left), resolve the account, list, flag what Flickr deleted,
//! per-photo calls, plan files, move and download them, write sidecars and
//! manifests, album and collection folders (links), the viewer. A dry run does the listing on a scratch copy of the state and
//! stops after planning.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use tokio::sync::mpsc::UnboundedSender;

use crate::count::{offline_client, CountingTransport, Counts};
use crate::ctx::{now, Ctx};
use crate::error::{Error, Result};
use crate::events::{Event, Stage};
use crate::export::{copy, ingest, Export, ExportReport};
use crate::laps::{Lap, Laps};
use crate::layout;
use crate::options::Options;
use crate::stages::sidecars::Capped;
use crate::stages::{details, files, folders, list, plan, sidecars, viewer};
use crate::state::{FileRow, FileStatus, State};
use crate::tree::Tree;

/// A file that could not be fetched in this run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Failure {
    /// Photo id.
    pub photo: String,
    /// Why.
    pub reason: String,
}

/// What a run did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// The account's NSID.
    pub user: String,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// API requests made, per method (retries included).
    pub api_calls: BTreeMap<String, u64>,
    /// Dry run: the requests a real run makes now, per method (the listing
    /// just made, plus the per-photo calls it would add). Empty otherwise.
    pub planned_calls: BTreeMap<String, u64>,
    /// Distinct photos and videos listed (photostream, albums, galleries, favorites).
    pub listed: u64,
    /// Photos flagged deleted on Flickr in this run.
    pub deleted_on_flickr: u64,
    /// Files downloaded (dry run: to download).
    pub files_fetched: u64,
    /// Files already complete and left alone.
    pub files_complete: u64,
    /// Bytes downloaded.
    pub bytes: u64,
    /// Sidecars and manifests written.
    pub documents_written: u64,
    /// Files kept in a size that is not the original, and why (a free
    /// account's photos, no original listed, or `--size`).
    pub not_original: Vec<Capped>,
    /// Photos whose capped file was replaced by the original in this run
    /// (Flickr started listing it: the owner went Pro).
    pub originals_fetched: Vec<String>,
    /// Album and collection folder entries made or remade (hard links).
    pub album_links: u64,
    /// Album and collection folder entries removed (photos that left an
    /// album, albums renamed, reordered or deleted).
    pub album_links_removed: u64,
    /// Album folder entries that had to be symlinks: the file system
    /// refused hard links (they break if the mirror is moved to a file
    /// system that cannot follow them).
    pub album_symlinks: u64,
    /// Viewer files written (`index.html` and `viewer/`).
    pub viewer_written: u64,
    /// Thumbnails fetched for the viewer (static files, no API call).
    pub thumbnails_fetched: u64,
    /// Thumbnails that could not be fetched (the next run tries again).
    pub thumbnails_failed: u64,
    /// Thumbnails made from the mirror's own files (photos Flickr's export
    /// brought, with no thumbnail URL); videos and files that do not decode
    /// get a placeholder in the viewer.
    pub thumbnails_made: u64,
    /// Files not fetched in this run, with the reason.
    pub failed: Vec<Failure>,
    /// Whether the photostream listing was complete (deletions are only
    /// flagged after a complete one).
    pub complete_listing: bool,
    /// Dry run: time the planned calls take at the key's budget (seconds).
    pub seconds_at_budget: Option<f64>,
    /// Wall time of each stage, in order.
    pub laps: Vec<Lap>,
    /// What Flickr's export held and lacked, when the run read one (also
    /// written to `DIR/export-report.json`).
    pub export: Option<ExportReport>,
}

impl Report {
    /// Total of [`Report::planned_calls`] (dry run) or [`Report::api_calls`].
    pub fn total_calls(&self) -> u64 {
        if self.dry_run {
            self.planned_calls.values().sum()
        } else {
            self.api_calls.values().sum()
        }
    }
}

/// Lists the account through the API; returns whether the photostream
/// listing was complete.
async fn list_account(ctx: &Ctx, laps: &mut Laps) -> Result<bool> {
    let inc = ctx.opts.include;
    let complete = list::photostream(ctx).await?;
    laps.lap(Stage::Photos);
    if inc.albums {
        list::albums(ctx).await?;
        laps.lap(Stage::Albums);
    }
    if inc.collections {
        list::collections(ctx).await?;
        laps.lap(Stage::Collections);
    }
    // Favorites before galleries: favorites are listed afresh every run, an
    // unchanged gallery only marks its photos seen, and an item marked seen
    // in this run is not overwritten (a free account gone Pro would keep
    // its stale, capped item).
    if inc.favorites {
        list::favorites(ctx).await?;
        laps.lap(Stage::Favorites);
    }
    if inc.galleries {
        list::galleries(ctx).await?;
        laps.lap(Stage::Galleries);
    }
    Ok(complete)
}

pub(crate) async fn run(
    client: Option<flickr_sdk::Client>,
    root: PathBuf,
    opts: Options,
    events: UnboundedSender<Event>,
) -> Result<Report> {
    if opts.jobs == 0 {
        return Err(Error::Usage("--jobs must be at least 1".to_owned()));
    }
    let offline = client.is_none();
    if offline && opts.from_export.is_empty() {
        return Err(Error::Usage(
            "a backup without credentials needs Flickr's export (--from-export PATH)".to_owned(),
        ));
    }
    if offline && opts.dry_run {
        return Err(Error::Usage(
            "--dry-run plans API calls; a backup from an export alone makes none".to_owned(),
        ));
    }
    let mut laps = Laps::start();
    let counts = Counts::default();
    let client = client.unwrap_or_else(offline_client);
    let counted = client
        .core()
        .with_transport(Arc::new(CountingTransport::new(
            client.core().transport().clone(),
            counts.clone(),
            events.clone(),
        )));
    let client = flickr_sdk::Client::from(counted);
    let tree = Tree::new(root);
    let db_path = layout::state_db(tree.root());
    // Held until the run ends (the OS lets go if the process dies).
    let mut _lock = None;
    let state = if opts.dry_run {
        State::scratch_copy(&db_path)?
    } else {
        _lock = Some(tree.open()?);
        let state = State::open(&db_path)?;
        tree.recover(&state)?;
        state
    };
    let export = if opts.from_export.is_empty() {
        None
    } else {
        let _ = events.send(Event::Stage {
            stage: Stage::Export,
        });
        Some(Export::open(&opts.from_export)?)
    };
    let (nsid, is_me) = if offline {
        let from_export = export.as_ref().and_then(Export::nsid).map(str::to_owned);
        let known = state.meta("user")?;
        (
            from_export
                .or(known)
                .unwrap_or_else(|| "unknown".to_owned()),
            true,
        )
    } else {
        let _ = events.send(Event::Stage {
            stage: Stage::Resolving,
        });
        let resolved = list::resolve_user(&client, &opts.user).await?;
        laps.lap(Stage::Resolving);
        resolved
    };
    if let Some(of) = export.as_ref().and_then(Export::nsid) {
        if of != nsid {
            return Err(Error::Usage(format!(
                "the export is of account {of}, not of {nsid}, the account asked for"
            )));
        }
    }
    match state.meta("user")? {
        Some(u) if u != nsid => {
            return Err(Error::OtherAccount {
                mirror: tree.root().to_path_buf(),
                owner: u,
                asked: nsid,
            })
        }
        Some(_) => {}
        None if nsid == "unknown" => {}
        None => state.set_meta("user", &nsid)?,
    }
    let run = state.begin_run(now())?;
    let mut ctx = Ctx::new(client, state, opts, events, run, tree, counts, nsid, is_me);
    ctx.export = export;
    ctx.offline = offline;
    let inc = ctx.opts.include;

    let mut export_report = None;
    if let Some(ex) = &ctx.export {
        // Offline, the export is this run's listing; with the API, the API
        // lists next and what it no longer lists is flagged deleted.
        let seen = if offline { run } else { 0 };
        export_report = Some(ingest::ingest(&ctx, ex, seen)?);
        laps.lap(Stage::Export);
    }
    let complete = if offline {
        false
    } else {
        list_account(&ctx, &mut laps).await?
    };
    let mut deleted = Vec::new();
    if complete {
        deleted.extend(ctx.db().batch(|b| b.flag_deleted_photos(run, true))?);
        if inc.favorites && inc.galleries {
            deleted.extend(ctx.db().batch(|b| b.flag_deleted_photos(run, false))?);
        }
    }
    for id in &deleted {
        ctx.emit(Event::Deleted { photo: id.clone() });
    }
    if !offline {
        details::fetch(&ctx).await?;
        laps.lap(Stage::Details);
    }
    let plan = plan::plan(&ctx)?;
    laps.lap(Stage::Plan);
    ctx.emit(Event::FilesPlanned {
        to_fetch: plan.to_fetch,
        complete: plan.complete,
    });
    let mut report = Report {
        user: ctx.nsid.clone(),
        dry_run: ctx.opts.dry_run,
        listed: ctx.db().listed_in(run)?,
        deleted_on_flickr: deleted.len() as u64,
        files_complete: plan.complete,
        complete_listing: complete,
        // From an export alone, a photo without a file is what the export
        // lacks (its report's `missing_media`), not a failure of the run.
        failed: plan
            .unavailable
            .iter()
            .filter(|_| !offline)
            .map(|(photo, reason)| Failure {
                photo: photo.clone(),
                reason: reason.clone(),
            })
            .collect(),
        ..Report::default()
    };
    if ctx.opts.dry_run {
        report.files_fetched = plan.to_fetch + plan.awaiting_streams;
        report.api_calls = ctx.counts.get();
        let mut planned = report.api_calls.clone();
        for (m, n) in ctx.planned.get() {
            *planned.entry(m).or_default() += n;
        }
        report.planned_calls = planned;
        let (capacity, period) = ctx
            .client
            .core()
            .quota()
            .map(|q| (q.capacity(), q.period()))
            .unwrap_or((
                flickr_sdk::quota::FLICKR_CALLS_PER_HOUR,
                Duration::from_secs(3600),
            ));
        report.seconds_at_budget =
            Some(report.total_calls() as f64 * period.as_secs_f64() / f64::from(capacity.max(1)));
        report.laps = laps.into_laps();
        return Ok(report);
    }
    ctx.tree.apply_moves(&ctx.state, &plan.moves)?;
    let mut downloads = plan.to_fetch;
    if let Some(ex) = &ctx.export {
        let fallback = |id: &str| -> Option<FileRow> {
            if offline {
                return None;
            }
            let p = ctx.db().photo(id).ok()??;
            let t = plan::api_target(&ctx, &p).ok()?;
            Some(FileRow {
                photo_id: p.id.clone(),
                path: plan::path_for(&p, &t),
                url: t.url,
                variant: t.variant,
                status: FileStatus::Pending,
                size: None,
                sha256: None,
                tmp: None,
                old_path: None,
                error: None,
                origin: None,
            })
        };
        let copied = copy::copy_all(&ctx, ex, fallback)?;
        let r = export_report.get_or_insert_with(ExportReport::default);
        r.files_copied = copied.done;
        r.bytes_copied = copied.bytes;
        r.problems.extend(copied.failed);
        // What was copied is not downloaded; what failed may be.
        downloads = ctx.db().pending_after(run, None, usize::MAX)?.len() as u64;
        let mut v = serde_json::to_vec_pretty(&*r).unwrap_or_default();
        v.push(b'\n');
        ctx.tree.write_if_changed(layout::EXPORT_REPORT, &v)?;
    }
    let outcome = files::download_all(&ctx, downloads).await?;
    report.files_fetched = outcome.done;
    report.bytes = outcome.bytes;
    report.failed.extend(
        outcome
            .failed
            .into_iter()
            .map(|(photo, reason)| Failure { photo, reason }),
    );
    for id in plan.originals_now_listed {
        if ctx
            .db()
            .file(&id)?
            .is_some_and(|f| f.status == FileStatus::Done)
        {
            report.originals_fetched.push(id);
        }
    }
    laps.lap(Stage::Files);
    let written = sidecars::write_all(&ctx)?;
    laps.lap(Stage::Writing);
    report.documents_written = written.documents;
    report.not_original = written.capped;
    let links = folders::write_all(&ctx)?;
    report.album_links = links.links_made;
    report.album_links_removed = links.removed;
    report.album_symlinks = links.symlinks;
    laps.lap(Stage::Folders);
    if links.symlinks > 0 {
        ctx.emit(Event::Warning {
            message: format!(
                "the file system refused hard links: {} album folder entries are symlinks",
                links.symlinks
            ),
        });
    }
    if ctx.opts.viewer {
        let thumbs = viewer::thumbs::fetch_missing(&ctx).await?;
        report.thumbnails_fetched = thumbs.fetched;
        report.thumbnails_failed = thumbs.failed;
        report.thumbnails_made = thumbs.made;
        laps.lap(Stage::Thumbnails);
        report.viewer_written = viewer::write_all(&ctx)?;
        laps.lap(Stage::Viewer);
    }
    // The documents (sidecars, manifests, viewer, thumbnails) were written
    // without an fsync each: one sync makes them durable before the run is
    // recorded finished.
    ctx.tree.sync_documents()?;
    ctx.db().finish_run(run, now(), complete)?;
    laps.lap(Stage::Finish);
    report.laps = laps.into_laps();
    report.api_calls = ctx.counts.get();
    report.export = export_report;
    Ok(report)
}
