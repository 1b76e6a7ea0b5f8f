//! `cargo run --example tour`: the README's main command.
//!
//! Offline (no `FLICKR_API_KEY` in the environment) it starts the loopback
//! Flickr from `flickr-testkit` in-process and walks through the OAuth dance,
//! `test.login`, a paged search with extras, stats referrers, an upload with
//! a progress line, an asynchronous replace and one handled error. With
//! `FLICKR_API_KEY` and `FLICKR_API_SECRET` (and `FLICKR_OAUTH_TOKEN` /
//! `FLICKR_OAUTH_TOKEN_SECRET` for signed calls) it runs the read-only part
//! against the real Flickr.

use std::io::Write;
use std::time::Duration;

use flickr_sdk::oauth;
use flickr_sdk::photos::GetInfoError;
use flickr_sdk::registry::Perms;
use flickr_sdk::types::Extra;
use flickr_sdk::upload::{wait_for_tickets, Replace, TicketOutcome, Upload, UploadReply};
use flickr_sdk::{Client, DateValue, Error};
use flickr_testkit::FakeFlickr;
use futures::StreamExt;

/// Any error the tour can meet.
type TourError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), TourError> {
    let mut stdout = std::io::stdout();
    match Client::builder().from_env() {
        None => offline(&mut stdout).await,
        Some(builder) => online(&mut stdout, builder.build()?).await,
    }
}

/// The whole tour against the in-process loopback Flickr.
async fn offline(out: &mut (dyn Write + Send)) -> Result<(), TourError> {
    let fake = FakeFlickr::start().await?;
    let creds = fake.credentials();
    writeln!(
        out,
        "flickr-rs tour (offline): a loopback Flickr is running at {}",
        fake.base_url()
    )?;
    writeln!(out, "  (set FLICKR_API_KEY and FLICKR_API_SECRET to run the read-only part against flickr.com)\n")?;

    // 1. OAuth dance.
    writeln!(out, "1. OAuth 1.0a dance")?;
    let app = Client::builder()
        .app(creds.api_key.clone(), creds.api_secret.clone())
        .base_url(&fake.base_url())
        .build()?;
    let request = oauth::request_token(app.core(), None).await?;
    let url = oauth::authorize_url(app.endpoints(), &request, Perms::Delete);
    writeln!(out, "   request token issued; the user opens {url}")?;
    let verifier = fake
        .approve(&request.token, Perms::Delete)
        .ok_or("the fake server did not approve the request token")?;
    writeln!(
        out,
        "   the user clicks \"OK, I'll authorize it\" and gets the code {verifier}"
    )?;
    let access = oauth::access_token(app.core(), &request, &verifier).await?;
    let flickr: Client = Client::builder()
        .credentials(app.credentials().clone().with_token(access.token.clone()))
        .base_url(&fake.base_url())
        .build()?;
    let info = oauth::check_token(flickr.core()).await?;
    writeln!(
        out,
        "   authorized as {} ({}) with `{}` permission\n",
        access.username,
        access.user_nsid.as_str(),
        info.perms
    )?;

    // 2. test.login.
    let me = flickr.test().login().send().await?;
    writeln!(out, "2. flickr.test.login → {me:?}\n")?;

    // 3. A paged search with extras.
    search(out, &flickr, "sunset").await?;

    // 4. Stats referrers.
    writeln!(
        out,
        "4. flickr.stats.getPhotostreamReferrers (flickr.com, 2024-05-01)"
    )?;
    let referrers = flickr
        .stats()
        .get_photostream_referrers(DateValue::ymd(2024, 5, 1), "flickr.com")
        .send()
        .await?;
    for r in &referrers.referrers {
        writeln!(out, "   {:>5} views from {}", r.views.unwrap_or(0), r.url)?;
    }
    writeln!(out)?;

    // 5. Upload with a progress line.
    writeln!(out, "5. Upload (8 MiB, streamed from disk)")?;
    let dir = std::env::temp_dir().join(format!("flickr-rs-tour-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("harbour.jpg");
    std::fs::write(&path, vec![0x5a; 8 * 1024 * 1024])?;
    let progress = std::sync::Arc::new(std::sync::Mutex::new(Vec::<u64>::new()));
    let seen = progress.clone();
    let reply = Upload::from_path(&path)
        .title("Harbour at dusk")
        .tags(["harbour", "new york"])
        .on_progress(move |sent, total| {
            let pct = sent * 100 / total.max(1);
            if let Ok(mut v) = seen.lock() {
                if v.last() != Some(&pct) {
                    v.push(pct);
                }
            }
        })
        .send(flickr.core())
        .await?;
    let steps = progress.lock().map(|v| v.clone()).unwrap_or_default();
    let line: Vec<String> = steps
        .iter()
        .filter(|p| *p % 25 == 0)
        .map(|p| format!("{p}%"))
        .collect();
    writeln!(out, "   progress: {}", line.join(" … "))?;
    let UploadReply::Photo { id, .. } = reply else {
        return Err("expected a photo id from a synchronous upload".into());
    };
    let stored = fake.uploads().pop().ok_or("the server stored no upload")?;
    writeln!(
        out,
        "   uploaded as photo {} (server saw {} bytes, sha256 {}…)\n",
        id.as_str(),
        stored.size,
        &stored.sha256[..16]
    )?;

    // 6. Replace, asynchronously, with ticket polling.
    writeln!(out, "6. Replace (asynchronous) and wait for the ticket")?;
    std::fs::write(&path, vec![0xa5; 1024 * 1024])?;
    let reply = Replace::from_path(id.clone(), &path)
        .asynchronous(true)
        .send(flickr.core())
        .await?;
    let UploadReply::Ticket(ticket) = reply else {
        return Err("expected a ticket from an asynchronous replace".into());
    };
    writeln!(
        out,
        "   ticket {}: polling flickr.photos.upload.checkTickets…",
        ticket.as_str()
    )?;
    let outcomes = wait_for_tickets(
        flickr.core(),
        &[ticket],
        Duration::from_millis(100),
        Duration::from_secs(30),
    )
    .await?;
    match &outcomes[0].1 {
        TicketOutcome::Complete { photo_id, .. } => {
            writeln!(out, "   replaced photo {}\n", photo_id.as_str())?
        }
        other => writeln!(out, "   ticket ended as {other:?}\n")?,
    }
    let _ = std::fs::remove_dir_all(&dir);

    // 7. One handled error.
    handled_error(out, &flickr).await?;
    writeln!(
        out,
        "Tour complete: {} requests served by the loopback Flickr.",
        fake.total_requests()
    )?;
    Ok(())
}

async fn search(
    out: &mut (dyn Write + Send),
    flickr: &Client,
    text: &str,
) -> Result<(), TourError> {
    writeln!(
        out,
        "3. flickr.photos.search text={text:?}, 5 per page, first 2 pages, with extras"
    )?;
    let mut pages = flickr
        .photos()
        .search()
        .text(text)
        .extras([Extra::DateTaken, Extra::Tags, Extra::UrlM])
        .per_page(5)
        .pages()
        .take(2);
    while let Some(page) = pages.next().await {
        let page = page?;
        writeln!(
            out,
            "   page {} of {} ({} photos in all)",
            page.page, page.pages, page.total
        )?;
        for p in &page.photos {
            writeln!(
                out,
                "     {:<12} {:<28} taken {:<19} tags: {}",
                p.id.as_str(),
                p.title.as_deref().unwrap_or(""),
                p.date_taken
                    .map_or_else(|| "?".to_owned(), |d| d.to_string()),
                p.tags.as_deref().unwrap_or("")
            )?;
        }
    }
    writeln!(out)?;
    Ok(())
}

async fn handled_error(out: &mut (dyn Write + Send), flickr: &Client) -> Result<(), TourError> {
    writeln!(
        out,
        "7. A handled error: flickr.photos.getInfo on a photo that does not exist"
    )?;
    match flickr.photos().get_info("1").send().await {
        Err(Error::Api(e)) if e.kind == GetInfoError::PhotoNotFound => {
            writeln!(
                out,
                "   handled GetInfoError::PhotoNotFound (code {}): {}\n",
                e.code, e.message
            )?;
        }
        Err(other) => return Err(other.into()),
        Ok(_) => writeln!(out, "   unexpectedly found photo 1\n")?,
    }
    Ok(())
}

/// The read-only part against the real Flickr, with the credentials the
/// `FLICKR_*` variables give (`ClientBuilder::from_env`).
async fn online(out: &mut (dyn Write + Send), flickr: Client) -> Result<(), TourError> {
    writeln!(
        out,
        "flickr-rs tour (live, read-only) against {}\n",
        flickr.endpoints().rest
    )?;
    let signed_in = flickr.credentials().has_token();
    if signed_in {
        let me = flickr.test().login().send().await?;
        writeln!(out, "2. flickr.test.login → {me:?}\n")?;
    } else {
        writeln!(
            out,
            "2. (no FLICKR_OAUTH_TOKEN: skipping test.login and stats)\n"
        )?;
    }
    search(out, &flickr, "qwirkle").await?;
    if signed_in {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let yesterday = DateValue::unix(now - 2 * 86_400);
        match flickr
            .stats()
            .get_photostream_referrers(yesterday, "flickr.com")
            .send()
            .await
        {
            Ok(r) => writeln!(
                out,
                "4. stats referrers from flickr.com: {}",
                r.referrers.len()
            )?,
            Err(e) => writeln!(out, "4. stats referrers: {e}")?,
        }
    }
    handled_error(out, &flickr).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // The README's main command works offline: the tour's whole body runs
    // against the in-process loopback Flickr.
    #[tokio::test]
    async fn the_offline_tour_succeeds_as_the_readme_says() {
        let mut out = Vec::new();
        offline(&mut out).await.expect("the tour fails");
        let text = String::from_utf8(out).unwrap();
        for needle in [
            "authorized as alice",
            "flickr.test.login",
            "page 2 of",
            "views from",
            "progress: ",
            "100%",
            "replaced photo",
            "handled GetInfoError::PhotoNotFound",
            "Tour complete",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
        }
    }
}
