//! One backup run, stage by stage: open the mirror (finishing what a killed
//! run left), resolve the account, list, flag what Flickr deleted,
//! per-photo calls, plan files, move and download them, write sidecars and
//! manifests, album and collection folders (links), the viewer. A dry run does the listing on a scratch copy of the state and
//! stops after planning.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use crate::count::{counting, offline_client, Counts};
use crate::ctx::{now, Ctx};
use crate::error::{Error, Result};
use crate::events::{Event, Stage};
use crate::export::{copy, ingest, Export, ExportReport};
use crate::laps::Laps;
use crate::layout;
use crate::listing::{self, Listing};
use crate::options::Options;
use crate::report::{Failure, Report};
use crate::stages::{details, files, folders, list, plan, sidecars, viewer};
use crate::state::{FileRow, FileStatus, State};
use crate::tree::Tree;

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
    listing: Option<Listing>,
    events: UnboundedSender<Event>,
) -> Result<Report> {
    if opts.jobs == 0 {
        return Err(Error::Usage("--jobs must be at least 1".to_owned()));
    }
    let offline = client.is_none();
    if let Some(l) = &listing {
        l.check(&opts)?;
    }
    if offline && opts.from_export.is_empty() && listing.is_none() {
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
    let counted = client.core().with_transport(Arc::new(counting(
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
    let (nsid, is_me) = if let Some(l) = &listing {
        (l.owner().to_owned(), false)
    } else if offline {
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
    if let Some(l) = listing {
        // The listing is this run's listing: its rows, albums and files.
        ctx.listing = Some(listing::ingest::ingest(&ctx, l)?);
        laps.lap(Stage::Photos);
    }

    let mut export_report = None;
    if let Some(ex) = &ctx.export {
        // Offline, the export is this run's listing; with the API, the API
        // lists next and what it no longer lists is flagged deleted.
        let seen = if offline { run } else { 0 };
        export_report = Some(ingest::ingest(&ctx, ex, seen)?);
        laps.lap(Stage::Export);
    }
    let complete = if offline {
        ctx.listing.as_ref().is_some_and(|l| l.complete)
    } else {
        list_account(&ctx, &mut laps).await?
    };
    let mut deleted = Vec::new();
    if complete {
        deleted.extend(ctx.db().batch(|b| b.flag_deleted_photos(run, true))?);
        // A complete listing holds the others' photos it keeps too.
        if (inc.favorites && inc.galleries) || ctx.listing.is_some() {
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
        // lacks (its report's `missing_media`), not a failure of the run; a
        // listing's photo without one is.
        failed: plan
            .unavailable
            .iter()
            .filter(|_| !offline || ctx.listing.is_some())
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
    if ctx.listing.is_some() {
        let copied = listing::copy::copy_all(&ctx)?;
        report.files_copied = copied.done;
        report.bytes_copied = copied.bytes;
        report.failed.extend(copied.failed);
        // Nothing of a listing is downloaded.
        downloads = ctx.db().pending_after(run, None, usize::MAX)?.len() as u64;
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
    report.not_original = written.not_original;
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
