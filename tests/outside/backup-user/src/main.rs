//! A program outside the flickr-rs workspace that uses `flickr-backup` and
//! `flickr-testkit` as libraries, built by `scripts/package-check.sh` from
//! the packaged crates alone: it starts a loopback Flickr with a
//! backup-sized account, mirrors it into a temporary directory, checks the
//! files against the events, the account and the layout, runs again (which
//! must fetch nothing) and verifies the mirror. Prints one
//! `backup-user: ok: …` line, or the first mismatch and exits with 1.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;

use flickr_backup::{Backup, Event, Options};
use flickr_testkit::{AccountSpec, FakeFlickr};
use futures::StreamExt;

type Failure = Box<dyn std::error::Error>;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(summary) => {
            println!("backup-user: ok: {summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("backup-user: FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}

fn check(ok: bool, what: impl FnOnce() -> String) -> Result<(), Failure> {
    if ok {
        Ok(())
    } else {
        Err(what().into())
    }
}

async fn run() -> Result<String, Failure> {
    let account = AccountSpec::default();
    let fake = FakeFlickr::builder()
        .photos(10)
        .account(account.clone())
        .start()
        .await?;
    let creds = fake.credentials();
    let client = flickr_sdk::Client::builder()
        .oauth(
            creds.api_key.clone(),
            creds.api_secret.clone(),
            creds.oauth_token.clone(),
            creds.oauth_token_secret.clone(),
        )
        .base_url(&fake.base_url())
        .build()?;
    let dir = tempfile::tempdir()?;
    let root = dir.path();

    // The first run: every file it reports is in the tree, at its size.
    let mut job = Backup::new(client.clone(), root)
        .options(Options::default())
        .start();
    let mut done: BTreeMap<String, (String, u64)> = BTreeMap::new();
    while let Some(event) = job.next_event().await {
        if let Event::FileDone { photo, path, bytes } = event {
            done.insert(photo, (path, bytes));
        }
    }
    let report = job.finish().await?;
    check(report.failed.is_empty(), || {
        format!("files failed: {:?}", report.failed)
    })?;
    check(report.files_fetched == done.len() as u64, || {
        format!(
            "the report says {} files fetched, the events {}",
            report.files_fetched,
            done.len()
        )
    })?;
    // One request per file and per viewer thumbnail: nothing fetched twice.
    let fetched = report.files_fetched + report.thumbnails_fetched;
    check(fake.static_requests_total() == fetched, || {
        format!(
            "{} files and {} thumbnails fetched with {} requests to the static host",
            report.files_fetched,
            report.thumbnails_fetched,
            fake.static_requests_total()
        )
    })?;
    check(root.join("index.html").is_file(), || {
        "no offline viewer (index.html) in the mirror".to_owned()
    })?;
    for (photo, (path, bytes)) in &done {
        let file = resolve(root, path);
        let len = std::fs::metadata(&file)
            .map_err(|e| format!("photo {photo}: {}: {e}", file.display()))?
            .len();
        check(len == *bytes && len > 0, || {
            format!("{}: {len} bytes, the event said {bytes}", file.display())
        })?;
        let sidecar = file.with_extension("json");
        let text = std::fs::read_to_string(&sidecar)
            .map_err(|e| format!("photo {photo}: sidecar {}: {e}", sidecar.display()))?;
        serde_json::from_str::<serde_json::Value>(&text)
            .map_err(|e| format!("{}: not JSON: {e}", sidecar.display()))?;
    }

    // Every photo and video of the account is in the mirror.
    let own = fake.photos_of(&creds.user_nsid);
    check(own.len() >= account.photos, || {
        format!(
            "the account holds {} photos, fewer than the {} asked for",
            own.len(),
            account.photos
        )
    })?;
    for id in &own {
        check(done.contains_key(&id.to_string()), || {
            format!("photo {id} of the account was not fetched")
        })?;
    }

    // One manifest per album the API lists, and the state database.
    let mut listed = BTreeSet::new();
    let mut albums = client.photosets().get_list().items();
    while let Some(album) = albums.next().await {
        listed.insert(album?.id.as_str().to_owned());
    }
    let mut manifests = BTreeSet::new();
    let mut folders = 0;
    for entry in std::fs::read_dir(root.join("albums"))? {
        let path = entry?.path();
        if path.is_dir() {
            // `TITLE (ID)/`: the album's files, linked in album order.
            folders += 1;
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        serde_json::from_str::<serde_json::Value>(&text)
            .map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            manifests.insert(stem.to_owned());
        }
    }
    check(listed.len() >= account.albums && manifests == listed, || {
        format!("album manifests {manifests:?}, albums listed {listed:?}")
    })?;
    // An album's folder holds links to its files (an empty album has none).
    check(folders > 0 && folders <= manifests.len(), || {
        format!("{folders} album folders for {} albums", manifests.len())
    })?;
    let state = root.join(".flickr-backup").join("state.sqlite");
    check(state.is_file(), || format!("no {}", state.display()))?;

    // A second run fetches nothing; the mirror verifies clean.
    let again = Backup::new(client, root)
        .options(Options::default())
        .run()
        .await?;
    check(again.files_fetched == 0, || {
        format!("the second run fetched {} files", again.files_fetched)
    })?;
    let verified = flickr_backup::verify(root, |_, _| {})?;
    check(
        verified.is_clean() && verified.ok == report.files_fetched,
        || format!("verify: {verified:?}"),
    )?;

    Ok(format!(
        "{} files ({} of the account's own photos and videos, {} album manifests) in {} API calls; a second run fetched none; verify found {} files intact",
        report.files_fetched,
        own.len(),
        manifests.len(),
        report.total_calls(),
        verified.ok
    ))
}

/// A path inside the mirror (relative, with `/`) under `root`.
fn resolve(root: &Path, rel: &str) -> std::path::PathBuf {
    rel.split('/').fold(root.to_path_buf(), |p, part| p.join(part))
}
