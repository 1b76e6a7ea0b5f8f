//! What the fleet archives: public content only, named as
//! `user:NSID` (or a profile URL, or a path alias), `album:ID`,
//! `gallery:ID`, `group:ID` (the group's pool) or `commons` (every Commons
//! institution's photostream).

use std::fmt;

use crate::error::{Error, Result};

/// A target as added.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Target {
    /// A member's public photostream: an NSID, a path alias or a profile
    /// URL (the last two resolved when listed).
    User(String),
    /// An album (photoset), as `OWNER/ID`: Flickr's album calls need the
    /// owner (an NSID or a path alias) beside the id.
    Album(String),
    /// A gallery.
    Gallery(String),
    /// A group's pool: the group's NSID.
    Group(String),
    /// Every Commons institution's photostream.
    Commons,
}

impl Target {
    /// Reads `kind:value`. A bare Flickr URL is read too (a profile,
    /// album, gallery or group page).
    pub fn parse(s: &str) -> Result<Target> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("commons") {
            return Ok(Target::Commons);
        }
        if s.starts_with("http://") || s.starts_with("https://") {
            return from_url(s);
        }
        let Some((kind, value)) = s.split_once(':') else {
            return Err(usage(s, "expected KIND:VALUE"));
        };
        let value = value.trim();
        if value.is_empty() {
            return Err(usage(s, "the value is empty"));
        }
        let clean = |what: &str| -> Result<String> {
            if value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '-' | '_' | '.'))
            {
                Ok(value.to_owned())
            } else {
                Err(usage(s, &format!("`{value}` is not {what}")))
            }
        };
        match kind.trim().to_ascii_lowercase().as_str() {
            "user" if value.starts_with("http") => from_url(value),
            "user" => Ok(Target::User(clean("an NSID or a path alias")?)),
            "album" | "photoset" | "set" if value.starts_with("http") => from_url(value),
            "album" | "photoset" | "set" => {
                let Some((owner, id)) = value.rsplit_once('/') else {
                    return Err(usage(
                        s,
                        "an album is named with its owner, album:OWNER/ID (Flickr's album calls need both), or by its URL",
                    ));
                };
                let owner = owner.trim();
                if owner.is_empty()
                    || !owner
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '-' | '_' | '.'))
                {
                    return Err(usage(
                        s,
                        &format!("`{owner}` is not an NSID or a path alias"),
                    ));
                }
                Ok(Target::Album(format!("{owner}/{}", digits(s, id.trim())?)))
            }
            "gallery" => Ok(Target::Gallery(clean("a gallery id")?)),
            "group" if value.starts_with("http") => from_url(value),
            "group" => Ok(Target::Group(clean("a group NSID")?)),
            other => Err(usage(
                s,
                &format!("unknown kind `{other}` (user, album, gallery, group, commons)"),
            )),
        }
    }

    /// The kind's word: `user`, `album`, `gallery`, `group`, `commons`.
    pub fn kind(&self) -> &'static str {
        match self {
            Target::User(_) => "user",
            Target::Album(_) => "album",
            Target::Gallery(_) => "gallery",
            Target::Group(_) => "group",
            Target::Commons => "commons",
        }
    }

    /// The value after the kind (empty for `commons`).
    pub fn key(&self) -> &str {
        match self {
            Target::User(k) | Target::Album(k) | Target::Gallery(k) | Target::Group(k) => k,
            Target::Commons => "",
        }
    }

    /// Rebuilds a target from its stored kind and key.
    pub(crate) fn from_parts(kind: &str, key: &str) -> Result<Target> {
        match kind {
            "commons" => Ok(Target::Commons),
            "user" => Ok(Target::User(key.to_owned())),
            "album" => Ok(Target::Album(key.to_owned())),
            "gallery" => Ok(Target::Gallery(key.to_owned())),
            "group" => Ok(Target::Group(key.to_owned())),
            other => Err(Error::Other(format!(
                "a stored target of unknown kind `{other}`"
            ))),
        }
    }

    /// The name a bag and its `External-Identifier` carry: `flickr:KIND:KEY`
    /// with the key's unsafe characters replaced in the file name.
    pub fn identifier(&self) -> String {
        match self {
            Target::Commons => "flickr:commons".to_owned(),
            t => format!("flickr:{}:{}", t.kind(), t.key()),
        }
    }

    /// The bag's folder name under the store's `bags/`.
    pub fn bag_name(&self) -> String {
        let key: String = self
            .key()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        match self {
            Target::Commons => "commons".to_owned(),
            t => format!("{}-{key}", t.kind()),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Commons => f.write_str("commons"),
            t => write!(f, "{}:{}", t.kind(), t.key()),
        }
    }
}

fn usage(s: &str, why: &str) -> Error {
    Error::Usage(format!(
        "target `{s}`: {why} (user:NSID, user:ALIAS, album:ID, gallery:ID, group:NSID, commons, or a Flickr URL)"
    ))
}

fn digits(s: &str, value: &str) -> Result<String> {
    if value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(value.to_owned())
    } else {
        Err(usage(s, &format!("`{value}` is not a numeric id")))
    }
}

/// A target named by a Flickr URL.
fn from_url(s: &str) -> Result<Target> {
    use flickr_sdk::links::{parse_url, FlickrUrl, UserRef};
    let user = |u: UserRef| match u {
        UserRef::Nsid(id) => id.as_str().to_owned(),
        UserRef::PathAlias(alias) => alias.to_string(),
    };
    match parse_url(s) {
        Ok(FlickrUrl::Album { id, user: Some(u) }) => Ok(Target::Album(format!("{}/{id}", user(u)))),
        Ok(FlickrUrl::Album { user: None, .. }) => Err(usage(s, "the album's URL names no owner")),
        Ok(FlickrUrl::Gallery { .. }) => Err(usage(
            s,
            "a gallery's URL shows a short id: name it gallery:ID with the full id (flickr.urls.lookupGallery gives it)",
        )),
        Ok(FlickrUrl::User(u)) => Ok(Target::User(user(u))),
        Ok(other) => Err(usage(s, &format!("the URL names no archivable target ({other:?})"))),
        Err(e) => Err(usage(s, &e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_and_prints_back() {
        for s in [
            "user:12345678@N00",
            "album:12345678@N00/72157600000000001",
            "album:bees/5",
            "gallery:72157-1",
            "group:34427469792@N01",
            "commons",
            "user:bees",
        ] {
            let t = Target::parse(s).unwrap();
            assert_eq!(t.to_string(), s);
            assert_eq!(Target::from_parts(t.kind(), t.key()).unwrap(), t);
        }
        assert_eq!(Target::parse(" COMMONS ").unwrap(), Target::Commons);
        assert_eq!(
            Target::parse("set:a/5").unwrap(),
            Target::Album("a/5".into())
        );
        assert_eq!(
            Target::parse("https://www.flickr.com/photos/bees/albums/72157600000000001").unwrap(),
            Target::Album("bees/72157600000000001".into())
        );
        assert_eq!(
            Target::parse("https://www.flickr.com/photos/12@N01/").unwrap(),
            Target::User("12@N01".into())
        );
    }

    #[test]
    fn malformed_targets_say_what_and_why() {
        for (s, why) in [
            ("12345678@N00", "expected KIND:VALUE"),
            ("user:", "the value is empty"),
            ("album:1@N00/abc", "not a numeric id"),
            ("album:5", "album:OWNER/ID"),
            ("planet:earth", "unknown kind `planet`"),
            ("user:a b", "is not an NSID"),
        ] {
            let e = Target::parse(s).unwrap_err().to_string();
            assert!(e.contains(s) && e.contains(why), "{s}: {e}");
        }
    }

    #[test]
    fn bag_names_are_safe_file_names() {
        assert_eq!(
            Target::parse("user:1@N00").unwrap().bag_name(),
            "user-1_N00"
        );
        assert_eq!(Target::Commons.bag_name(), "commons");
        assert_eq!(
            Target::parse("group:3@N01").unwrap().identifier(),
            "flickr:group:3@N01"
        );
    }
}
