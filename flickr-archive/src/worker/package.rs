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
//! directory `bagit.py` validates. The staging directory holds one
//! target's files at a time (under `--work-dir`, the system's temporary
//! directory by default) and is removed when the bag is stored.

use std::path::{Path, PathBuf};

use flickr_backup::{Backup, ListedAlbum, ListedPhoto, Listing, LocalFile};

use super::{finish_with, Ctx, Done};
use crate::bagit::{bag_info, Manifests, BAGIT_TXT};
use crate::db::catalog::{self, Packed};
use crate::db::queue::Job;
use crate::db::targets;
use crate::error::{Error, Result};
use crate::target::Target;

/// The library's owner for targets that are nobody's own library (groups,
/// galleries): an NSID no photo has, so every photo goes by its owner.
const NOBODY: &str = "flickr-archive";

pub(super) async fn run(ctx: &Ctx, job: &Job) -> Result<Done> {
    let rows = catalog::package_rows(&ctx.pool, job.target_id).await?;
    let (owner, info) = targets::target_meta(&ctx.pool, job.target_id).await?;
    let stage = Stage::new(&ctx.opts.work_dir, job.id)?;
    let listing = listing(ctx, job, &rows, owner, info, &stage).await?;
    let library = stage.0.join("library");
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

    let bag = format!("bags/{}", job.target.bag_name());
    let mut manifests = Manifests::default();
    for (rel, path) in payload(&library)? {
        let (sha256, sha512, size) = ctx
            .store
            .put_file(&format!("{bag}/data/{rel}"), &path)
            .await?;
        manifests.add(&rel, &sha256, &sha512, size);
    }
    let record = serde_json::json!({
        "target": job.target.to_string(),
        "identifier": job.target.identifier(),
        "photos": rows.iter().map(|r| &r.photo_id).collect::<Vec<_>>(),
        "without_file": rows.iter().filter(|r| r.file.is_none()).map(|r| &r.photo_id).collect::<Vec<_>>(),
        "rights": rows.iter().map(|r| serde_json::json!({
            "id": r.photo_id,
            "license": r.license,
            "safety_level": r.safety_level,
            "can_download": r.can_download,
        })).collect::<Vec<_>>(),
    });
    let mut record = serde_json::to_vec_pretty(&record).map_err(|e| Error::Other(e.to_string()))?;
    record.push(b'\n');
    let path = stage.0.join("target.json");
    std::fs::write(&path, &record).map_err(|e| Error::Other(format!("{}: {e}", path.display())))?;
    let (sha256, sha512, size) = ctx
        .store
        .put_file(&format!("{bag}/data/target.json"), &path)
        .await?;
    manifests.add("target.json", &sha256, &sha512, size);

    let today: String =
        sqlx::query_scalar("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')")
            .fetch_one(&ctx.pool)
            .await
            .map_err(Error::db("reading the date"))?;
    let mut tags = Manifests::default();
    let (m256, m512) = manifests.render();
    let info = bag_info(
        &job.target.identifier(),
        ctx.opts.source_organization.as_deref(),
        &today,
        manifests.oxum(),
    );
    for (name, body) in [
        ("manifest-sha256.txt", m256),
        ("manifest-sha512.txt", m512),
        ("bag-info.txt", info),
        ("bagit.txt", BAGIT_TXT.to_owned()),
    ] {
        tags.add_tag(name, body.as_bytes());
        if name != "bagit.txt" {
            ctx.store
                .put(&format!("{bag}/{name}"), body.into_bytes())
                .await?;
        }
    }
    let (t256, t512) = tags.render();
    ctx.store
        .put(&format!("{bag}/tagmanifest-sha256.txt"), t256.into_bytes())
        .await?;
    ctx.store
        .put(&format!("{bag}/tagmanifest-sha512.txt"), t512.into_bytes())
        .await?;
    ctx.store
        .put(&format!("{bag}/bagit.txt"), BAGIT_TXT.as_bytes().to_vec())
        .await?;
    drop(stage);
    finish_with(ctx, job, Done::default(), async |tx| {
        targets::packaged(tx, job.target_id, &bag).await
    })
    .await
}

/// The library's listing: the catalog's items in list order, each with its
/// object read into the staging directory; the album's own record for an
/// album target.
async fn listing(
    ctx: &Ctx,
    job: &Job,
    rows: &[Packed],
    owner: Option<String>,
    info: Option<serde_json::Value>,
    stage: &Stage,
) -> Result<Listing> {
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
            ctx.store.get_file(&file.key, &path).await?;
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
    let mut listing = Listing::new(owner.unwrap_or_else(|| NOBODY.to_owned())).photos(photos);
    if let (Target::Album(_), Some(info)) = (&job.target, info) {
        let album: flickr_sdk::types::Photoset = serde_json::from_value(info).map_err(|e| {
            Error::Other(format!(
                "{}: its stored album does not read: {e}",
                job.target
            ))
        })?;
        listing = listing.album(ListedAlbum::from_photoset(
            album,
            rows.iter().map(|r| r.photo_id.clone()),
        ));
    }
    Ok(listing)
}

/// The library's files, by path relative to it, in order: its state under
/// `.flickr-backup/` stays out but for the viewer's thumbnails, so the
/// bag's `data/index.html` works as the library's does (as in
/// `flickr backup bag`).
fn payload(library: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let mut dirs = vec![library.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| Error::Other(format!("{}: {e}", dir.display())))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::Other(format!("{}: {e}", dir.display())))?;
            let path = entry.path();
            let rel = path
                .strip_prefix(library)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let thumbs = flickr_backup::library::THUMBNAILS_DIR;
            if rel.starts_with(".flickr-backup")
                && !(thumbs.starts_with(&rel) || rel.starts_with(thumbs))
            {
                continue;
            }
            if entry
                .file_type()
                .map_err(|e| Error::Other(format!("{}: {e}", path.display())))?
                .is_dir()
            {
                dirs.push(path);
            } else {
                out.push((rel, path));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A package job's staging directory, removed when dropped.
struct Stage(PathBuf);

impl Stage {
    fn new(work_dir: &Path, job: i64) -> Result<Stage> {
        let dir = work_dir.join(format!(
            "flickr-archive-package-{job}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::Other(format!("staging {}: {e}", dir.display())))?;
        Ok(Stage(dir))
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
