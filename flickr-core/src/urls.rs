//! Photo source URLs, `flic.kr` short URLs, and a parser for Flickr web URLs.
//!
//! ```
//! use flickr_core::urls::{PhotoSource, Size, short_url, parse_url, FlickrUrl};
//!
//! let photo = PhotoSource::new("12533665685", "3705", "58d3618cdd");
//! assert_eq!(
//!     photo.url(Size::Medium640).unwrap(),
//!     "https://live.staticflickr.com/3705/12533665685_58d3618cdd_z.jpg"
//! );
//! // The original has its own secret and format: without them there is no URL.
//! assert!(photo.url(Size::Original).is_err());
//! let photo = photo.original("36696b554d", "png");
//! assert_eq!(
//!     photo.url(Size::Original).unwrap(),
//!     "https://live.staticflickr.com/3705/12533665685_36696b554d_o.png"
//! );
//!
//! assert_eq!(short_url("12533665685").unwrap(), "https://flic.kr/p/k6yj9e");
//! match parse_url("https://flic.kr/p/k6yj9e").unwrap() {
//!     FlickrUrl::Photo { id, .. } => assert_eq!(id.as_str(), "12533665685"),
//!     other => panic!("{other:?}"),
//! }
//! ```
//!
//! How Flickr builds source URLs (`https://live.staticflickr.com/{server}/{id}_{secret}{_suffix}.{ext}`):
//! - sizes up to 1024 px (`s q t m n w`, the suffix-less medium, `z c b`) use
//!   the photo's `secret` and are always JPEG;
//! - the large sizes `h k 3k 4k f 5k 6k` use a secret of their own (visible
//!   only in `getSizes` sources or the `url_h`/`url_k`/… extras), so they
//!   cannot be derived from `secret`;
//! - the original (`o`) uses `originalsecret` and keeps `originalformat`
//!   (`jpg`, `png`, `gif`); both come from `getInfo` or the
//!   `original_format` extra, and only when the owner allows it.
//!
//! Asking for a URL whose secret is unknown gives [`UrlError::MissingSecret`]
//! instead of a URL that answers 404 or a placeholder image.

use crate::ids::{GalleryId, GroupId, PhotoId, PhotosetId, UserId};
use std::collections::BTreeMap;
use std::fmt;
use url::Url;

/// The host Flickr serves photo files from.
pub const STATIC_HOST: &str = "live.staticflickr.com";

/// A photo size, named after its longest edge (Flickr's size suffixes in brackets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Size {
    /// 75 × 75 square (`s`).
    Square75,
    /// 150 × 150 square (`q`).
    Square150,
    /// 100 px thumbnail (`t`).
    Thumbnail100,
    /// 240 px (`m`).
    Small240,
    /// 320 px (`n`).
    Small320,
    /// 400 px (`w`).
    Small400,
    /// 500 px, the default size (no suffix).
    Medium500,
    /// 640 px (`z`).
    Medium640,
    /// 800 px (`c`).
    Medium800,
    /// 1024 px (`b`).
    Large1024,
    /// 1600 px (`h`), own secret.
    Large1600,
    /// 2048 px (`k`), own secret.
    Large2048,
    /// 3072 px (`3k`), own secret.
    XLarge3K,
    /// 4096 px (`4k`), own secret.
    XLarge4K,
    /// 4096 px for 2:1 panoramas (`f`), own secret.
    XLarge4K2To1,
    /// 5120 px (`5k`), own secret.
    XLarge5K,
    /// 6144 px (`6k`), own secret.
    XLarge6K,
    /// The original file (`o`): `originalsecret` and `originalformat`.
    Original,
}

/// Which secret a size's URL needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// The photo's `secret`.
    Photo,
    /// A secret of the size's own (from `getSizes` or the `url_*` extra).
    Own,
    /// `originalsecret` (and `originalformat`).
    Original,
}

impl Size {
    /// Every size, smallest first.
    pub const ALL: [Size; 18] = [
        Size::Square75,
        Size::Square150,
        Size::Thumbnail100,
        Size::Small240,
        Size::Small320,
        Size::Small400,
        Size::Medium500,
        Size::Medium640,
        Size::Medium800,
        Size::Large1024,
        Size::Large1600,
        Size::Large2048,
        Size::XLarge3K,
        Size::XLarge4K,
        Size::XLarge4K2To1,
        Size::XLarge5K,
        Size::XLarge6K,
        Size::Original,
    ];

    /// The URL suffix letter(s) (`""` for the default 500 px size).
    pub fn suffix(self) -> &'static str {
        match self {
            Size::Square75 => "s",
            Size::Square150 => "q",
            Size::Thumbnail100 => "t",
            Size::Small240 => "m",
            Size::Small320 => "n",
            Size::Small400 => "w",
            Size::Medium500 => "",
            Size::Medium640 => "z",
            Size::Medium800 => "c",
            Size::Large1024 => "b",
            Size::Large1600 => "h",
            Size::Large2048 => "k",
            Size::XLarge3K => "3k",
            Size::XLarge4K => "4k",
            Size::XLarge4K2To1 => "f",
            Size::XLarge5K => "5k",
            Size::XLarge6K => "6k",
            Size::Original => "o",
        }
    }

    /// The size with this URL suffix (`""` is the default size).
    pub fn from_suffix(suffix: &str) -> Option<Size> {
        Size::ALL.into_iter().find(|s| s.suffix() == suffix)
    }

    /// The size an `extras` URL field describes: `url_sq` → `s`, `url_s` →
    /// `m`, `url_m` → default, `url_l` → `b`, others by their letter
    /// (`url_q`, `url_t`, `url_n`, `url_w`, `url_z`, `url_c`, `url_h`,
    /// `url_k`, `url_3k`, `url_4k`, `url_f`, `url_5k`, `url_6k`, `url_o`).
    pub fn from_extra(field: &str) -> Option<Size> {
        let key = field.strip_prefix("url_").unwrap_or(field);
        Some(match key {
            "sq" => Size::Square75,
            "s" => Size::Small240,
            "m" => Size::Medium500,
            "l" => Size::Large1024,
            "" => return None,
            other => return Size::from_suffix(other).filter(|s| *s != Size::Medium500),
        })
    }

    /// The `extras` value that asks for this size's URL (`url_sq`, `url_s`, `url_m`, `url_l`, `url_z`, …).
    pub fn extra(self) -> &'static str {
        match self {
            Size::Square75 => "url_sq",
            Size::Square150 => "url_q",
            Size::Thumbnail100 => "url_t",
            Size::Small240 => "url_s",
            Size::Small320 => "url_n",
            Size::Small400 => "url_w",
            Size::Medium500 => "url_m",
            Size::Medium640 => "url_z",
            Size::Medium800 => "url_c",
            Size::Large1024 => "url_l",
            Size::Large1600 => "url_h",
            Size::Large2048 => "url_k",
            Size::XLarge3K => "url_3k",
            Size::XLarge4K => "url_4k",
            Size::XLarge4K2To1 => "url_f",
            Size::XLarge5K => "url_5k",
            Size::XLarge6K => "url_6k",
            Size::Original => "url_o",
        }
    }

    /// The size a `getSizes` label names (`Square`, `Large 1600`, `X-Large 3K`, `Original`, …).
    pub fn from_label(label: &str) -> Option<Size> {
        Some(match label.trim() {
            "Square" => Size::Square75,
            "Large Square" => Size::Square150,
            "Thumbnail" => Size::Thumbnail100,
            "Small" => Size::Small240,
            "Small 320" => Size::Small320,
            "Small 400" => Size::Small400,
            "Medium" => Size::Medium500,
            "Medium 640" => Size::Medium640,
            "Medium 800" => Size::Medium800,
            "Large" => Size::Large1024,
            "Large 1600" => Size::Large1600,
            "Large 2048" => Size::Large2048,
            "X-Large 3K" => Size::XLarge3K,
            "X-Large 4K" => Size::XLarge4K,
            "X-Large 4K 2:1" => Size::XLarge4K2To1,
            "X-Large 5K" => Size::XLarge5K,
            "X-Large 6K" => Size::XLarge6K,
            "Original" => Size::Original,
            _ => return None,
        })
    }

    /// Which secret the URL of this size needs.
    pub fn secret_kind(self) -> SecretKind {
        match self {
            Size::Original => SecretKind::Original,
            Size::Large1600
            | Size::Large2048
            | Size::XLarge3K
            | Size::XLarge4K
            | Size::XLarge4K2To1
            | Size::XLarge5K
            | Size::XLarge6K => SecretKind::Own,
            _ => SecretKind::Photo,
        }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.suffix() {
            "" => f.write_str("default (500 px)"),
            s => f.write_str(s),
        }
    }
}

/// Why no URL could be built or parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlError {
    /// The size needs a secret the caller did not provide.
    MissingSecret {
        /// The size asked for.
        size: Size,
        /// What to provide and where to get it.
        needs: &'static str,
    },
    /// A part (id, server, secret, format) is empty or has characters Flickr never uses.
    BadPart {
        /// Which part.
        part: &'static str,
        /// Its value.
        value: String,
    },
    /// The photo's `server` is `0`: Flickr lists some photos (videos in
    /// particular) that way while serving their files from another server.
    UnknownServer,
    /// The text is not a Flickr URL this module understands.
    NotFlickr(String),
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::MissingSecret { size, needs } => {
                write!(f, "no URL for size {size}: it needs {needs}")
            }
            UrlError::BadPart { part, value } => {
                write!(f, "`{value}` is not a valid photo {part}")
            }
            UrlError::UnknownServer => f.write_str(
                "the photo's server is 0, which Flickr uses when the real server is not given \
                 (seen with videos): use the url_* extras or photos.getSizes instead",
            ),
            UrlError::NotFlickr(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for UrlError {}

/// What is needed to build a photo's source URLs: the `id`, `server` and
/// `secret` every photo list carries, plus optional secrets for the large
/// sizes and the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoSource {
    id: String,
    server: String,
    secret: String,
    original_secret: Option<String>,
    original_format: Option<String>,
    own_secrets: BTreeMap<Size, String>,
}

impl PhotoSource {
    /// A photo from its `id`, `server` and `secret`.
    pub fn new(
        id: impl Into<String>,
        server: impl Into<String>,
        secret: impl Into<String>,
    ) -> PhotoSource {
        PhotoSource {
            id: id.into(),
            server: server.into(),
            secret: secret.into(),
            original_secret: None,
            original_format: None,
            own_secrets: BTreeMap::new(),
        }
    }

    /// Adds `originalsecret` and `originalformat` (`jpg`, `png`, `gif`).
    pub fn original(mut self, secret: impl Into<String>, format: impl Into<String>) -> Self {
        self.original_secret = Some(secret.into());
        self.original_format = Some(format.into());
        self
    }

    /// Adds the secret of one of the large sizes (`h`, `k`, `3k`, `4k`, `f`,
    /// `5k`, `6k`), e.g. from a `getSizes` source or a `url_h` extra; for the
    /// original use [`PhotoSource::original`], for the other sizes it is ignored.
    pub fn size_secret(mut self, size: Size, secret: impl Into<String>) -> Self {
        if size.secret_kind() == SecretKind::Own {
            self.own_secrets.insert(size, secret.into());
        }
        self
    }

    /// Learns every secret a source URL reveals (the photo secret, a large
    /// size's own secret, or the original secret and format). URLs of other
    /// photos are ignored.
    pub fn learn(mut self, source: &SourceUrl) -> Self {
        if source.id != self.id {
            return self;
        }
        match source.size.secret_kind() {
            SecretKind::Photo => self.secret = source.secret.clone(),
            SecretKind::Own => {
                self.own_secrets.insert(source.size, source.secret.clone());
            }
            SecretKind::Original => {
                self.original_secret = Some(source.secret.clone());
                self.original_format = Some(source.format.clone());
            }
        }
        self
    }

    /// The source URL of `size`, or why there is none.
    pub fn url(&self, size: Size) -> Result<String, UrlError> {
        check_part("id", &self.id, |c| c.is_ascii_digit())?;
        check_part("server", &self.server, |c| c.is_ascii_digit())?;
        if self.server.bytes().all(|b| b == b'0') {
            return Err(UrlError::UnknownServer);
        }
        let (secret, format) = match size.secret_kind() {
            SecretKind::Photo => (self.secret.as_str(), "jpg"),
            SecretKind::Own => match self.own_secrets.get(&size) {
                Some(s) => (s.as_str(), "jpg"),
                None => {
                    return Err(UrlError::MissingSecret {
                        size,
                        needs: "its own secret, which only photos.getSizes or the matching url_* extra reveal",
                    })
                }
            },
            SecretKind::Original => match (&self.original_secret, &self.original_format) {
                (Some(s), Some(f)) if !s.is_empty() && !f.is_empty() => (s.as_str(), f.as_str()),
                _ => {
                    return Err(UrlError::MissingSecret {
                        size,
                        needs: "originalsecret and originalformat (photos.getInfo, or the original_format extra; \
                                absent when the owner does not allow downloads)",
                    })
                }
            },
        };
        check_part("secret", secret, |c| c.is_ascii_alphanumeric())?;
        check_part("format", format, |c| c.is_ascii_alphanumeric())?;
        let suffix = match size.suffix() {
            "" => String::new(),
            s => format!("_{s}"),
        };
        Ok(format!(
            "https://{STATIC_HOST}/{}/{}_{secret}{suffix}.{format}",
            self.server, self.id
        ))
    }

    /// The URLs of every size that can be built, smallest first.
    pub fn available(&self) -> Vec<(Size, String)> {
        Size::ALL
            .into_iter()
            .filter_map(|s| self.url(s).ok().map(|u| (s, u)))
            .collect()
    }
}

fn check_part(part: &'static str, value: &str, ok: impl Fn(char) -> bool) -> Result<(), UrlError> {
    if value.is_empty() || !value.chars().all(ok) {
        return Err(UrlError::BadPart {
            part,
            value: value.to_owned(),
        });
    }
    Ok(())
}

/// The parts of a photo source URL (`live.staticflickr.com`, or the older
/// `farmN.staticflickr.com` and `farmN.static.flickr.com` hosts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceUrl {
    /// The server number.
    pub server: String,
    /// The photo id.
    pub id: String,
    /// The secret in the URL (photo, own or original secret, depending on `size`).
    pub secret: String,
    /// The size.
    pub size: Size,
    /// The file extension (`jpg`, or the original's format).
    pub format: String,
}

impl SourceUrl {
    /// Parses a photo source URL.
    pub fn parse(text: &str) -> Result<SourceUrl, UrlError> {
        let not = || UrlError::NotFlickr(format!("`{text}` is not a Flickr photo source URL"));
        let url = Url::parse(text.trim()).map_err(|_| not())?;
        let host = url.host_str().unwrap_or_default();
        if !(host == STATIC_HOST
            || host.ends_with(".staticflickr.com")
            || host.ends_with(".static.flickr.com")
            || host == "staticflickr.com")
        {
            return Err(not());
        }
        let mut segments = url.path_segments().ok_or_else(not)?;
        let server = segments.next().ok_or_else(not)?;
        let file = segments.next().ok_or_else(not)?;
        if segments.next().is_some() {
            return Err(not());
        }
        let (stem, format) = file.rsplit_once('.').ok_or_else(not)?;
        let mut parts = stem.split('_');
        let id = parts.next().ok_or_else(not)?;
        let secret = parts.next().ok_or_else(not)?;
        let suffix = parts.next().unwrap_or("");
        if parts.next().is_some() {
            return Err(not());
        }
        let size = Size::from_suffix(suffix).ok_or_else(not)?;
        let out = SourceUrl {
            server: server.to_owned(),
            id: id.to_owned(),
            secret: secret.to_owned(),
            size,
            format: format.to_owned(),
        };
        check_part("id", &out.id, |c| c.is_ascii_digit())?;
        check_part("server", &out.server, |c| c.is_ascii_digit())?;
        check_part("secret", &out.secret, |c| c.is_ascii_alphanumeric())?;
        check_part("format", &out.format, |c| c.is_ascii_alphanumeric())?;
        Ok(out)
    }

    /// The URL in its canonical form (https, `live.staticflickr.com`).
    pub fn canonical(&self) -> String {
        let suffix = match self.size.suffix() {
            "" => String::new(),
            s => format!("_{s}"),
        };
        format!(
            "https://{STATIC_HOST}/{}/{}_{}{suffix}.{}",
            self.server, self.id, self.secret, self.format
        )
    }
}

/// Flickr's base58 alphabet (no `0`, `O`, `I`, `l`).
const ALPHABET: &[u8; 58] = b"123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

/// Encodes a numeric id in Flickr's base58.
pub fn base58_encode(mut n: u64) -> String {
    if n == 0 {
        return "1".to_owned();
    }
    let mut out = Vec::new();
    while n > 0 {
        out.push(ALPHABET[(n % 58) as usize]);
        n /= 58;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Decodes Flickr's base58; `None` for characters outside the alphabet,
/// empty text or a value that does not fit in 64 bits.
pub fn base58_decode(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u64, |acc, b| {
        let digit = ALPHABET.iter().position(|&a| a == b)? as u64;
        acc.checked_mul(58)?.checked_add(digit)
    })
}

/// The `flic.kr/p/…` short URL of a photo id.
pub fn short_url(photo_id: impl AsRef<str>) -> Result<String, UrlError> {
    let id = photo_id.as_ref();
    let n: u64 = id.parse().map_err(|_| UrlError::BadPart {
        part: "id",
        value: id.to_owned(),
    })?;
    Ok(format!("https://flic.kr/p/{}", base58_encode(n)))
}

/// The `flic.kr/s/…` short URL of an album (photoset) id.
pub fn album_short_url(photoset_id: impl AsRef<str>) -> Result<String, UrlError> {
    let id = photoset_id.as_ref();
    let n: u64 = id.parse().map_err(|_| UrlError::BadPart {
        part: "id",
        value: id.to_owned(),
    })?;
    Ok(format!("https://flic.kr/s/{}", base58_encode(n)))
}

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

    #[test]
    fn base58_round_trips_and_rejects_bad_text() {
        for n in [0u64, 1, 57, 58, 12533665685, 53410986372, u64::MAX] {
            assert_eq!(base58_decode(&base58_encode(n)), Some(n), "{n}");
        }
        // Flickr's own example: photo 3392387861 is flic.kr/p/6aLSHT.
        assert_eq!(base58_encode(3392387861), "6aLSHT");
        assert_eq!(base58_encode(12533665685), "k6yj9e");
        for bad in ["", "0", "O", "l", "I", "abc!", "zzzzzzzzzzzzzzzzzzzzzzz"] {
            assert_eq!(base58_decode(bad), None, "{bad}");
        }
        assert!(short_url("12x").is_err());
    }

    #[test]
    fn sizes_map_between_suffixes_extras_and_labels() {
        for size in Size::ALL {
            assert_eq!(Size::from_suffix(size.suffix()), Some(size));
            assert_eq!(Size::from_extra(size.extra()), Some(size));
        }
        assert_eq!(Size::from_extra("url_l"), Some(Size::Large1024));
        assert_eq!(Size::from_extra("url_s"), Some(Size::Small240));
        assert_eq!(Size::from_extra("url_"), None);
        assert_eq!(Size::from_label("X-Large 3K"), Some(Size::XLarge3K));
    }

    #[test]
    fn missing_secrets_are_errors_not_broken_urls() {
        let p = PhotoSource::new("5628095432", "5150", "678f9b91c1");
        for size in Size::ALL {
            let r = p.url(size);
            match size.secret_kind() {
                SecretKind::Photo => assert!(r.is_ok(), "{size}"),
                _ => assert!(
                    matches!(r, Err(UrlError::MissingSecret { .. })),
                    "{size}: {r:?}"
                ),
            }
        }
        let msg = p.url(Size::Original).unwrap_err().to_string();
        assert!(msg.contains("originalsecret"), "{msg}");
        assert_eq!(p.available().len(), 10);
        assert!(PhotoSource::new("1", "", "abc")
            .url(Size::Small240)
            .is_err());
        assert_eq!(
            PhotoSource::new("51179100026", "0", "dabebcf635").url(Size::Small240),
            Err(UrlError::UnknownServer)
        );
        assert!(PhotoSource::new("1", "2", "a/b")
            .url(Size::Small240)
            .is_err());
        assert!(PhotoSource::new("1", "2", "ab")
            .original("cd", "")
            .url(Size::Original)
            .is_err());
    }

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
        let short = album_short_url("72157600000000000").unwrap();
        assert!(
            matches!(parse_url(&short).unwrap(), FlickrUrl::Album { id, .. } if id.as_str() == "72157600000000000")
        );
    }
}
