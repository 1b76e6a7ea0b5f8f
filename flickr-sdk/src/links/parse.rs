//! A parser for Flickr web URLs: photo, album/set, gallery, user, group and
//! tag pages, `flic.kr` short links and photo source URLs, into typed ids.

use super::{base58_decode, SourceUrl, UrlError};
use flickr_core::ids::{GalleryId, GroupId, PhotoId, PhotosetId, UserId};
use url::Url;

/// A user as a web URL names them: by NSID (`12037949754@N01`) or by path alias (`spike`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserRef {
    /// An NSID, usable as a `user_id` argument.
    Nsid(UserId),
    /// A path alias; resolve it with `flickr.urls.lookupUser`.
    PathAlias(String),
}

/// A group as a web URL names it: by NSID or by path alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupRef {
    /// An NSID, usable as a `group_id` argument.
    Nsid(GroupId),
    /// A path alias; resolve it with `flickr.urls.lookupGroup`.
    PathAlias(String),
}

/// What a Flickr web URL points at.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlickrUrl {
    /// A photo page (`/photos/USER/ID/…`, `flic.kr/p/…`) or source file.
    Photo {
        /// The photo.
        id: PhotoId,
        /// The owner, when the URL names one.
        user: Option<UserRef>,
    },
    /// An album (`/photos/USER/albums/ID`, `/sets/ID`, `flic.kr/s/…`).
    Album {
        /// The album.
        id: PhotosetId,
        /// The owner, when the URL names one.
        user: Option<UserRef>,
    },
    /// A gallery (`/photos/USER/galleries/ID`).
    Gallery {
        /// The gallery id as the URL shows it (`flickr.urls.lookupGallery` gives the full id).
        id: GalleryId,
        /// The curator.
        user: UserRef,
    },
    /// A user's photostream, albums list, favorites or profile.
    User(UserRef),
    /// A group (`/groups/GROUP/…`).
    Group(GroupRef),
    /// A tag page (`/photos/tags/TAG`).
    Tag(String),
}

/// Parses any Flickr web URL (photo, album/set, gallery, user, group, tag,
/// `flic.kr` short URL, photo source URL) into typed ids.
pub fn parse_url(text: &str) -> Result<FlickrUrl, UrlError> {
    let trimmed = text.trim();
    let not = |why: &str| UrlError::NotFlickr(format!("`{trimmed}` {why}"));
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_owned()
    } else {
        format!("https://{trimmed}")
    };
    let url = Url::parse(&with_scheme).map_err(|_| not("is not a URL"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(not("is not an http(s) URL"));
    }
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    if host == "flic.kr" || host == "www.flic.kr" {
        let (kind, code) = match segments.as_slice() {
            [kind, code, ..] => (*kind, *code),
            _ => return Err(not("is not a flic.kr photo or album link")),
        };
        let n = base58_decode(code).ok_or_else(|| not("has an invalid short code"))?;
        return match kind {
            "p" => Ok(FlickrUrl::Photo {
                id: PhotoId::from(n),
                user: None,
            }),
            "s" => Ok(FlickrUrl::Album {
                id: PhotosetId::from(n),
                user: None,
            }),
            _ => Err(not(
                "is a flic.kr link of a kind this parser does not know (only /p/ and /s/)",
            )),
        };
    }
    if host.ends_with("staticflickr.com") || host.ends_with("static.flickr.com") {
        let source = SourceUrl::parse(&with_scheme)?;
        return Ok(FlickrUrl::Photo {
            id: PhotoId::new(source.id),
            user: None,
        });
    }
    if !(host == "flickr.com" || host.ends_with(".flickr.com")) {
        return Err(not("is not a Flickr URL"));
    }
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match segments.as_slice() {
        ["photos", "tags", tag, ..] => Ok(FlickrUrl::Tag((*tag).to_owned())),
        ["photos", user, "albums" | "sets", id, ..] if numeric(id) => Ok(FlickrUrl::Album {
            id: PhotosetId::from(*id),
            user: Some(user_ref(user)),
        }),
        ["photos", user, "galleries", id, ..] if numeric(id) => Ok(FlickrUrl::Gallery {
            id: GalleryId::from(*id),
            user: user_ref(user),
        }),
        ["photos", user, id, ..] if numeric(id) => Ok(FlickrUrl::Photo {
            id: PhotoId::from(*id),
            user: Some(user_ref(user)),
        }),
        ["photos", user, ..] | ["people", user, ..] => Ok(FlickrUrl::User(user_ref(user))),
        ["groups", group, ..] | ["groups_pool.gne", group, ..] => {
            Ok(FlickrUrl::Group(if is_nsid(group) {
                GroupRef::Nsid(GroupId::from(*group))
            } else {
                GroupRef::PathAlias((*group).to_owned())
            }))
        }
        _ => Err(not("is a Flickr URL of a kind this parser does not know")),
    }
}

fn is_nsid(s: &str) -> bool {
    match s.split_once('@') {
        Some((num, rest)) => {
            !num.is_empty()
                && num.bytes().all(|b| b.is_ascii_digit())
                && rest.len() >= 2
                && rest.starts_with('N')
                && rest[1..].bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

fn user_ref(s: &str) -> UserRef {
    if is_nsid(s) {
        UserRef::Nsid(UserId::from(s))
    } else {
        UserRef::PathAlias(s.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::album_short_url;

    #[test]
    fn web_urls_parse_into_typed_ids() {
        let cases: &[(&str, FlickrUrl)] = &[
            (
                "https://www.flickr.com/photos/mamjodh/12533665685/in/photostream/",
                FlickrUrl::Photo {
                    id: "12533665685".into(),
                    user: Some(UserRef::PathAlias("mamjodh".into())),
                },
            ),
            (
                "flickr.com/photos/12037949754@N01/albums/72157600000000000",
                FlickrUrl::Album {
                    id: "72157600000000000".into(),
                    user: Some(UserRef::Nsid("12037949754@N01".into())),
                },
            ),
            (
                "https://www.flickr.com/photos/spike/sets/72157600000000001/",
                FlickrUrl::Album {
                    id: "72157600000000001".into(),
                    user: Some(UserRef::PathAlias("spike".into())),
                },
            ),
            (
                "https://www.flickr.com/photos/flickr/galleries/72157617483228192/",
                FlickrUrl::Gallery {
                    id: "72157617483228192".into(),
                    user: UserRef::PathAlias("flickr".into()),
                },
            ),
            (
                "https://www.flickr.com/photos/spike/",
                FlickrUrl::User(UserRef::PathAlias("spike".into())),
            ),
            (
                "https://www.flickr.com/people/12037949754@N01/",
                FlickrUrl::User(UserRef::Nsid("12037949754@N01".into())),
            ),
            (
                "https://www.flickr.com/groups/34427469792@N01/pool/",
                FlickrUrl::Group(GroupRef::Nsid("34427469792@N01".into())),
            ),
            (
                "https://www.flickr.com/groups/flickrcentral/",
                FlickrUrl::Group(GroupRef::PathAlias("flickrcentral".into())),
            ),
            (
                "https://www.flickr.com/photos/tags/sunset",
                FlickrUrl::Tag("sunset".into()),
            ),
            (
                "https://flic.kr/p/k6yj9e",
                FlickrUrl::Photo {
                    id: "12533665685".into(),
                    user: None,
                },
            ),
            (
                "https://live.staticflickr.com/3705/12533665685_36696b554d_o.png",
                FlickrUrl::Photo {
                    id: "12533665685".into(),
                    user: None,
                },
            ),
        ];
        for (text, want) in cases {
            assert_eq!(&parse_url(text).unwrap(), want, "{text}");
        }
    }

    #[test]
    fn what_is_not_a_flickr_photo_album_user_group_or_tag_url_is_an_error() {
        for bad in [
            "",
            "not a url",
            "https://example.com/photos/x/1",
            "ftp://www.flickr.com/photos/x/1",
            "https://flic.kr/p/0OIl",
            "https://flic.kr/x/abc",
            "https://www.flickr.com/help",
            "https://live.staticflickr.com/3705/x.jpg",
        ] {
            assert!(parse_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_albums_short_url_parses_back_to_the_album() {
        let short = album_short_url("72157600000000000").unwrap();
        assert!(
            matches!(parse_url(&short).unwrap(), FlickrUrl::Album { id, .. } if id.as_str() == "72157600000000000")
        );
    }
}
