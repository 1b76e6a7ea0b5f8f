//! Whose account a backup mirrors: `me`, an NSID, or a profile URL.

use crate::error::{Error, Result};

/// Whose account to mirror.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum UserSpec {
    /// The account the client's token stands for (`flickr.test.login`).
    #[default]
    Me,
    /// An NSID such as `12345678@N00`.
    Nsid(String),
    /// A profile or photostream URL (`https://www.flickr.com/photos/NAME/`).
    Url(String),
}

impl UserSpec {
    /// `me`, an NSID, or a URL.
    pub fn parse(s: &str) -> Result<UserSpec> {
        let s = s.trim();
        if s.is_empty() || s.eq_ignore_ascii_case("me") {
            return Ok(UserSpec::Me);
        }
        if s.starts_with("http://") || s.starts_with("https://") || s.contains("flickr.com/") {
            return user_in_url(s);
        }
        if is_nsid(s) {
            return Ok(UserSpec::Nsid(s.to_owned()));
        }
        Err(Error::Usage(format!(
            "--user `{s}`: expected `me`, an NSID such as 12345678@N00, or a Flickr URL"
        )))
    }
}

/// The user a Flickr URL names: its NSID when the URL shows one, else the
/// URL itself, for `flickr.urls.lookupUser`.
fn user_in_url(s: &str) -> Result<UserSpec> {
    use flickr_sdk::links::{parse_url, FlickrUrl, UserRef};
    let named = match parse_url(s) {
        Ok(FlickrUrl::User(u))
        | Ok(FlickrUrl::Gallery { user: u, .. })
        | Ok(FlickrUrl::Photo { user: Some(u), .. })
        | Ok(FlickrUrl::Album { user: Some(u), .. }) => u,
        Ok(_) => {
            return Err(Error::Usage(format!(
                "--user `{s}`: the URL names no user (expected a photostream, profile, album or photo page)"
            )))
        }
        Err(e) => return Err(Error::Usage(format!("--user `{s}`: {e}"))),
    };
    Ok(match named {
        UserRef::Nsid(id) => UserSpec::Nsid(id.as_str().to_owned()),
        UserRef::PathAlias(_) => UserSpec::Url(s.to_owned()),
    })
}

/// Whether `s` looks like an NSID (`digits@Ndigits`).
pub fn is_nsid(s: &str) -> bool {
    match s.split_once('@') {
        Some((a, b)) => {
            !a.is_empty()
                && a.chars().all(|c| c.is_ascii_digit())
                && b.len() >= 2
                && b.starts_with('N')
                && b[1..].chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_parse() {
        assert_eq!(UserSpec::parse("me").unwrap(), UserSpec::Me);
        assert_eq!(
            UserSpec::parse("12345678@N00").unwrap(),
            UserSpec::Nsid("12345678@N00".into())
        );
        assert!(matches!(
            UserSpec::parse("https://www.flickr.com/photos/alice/").unwrap(),
            UserSpec::Url(_)
        ));
        assert!(UserSpec::parse("alice").is_err());
        // An NSID the URL shows needs no lookup.
        assert_eq!(
            UserSpec::parse("https://www.flickr.com/photos/12345678@N00/albums").unwrap(),
            UserSpec::Nsid("12345678@N00".into())
        );
        let err = UserSpec::parse("https://www.flickr.com/groups/landscape/").unwrap_err();
        assert!(err.to_string().contains("names no user"), "{err}");
        let err = UserSpec::parse("https://example.com/photos/alice/").unwrap_err();
        assert!(
            err.to_string().starts_with("--user `https://example.com"),
            "{err}"
        );
    }
}
