//! A resumable, incremental mirror of a Flickr account in the fewest API calls.
//!
//! ```no_run
//! # async fn demo(client: flickr_sdk::Client) -> Result<(), flickr_backup::Error> {
//! use flickr_backup::{Backup, Options};
//!
//! let mut job = Backup::new(client, "/backups/flickr")
//!     .options(Options::default())
//!     .start();
//! while let Some(event) = job.next_event().await {
//!     println!("{event:?}");
//! }
//! let report = job.finish().await?;
//! println!("{} files fetched, {} API calls", report.files_fetched, report.total_calls());
//! # Ok(()) }
//! ```
//!
//! **API calls.** Everything a mirror needs of an ordinary photo comes with
//! the list calls (500 per page, every extra: description, license, dates,
//! owner, original format and secret, last update, geo, tags, machine tags,
//! original dimensions, views, media and every `url_*` size), so 1,000
//! photos cost about 2 calls plus album pages. Per-photo calls are made only
//! where lists cannot answer: a video's streams, and EXIF and comments when
//! included; and again only when the photo changed. The photostream goes
//! past Flickr's 4,000-result search cap with the date-window walker.
//!
//! **Files.** The original, or when Flickr does not list it (free accounts
//! since 2025) the largest size it lists; never a URL built by hand.
//! Downloaded from the static hosts with their own concurrency and budget
//! (a flickr-core `Quota` separate from the API's), retried under a
//! flickr-core `RetryPolicy` ([`Options::file_retry`]) on 429/5xx/resets
//! with backoff and `Retry-After`, written to a temporary name, checked
//! (length, format signature), fsync'd and renamed: a file in the tree is
//! always complete.
//!
//! **Photo tools.** Beside each photo and video, an XMP sidecar
//! (`ID.jpg.xmp`: title, description as text, tags, creator, licence, date
//! taken at its granularity, GPS only when geotagged, albums and favorites
//! as hierarchical keywords, the photo page, and Flickr's ids in the
//! namespace `https://github.com/flickr-rs/ns/1.0/`), so Immich, digiKam,
//! darktable or Lightroom read the mirror without our JSON; each media
//! file's modification time is its date taken (read as local time), or
//! its upload date when Flickr marks the date taken unknown. A file that
//! is not the original (a free account's photos) is said so in both
//! sidecars and the [`Report`], and replaced once Flickr lists the
//! original. `--include info,people,contexts` (off by default) add
//! `flickr.photos.getInfo`, `people.getList` and `getAllContexts`, one call
//! per new or changed photo, into both sidecars.
//!
//! **State.** SQLite inside the mirror (`.flickr-backup/state.sqlite`):
//! what is listed, downloaded (size, SHA-256) and verified. A run killed at
//! any moment resumes without fetching a complete file again; a later run
//! fetches only what was added or changed and flags what Flickr deleted
//! (kept locally). [`verify`] re-checks every file.
//!
//! **The mirror.** Where things live is for people:
//!
//! ```text
//! DIR/
//!   photos/YYYY/MM/DD/ID.EXT      your photos and videos, by date taken
//!   photos/YYYY/MM/DD/ID.json     their sidecars (what Flickr listed, albums, EXIF, comments)
//!   photos/YYYY/MM/DD/ID.EXT.xmp  their XMP sidecars, for photo tools
//!   photos/undated/ID.EXT         photos without a date taken
//!   others/OWNER/ID.EXT (+ .json) favorites' and galleries' photos by other members
//!   albums/ALBUM_ID.json          album manifests (title, description, photos in order)
//!   albums/TITLE (ALBUM_ID)/0001-ID.EXT (+ .EXT.xmp)
//!                                 each album's files in album order: hard links to
//!                                 the files above (no extra bytes; a symlink where
//!                                 the file system refuses hard links)
//!   collections/TITLE (ID)/…/TITLE (ALBUM_ID)/0001-ID.EXT
//!                                 the collection tree as nested folders, each album
//!                                 in it a folder of hard links as under albums/
//!   galleries/GALLERY_ID.json     gallery manifests
//!   collections.json              the collection tree, albums by id
//!   favorites.json                your favorites, newest first
//!   index.html, viewer/           the offline viewer (opens from file://, no server)
//!   export/NAME.json              from Flickr's export: the account's own files, as they are
//!   export-report.json            from Flickr's export: what it held and lacked
//!   .flickr-backup/thumbs/ID.jpg  the viewer's thumbnails (Flickr's 150 px square)
//!   .flickr-backup/state.sqlite   the state (what is listed, downloaded, verified)
//!   .flickr-backup/tmp/           downloads in progress (never in the tree)
//! ```
//!
//! Paths inside the mirror are relative, with `/`, and made only of
//! characters that are safe on every file system. Folder names made from
//! titles keep letters and digits of every script (so `Été à
//! Kyōto` and `東京` stay readable) and a few plain punctuation marks; anything
//! a file system or shell treats specially (`/ \ : * ? " < > |`, control
//! characters, emoji and other symbols) becomes `_`, leading and trailing
//! dots and spaces go (Windows drops them), and the name is cut at 60
//! characters. The id in parentheses keeps two albums of the same title
//! apart and names the folder across renames.
//!
//! **Flickr's own export.** [`Backup::from_export`] (`--from-export`)
//! builds the same mirror from the account export Flickr gives every
//! member, offline, with no API key: its zips are read in place, every
//! known quirk of the export is handled, what it lacks is reported by id
//! ([`ExportReport`]), and with a client ([`Options::from_export`]) the API
//! fills in what it lacks, downloading only the missing files.
//!
//! **What a producer already holds.** [`Backup::from_listing`] builds
//! the same mirror, offline, from a [`Listing`]: the list items another
//! producer of the library stored (flickr-archive lists targets with
//! [`library::list_extras`]) and the files it fetched, copied in; albums
//! as their ids, titles and photos in order.
//!
//! **Albums and the viewer.** Each album is also a folder of hard links to
//! its files in album order (`albums/TITLE (ID)/0001-ID.jpg`), and the
//! collection tree nested folders of them; every run keeps them exact. At
//! the end of each run `DIR/index.html`, an offline viewer that opens from
//! `file://`, is rewritten from the state ([`Options::viewer`] turns it
//! off); its thumbnails are static files the list calls already name.
//!
//! **For an archive.** [`bag()`] packages a mirror as a BagIt bag (RFC
//! 8493) that `bagit.py --validate` accepts: the tree above under `data/`,
//! paths unchanged, without `.flickr-backup/` but for its `thumbs/` (the
//! viewer shows them); SHA-256 and SHA-512 manifests; `bag-info.txt` from a
//! [`BagInfo`]. Payload files are hard links to the mirror's on the same
//! file system (copies elsewhere), each read once for both checksums; the
//! bag is built beside its destination and renamed into place.
//! [`validate_bag`] checks a bag. [`bag::tag_files`] makes a bag's tag
//! files for a payload written elsewhere (the fleet archive's object store).
#![deny(missing_docs)]

pub mod bag;
mod check;
mod choose;
mod count;
mod ctx;
mod digest;
mod error;
mod events;
mod export;
mod laps;
mod layout;
pub mod library;
mod listing;
mod mtime;
mod options;
mod photo_meta;
mod report;
mod run;
mod stages;
mod state;
pub mod static_host;
mod tree;
mod verify;
mod xmp;

use std::path::PathBuf;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

pub use bag::{bag, validate_bag, BagCheck, BagInfo, BagProblem, BagReport};
pub use error::{Error, Result};
pub use events::{Event, Stage};
pub use export::{AlbumGap, ContainerRead, Duplicate, ExportReport, Problem as ExportProblem};
pub use laps::Lap;
pub use listing::{ListedAlbum, ListedPhoto, Listing, LocalFile};
pub use options::{parse_since, Include, Options, SizeChoice, UserSpec, INCLUDE_NAMES};
pub use report::{Failure, Report};
pub use stages::sidecars::NotOriginal;
pub use verify::{verify, Problem, VerifyReport};

/// A backup of one account into one directory.
#[derive(Debug, Clone)]
pub struct Backup {
    /// `None`: from Flickr's export alone, with no API.
    client: Option<flickr_sdk::Client>,
    dir: PathBuf,
    options: Options,
    /// The third source: what a producer of the library already holds.
    listing: Option<Listing>,
}

impl Backup {
    /// A backup with `client` (its credentials, endpoint, retries and quota
    /// apply to every API call) into `dir` (created if needed).
    pub fn new(client: flickr_sdk::Client, dir: impl Into<PathBuf>) -> Backup {
        Backup {
            client: Some(client),
            dir: dir.into(),
            options: Options::default(),
            listing: None,
        }
    }

    /// A backup into `dir` from Flickr's own export at `paths` (its zips,
    /// folders holding them, or folders where they were extracted), with no
    /// API key, no credentials and no network: the same mirror, from the
    /// export's files and metadata. What the export lacks is listed in
    /// [`Report::export`] and `DIR/export-report.json`. To repair it from
    /// the API, use [`Backup::new`] with [`Options::from_export`].
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), flickr_backup::Error> {
    /// let report = flickr_backup::Backup::from_export("/backups/flickr", ["/downloads/flickr"])
    ///     .run()
    ///     .await?;
    /// let export = report.export.expect("an export run reports on its export");
    /// println!("{} photos, {} without their file", export.photos, export.missing_media.len());
    /// # Ok(()) }
    /// ```
    pub fn from_export(
        dir: impl Into<PathBuf>,
        paths: impl IntoIterator<Item = impl Into<PathBuf>>,
    ) -> Backup {
        Backup {
            client: None,
            dir: dir.into(),
            options: Options::default().from_export(paths),
            listing: None,
        }
    }

    /// A backup into `dir` from `listing`: what a producer of the library
    /// already holds (flickr-archive's catalog and fetched files), with no
    /// API key and no request (its client refuses any). It writes the
    /// library an API backup of those photos writes, by the same stages:
    /// each local file copied (never linked) to its place, JSON and XMP
    /// sidecars from the list items, album manifests and folders, file
    /// times, the viewer with thumbnails made from the files. The state
    /// records each file's origin (`listing:PATH`) and the URL it was
    /// fetched from. A second run with the same listing changes nothing;
    /// a changed item (a newer `lastupdate`) has its sidecars rewritten,
    /// and a file Flickr replaced (a new URL) is copied again. A photo
    /// without a local file, and one whose local file is missing,
    /// unreadable or not its format, are kept with their sidecars and
    /// reported in [`Report::failed`] by photo and path; the run goes on.
    ///
    /// What a listing does not hold, its library does not either: the
    /// per-photo answers an API backup adds (a video's streams; EXIF,
    /// comments, info, people and contexts when included) and the
    /// collection tree, galleries and favorites.
    ///
    /// ```no_run
    /// # async fn demo(item: flickr_sdk::types::Photo) -> Result<(), flickr_backup::Error> {
    /// use flickr_backup::{Backup, ListedPhoto, Listing, LocalFile};
    ///
    /// let listing = Listing::new("12345678@N00")
    ///     .photo(ListedPhoto::new(item).file(LocalFile::new("/var/cache/archive/ab/cdef")));
    /// let report = Backup::from_listing("/bags/alice/data", listing).run().await?;
    /// assert_eq!(report.total_calls(), 0);
    /// println!("{} files copied, {} failed", report.files_copied, report.failed.len());
    /// # Ok(()) }
    /// ```
    pub fn from_listing(dir: impl Into<PathBuf>, listing: Listing) -> Backup {
        Backup {
            client: None,
            dir: dir.into(),
            options: Options::default(),
            listing: Some(listing),
        }
    }

    /// Replaces the options (a backup made with [`Backup::from_export`]
    /// keeps its export when `options` names none).
    pub fn options(mut self, options: Options) -> Backup {
        let export = std::mem::take(&mut self.options.from_export);
        self.options = options;
        if self.options.from_export.is_empty() {
            self.options.from_export = export;
        }
        self
    }

    /// Starts the run on the current tokio runtime.
    pub fn start(self) -> Job {
        let (tx, rx) = mpsc::unbounded_channel();
        let handle = tokio::spawn(run::run(
            self.client,
            self.dir,
            self.options,
            self.listing,
            tx,
        ));
        Job { events: rx, handle }
    }

    /// Runs to the end, ignoring progress events.
    pub async fn run(self) -> Result<Report> {
        self.start().finish().await
    }
}

/// A running backup: its progress events, then its report.
#[derive(Debug)]
pub struct Job {
    events: mpsc::UnboundedReceiver<Event>,
    handle: JoinHandle<Result<Report>>,
}

impl Job {
    /// The next progress event; `None` once the run has ended.
    pub async fn next_event(&mut self) -> Option<Event> {
        self.events.recv().await
    }

    /// The progress events as a stream (ends when the run ends).
    pub fn events(&mut self) -> impl futures::Stream<Item = Event> + '_ {
        futures::stream::poll_fn(move |cx| self.events.poll_recv(cx))
    }

    /// Waits for the run to end and returns its report.
    pub async fn finish(self) -> Result<Report> {
        drop(self.events);
        match self.handle.await {
            Ok(r) => r,
            Err(e) => Err(Error::internal("the backup task ended abnormally", e)),
        }
    }
}

/// The README (the crate's page in the registry): its examples are doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
