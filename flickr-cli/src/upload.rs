//! `flickr upload` and `flickr replace`: streamed from disk, with per-file
//! and total progress bars (hidden when stderr is not a terminal).

use crate::cli::{Cli, ContentTypeArg, ReplaceArgs, SafetyArg, UploadArgs};
use crate::fail::{Fail, Result};
use crate::setup;
use flickr_sdk::upload::{
    wait_for_tickets, PhotoContentType, Replace, SafetyLevel, TicketOutcome, Upload, UploadReply,
};
use flickr_sdk::CoreClient as Client;
use flickr_sdk::TicketId;
use futures::StreamExt;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How often to ask about asynchronous tickets, and for how long.
const TICKET_POLL: Duration = Duration::from_secs(1);
const TICKET_WAIT: Duration = Duration::from_secs(30 * 60);

/// Progress bars: one per file and a total, or nothing when hidden.
struct Bars {
    multi: MultiProgress,
    total: ProgressBar,
}

impl Bars {
    fn new(total_bytes: u64, files: usize, hidden: bool) -> Bars {
        let target = if hidden || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let multi = MultiProgress::with_draw_target(target);
        let total = multi.add(ProgressBar::new(total_bytes));
        total.set_style(style(
            "{prefix:>12} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        ));
        total.set_prefix(format!("{files} file(s)"));
        Bars { multi, total }
    }

    fn file(&self, path: &Path, len: u64) -> ProgressBar {
        let bar = self.multi.insert_before(&self.total, ProgressBar::new(len));
        bar.set_style(style("{prefix:>12} [{bar:30}] {bytes}/{total_bytes} {msg}"));
        bar.set_prefix(short_name(path));
        bar
    }
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

fn short_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    if name.chars().count() > 12 {
        let tail: String = name
            .chars()
            .rev()
            .take(11)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("…{tail}")
    } else {
        name
    }
}

/// Checks that every file exists and is a regular file; returns the sizes.
fn measure(files: &[PathBuf]) -> Result<Vec<u64>> {
    files
        .iter()
        .map(|f| match std::fs::metadata(f) {
            Ok(m) if m.is_file() => Ok(m.len()),
            Ok(_) => Err(Fail::usage(format!("{} is not a file", f.display()))),
            Err(e) => Err(Fail::usage(format!("cannot read {}: {e}", f.display()))),
        })
        .collect()
}

/// Wires a file bar and the total bar to an upload's progress callback.
fn progress(bar: ProgressBar, total: ProgressBar) -> impl Fn(u64, u64) + Send + Sync + 'static {
    let last = AtomicU64::new(0);
    move |sent, _len| {
        let before = last.swap(sent, Ordering::Relaxed);
        bar.set_position(sent);
        total.inc(sent.saturating_sub(before));
    }
}

/// `flickr upload FILE…`.
pub async fn upload(cli: &Cli, args: &UploadArgs) -> Result<()> {
    let sizes = measure(&args.files)?;
    let client = setup::profile_client(cli).await?;
    let bars = Bars::new(sizes.iter().sum(), args.files.len(), args.no_progress);
    let jobs = usize::from(args.jobs.max(1));
    let uploads = args.files.iter().zip(&sizes).map(|(path, &len)| {
        let bar = bars.file(path, len);
        let upload =
            build_upload(path, args).on_progress(progress(bar.clone(), bars.total.clone()));
        let client = &client;
        async move {
            let result = upload.send(client).await;
            match &result {
                Ok(_) => bar.finish_with_message("done"),
                Err(_) => bar.abandon_with_message("failed"),
            }
            (path, result)
        }
    });
    // `buffered` keeps input order while running `jobs` uploads at once.
    let mut results = futures::stream::iter(uploads).buffered(jobs);
    let mut failures = 0usize;
    let mut tickets: Vec<(TicketId, &PathBuf)> = Vec::new();
    while let Some((path, result)) = results.next().await {
        match result {
            Ok(UploadReply::Photo { id, .. }) => {
                bars.multi.suspend(|| println!("{id}\t{}", path.display()));
            }
            Ok(UploadReply::Ticket(ticket)) if args.no_wait => {
                bars.multi
                    .suspend(|| println!("ticket:{ticket}\t{}", path.display()));
            }
            Ok(UploadReply::Ticket(ticket)) => tickets.push((ticket, path)),
            Err(e) => {
                failures += 1;
                let report = crate::fail::with_causes(&e);
                bars.multi
                    .suspend(|| eprintln!("error: upload of {} failed: {report}", path.display()));
            }
        }
    }
    bars.total.finish();
    if !tickets.is_empty() {
        failures += finish_tickets(&client, &tickets).await?;
    }
    if failures > 0 {
        return Err(Fail::failed(format!(
            "{failures} of {} file(s) failed; nothing was retried (a retried upload could duplicate a photo)",
            args.files.len()
        )));
    }
    Ok(())
}

fn build_upload(path: &Path, args: &UploadArgs) -> Upload {
    let mut upload = Upload::from_path(path);
    if let Some(t) = &args.title {
        upload = upload.title(t);
    }
    if let Some(d) = &args.description {
        upload = upload.description(d);
    }
    let tags: Vec<&str> = args
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if !tags.is_empty() {
        upload = upload.tags(tags);
    }
    if args.private || args.public || args.friends || args.family {
        upload = upload
            .is_public(args.public)
            .is_friend(args.friends)
            .is_family(args.family);
    }
    if args.hidden {
        upload = upload.hidden(true);
    }
    if let Some(s) = args.safety {
        upload = upload.safety_level(match s {
            SafetyArg::Safe => SafetyLevel::Safe,
            SafetyArg::Moderate => SafetyLevel::Moderate,
            SafetyArg::Restricted => SafetyLevel::Restricted,
        });
    }
    if let Some(c) = args.content_type {
        upload = upload.content_type(match c {
            ContentTypeArg::Photo => PhotoContentType::Photo,
            ContentTypeArg::Screenshot => PhotoContentType::Screenshot,
            ContentTypeArg::Other => PhotoContentType::Other,
        });
    }
    upload.asynchronous(args.asynchronous)
}

/// Waits for asynchronous uploads; prints photo ids; returns how many failed.
async fn finish_tickets(client: &Client, tickets: &[(TicketId, &PathBuf)]) -> Result<usize> {
    eprintln!(
        "Waiting for Flickr to process {} upload(s) …",
        tickets.len()
    );
    let ids: Vec<TicketId> = tickets.iter().map(|(t, _)| t.clone()).collect();
    let outcomes = wait_for_tickets(client, &ids, TICKET_POLL, TICKET_WAIT).await?;
    let mut failed = 0;
    for ((ticket, outcome), (_, path)) in outcomes.iter().zip(tickets) {
        match outcome {
            TicketOutcome::Complete { photo_id, .. } => println!("{photo_id}\t{}", path.display()),
            TicketOutcome::Failed => {
                failed += 1;
                eprintln!(
                    "error: Flickr could not process {} (ticket {ticket}): check the file's format",
                    path.display()
                );
            }
            TicketOutcome::Invalid => {
                failed += 1;
                eprintln!(
                    "error: Flickr does not know ticket {ticket} for {}",
                    path.display()
                );
            }
        }
    }
    Ok(failed)
}

/// `flickr replace PHOTO_ID FILE`.
pub async fn replace(cli: &Cli, args: &ReplaceArgs) -> Result<()> {
    if args.photo_id.trim().is_empty() || !args.photo_id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Fail::usage(format!(
            "`{}` is not a photo id (photo ids are digits, e.g. 53410986372)",
            args.photo_id
        )));
    }
    let sizes = measure(std::slice::from_ref(&args.file))?;
    let client = setup::profile_client(cli).await?;
    let bars = Bars::new(sizes[0], 1, args.no_progress);
    let bar = bars.file(&args.file, sizes[0]);
    let reply = Replace::from_path(args.photo_id.as_str(), &args.file)
        .asynchronous(args.asynchronous)
        .on_progress(progress(bar.clone(), bars.total.clone()))
        .send(&client)
        .await;
    bar.finish();
    bars.total.finish();
    match reply? {
        UploadReply::Photo { id, .. } => println!("{id}\t{}", args.file.display()),
        UploadReply::Ticket(ticket) => {
            let paths = [(ticket, &args.file)];
            if finish_tickets(&client, &paths).await? > 0 {
                return Err(Fail::failed("the replacement failed"));
            }
        }
    }
    Ok(())
}
