//! The member's account export, as Flickr's "Request my Flickr Data" gives
//! it: metadata zips (`72157…_<token>_partN.zip`: `photo_<id>.json` for each
//! photo and video, `albums.json` and the other account files) and media
//! zips (`data-download-N.zip`: the originals, `per_zip` to a zip), all flat.
//!
//! The shapes are those of real exports (counts as strings, geo in
//! millionths of a degree, licenses by name, `"friend & family"`, epoch
//! strings in `albums.json`); [`ExportSpec`] turns on
//! the quirks real exports have: media missing or duplicated, metadata
//! missing or spread over parts, the 2018/19 geo object, re-uploaded file
//! names, unknown dates, and album lists with `"0"` members and catch-all
//! entries. A media file holds exactly the bytes the static host serves for
//! the original, and holds them for free accounts too, whose originals the
//! API no longer lists.

mod account_files;
mod names;
mod photo_metadata;
mod zips;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::state::{Photo, State};
use crate::static_host::files::original;
use crate::FakeFlickr;

/// What to write and which of the real export's quirks to put in.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ExportSpec {
    /// Media files per `data-download-N.zip` (Flickr: 500).
    pub per_zip: usize,
    /// `photo_<id>.json` files are spread round-robin over this many
    /// metadata parts (at least 1); the account files are in part 1.
    pub metadata_parts: usize,
    /// These ids get metadata but no media file.
    pub missing_media: Vec<u64>,
    /// These ids get a media file but no `photo_<id>.json`.
    pub without_metadata: Vec<u64>,
    /// These ids' media file is written twice, in two different media zips
    /// (the second copies go in zips after the regular ones).
    pub duplicated: Vec<u64>,
    /// The 2018/19 form of `geo`: one object (`{"latitude": …}`) instead of
    /// a list of one; an untagged photo still has `[]`.
    pub geo_as_object: bool,
    /// Fill each photo's `albums` with `{"id", "title", "url"}` (recent
    /// exports leave it empty; `albums.json` has the truth either way).
    pub photo_albums_filled: bool,
    /// `albums.json` gets a photo `"0"` in the first album and a catch-all
    /// list titled `"not in an album 1"` (cover ending in `/0`) holding the
    /// photos in no album.
    pub quirky_albums: bool,
    /// These ids' file names take the re-upload form
    /// `<oldslug>_<oldid>_<id>_o.<ext>`.
    pub reuploaded: Vec<u64>,
    /// These ids' `date_taken` is `"0000-00-00 00:00:00"`.
    pub unknown_date: Vec<u64>,
}

impl Default for ExportSpec {
    /// Flickr's 500 files per media zip, one metadata part, no quirk.
    fn default() -> Self {
        ExportSpec {
            per_zip: 500,
            metadata_parts: 1,
            missing_media: Vec::new(),
            without_metadata: Vec::new(),
            duplicated: Vec::new(),
            geo_as_object: false,
            photo_albums_filled: false,
            quirky_albums: false,
            reuploaded: Vec::new(),
            unknown_date: Vec::new(),
        }
    }
}

/// What [`write_export`] wrote.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct WrittenExport {
    /// The metadata parts, part 1 first.
    pub metadata_zips: Vec<PathBuf>,
    /// The media zips, `data-download-1.zip` first.
    pub media_zips: Vec<PathBuf>,
    /// The member name of each photo's media file, by photo id (photos
    /// listed in [`ExportSpec::missing_media`] are absent).
    pub media: BTreeMap<u64, String>,
    /// The member's photos and videos (with or without media and metadata).
    pub photos: usize,
}

/// Writes the account export of member `nsid` into `dir` (created if
/// missing) from `state`; `base_url` is the loopback's base URL, which the
/// `original` URLs in the metadata start with. Deterministic: the same
/// state and spec give the same zips.
pub fn write_export(
    state: &State,
    base_url: &str,
    nsid: &str,
    dir: &Path,
    spec: &ExportSpec,
) -> std::io::Result<WrittenExport> {
    std::fs::create_dir_all(dir)?;
    let mut photos: Vec<&Photo> = state.photos.values().filter(|p| p.owner == nsid).collect();
    photos.sort_by_key(|p| (p.date_upload, p.id));

    let parts = spec.metadata_parts.max(1);
    let mut metadata_zips = Vec::with_capacity(parts);
    let with_metadata: Vec<&Photo> = photos
        .iter()
        .copied()
        .filter(|p| !spec.without_metadata.contains(&p.id))
        .collect();
    for part in 0..parts {
        let path = dir.join(names::metadata_zip(nsid, part + 1));
        let mut zip = zips::Zip::create(&path, zips::Kind::Metadata)?;
        if part == 0 {
            for (name, value) in account_files::account_files(state, nsid, spec) {
                zip.add_json(name, &value)?;
            }
        }
        for p in with_metadata.iter().skip(part).step_by(parts) {
            let value = photo_metadata::photo_metadata(state, base_url, p, spec);
            zip.add_json(&format!("photo_{}.json", p.id), &value)?;
        }
        zip.finish()?;
        metadata_zips.push(path);
    }

    let with_media: Vec<&Photo> = photos
        .iter()
        .copied()
        .filter(|p| !spec.missing_media.contains(&p.id))
        .collect();
    let copies: Vec<&Photo> = with_media
        .iter()
        .copied()
        .filter(|p| spec.duplicated.contains(&p.id))
        .collect();
    let per_zip = spec.per_zip.max(1);
    let mut media = BTreeMap::new();
    let mut media_zips = Vec::new();
    // The second copies start a zip of their own, so each sits in another
    // zip than its first.
    for chunk in with_media.chunks(per_zip).chain(copies.chunks(per_zip)) {
        let path = dir.join(names::media_zip(media_zips.len() + 1));
        let mut zip = zips::Zip::create(&path, zips::Kind::Media)?;
        for p in chunk {
            let name = names::media_file(p, spec.reuploaded.contains(&p.id));
            zip.add(&name, &original(p).1)?;
            media.insert(p.id, name);
        }
        zip.finish()?;
        media_zips.push(path);
    }
    Ok(WrittenExport {
        metadata_zips,
        media_zips,
        media,
        photos: photos.len(),
    })
}

impl FakeFlickr {
    /// Writes the account export of member `nsid` (normally [`crate::ALICE`],
    /// who holds the [`crate::AccountSpec`] account) into `dir`, in the
    /// shapes of Flickr's own export with the quirks `spec` asks for (see
    /// [`write_export`]).
    pub fn write_export(
        &self,
        nsid: &str,
        dir: &Path,
        spec: &ExportSpec,
    ) -> std::io::Result<WrittenExport> {
        let base = self.base_url();
        self.with_state(|state| write_export(state, &base, nsid, dir, spec))
    }
}
