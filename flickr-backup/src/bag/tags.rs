//! The bag's tag files: the payload manifests, `bag-info.txt`, the tag
//! manifests over those and `bagit.txt`, and `bagit.txt` itself, written
//! last so that even the temporary folder has no `bagit.txt` until the
//! rest is there.

use std::path::Path;

use super::digests::{self, Algorithm, Digests};
use super::info::{self, BagInfo};
use super::manifest;
use crate::error::Result;
use crate::tree;

/// `bagit.txt` (RFC 8493 §2.1.1).
pub(super) const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

/// The manifest of `alg` over the payload (`manifest-sha256.txt`).
pub(super) fn manifest_name(alg: Algorithm) -> String {
    format!("manifest-{}.txt", alg.name())
}

/// The tag manifest of `alg` (`tagmanifest-sha256.txt`).
pub(super) fn tagmanifest_name(alg: Algorithm) -> String {
    format!("tagmanifest-{}.txt", alg.name())
}

/// Writes every tag file of the bag at `bag`, whose payload is `files`
/// (path in the bag, digests, in order), made on `date`.
pub(super) fn write(
    bag: &Path,
    files: &[(String, Digests)],
    info: &BagInfo,
    date: &str,
) -> Result<()> {
    for (name, text) in tag_files(files, info, date)? {
        tree::write_synced(&bag.join(name), text.as_bytes())?;
    }
    Ok(())
}

/// Every tag file of a bag whose payload is `files` (each file's path in
/// the bag, `data/…`, and its digests, in the order the manifests list
/// them), described by `info` and made on `date` (`YYYY-MM-DD`): `(name,
/// text)` in the order to write them, `bagit.txt` last, so that a bag with
/// a `bagit.txt` is whole. `bag-info.txt` is folded and its labels checked
/// as [`crate::bag()`] writes it; the manifests percent-encode paths as
/// RFC 8493 §2.1.3 says.
///
/// For bags whose payload is written elsewhere (an object store), hashed
/// on the way:
///
/// ```
/// use flickr_backup::bag::{tag_files, Digests};
/// use flickr_backup::BagInfo;
///
/// let payload = vec![("data/a.jpg".to_owned(), Digests::new(3, "ab…", "cd…"))];
/// let info = BagInfo::default().external_identifier("flickr:user:12345678@N00");
/// let tags = tag_files(&payload, &info, "2026-12-07")?;
/// assert_eq!(tags.last().unwrap().0, "bagit.txt");
/// assert!(tags.iter().any(|(name, text)| name == "manifest-sha256.txt" && text == "ab…  data/a.jpg\n"));
/// # Ok::<(), flickr_backup::Error>(())
/// ```
pub fn tag_files(
    files: &[(String, Digests)],
    info: &BagInfo,
    date: &str,
) -> Result<Vec<(String, String)>> {
    let bytes = files.iter().map(|(_, d)| d.size).sum();
    let mut tags: Vec<(String, String)> = vec![("bagit.txt".to_owned(), BAGIT_TXT.to_owned())];
    tags.push((
        "bag-info.txt".to_owned(),
        info::render(info, date, bytes, files.len() as u64)?,
    ));
    for alg in Algorithm::ALL {
        let text = manifest::render(alg, files.iter().map(|(p, d)| (p.as_str(), d)));
        tags.push((manifest_name(alg), text));
    }
    let tag_digests: Vec<(String, Digests)> = tags
        .iter()
        .map(|(name, text)| (name.clone(), digests::of_bytes(text.as_bytes())))
        .collect();
    for alg in Algorithm::ALL {
        let text = manifest::render(alg, tag_digests.iter().map(|(p, d)| (p.as_str(), d)));
        tags.push((tagmanifest_name(alg), text));
    }
    // bagit.txt last.
    tags.rotate_left(1);
    Ok(tags)
}
