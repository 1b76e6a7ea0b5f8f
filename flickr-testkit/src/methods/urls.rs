//! `flickr.urls.lookupUser`: the user a Flickr web URL names (by NSID or
//! path alias), as Flickr answers it.

use flickr_sdk::links::{parse_url, FlickrUrl, UserRef};
use serde_json::json;

use super::{content, obj, Answer, Call};

/// `flickr.urls.lookupUser`: code 1 ("User not found") for a URL that names
/// no user, or a user the fake does not hold.
pub(super) fn lookup_user(c: &mut Call<'_>) -> Answer {
    let url = c.args.get("url").unwrap_or_default();
    let named = match parse_url(url) {
        Ok(FlickrUrl::User(u))
        | Ok(FlickrUrl::Gallery { user: u, .. })
        | Ok(FlickrUrl::Photo { user: Some(u), .. })
        | Ok(FlickrUrl::Album { user: Some(u), .. }) => u,
        _ => return Err(c.fail(1)),
    };
    let key = match &named {
        UserRef::Nsid(id) => id.as_str().to_owned(),
        UserRef::PathAlias(alias) => alias.clone(),
    };
    let user = c.state.find_user(&key).ok_or_else(|| c.fail(1))?;
    Ok(obj(json!({
        "user": {"id": user.nsid, "username": content(user.username.clone())}
    })))
}
