//! A package job: the target's bag (BagIt, RFC 8493) in the store,
//! unserialized under `bags/NAME/`, whose payload is the photo library
//! `flickr backup` writes, made by the same code: the target's objects are
//! read into a staging directory, `flickr_backup::Backup::from_listing`
//! makes the library from the catalog's list items and those files (no
//! API call: the files, JSON and XMP sidecars, album folders, the offline
//! viewer with its thumbnails, file times), and the library is uploaded
//! under `data/`, hashed (SHA-256 and SHA-512) as it goes, with the
//! target's own record `data/target.json`. Then `manifest-sha256.txt`,
//! `manifest-sha512.txt`, `bag-info.txt`, the tag manifests, and
//! `bagit.txt` last: a bag whose `bagit.txt` is present is whole. A
//! package redone after a crash writes the same keys again.
//!
//! Unserialized rather than one `.tar`: every file stays readable and
//! checkable on its own, and a bag is downloaded with any S3 tool into a
//! directory `bagit.py` validates.
//!
//! **Parts.** A target whose photos' files come to more than the worker's
//! `bag_max_bytes` is packaged as several bags, `bags/NAME/part-0001`, …,
//! each cut at a photo in list order so that its files stay within the
//! bound (a single larger file is a part of its own), each a whole library
//! of its photos with its own viewer, and each naming the group in
//! `bag-info.txt` (`Bag-Group-Identifier`, `Bag-Count: N of T`). The bound
//! counts the photos' files; sidecars, manifests and thumbnails come on
//! top. The staging directory holds one part at a time (under
//! `--work-dir`, the system's temporary directory by default), so a
//! worker's disk needs room for one part, not the target.
//!
//! **Packaged again** (after a refresh), a target's bags are rewritten in
//! place: every `bagit.txt` under `bags/NAME/` is removed first, so no bag
//! there looks whole while it changes; each bag's keys that the new
//! packaging did not write (photos no longer listed, parts no longer
//! needed) are removed before its `bagit.txt` goes back, and whatever is
//! left of an earlier packaging at the end.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use flickr_backup::bag::{tag_files, Digests};
use flickr_backup::{Backup, BagInfo, ListedAlbum, ListedPhoto, Listing, LocalFile};

use super::{finish_with, Done, Worker};

mod stage;

use crate::db::catalog::{self, Packed};
use crate::db::queue::Job;
use crate::db::targets;
use crate::error::{Error, Result};
use crate::target::Target;
use stage::{payload, Stage};

/// The library's owner for targets that are nobody's own library (groups,
/// galleries): an NSID no photo has, so every photo goes by its owner.
const NOBODY: &str = "flickr-archive";

pub(super) async fn run(worker: &Worker, job: &Job) -> Result<Done> {
    let rows = catalog::package_rows(&worker.pool, job.target_id).await?;
    let (owner, info) = targets::target_meta(&worker.pool, job.target_id).await?;
    let album = match (&job.target, info) {
        (Target::Album(_), Some(info)) => Some(
            serde_json::from_value::<flickr_sdk::types::Photoset>(info).map_err(|e| {
                Error::Other(format!(
                    "{}: its stored album does not read: {e}",
                    job.target
                ))
            })?,
        ),
        _ => None,
    };
    let today: String =
        sqlx::query_scalar("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')")
            .fetch_one(&worker.pool)
            .await
            .map_err(Error::db("reading the date"))?;
    let top = format!("bags/{}", job.target.bag_name());
    let before = worker.store.list(&top).await?;
    for key in before.iter().filter(|k| k.ends_with("/bagit.txt")) {
        worker.store.delete(key).await?;
    }
    let ranges = split(&rows, worker.opts.bag_max_bytes);
    let mut bag = Bag {
        worker,
        job,
        owner: owner.as_deref(),
        album: album.as_ref(),
        today: &today,
        before: &before,
        written: BTreeSet::new(),
    };
    for (n, range) in ranges.iter().enumerate() {
        let part = (ranges.len() > 1).then_some(Part {
            number: n + 1,
            of: ranges.len(),
        });
        let root = match part {
            Some(part) => format!("{top}/{}", part.dir()),
            None => top.clone(),
        };
        bag.write(&root, part, &rows[range.clone()]).await?;
    }
    bag.remove_stale(&top).await?;
    finish_with(worker, job, Done::default(), async |tx| {
        targets::packaged(tx, job.target_id, &top, ranges.len()).await
    })
    .await
}

/// The target's rows cut into parts, in list order, each part's files
/// within `max` bytes unless one file alone is larger; one (perhaps empty)
/// part at least.
fn split(rows: &[Packed], max: u64) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, row) in rows.iter().enumerate() {
        let size = row.file.as_ref().map_or(0, |f| f.size);
        if i > start && bytes.saturating_add(size) > max {
            parts.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes = bytes.saturating_add(size);
    }
    parts.push(start..rows.len());
    parts
}

/// Which part of a group of bags a bag is (RFC 8493 §2.2.2's
/// `Bag-Group-Identifier` and `Bag-Count`): `number` of `of`, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    number: usize,
    of: usize,
}

impl Part {
    /// The part's folder within its target's: `part-0001`.
    fn dir(self) -> String {
        format!("part-{:04}", self.number)
    }
}

/// One packaging of a target: what every bag of it shares, and the keys
/// written so far.
struct Bag<'a> {
    worker: &'a Worker,
    job: &'a Job,
    owner: Option<&'a str>,
    album: Option<&'a flickr_sdk::types::Photoset>,
    today: &'a str,
    /// The keys under the target's folder before this packaging.
    before: &'a [String],
    written: BTreeSet<String>,
}

impl Bag<'_> {
    /// Writes the bag of `rows` at `root`: the library made in a staging
    /// directory and uploaded under `data/` with the target's record, then
    /// the manifests and tag files, and `bagit.txt` last.
    async fn write(&mut self, root: &str, part: Option<Part>, rows: &[Packed]) -> Result<()> {
        let (worker, job) = (self.worker, self.job);
        let stage = Stage::new(&worker.opts.work_dir, job.id)?;
        let library = stage.0.join("library");
        let listing = self.listing(rows, &stage).await?;
        let report = Backup::from_listing(&library, listing)
            .run()
            .await
            .map_err(|e| {
                Error::Other(format!(
                    "making the library of {}: {}",
                    job.target,
                    flickr_sdk::error::Chain(&e)
                ))
            })?;
        for failure in &report.failed {
            tracing::warn!(target = %job.target, "{failure:?}");
        }

        let record = stage.0.join("target.json");
        write_record(&record, job, part, rows)?;
        let mut files = payload(&library)?;
        files.push(("target.json".to_owned(), record));
        let mut manifest = Vec::with_capacity(files.len());
        for (rel, path) in files {
            let key = format!("{root}/data/{rel}");
            let (sha256, sha512, size) = worker.store.put_file(&key, &path).await?;
            self.written.insert(key);
            manifest.push((format!("data/{rel}"), Digests::new(size, sha256, sha512)));
        }
        drop(stage);

        let identifier = job.target.identifier();
        let mut info = BagInfo::default().external_identifier(&identifier);
        if let Some(org) = worker.opts.source_organization.as_deref() {
            if !org.trim().is_empty() {
                info = info.source_organization(org);
            }
        }
        if let Some(part) = part {
            info = info
                .external_identifier(format!("{identifier}/{}", part.dir()))
                .bag_group_identifier(&identifier)
                .field("Bag-Count", format!("{} of {}", part.number, part.of));
        }
        let tags = tag_files(&manifest, &info, self.today)
            .map_err(|e| Error::Other(format!("the bag of {}: {e}", job.target)))?;
        for (name, text) in tags {
            if name == "bagit.txt" {
                // Last: the bag is whole once it is there, and nothing
                // of an earlier packaging is left beside it.
                self.remove_stale(root).await?;
            }
            self.put(&format!("{root}/{name}"), text.into_bytes())
                .await?;
        }
        Ok(())
    }

    async fn put(&mut self, key: &str, bytes: Vec<u8>) -> Result<()> {
        self.worker.store.put(key, bytes).await?;
        self.written.insert(key.to_owned());
        Ok(())
    }

    /// Removes the keys under `root/` that were there before this
    /// packaging and that it did not write.
    async fn remove_stale(&self, root: &str) -> Result<()> {
        let under = format!("{root}/");
        for key in self.before.iter().filter(|k| k.starts_with(&under)) {
            if !self.written.contains(key) {
                self.worker.store.delete(key).await?;
            }
        }
        Ok(())
    }

    /// The library's listing: `rows` in list order, each with its object
    /// read into the staging directory; the album's own record (with these
    /// photos) for an album target.
    async fn listing(&self, rows: &[Packed], stage: &Stage) -> Result<Listing> {
        let cache = stage.0.join("objects");
        std::fs::create_dir_all(&cache)
            .map_err(|e| Error::Other(format!("{}: {e}", cache.display())))?;
        let mut photos = Vec::with_capacity(rows.len());
        for row in rows {
            let item: flickr_sdk::types::Photo =
                serde_json::from_value(row.item.clone()).map_err(|e| {
                    Error::Other(format!(
                        "photo {}: its stored listing does not read: {e}",
                        row.photo_id
                    ))
                })?;
            let mut listed = ListedPhoto::new(item);
            if let Some(file) = &row.file {
                let path = cache.join(&row.photo_id);
                self.worker.store.get_file(&file.key, &path).await?;
                let mut local = LocalFile::new(path).url(file.source.clone());
                if let Some((_, ext)) = file
                    .file_name
                    .rsplit_once('.')
                    .filter(|(_, e)| !e.is_empty() && !e.contains('/'))
                {
                    local = local.ext(ext);
                }
                listed = listed.file(local);
            }
            photos.push(listed);
        }
        let mut listing = Listing::new(self.owner.unwrap_or(NOBODY)).photos(photos);
        if let Some(album) = self.album {
            listing = listing.album(ListedAlbum::from_photoset(
                album.clone(),
                rows.iter().map(|r| r.photo_id.clone()),
            ));
        }
        Ok(listing)
    }
}

/// `data/target.json`: the target, this bag's part of it, its photos in
/// list order, those without a file, each photo's rights, and the bytes of
/// its files (what `bag_max_bytes` bounds).
fn write_record(path: &Path, job: &Job, part: Option<Part>, rows: &[Packed]) -> Result<()> {
    let part = part.unwrap_or(Part { number: 1, of: 1 });
    let record = serde_json::json!({
        "target": job.target.to_string(),
        "identifier": job.target.identifier(),
        "part": part.number,
        "parts": part.of,
        "photos": rows.iter().map(|r| &r.photo_id).collect::<Vec<_>>(),
        "without_file": rows.iter().filter(|r| r.file.is_none()).map(|r| &r.photo_id).collect::<Vec<_>>(),
        "file_bytes": rows.iter().filter_map(|r| r.file.as_ref()).map(|f| f.size).sum::<u64>(),
        "rights": rows.iter().map(|r| serde_json::json!({
            "id": r.photo_id,
            "license": r.license,
            "safety_level": r.safety_level,
            "can_download": r.can_download,
        })).collect::<Vec<_>>(),
    });
    let mut record = serde_json::to_vec_pretty(&record).map_err(|e| Error::Other(e.to_string()))?;
    record.push(b'\n');
    std::fs::write(path, &record).map_err(|e| Error::Other(format!("{}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::catalog::PackedFile;

    fn row(size: Option<u64>) -> Packed {
        Packed {
            photo_id: String::new(),
            license: None,
            safety_level: None,
            can_download: None,
            item: serde_json::Value::Null,
            file: size.map(|size| PackedFile {
                key: String::new(),
                file_name: String::new(),
                source: String::new(),
                size,
            }),
        }
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // lists of ranges, some of one
    fn parts_are_cut_in_list_order_within_the_bound() {
        let rows: Vec<_> = [4, 3, 3, 9, 1, 0]
            .into_iter()
            .map(|s| row((s > 0).then_some(s)))
            .collect();
        assert_eq!(split(&rows, 100), [0..6], "all in one");
        assert_eq!(
            split(&rows, 7),
            [0..2, 2..3, 3..4, 4..6],
            "a larger file alone"
        );
        assert_eq!(split(&rows, 10), [0..3, 3..6]);
        assert_eq!(split(&[], 10), [0..0], "an empty target has its bag");
        assert_eq!(
            split(&[row(None), row(Some(5)), row(None)], 5),
            [0..3],
            "photos without a file weigh nothing"
        );
    }
}
