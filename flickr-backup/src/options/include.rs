//! What a mirror holds: `--include` and its names.

use std::fmt;

use crate::error::{Error, Result};

/// What the mirror holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
