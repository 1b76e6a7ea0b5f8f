//! What the state's rows hold, and reading them from SQLite: a photo's
//! list item and per-photo answers are stored as the JSON the sidecar shows,
//! and read back once, here, into the generated types they were made from.

use flickr_sdk::types::{
    AllContexts, CollectionTree, Comment, Gallery, Photo, PhotoExif, PhotoInfo, PhotoPeople,
    Photoset,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::kinds::{FileStatus, MediaKind, SetKind};

/// A photo as the state holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoRow {
    /// Photo id.
    pub id: String,
    /// Owner's NSID.
    pub owner: String,
    /// In the mirrored account's photostream.
    pub own: bool,
    /// A photo or a video.
    pub media: MediaKind,
    /// The list item as Flickr sent it.
    pub item: Photo,
    /// Flickr's last update (Unix seconds).
    pub last_update: Option<i64>,
    /// Per-photo answers (video streams, EXIF, comments, info, people,
    /// contexts); empty when none were made or the stored ones no longer
    /// read (then `details_for` is `None`, so the next run asks again).
    pub details: Details,
    /// The `last_update` those details belong to.
    pub details_for: Option<i64>,
    /// Last run that listed it.
    pub seen_run: i64,
    /// No longer on Flickr (kept locally).
    pub deleted: bool,
}

/// The per-photo answers kept for a photo, each under the name the JSON
/// sidecar shows it by; a part absent was not asked for (or failed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Details {
    /// A video's streams (`flickr.video.getStreamInfo`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub streams: Option<Vec<Stream>>,
    /// `flickr.photos.getExif`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exif: Option<PhotoExif>,
    /// `flickr.photos.comments.getList`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<Vec<Comment>>,
    /// `flickr.photos.getInfo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<PhotoInfo>,
    /// `flickr.photos.people.getList`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<PhotoPeople>,
    /// `flickr.photos.getAllContexts`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contexts: Option<AllContexts>,
    /// What Flickr's export said of the photo (`photo_<id>.json`, its
    /// comments aside: those are in `comments`), kept whole: groups,
    /// notes, privacy as the export words it, permissions, counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export: Option<crate::export::records::PhotoRecord>,
}

impl Details {
    /// `newer`'s parts replace these; the parts it lacks are kept.
    pub fn merge(&mut self, newer: Details) {
        let Details {
            streams,
            exif,
            comments,
            info,
            people,
            contexts,
            export,
        } = newer;
        fn take<T>(slot: &mut Option<T>, new: Option<T>) {
            if new.is_some() {
                *slot = new;
            }
        }
        take(&mut self.streams, streams);
        take(&mut self.exif, exif);
        take(&mut self.comments, comments);
        take(&mut self.info, info);
        take(&mut self.people, people);
        take(&mut self.contexts, contexts);
        take(&mut self.export, export);
    }

    /// As the JSON sidecar and the state hold them.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// One of a video's streams, as kept: its kind (`orig`, `1080p`, …) and URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stream {
    /// The encoding, as Flickr names it.
    #[serde(rename = "type")]
    pub kind: String,
    /// Where to fetch it.
    pub url: String,
}

/// A file as the state holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    /// Photo id.
    pub photo_id: String,
    /// Where it comes from.
    pub url: String,
    /// Size suffix or stream kind.
    pub variant: String,
    /// Path in the mirror.
    pub path: String,
    /// Where it is in its life.
    pub status: FileStatus,
    /// Size in bytes, once downloaded.
    pub size: Option<i64>,
    /// SHA-256 (hex), once downloaded.
    pub sha256: Option<String>,
    /// Temporary name while `placing`.
    pub tmp: Option<String>,
    /// A previous version's path to remove once this one is in place.
    pub old_path: Option<String>,
    /// Why the last attempt failed.
    pub error: Option<String>,
    /// Where it is taken from when not downloaded from `url`: an export's
    /// zip member (`ZIP/MEMBER`) or a listing's local file
    /// (`listing:PATH`). `url` stays the address Flickr gives the file, so
    /// a later API run knows it.
    pub origin: Option<String>,
}

/// An album, gallery, favorites list or collection.
#[derive(Debug, Clone, PartialEq)]
pub struct SetRow {
    /// Album, gallery, favorites or the collection tree.
    pub kind: SetKind,
    /// Its id.
    pub id: String,
    /// What the list call said about it.
    pub info: SetInfo,
    /// Photo ids in order.
    pub members: Vec<String>,
    /// What makes its member list still valid (e.g. update time and count).
    pub stamp: Option<String>,
    /// Last run that listed it.
    pub seen_run: i64,
    /// No longer on Flickr.
    pub deleted: bool,
}

/// What the list call said about a set, by its kind.
#[derive(Debug, Clone, PartialEq)]
pub enum SetInfo {
    /// `flickr.photosets.getList`'s album.
    Album(Photoset),
    /// `flickr.galleries.getList`'s gallery.
    Gallery(Gallery),
    /// Whose favorites (an NSID).
    Favorites {
        /// The account's NSID.
        user: String,
    },
    /// `flickr.collections.getTree`.
    Collections(CollectionTree),
}

/// The favorites' info as stored.
#[derive(Serialize, Deserialize)]
struct FavoritesInfo {
    user: String,
}

impl SetInfo {
    /// As the manifests and the state hold it: the answer as Flickr's types
    /// serialize it.
    pub fn to_json(&self) -> Value {
        let v = match self {
            SetInfo::Album(a) => serde_json::to_value(a),
            SetInfo::Gallery(g) => serde_json::to_value(g),
            SetInfo::Favorites { user } => {
                serde_json::to_value(FavoritesInfo { user: user.clone() })
            }
            SetInfo::Collections(t) => serde_json::to_value(t),
        };
        v.unwrap_or(Value::Null)
    }

    /// Reads the stored form of a set of kind `kind`.
    fn from_json(kind: SetKind, text: &str) -> serde_json::Result<SetInfo> {
        Ok(match kind {
            SetKind::Album => SetInfo::Album(serde_json::from_str(text)?),
            SetKind::Gallery => SetInfo::Gallery(serde_json::from_str(text)?),
            SetKind::Favorites => {
                let f: FavoritesInfo = serde_json::from_str(text)?;
                SetInfo::Favorites { user: f.user }
            }
            SetKind::Collections => SetInfo::Collections(serde_json::from_str(text)?),
        })
    }

    /// An album's or gallery's title.
    pub fn title(&self) -> Option<&str> {
        match self {
            SetInfo::Album(a) => a.title.as_deref(),
            SetInfo::Gallery(g) => g.title.as_deref(),
            SetInfo::Favorites { .. } | SetInfo::Collections(_) => None,
        }
    }

    /// An album's or gallery's description.
    pub fn description(&self) -> Option<&str> {
        match self {
            SetInfo::Album(a) => a.description.as_deref(),
            SetInfo::Gallery(g) => g.description.as_deref(),
            SetInfo::Favorites { .. } | SetInfo::Collections(_) => None,
        }
    }
}

/// A photo as a list call gave it, ready to record.
#[derive(Debug, Clone, Copy)]
pub struct Listing<'a> {
    /// Photo id.
    pub id: &'a str,
    /// Owner's NSID.
    pub owner: &'a str,
    /// In the mirrored account's photostream.
    pub own: bool,
    /// A photo or a video.
    pub media: MediaKind,
    /// The list item.
    pub item: &'a Photo,
    /// Flickr's last update.
    pub last_update: Option<i64>,
}

/// How a listed photo compares with what the state held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Not known before.
    New,
    /// Known, and Flickr's item differs.
    Changed,
    /// Known and the same.
    Same,
}

pub(super) fn json_col(text: Option<String>) -> Value {
    text.and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null)
}

/// A stored answer that no longer reads as its type.
#[derive(Debug)]
struct Unreadable {
    /// Which row and column, e.g. "list item of photo 5".
    what: String,
    source: serde_json::Error,
}

impl Unreadable {
    fn error(column: usize, what: String, source: serde_json::Error) -> rusqlite::Error {
        let e = Box::new(Unreadable { what, source });
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, e)
    }
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the stored {} does not read: {}", self.what, self.source)
    }
}

impl std::error::Error for Unreadable {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

pub(super) fn photo_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PhotoRow> {
    let id: String = r.get(0)?;
    let item: String = r.get(4)?;
    let item = serde_json::from_str(&item)
        .map_err(|e| Unreadable::error(4, format!("list item of photo {id}"), e))?;
    // Details that no longer read (an older form) are asked for again.
    let details: Option<Details> = r
        .get::<_, Option<String>>(6)?
        .and_then(|t| serde_json::from_str(&t).ok());
    let details_for = if details.is_some() { r.get(7)? } else { None };
    Ok(PhotoRow {
        id,
        owner: r.get(1)?,
        own: r.get(2)?,
        media: r.get(3)?,
        item,
        last_update: r.get(5)?,
        details: details.unwrap_or_default(),
        details_for,
        seen_run: r.get(8)?,
        deleted: r.get(9)?,
    })
}

pub(super) fn set_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SetRow> {
    let members: Value = json_col(r.get(3)?);
    let (kind, id): (SetKind, String) = (r.get(0)?, r.get(1)?);
    let info: String = r.get(2)?;
    let info = SetInfo::from_json(kind, &info)
        .map_err(|e| Unreadable::error(2, format!("info of {} {id}", kind.as_str()), e))?;
    Ok(SetRow {
        kind,
        id,
        info,
        members: members
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
        stamp: r.get(4)?,
        seen_run: r.get(5)?,
        deleted: r.get(6)?,
    })
}

pub(super) fn file_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FileRow> {
    Ok(FileRow {
        photo_id: r.get(0)?,
        url: r.get(1)?,
        variant: r.get(2)?,
        path: r.get(3)?,
        status: r.get(4)?,
        size: r.get(5)?,
        sha256: r.get(6)?,
        tmp: r.get(7)?,
        old_path: r.get(8)?,
        error: r.get(9)?,
        origin: r.get(10)?,
    })
}
