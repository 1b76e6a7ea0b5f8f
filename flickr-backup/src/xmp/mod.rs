//! XMP sidecars: what a photo tool (Immich, digiKam, darktable, Lightroom,
//! exiftool) reads beside each photo or video, at `<media file>.xmp`
//! (`photos/2019/05/01/123.jpg.xmp`). Standard properties only, plus
//! Flickr's own ids in a small namespace of ours:
//!
//! | property | from |
//! |---|---|
//! | `dc:title`, `dc:description` | title; description with its HTML turned into text |
//! | `dc:subject` | tags (raw as typed with `--include info`, else the listing's cleaned form) and machine tags |
//! | `dc:creator` | the owner's name |
//! | `dc:rights`, `xmpRights:WebStatement`, `cc:license` | the license (name, page; `cc:license` for Creative Commons ones) |
//! | `exif:DateTimeOriginal`, `photoshop:DateCreated` | date taken at its granularity (`2019-05`, `2019`); none when unknown |
//! | `exif:GPSLatitude`, `exif:GPSLongitude` | only when geotagged (accuracy > 0) |
//! | `lr:hierarchicalSubject`, `digiKam:TagsList` | tags, `Flickr|Albums|<title>`, `Flickr|Favorites` (digiKam: `/`) |
//! | `dc:source`, `xmp:Identifier` | the photo page URL |
//!
//! The `flickr` namespace is `https://github.com/flickr-rs/ns/1.0/`:
//! `flickr:id`, `flickr:owner`, `flickr:media`, `flickr:license` (the id),
//! `flickr:dateTakenGranularity`, `flickr:albums` (ids), `flickr:sizeKept`
//! and `flickr:sizeKeptReason` (when the file is not the original), and,
//! with `--include`, `flickr:notes`, `flickr:peopleCount`,
//! `flickr:visibility`, `flickr:permissions`, `flickr:safetyLevel`,
//! `flickr:people`, `flickr:groups`.
//!
//! The packet depends only on the state (no time of writing), so an
//! unchanged photo's sidecar is byte for byte the same and is not written
//! again.

mod facts;
mod gps;
mod packet;
pub(crate) mod text;

pub(crate) use facts::{facts, Context};
pub(crate) use packet::packet;

/// Our namespace for Flickr's own ids and fields.
pub const FLICKR_NS: &str = "https://github.com/flickr-rs/ns/1.0/";

/// A property of the `flickr` namespace.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Prop {
    /// One text.
    Text(String),
    /// An unordered list.
    Bag(Vec<String>),
}

/// Everything an XMP sidecar says about one photo.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Facts {
    pub title: String,
    pub description: String,
    pub subjects: Vec<String>,
    pub creator: Option<String>,
    /// License (name, page URL, whether Creative Commons).
    pub license: Option<(String, String, bool)>,
    /// Date taken in XMP form.
    pub taken: Option<String>,
    /// Latitude and longitude.
    pub gps: Option<(f64, f64)>,
    /// Hierarchical keywords, `|`-separated (`Flickr|Albums|Holidays`).
    pub hierarchy: Vec<String>,
    pub page_url: Option<String>,
    /// `flickr:` properties, in order.
    pub flickr: Vec<(&'static str, Prop)>,
}
