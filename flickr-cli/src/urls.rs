//! `flickr url …`: the URL helpers of `flickr_sdk::links`, offline.

use crate::cli::UrlCommand;
use crate::fail::{Fail, Result};
use crate::output::{emit_bytes, emit_json};
use flickr_sdk::links::{self as urls, FlickrUrl, GroupRef, PhotoSource, UserRef};
use flickr_sdk::sizes::Size;
use serde_json::{json, Value};

/// Runs one `url` subcommand.
pub fn run(cmd: &UrlCommand) -> Result<()> {
    match cmd {
        UrlCommand::Parse { url } => {
            let parsed = urls::parse_url(url).map_err(|e| Fail::usage(e.to_string()))?;
            emit_json(&describe(&parsed));
        }
        UrlCommand::Short { photo_id } => {
            println!(
                "{}",
                urls::short_url(photo_id).map_err(|e| Fail::usage(e.to_string()))?
            );
        }
        UrlCommand::Sources {
            id,
            server,
            secret,
            original_secret,
            original_format,
        } => {
            let mut photo = PhotoSource::new(id, server, secret);
            if let (Some(s), Some(f)) = (original_secret, original_format) {
                photo = photo.original(s, f);
            }
            let all = photo.available();
            if all.is_empty() {
                let err = photo
                    .url(Size::Medium500)
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default();
                return Err(Fail::usage(err));
            }
            for (size, url) in &all {
                let suffix = match size.suffix() {
                    "" => "-",
                    s => s,
                };
                emit_bytes(format!("{suffix}\t{url}\n").as_bytes());
            }
            eprintln!(
                "{}",
                sources_note(all.iter().any(|(s, _)| *s == Size::Original))
            );
        }
    }
    Ok(())
}

/// What `url sources` cannot know, said on stderr: which sizes need the API.
fn sources_note(with_original: bool) -> String {
    let mut note = String::from(
        "note: these URLs are built, not listed by Flickr. Sizes h, k, 3k, 4k, f, 5k and 6k \
         have secrets of their own and the original needs originalsecret: only the API lists them \
         (flickr call flickr.photos.getSizes photo_id=ID, or the url_* extras of any photo list).",
    );
    if with_original {
        note.push_str(
            " Since 2025-05-15 Flickr serves neither the original nor sizes above 1024 px \
             of free accounts' photos: the o URL above answers 404 for them.",
        );
    }
    note
}

fn user(u: &UserRef) -> Value {
    match u {
        UserRef::Nsid(id) => json!({"user_id": id}),
        UserRef::PathAlias(a) => json!({"path_alias": a}),
    }
}

fn describe(parsed: &FlickrUrl) -> Value {
    match parsed {
        FlickrUrl::Photo { id, user: u } => {
            json!({"kind": "photo", "photo_id": id, "user": u.as_ref().map(user)})
        }
        FlickrUrl::Album { id, user: u } => {
            json!({"kind": "album", "photoset_id": id, "user": u.as_ref().map(user)})
        }
        FlickrUrl::Gallery { id, user: u } => {
            json!({"kind": "gallery", "gallery_id": id, "user": user(u)})
        }
        FlickrUrl::User(u) => json!({"kind": "user", "user": user(u)}),
        FlickrUrl::Group(GroupRef::Nsid(id)) => json!({"kind": "group", "group_id": id}),
        FlickrUrl::Group(GroupRef::PathAlias(a)) => json!({"kind": "group", "path_alias": a}),
        FlickrUrl::Tag(t) => json!({"kind": "tag", "tag": t}),
        other => json!({"kind": format!("{other:?}")}),
    }
}
