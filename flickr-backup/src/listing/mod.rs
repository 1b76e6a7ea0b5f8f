//! A third source of the library, beside the API and Flickr's export: what
//! a producer already holds of it ([`Listing`]: the owner, each photo's
//! list item as a list call with [`list_extras`](crate::library::list_extras)
//! answered it, the local file it fetched, albums), turned into the same
//! library an API backup writes, by the same stages, with no request.
//!
//! - [`ingest`]: the listing stage: its items become the state's photo
//!   rows as the API's list calls make them, its albums the state's albums;
//! - [`copy`]: the files stage: each local file copied into the tree
//!   (hashed, checked, fsync'd, renamed), never linked: the library shares
//!   no inode with a file its producer may delete or reuse.
//!
//! Each file's row records where it was copied from as its origin
//! (`listing:PATH`, beside an export's `ZIP/MEMBER`); its URL is the
//! address the producer fetched it from, as a download's is, so the JSON
//! sidecar is the one an API backup writes and a later API run over the
//! same library fetches nothing again.

pub(crate) mod copy;
pub(crate) mod ingest;
mod source;

use std::path::{Path, PathBuf};

use flickr_sdk::types::{Photo, Photoset};

use crate::error::{Error, Result};
use crate::options::Options;

pub(crate) use source::{is_origin, target, Index};

/// What a producer of the library already holds of it (flickr-archive's
/// catalog and object store): the library's owner, its photos in order
/// with their local files, and its albums.
/// [`Backup::from_listing`](crate::Backup::from_listing) writes from it the
/// library an API backup of those photos writes, with no request.
///
/// ```
/// use flickr_backup::{ListedAlbum, ListedPhoto, Listing, LocalFile};
///
/// # fn demo(item: flickr_sdk::types::Photo) {
/// let listing = Listing::new("12345678@N00")
///     .photo(
///         ListedPhoto::new(item)
///             .file(LocalFile::new("/var/cache/archive/ab/cdef")
///                 .url("https://live.staticflickr.com/65535/53000000001_abc_o.jpg")),
///     )
///     .album(ListedAlbum::new("72157710000000000", "Summer", ["53000000001"]));
/// # let _ = listing; }
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Listing {
    pub(crate) owner: String,
    pub(crate) photos: Vec<ListedPhoto>,
    pub(crate) albums: Vec<ListedAlbum>,
    pub(crate) complete: bool,
}

impl Listing {
    /// An empty listing of the library of `owner` (an NSID): the photos
    /// whose owner is `owner` are its own (`photos/YYYY/MM/DD/`), the
    /// others' go under `others/OWNER/`.
    pub fn new(owner: impl Into<String>) -> Listing {
        Listing {
            owner: owner.into(),
            ..Listing::default()
        }
    }

    /// Adds a photo (after those already added: the order of the listing).
    pub fn photo(mut self, photo: ListedPhoto) -> Listing {
        self.photos.push(photo);
        self
    }

    /// Adds photos in order.
    pub fn photos(mut self, photos: impl IntoIterator<Item = ListedPhoto>) -> Listing {
        self.photos.extend(photos);
        self
    }

    /// Adds an album (albums are kept in id order, as an API backup's).
    pub fn album(mut self, album: ListedAlbum) -> Listing {
        self.albums.push(album);
        self
    }

    /// Adds albums.
    pub fn albums(mut self, albums: impl IntoIterator<Item = ListedAlbum>) -> Listing {
        self.albums.extend(albums);
        self
    }

    /// Whether the listing is the whole library (default `false`). When
    /// it is, a run flags what an earlier run over the same directory
    /// kept and this listing no longer holds (photos, albums) as deleted
    /// on Flickr, as an API backup does after a complete listing; they
    /// stay in the library. When it is not, they are left as they were.
    pub fn complete(mut self, complete: bool) -> Listing {
        self.complete = complete;
        self
    }

    /// The library's owner.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// The photos, in order.
    pub fn listed_photos(&self) -> &[ListedPhoto] {
        &self.photos
    }

    /// The albums.
    pub fn listed_albums(&self) -> &[ListedAlbum] {
        &self.albums
    }

    /// Whether `opts` suit a run from this listing.
    pub(crate) fn check(&self, opts: &Options) -> Result<()> {
        let owner = self.owner.trim();
        if owner.is_empty() || owner != self.owner || owner.contains(['/', '\\']) {
            return Err(Error::Usage(format!(
                "a listing's owner must be an NSID, not {:?}",
                self.owner
            )));
        }
        if !opts.from_export.is_empty() {
            return Err(Error::Usage(
                "a backup from a listing reads no export (--from-export is for Backup::new or Backup::from_export)"
                    .to_owned(),
            ));
        }
        if opts.dry_run {
            return Err(Error::Usage(
                "--dry-run plans API calls; a backup from a listing makes none".to_owned(),
            ));
        }
        Ok(())
    }
}

/// One photo or video of a [`Listing`]: its list item, and the local file
/// holding its file when the producer has one.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ListedPhoto {
    pub(crate) item: Photo,
    pub(crate) file: Option<LocalFile>,
}

impl ListedPhoto {
    /// A photo as a list call with the backup's extras
    /// ([`list_extras`](crate::library::list_extras)) gave it, without a
    /// file: it gets its sidecars, and the run reports it among
    /// [`Report::failed`](crate::Report::failed).
    pub fn new(item: Photo) -> ListedPhoto {
        ListedPhoto { item, file: None }
    }

    /// The local file holding its file.
    pub fn file(mut self, file: LocalFile) -> ListedPhoto {
        self.file = Some(file);
        self
    }

    /// The list item.
    pub fn item(&self) -> &Photo {
        &self.item
    }

    /// The local file, when there is one.
    pub fn local_file(&self) -> Option<&LocalFile> {
        self.file.as_ref()
    }
}

/// A local file holding a photo's file (its original, or the largest size
/// Flickr listed: whichever the producer fetched), copied into the
/// library. Which file it is (its URL and size) and its extension come
/// from what the producer says:
///
/// - [`LocalFile::url`]: the address it was fetched from; its size is the
///   `url_*` extra of the item that names it (else `o` when the name ends
///   in `_o.EXT`, a video's `orig`), its extension the URL's;
/// - without one, it is taken to be the file the backup would choose from
///   the item (the original, else the largest size listed), recorded with
///   that URL and size; its extension is then the local file's own, else
///   the item's original format;
/// - [`LocalFile::ext`] and [`LocalFile::variant`] say either outright.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LocalFile {
    pub(crate) path: PathBuf,
    pub(crate) url: Option<String>,
    pub(crate) ext: Option<String>,
    pub(crate) variant: Option<String>,
}

impl LocalFile {
    /// The file at `path` (read when the run copies it; never changed).
    pub fn new(path: impl Into<PathBuf>) -> LocalFile {
        LocalFile {
            path: path.into(),
            url: None,
            ext: None,
            variant: None,
        }
    }

    /// The URL the file was fetched from (a static host's).
    pub fn url(mut self, url: impl Into<String>) -> LocalFile {
        self.url = Some(url.into());
        self
    }

    /// The file's extension in the library (`jpg`, `mp4`; without the dot).
    pub fn ext(mut self, ext: impl Into<String>) -> LocalFile {
        self.ext = Some(ext.into().trim_start_matches('.').to_owned());
        self
    }

    /// Which size it is: a `url_*` suffix (`o`, `k`, `l`, …) or, for a
    /// video, the stream kind (`orig`, `1080p`, …).
    pub fn variant(mut self, variant: impl Into<String>) -> LocalFile {
        self.variant = Some(variant.into());
        self
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// An album of a [`Listing`]: its Flickr record and its photos in album
/// order, made into its manifest (`albums/ID.json`) and its folder of
/// links (`albums/TITLE (ID)/0001-ID.EXT`) as an API backup makes them.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ListedAlbum {
    pub(crate) info: Photoset,
    pub(crate) photos: Vec<String>,
}

impl ListedAlbum {
    /// Album `id` titled `title` (as Flickr gives titles), holding `photos`
    /// (ids) in album order. Its manifest holds what it was given: for the
    /// manifest an API backup writes, give the photoset Flickr answered
    /// ([`ListedAlbum::from_photoset`]).
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        photos: impl IntoIterator<Item = impl Into<String>>,
    ) -> ListedAlbum {
        let photos: Vec<String> = photos.into_iter().map(Into::into).collect();
        let v = serde_json::json!({
            "id": id.into(),
            "title": { "_content": title.into() },
            "primary": photos.first(),
            "count_photos": photos.len(),
        });
        let info = serde_json::from_value(v).expect("an id and a title make a photoset");
        ListedAlbum { info, photos }
    }

    /// The album as `flickr.photosets.getList` (or `getInfo`) answered it,
    /// holding `photos` (ids) in album order.
    pub fn from_photoset(
        info: Photoset,
        photos: impl IntoIterator<Item = impl Into<String>>,
    ) -> ListedAlbum {
        ListedAlbum {
            info,
            photos: photos.into_iter().map(Into::into).collect(),
        }
    }

    /// Its description (as Flickr gives descriptions: HTML).
    pub fn description(mut self, description: impl Into<String>) -> ListedAlbum {
        self.info.description = Some(description.into());
        self
    }

    /// Its id.
    pub fn id(&self) -> &str {
        self.info.id.as_str()
    }

    /// Its photos' ids, in album order.
    pub fn photo_ids(&self) -> &[String] {
        &self.photos
    }
}
