//! A program outside the flickr-rs workspace that uses `flickr-sdk` as a
//! user does, built by `scripts/package-check.sh` from the packaged crates
//! alone: `flickr.test.login` and `flickr.photos.search` (one page, then
//! every page as a stream) against the loopback Flickr, each answer checked
//! against what the loopback Flickr holds. Prints one `sdk-user: ok: …`
//! line, or the first mismatch and exits with 1.

use std::collections::BTreeSet;
use std::process::ExitCode;

use flickr_sdk::Client;
use flickr_testkit::FakeFlickr;
use futures::StreamExt;

type Failure = Box<dyn std::error::Error>;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(summary) => {
            println!("sdk-user: ok: {summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sdk-user: FAILED: {e}");
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
    let fake = FakeFlickr::start().await?;
    let creds = fake.credentials();
    let flickr = Client::builder()
        .oauth(
            creds.api_key.clone(),
            creds.api_secret.clone(),
            creds.oauth_token.clone(),
            creds.oauth_token_secret.clone(),
        )
        .base_url(&fake.base_url())
        .build()?;

    // The token's user, as the loopback Flickr issued it.
    let me = flickr.test().login().send().await?;
    check(me.id.as_str() == creds.user_nsid, || {
        format!(
            "flickr.test.login: user {:?}, but the token is {}'s",
            me.id, creds.user_nsid
        )
    })?;
    check(me.username.as_deref() == Some(creds.username.as_str()), || {
        format!(
            "flickr.test.login: username {:?}, expected {:?}",
            me.username, creds.username
        )
    })?;

    // One page: every photo is one the loopback Flickr holds, under its
    // title, and matches the text searched for.
    let word = "qwirkle";
    let page = flickr
        .photos()
        .search()
        .text(word)
        .per_page(20)
        .send()
        .await?;
    check(!page.photos.is_empty() && page.photos.len() <= 20, || {
        format!(
            "flickr.photos.search: {} photos on a page of 20",
            page.photos.len()
        )
    })?;
    check(page.total >= page.photos.len() as i64, || {
        format!(
            "flickr.photos.search: total {} below the {} photos on the page",
            page.total,
            page.photos.len()
        )
    })?;
    for photo in &page.photos {
        let id: u64 = photo.id.as_str().parse()?;
        let held = fake
            .photo(id)
            .ok_or_else(|| format!("flickr.photos.search: photo {id} is not on the server"))?;
        check(photo.title.as_deref() == Some(held.title.as_str()), || {
            format!(
                "photo {id}: title {:?}, the server holds {:?}",
                photo.title, held.title
            )
        })?;
        let text = format!(
            "{} {} {}",
            held.title,
            held.description,
            held.tags.join(" ")
        )
        .to_lowercase();
        check(text.contains(word), || {
            format!("photo {id} does not mention {word:?}: {text:?}")
        })?;
    }

    // Every page as a stream: each photo once, as many as the total.
    let mut ids = BTreeSet::new();
    let mut items = flickr.photos().search().text(word).per_page(7).items();
    while let Some(photo) = items.next().await {
        let photo = photo?;
        check(ids.insert(photo.id.as_str().to_owned()), || {
            format!("photo {} streamed twice", photo.id.as_str())
        })?;
    }
    check(ids.len() as i64 == page.total, || {
        format!(
            "the stream gave {} photos, the first page said {}",
            ids.len(),
            page.total
        )
    })?;

    Ok(format!(
        "test.login is {} ({}); photos.search {word:?} found {} photos, {} on the first page, all held by the server",
        me.id.as_str(),
        creds.username,
        page.total,
        page.photos.len()
    ))
}
