//! A package job: the target's bag (BagIt, RFC 8493) in the store,
//! unserialized under `bags/NAME/`: each file copied from its object
//! (server-side where the store can), each photo's JSON sidecar, the
//! target's own record, `manifest-sha256.txt` and `manifest-sha512.txt`
//! from the catalog's digests (the sidecars' hashed as written),
//! `bag-info.txt`, the tag manifests, and `bagit.txt` last: a bag whose
//! `bagit.txt` is present is whole. A package redone after a crash writes
//! the same keys again.
//!
//! Unserialized rather than one `.tar`: every file stays readable and
//! checkable on its own, a redone package copies objects server-side
//! instead of streaming the whole target through a worker, and a bag is
//! downloaded with any S3 tool into a directory `bagit.py` validates.

use sha2::{Digest, Sha256, Sha512};

use super::{finish_with, Ctx, Done};
use crate::bagit::{bag_info, Manifests, BAGIT_TXT};
use crate::db::catalog;
use crate::db::queue::Job;
use crate::error::{Error, Result};
use crate::target::Target;

pub(super) async fn run(ctx: &Ctx, job: &Job) -> Result<Done> {
    let rows = catalog::package_rows(&ctx.pool, job.target_id).await?;
    let bag = format!("bags/{}", job.target.bag_name());
    let own = matches!(job.target, Target::User(_) | Target::Album(_));
    let mut manifests = Manifests::default();
    let mut order = Vec::with_capacity(rows.len());
    let mut missing = Vec::new();
    for row in &rows {
        let photo: flickr_sdk::types::Photo =
            serde_json::from_value(row.item.clone()).map_err(|e| {
                Error::Other(format!(
                    "photo {}: its stored listing does not read: {e}",
                    row.photo_id
                ))
            })?;
        let media = match &row.file {
            Some((key, sha256, sha512, size, name)) => {
                ctx.store.copy(key, &format!("{bag}/data/{name}")).await?;
                manifests.add(name, sha256, sha512, *size);
                name.clone()
            }
            None => {
                missing.push(row.photo_id.clone());
                flickr_backup::library::photo_file(&photo, own, "none")
            }
        };
        let sidecar = flickr_backup::library::json_sidecar(&media);
        let mut json = serde_json::to_vec_pretty(&row.item)
            .map_err(|e| Error::Other(format!("photo {}: {e}", row.photo_id)))?;
        json.push(b'\n');
        put_hashed(ctx, &bag, &sidecar, json, &mut manifests).await?;
        order.push(row.photo_id.clone());
    }
    let record = serde_json::json!({
        "target": job.target.to_string(),
        "identifier": job.target.identifier(),
        "photos": order,
        "without_file": missing,
    });
    let mut record = serde_json::to_vec_pretty(&record).map_err(|e| Error::Other(e.to_string()))?;
    record.push(b'\n');
    put_hashed(ctx, &bag, "target.json", record, &mut manifests).await?;

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
    let (t256, t512) = tags.render_tags();
    ctx.store
        .put(&format!("{bag}/tagmanifest-sha256.txt"), t256.into_bytes())
        .await?;
    ctx.store
        .put(&format!("{bag}/tagmanifest-sha512.txt"), t512.into_bytes())
        .await?;
    ctx.store
        .put(&format!("{bag}/bagit.txt"), BAGIT_TXT.as_bytes().to_vec())
        .await?;
    finish_with(ctx, job, Done::default(), async |tx| {
        catalog::packaged(tx, job.target_id, &bag).await
    })
    .await
}

/// Writes a payload document and notes its digests.
async fn put_hashed(
    ctx: &Ctx,
    bag: &str,
    name: &str,
    body: Vec<u8>,
    manifests: &mut Manifests,
) -> Result<()> {
    let sha256 = format!("{:x}", Sha256::digest(&body));
    let sha512 = format!("{:x}", Sha512::digest(&body));
    manifests.add(name, &sha256, &sha512, body.len() as u64);
    ctx.store.put(&format!("{bag}/data/{name}"), body).await
}
