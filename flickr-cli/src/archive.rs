//! `flickr archive`: a thin shell over flickr-archive. Workers call Flickr
//! with the profile's API key alone (no token: the fleet archives public
//! content, as any visitor sees it), within the global options' budget
//! (`--quota-redis` shares it with every worker on every machine).

use std::io::Write;
use std::time::Duration;

use flickr_archive::{Archive, Status, Store, Target, WorkerOptions};

use crate::cli::{ArchiveArgs, ArchiveCommand, Cli, WorkerArgs};
use crate::fail::{Fail, Result};
use crate::setup;

/// Runs `flickr archive …`.
pub async fn run(cli: &Cli, args: &ArchiveArgs) -> Result<()> {
    let archive = Archive::connect(&args.db).await.map_err(fail)?;
    match &args.command {
        ArchiveCommand::Add { targets, file } => {
            let mut all = parse_all(targets)?;
            if let Some(file) = file {
                let text = std::fs::read_to_string(file)
                    .map_err(|e| Fail::usage(format!("--file {}: {e}", file.display())))?;
                let lines: Vec<String> = text
                    .lines()
                    .map(|l| l.split('#').next().unwrap_or("").trim().to_owned())
                    .filter(|l| !l.is_empty())
                    .collect();
                all.extend(parse_all(&lines)?);
            }
            if all.is_empty() {
                return Err(Fail::usage(
                    "flickr archive add: name at least one target (or --file FILE)",
                ));
            }
            let added = archive.add(&all).await.map_err(fail)?;
            say(&format!(
                "{added} target(s) added, {} already there",
                all.len() as u64 - added
            ));
        }
        ArchiveCommand::Refresh { targets } => {
            let queued = archive.refresh(&parse_all(targets)?).await.map_err(fail)?;
            say(&format!("{queued} target(s) queued to be listed again"));
        }
        ArchiveCommand::Worker(w) => worker(cli, &archive, w).await?,
        ArchiveCommand::Status { json } => {
            let status = archive.status().await.map_err(fail)?;
            if *json {
                say(&serde_json::to_string_pretty(&status).unwrap_or_default());
            } else {
                say(&status_text(&status));
            }
        }
        ArchiveCommand::Verify {
            store,
            sample,
            json,
        } => {
            let store = Store::open(store).map_err(fail)?;
            let report = archive.verify(&store, *sample).await.map_err(fail)?;
            if *json {
                say(&serde_json::to_string_pretty(&report).unwrap_or_default());
            } else {
                let mut text = format!(
                    "{} object(s) read back, {} as the catalog says",
                    report.checked, report.ok
                );
                for (key, what) in &report.problems {
                    text.push_str(&format!("\n  {key}: {what}"));
                }
                say(&text);
            }
            if !report.problems.is_empty() {
                return Err(Fail::failed(format!(
                    "{} object(s) differ from the catalog",
                    report.problems.len()
                )));
            }
        }
    }
    Ok(())
}

async fn worker(cli: &Cli, archive: &Archive, w: &WorkerArgs) -> Result<()> {
    let store = Store::open(&w.store).map_err(fail)?;
    let profile = setup::effective_profile(cli)?;
    let credentials = setup::credentials(&profile).without_token();
    if credentials.api_key_str().is_none() {
        return Err(Fail::config(
            "flickr archive worker needs an API key: set FLICKR_API_KEY or run `flickr auth login`",
        ));
    }
    let client = setup::client(cli, credentials).await?;
    let mut opts = WorkerOptions::default()
        .jobs(w.jobs)
        .until_idle(w.until_idle)
        .lease(Duration::from_secs(w.lease_seconds))
        .batch_size(w.batch)
        .name(w.name.clone())
        .bag_max_bytes(w.bag_max_bytes)
        .source_organization(w.source_organization.clone());
    if let Some(dir) = &w.work_dir {
        opts = opts.work_dir(dir);
    }
    let report = archive
        .work(client.into(), store, opts)
        .await
        .map_err(fail)?;
    if w.json {
        say(&serde_json::to_string(&report).unwrap_or_default());
    } else {
        say(&format!(
            "{}: {} job(s), {} file(s), {} bytes, {} API call(s), {} failed attempt(s)",
            report.worker,
            report.jobs,
            report.files,
            report.bytes,
            report.api_calls,
            report.failed_attempts
        ));
    }
    Ok(())
}

fn parse_all(targets: &[String]) -> Result<Vec<Target>> {
    targets
        .iter()
        .map(|t| Target::parse(t).map_err(fail))
        .collect()
}

fn status_text(s: &Status) -> String {
    let mut out = String::from("targets:\n");
    for t in &s.targets {
        out.push_str(&format!(
            "  {:<40} {:<10} listed {:>6}  fetched {:>6}  {:>12} bytes  failed {:>4}",
            t.target, t.state, t.listed, t.fetched, t.bytes, t.failed
        ));
        match (&t.bag, t.bag_parts) {
            (Some(bag), Some(parts)) if parts > 1 => {
                out.push_str(&format!("  bag {bag} in {parts} parts"))
            }
            (Some(bag), _) => out.push_str(&format!("  bag {bag}")),
            _ => {}
        }
        if let Some(reason) = &t.reason {
            out.push_str(&format!("\n      {reason}"));
        }
        out.push('\n');
    }
    out.push_str("workers:\n");
    for w in &s.workers {
        let state = if w.stopped {
            "stopped".to_owned()
        } else {
            w.current_job.clone().unwrap_or_else(|| "idle".into())
        };
        out.push_str(&format!(
            "  {:<30} seen {:>6.0} s ago  {:<40} {} call(s), {} file(s)\n",
            w.worker, w.last_seen_secs_ago, state, w.api_calls, w.files
        ));
    }
    let jobs: Vec<String> = s.jobs.iter().map(|(k, v)| format!("{v} {k}")).collect();
    out.push_str(&format!("jobs: {}\n", jobs.join(", ")));
    out.push_str(&format!(
        "the key's budget: {} of {} calls in the last hour",
        s.api_calls_last_hour, s.api_calls_allowed_per_hour
    ));
    out
}

fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
    let _ = out.flush();
}

/// The archive's error as the command's failure: bad targets and options
/// are usage errors, the rest failures.
fn fail(e: flickr_archive::Error) -> Fail {
    match e {
        flickr_archive::Error::Usage(m) => Fail::usage(m),
        other => Fail::failed(crate::fail::with_causes(&other)),
    }
}
