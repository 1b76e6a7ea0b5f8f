//! What to back up and how: the account, what to include, which size, how
//! many downloads at once and how fast.

use std::fmt;
use std::time::Duration;

use flickr_sdk::retry::RetryPolicy;

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

/// What the mirror holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Include {
    /// Photos of the photostream (their files and sidecars).
    pub photos: bool,
    /// Videos of the photostream (one `flickr.video.getStreamInfo` each, new or changed ones only).
    pub videos: bool,
    /// Album manifests.
    pub albums: bool,
    /// The collection tree.
    pub collections: bool,
    /// Gallery manifests (and their photos' files).
    pub galleries: bool,
    /// The favorites manifest (and the favorites' files).
    pub favorites: bool,
    /// EXIF per photo (one `flickr.photos.getExif` each, new or changed ones only).
    pub exif: bool,
    /// Comments per photo (one `flickr.photos.comments.getList` each, new or changed ones only).
    pub comments: bool,
    /// `flickr.photos.getInfo` per photo (notes, people flag, tags as typed,
    /// visibility, permissions, safety level; new or changed ones only).
    pub info: bool,
    /// People tagged per photo (one `flickr.photos.people.getList` each, new or changed ones only).
    pub people: bool,
    /// Albums and group pools per photo (one `flickr.photos.getAllContexts` each, new or changed ones only).
    pub contexts: bool,
}

/// The names `--include` accepts, in order.
pub const INCLUDE_NAMES: [&str; 11] = [
    "photos",
    "videos",
    "albums",
    "collections",
    "galleries",
    "favorites",
    "exif",
    "comments",
    "info",
    "people",
    "contexts",
];

/// The per-photo extras: a list naming only these adds them to the default.
const PER_PHOTO: [&str; 5] = ["exif", "comments", "info", "people", "contexts"];

impl Default for Include {
    /// Everything but the per-photo extras (EXIF, comments, info, people,
    /// contexts), which cost a call per photo.
    fn default() -> Self {
        Include {
            photos: true,
            videos: true,
            albums: true,
            collections: true,
            galleries: true,
            favorites: true,
            exif: false,
            comments: false,
            info: false,
            people: false,
            contexts: false,
        }
    }
}

impl Include {
    /// Nothing at all.
    pub fn none() -> Include {
        Include {
            photos: false,
            videos: false,
            albums: false,
            collections: false,
            galleries: false,
            favorites: false,
            exif: false,
            comments: false,
            info: false,
            people: false,
            contexts: false,
        }
    }

    /// A comma-separated list of [`INCLUDE_NAMES`] (`all` for every one).
    /// A list of per-photo extras only (`exif`, `comments`, `info`,
    /// `people`, `contexts`) adds them to the default.
    pub fn parse(s: &str) -> Result<Include> {
        let names: Vec<&str> = s
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        let extras_only = !names.is_empty()
            && names
                .iter()
                .all(|n| PER_PHOTO.contains(&n.to_ascii_lowercase().as_str()));
        let mut inc = if extras_only {
            Include::default()
        } else {
            Include::none()
        };
        for name in names {
            match name.to_ascii_lowercase().as_str() {
                "photos" => inc.photos = true,
                "videos" => inc.videos = true,
                "albums" | "sets" | "photosets" => inc.albums = true,
                "collections" => inc.collections = true,
                "galleries" => inc.galleries = true,
                "favorites" | "faves" => inc.favorites = true,
                "exif" => inc.exif = true,
                "comments" => inc.comments = true,
                "info" => inc.info = true,
                "people" => inc.people = true,
                "contexts" => inc.contexts = true,
                "all" => {
                    inc = Include {
                        exif: true,
                        comments: true,
                        info: true,
                        people: true,
                        contexts: true,
                        ..Include::default()
                    }
                }
                other => {
                    return Err(Error::Usage(format!(
                        "--include: unknown item `{other}`; expected some of {}",
                        INCLUDE_NAMES.join(",")
                    )))
                }
            }
        }
        if inc == Include::none() {
            return Err(Error::Usage("--include: nothing to back up".to_owned()));
        }
        Ok(inc)
    }

    fn names(&self) -> Vec<&'static str> {
        let flags = [
            self.photos,
            self.videos,
            self.albums,
            self.collections,
            self.galleries,
            self.favorites,
            self.exif,
            self.comments,
            self.info,
            self.people,
            self.contexts,
        ];
        INCLUDE_NAMES
            .iter()
            .zip(flags)
            .filter(|(_, on)| *on)
            .map(|(n, _)| *n)
            .collect()
    }
}

impl fmt::Display for Include {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.names().join(","))
    }
}

/// Which image size to keep of each photo.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SizeChoice {
    /// The original; when Flickr does not list it (free accounts since
    /// 2025, some privacy settings) the largest size it lists.
    #[default]
    Original,
    /// The largest size listed (usually the original).
    Largest,
    /// One size by its `url_*` extra's key (`sq q t s n w m z c l h k 3k 4k
    /// f 5k 6k o`); when not listed, the largest listed size below it, else
    /// the smallest listed above it.
    Suffix(String),
}

impl SizeChoice {
    /// `original`, `largest`, a suffix (`l`, `3k`, …) or Flickr's label (`Large`, `Medium 640`, …).
    pub fn parse(s: &str) -> Result<SizeChoice> {
        let t = s.trim().to_ascii_lowercase();
        let labels = [
            ("square", "sq"),
            ("large square", "q"),
            ("thumbnail", "t"),
            ("small", "s"),
            ("small 320", "n"),
            ("small 400", "w"),
            ("medium", "m"),
            ("medium 640", "z"),
            ("medium 800", "c"),
            ("large", "l"),
            ("large 1600", "h"),
            ("large 2048", "k"),
            ("x-large 3k", "3k"),
            ("x-large 4k", "4k"),
            ("x-large 5k", "5k"),
            ("x-large 6k", "6k"),
        ];
        match t.as_str() {
            "original" | "o" => Ok(SizeChoice::Original),
            "largest" => Ok(SizeChoice::Largest),
            _ => {
                if let Some((_, suffix)) = labels.iter().find(|(l, _)| *l == t) {
                    return Ok(SizeChoice::Suffix((*suffix).to_owned()));
                }
                let t = t.strip_prefix("url_").unwrap_or(&t);
                if flickr_sdk::sizes::Size::from_extra(t).is_some() {
                    return Ok(SizeChoice::Suffix(t.to_owned()));
                }
                Err(Error::Usage(format!(
                    "--size `{s}`: expected original, largest, or a size such as l, c, z, m, 3k or `Large`"
                )))
            }
        }
    }
}

impl fmt::Display for SizeChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SizeChoice::Original => f.write_str("original"),
            SizeChoice::Largest => f.write_str("largest"),
            SizeChoice::Suffix(s) => f.write_str(s),
        }
    }
}

/// Every setting of a backup. `Options::default()` mirrors the token's
/// account: photos, videos, albums, collections, galleries and favorites,
/// originals, 4 downloads at once, 6 attempts per file (500 ms doubling to
/// at most 60 s between them, half jitter, no time budget).
#[derive(Debug, Clone)]
pub struct Options {
    /// Whose account.
    pub user: UserSpec,
    /// What to include.
    pub include: Include,
    /// Which size of each photo.
    pub size: SizeChoice,
    /// Downloads in flight at once (static hosts; separate from the API quota).
    pub jobs: usize,
    /// At most this many download starts per second (`None`: no pacing beyond `jobs`).
    pub files_per_second: Option<f64>,
    /// Only photos added or changed since this Unix time
    /// (`flickr.photos.recentlyUpdated` for your own account). Such a run
    /// does not see deletions.
    pub since: Option<i64>,
    /// Plan only: make the listing calls, write nothing, report the calls
    /// and downloads a real run would make.
    pub dry_run: bool,
    /// Retries of a file, as for API calls: attempts before it is recorded
    /// as failed for this run, the first delay (doubled each attempt, with
    /// jitter), the longest wait (`Retry-After` included) and an optional
    /// time budget per file.
    pub file_retry: RetryPolicy,
    /// Per-photo API calls (video streams, EXIF, comments) in flight at once.
    pub detail_jobs: usize,
    /// Write the offline viewer (`index.html`, `viewer/`) and fetch its
    /// thumbnails at the end of the run (`--no-viewer` turns it off).
    pub viewer: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            user: UserSpec::Me,
            include: Include::default(),
            size: SizeChoice::Original,
            jobs: 4,
            files_per_second: None,
            since: None,
            dry_run: false,
            // No time budget: a large video may rightly take long.
            file_retry: RetryPolicy::default()
                .with_max_attempts(6)
                .with_delays(Duration::from_millis(500), Duration::from_secs(60))
                .with_deadline(None),
            detail_jobs: 4,
            viewer: true,
        }
    }
}

/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` or Unix seconds → Unix seconds (UTC).
pub fn parse_since(s: &str) -> Result<i64> {
    flickr_sdk::DateValue::parse(s.trim())
        .map(|d| d.to_unix())
        .ok_or_else(|| {
            Error::Usage(format!(
                "--since `{s}`: expected YYYY-MM-DD, `YYYY-MM-DD HH:MM:SS` or Unix seconds"
            ))
        })
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

    #[test]
    fn includes_parse_and_print() {
        let inc = Include::parse("photos, albums,exif").unwrap();
        assert!(inc.photos && inc.albums && inc.exif && !inc.videos);
        assert_eq!(inc.to_string(), "photos,albums,exif");
        assert!(Include::parse("photos,selfies").is_err());
        assert!(Include::parse("").is_err());
        assert!(Include::parse("all").unwrap().comments);
        // Per-photo extras alone come on top of the default.
        let inc = Include::parse("info,people").unwrap();
        assert!(inc.info && inc.people && !inc.contexts && inc.photos && inc.albums);
        assert_eq!(
            inc.to_string(),
            "photos,videos,albums,collections,galleries,favorites,info,people"
        );
        let inc = Include::parse("photos,contexts").unwrap();
        assert!(inc.contexts && inc.photos && !inc.albums);
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(SizeChoice::parse("original").unwrap(), SizeChoice::Original);
        assert_eq!(
            SizeChoice::parse("Large").unwrap(),
            SizeChoice::Suffix("l".into())
        );
        assert_eq!(
            SizeChoice::parse("3k").unwrap(),
            SizeChoice::Suffix("3k".into())
        );
        assert!(SizeChoice::parse("huge").is_err());
    }

    #[test]
    fn since_parses() {
        assert_eq!(parse_since("2024-06-01").unwrap(), 1_717_200_000);
        assert!(parse_since("yesterday").is_err());
    }
}
