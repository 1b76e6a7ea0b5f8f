//! `flickr backup DIR`, `flickr backup verify DIR` and `flickr backup bag
//! DIR OUT` ([`bag`]): a thin shell over
//! the flickr-backup library — options from the command line, the client
//! from the shared setup (profile, endpoint, timeout, quota), progress bars
//! for API calls, files and bytes (hidden when stderr is not a terminal),
//! or one JSON object per event with `--json`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

use flickr_backup::{parse_since, Backup, Event, Include, Options, Report, SizeChoice, UserSpec};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;

use crate::cli::{BackupArgs, BackupCommand, Cli};
use crate::fail::{Fail, Result};
use crate::setup;

mod bag;
mod export;

/// Runs `flickr backup …`.
pub async fn run(cli: &Cli, args: &BackupArgs) -> Result<()> {
    match &args.command {
        Some(BackupCommand::Verify { dir, json }) => return verify(dir, *json).await,
        Some(BackupCommand::Bag {
            dir,
            out,
            source_organization,
            external_identifier,
            external_description,
            json,
        }) => {
            let mut info = flickr_backup::BagInfo::default();
            info.source_organization = source_organization.clone();
            info.external_identifier = external_identifier.clone();
            info.external_description = external_description.clone();
            return bag::run(dir, out, info, *json).await;
        }
        None => {}
    }
    let Some(dir) = &args.dir else {
        return Err(Fail::usage(
            "flickr backup: give the mirror's directory: `flickr backup DIR` (or `flickr backup verify DIR`)",
        ));
    };
    let options = options(args)?;
    // An export without `--user` is read offline: no profile, no key, no network.
    let backup = if !args.from_export.is_empty() && args.user.is_none() {
        Backup::from_export(dir, args.from_export.clone())
    } else {
        Backup::new(
            flickr_sdk::Client::from(setup::profile_client(cli).await?),
            dir,
        )
    };
    let mut job = backup.options(options.clone()).start();
    let bars = Bars::new(args.json);
    let mut out = std::io::stdout().lock();
    while let Some(event) = job.next_event().await {
        if args.json {
            // A closed pipe ends the printing, not the backup.
            let _ = writeln!(out, "{}", serde_json::to_string(&event).unwrap_or_default());
        } else {
            bars.show(&event);
        }
    }
    bars.finish();
    let report = job.finish().await.map_err(Fail::from)?;
    if args.json {
        let mut v = serde_json::to_value(&report).unwrap_or_default();
        if let Some(m) = v.as_object_mut() {
            m.insert("event".to_owned(), json!("report"));
            m.insert("total_calls".to_owned(), json!(report.total_calls()));
        }
        let _ = writeln!(out, "{v}");
    } else if report.dry_run {
        print_plan(&mut out, &report, options.since.is_some());
    } else {
        print_summary(&mut out, &report, dir);
    }
    let _ = out.flush();
    if !report.failed.is_empty() && !report.dry_run {
        let first = &report.failed[0];
        return Err(Fail::failed(format!(
            "{} file(s) could not be fetched in this run (first: photo {}: {}); run the same command again to retry them",
            report.failed.len(),
            first.photo,
            first.reason
        )));
    }
    Ok(())
}

fn options(args: &BackupArgs) -> Result<Options> {
    let usage = |e: flickr_backup::Error| Fail::usage(e.to_string());
    if args.jobs == 0 {
        return Err(Fail::usage("--jobs must be at least 1"));
    }
    let since = args
        .since
        .as_deref()
        .map(parse_since)
        .transpose()
        .map_err(usage)?;
    let defaults = Options::default();
    let retry = defaults
        .file_retry
        .with_max_attempts(args.file_attempts)
        .with_delays(
            Duration::from_millis(args.retry_delay_ms),
            defaults.file_retry.max_delay,
        );
    Ok(defaults
        .user(UserSpec::parse(args.user.as_deref().unwrap_or("me")).map_err(usage)?)
        .include(Include::parse(&args.include.join(",")).map_err(usage)?)
        .size(SizeChoice::parse(&args.size).map_err(usage)?)
        .jobs(args.jobs)
        .files_per_second(args.files_per_second)
        .since(since)
        .dry_run(args.dry_run)
        .viewer(!args.no_viewer)
        .file_retry(retry)
        .from_export(args.from_export.iter().cloned()))
}

fn print_plan(out: &mut impl Write, r: &Report, partial: bool) {
    let _ = writeln!(out, "Dry run for {}: {} API calls", r.user, r.total_calls());
    for (method, n) in &r.planned_calls {
        let _ = writeln!(out, "  {n:>8}  {method}");
    }
    let listing: u64 = r.api_calls.values().sum();
    let _ = writeln!(
        out,
        "{listing} of them (the listing) were made to plan; the backup makes them again."
    );
    if let Some(secs) = r.seconds_at_budget {
        let _ = writeln!(out, "Time at the key's budget: {}", duration(secs));
    }
    let _ = writeln!(
        out,
        "Photos listed: {}. Files to download: {} (already complete: {}).",
        r.listed, r.files_fetched, r.files_complete
    );
    if r.deleted_on_flickr > 0 {
        let _ = writeln!(
            out,
            "Would flag {} photo(s) as deleted on Flickr.",
            r.deleted_on_flickr
        );
    }
    if partial {
        let _ = writeln!(out, "(--since: deletions are not looked for.)");
    }
}

fn print_summary(out: &mut impl Write, r: &Report, dir: &Path) {
    let calls: u64 = r.api_calls.values().sum();
    let _ = writeln!(
        out,
        "Backed up {} into {}: {} photo(s) listed, {} file(s) fetched ({} bytes), {} already complete, {} flagged deleted on Flickr; {} API call(s).",
        r.user,
        dir.display(),
        r.listed,
        r.files_fetched,
        r.bytes,
        r.files_complete,
        r.deleted_on_flickr,
        calls
    );
    if let Some(e) = &r.export {
        export::print(out, e, dir);
    }
    if !r.not_original.is_empty() {
        let first = &r.not_original[0];
        let _ = writeln!(
            out,
            "{} file(s) are not the original (e.g. photo {}: size {} kept because {}); the sidecars say so.",
            r.not_original.len(),
            first.photo,
            first.size_kept,
            first.reason
        );
    }
    if !r.originals_fetched.is_empty() {
        let _ = writeln!(
            out,
            "{} capped file(s) replaced by the original Flickr now lists.",
            r.originals_fetched.len()
        );
    }
    if r.album_symlinks > 0 {
        let _ = writeln!(
            out,
            "Note: the file system refused hard links; {} album folder entr(y/ies) are symlinks.",
            r.album_symlinks
        );
    }
    if r.viewer_written > 0 || r.thumbnails_fetched > 0 {
        let _ = writeln!(
            out,
            "Offline viewer: {} ({} thumbnail(s) fetched, {} left for the next run).",
            dir.join("index.html").display(),
            r.thumbnails_fetched,
            r.thumbnails_failed
        );
    }
}

fn duration(secs: f64) -> String {
    let s = secs.round() as u64;
    match s {
        0..=59 => format!("{secs:.1} s"),
        60..=3599 => format!("{} min {} s", s / 60, s % 60),
        _ => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}

/// Three lines: API calls, files, bytes.
struct Bars {
    multi: MultiProgress,
    calls: ProgressBar,
    files: ProgressBar,
    bytes: ProgressBar,
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

impl Bars {
    fn new(hidden: bool) -> Bars {
        let target = if hidden || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let multi = MultiProgress::with_draw_target(target);
        let calls = multi.add(ProgressBar::new_spinner());
        calls.set_style(style("{prefix:>10} {pos} {msg}"));
        calls.set_prefix("API calls");
        let files = multi.add(ProgressBar::new(0));
        files.set_style(style("{prefix:>10} [{bar:30}] {pos}/{len} {msg}"));
        files.set_prefix("files");
        let bytes = multi.add(ProgressBar::new_spinner());
        bytes.set_style(style("{prefix:>10} {bytes} {bytes_per_sec}"));
        bytes.set_prefix("bytes");
        Bars {
            multi,
            calls,
            files,
            bytes,
        }
    }

    fn show(&self, e: &Event) {
        match e {
            Event::Stage { stage } => self.calls.set_message(stage.describe()),
            Event::ApiCall { total, .. } => self.calls.set_position(*total),
            Event::Listed { photos } => self.files.set_message(format!("{photos} photos listed")),
            Event::FilesPlanned { to_fetch, complete } => {
                self.files.set_length(*to_fetch);
                self.files
                    .set_message(format!("({complete} already complete)"));
            }
            Event::FileDone { bytes, .. } => {
                self.files.inc(1);
                self.bytes.inc(*bytes);
            }
            Event::FileFailed { photo, reason } => {
                self.files.inc(1);
                let _ = self.multi.println(format!("photo {photo}: {reason}"));
            }
            Event::Warning { message } => {
                let _ = self.multi.println(format!("warning: {message}"));
            }
            // Retries, deletions and events a later version adds: not shown.
            _ => {}
        }
    }

    fn finish(&self) {
        self.calls.finish();
        self.files.finish();
        self.bytes.finish();
    }
}

async fn verify(dir: &Path, json_out: bool) -> Result<()> {
    let root = dir.to_path_buf();
    let report = tokio::task::spawn_blocking(move || flickr_backup::verify(&root, |_, _| {}))
        .await
        .map_err(|e| {
            Fail::from(flickr_backup::Error::Internal {
                what: "verify stopped".to_owned(),
                source: Box::new(e),
            })
        })?
        .map_err(Fail::from)?;
    let mut out = std::io::stdout().lock();
    if json_out {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        for p in &report.missing {
            let _ = writeln!(out, "missing  {}  (photo {})", p.path, p.photo);
        }
        for p in &report.changed {
            let _ = writeln!(
                out,
                "changed  {}  (photo {}): {}",
                p.path, p.photo, p.reason
            );
        }
        let _ = writeln!(
            out,
            "{} file(s) checked: {} intact, {} missing, {} changed; {} not downloaded yet.",
            report.checked,
            report.ok,
            report.missing.len(),
            report.changed.len(),
            report.not_downloaded
        );
    }
    let _ = out.flush();
    if report.is_clean() {
        Ok(())
    } else {
        Err(Fail::failed(format!(
            "{} missing and {} changed file(s) in {}; run `flickr backup {}` to fetch them again",
            report.missing.len(),
            report.changed.len(),
            dir.display(),
            dir.display()
        )))
    }
}
