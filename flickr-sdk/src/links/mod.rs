//! Links: photo source URLs per size, `flic.kr` short URLs and a parser for
//! Flickr's web URLs. The sizes themselves, and which a photo *has*, are in
//! [`sizes`](crate::sizes). (`flickr_sdk::urls` is the `flickr.urls.*`
//! namespace.)
//!
//! ```
//! use flickr_sdk::links::{PhotoSource, short_url, parse_url, FlickrUrl};
//! use flickr_sdk::sizes::Size;
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

// Sizes and their secrets (size.rs), building and reading source URLs
// (source.rs), flic.kr links and base58 (short.rs), web URL parsing (parse.rs).
mod parse;
mod short;
pub(crate) mod size;
mod source;

pub use parse::{parse_url, FlickrUrl, GroupRef, UserRef};
pub use short::{album_short_url, base58_decode, base58_encode, short_url};
use size::{SecretKind, Size};
pub use source::{PhotoSource, SourceUrl};

use std::fmt;

/// The host Flickr serves photo files from.
pub const STATIC_HOST: &str = "live.staticflickr.com";

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
