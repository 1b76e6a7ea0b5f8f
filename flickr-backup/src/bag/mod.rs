//! A mirror packaged as a BagIt bag (RFC 8493), the form an archive keeps
//! and checks: [`bag`] makes one, [`validate_bag`] checks one.
//!
//! ```text
//! BAG/
//!   bagit.txt                  BagIt-Version: 1.0, Tag-File-Character-Encoding: UTF-8
//!   bag-info.txt               Bagging-Date, Payload-Oxum, Bag-Software-Agent, and the BagInfo given
//!   manifest-sha256.txt        <hex>  data/<path>, every payload file
//!   manifest-sha512.txt        the same in SHA-512
//!   tagmanifest-sha256.txt     bagit.txt, bag-info.txt and the two manifests
//!   tagmanifest-sha512.txt
//!   data/                      the mirror's photo library, paths unchanged:
//!     photos/ others/ albums/ collections/ galleries/ *.json
//!     index.html viewer/ .flickr-backup/thumbs/     the offline viewer, working from data/
//!     export/ export-report.json                    when made from Flickr's export
//! ```
//!
//! **What the payload holds.** Every file of the mirror except its state
//! directory `.flickr-backup/` (the SQLite state, the lock, downloads in
//! progress: the working memory of the backup, not the archive), whose
//! thumbnails alone are kept, at the same path, because `index.html`
//! shows them: the viewer opens from `data/` as it does from the mirror.
//! Album and collection entries, hard links in the mirror, are files in
//! the bag (a symlink, where the mirror's file system refused hard links,
//! becomes the file it points to).
//!
//! **No extra bytes.** Each payload file is hard-linked from the mirror
//! when the bag is on the same file system; otherwise it is copied (to a
//! temporary name, fsync'd, renamed) and paths that share a file in the
//! mirror share one in the bag. A bag's files and the mirror's are then
//! the same files: a later backup run replaces a file by renaming a new
//! one into place, so it never changes the bag's bytes, but editing a file
//! of either in place edits both.
//!
//! **One read per file.** Each file is read once, feeding SHA-256 and
//! SHA-512 from the same buffer (and the copy, when there is one); a
//! media file whose size and SHA-256 the backup recorded must read as
//! recorded, or the mirror is not bagged (`flickr backup verify` says more).
//!
//! **Never half a bag.** The bag is built in `.NAME.incomplete` beside its
//! destination, `bagit.txt` written last, the file system synced, and the
//! folder renamed into place; the mirror's lock is held throughout, so no
//! backup run changes it meanwhile.

mod digests;
mod info;
mod manifest;
mod payload;
mod recorded;
mod report;
mod tags;
mod target;
mod validate;

#[cfg(test)]
mod tests;

use std::path::Path;

pub use digests::Digests;
pub use info::BagInfo;
pub use report::{BagCheck, BagProblem, BagReport};
pub use tags::tag_files;
pub use validate::validate_bag;

use crate::error::Result;
use crate::layout;
use crate::state::State;
use crate::tree::Tree;

/// Packages the mirror at `mirror` as a BagIt bag at `bag` (a folder that
/// does not exist yet, or is empty, outside the mirror), described by
/// `info`. Holds the mirror's lock while it reads it.
///
/// ```no_run
/// # fn demo() -> Result<(), flickr_backup::Error> {
/// use flickr_backup::BagInfo;
///
/// let info = BagInfo::default().external_identifier("flickr:user:12345678@N00");
/// let report = flickr_backup::bag("/backups/flickr".as_ref(), "/archive/12345678@N00".as_ref(), &info)?;
/// println!("{} files, {} bytes ({} linked, {} copied)", report.files, report.bytes, report.linked, report.copied);
/// assert!(flickr_backup::validate_bag("/archive/12345678@N00".as_ref())?.is_valid());
/// # Ok(()) }
/// ```
pub fn bag(mirror: &Path, bag: &Path, info: &BagInfo) -> Result<BagReport> {
    let state = State::open_existing(&layout::state_db(mirror))?;
    let _lock = Tree::new(mirror).lock()?;
    let recorded = recorded::Recorded::read(&state)?;
    drop(state);
    let target = target::Target::prepare(mirror, bag)?;
    match fill(mirror, &target.tmp, info, &recorded) {
        Ok(report) => {
            target.commit()?;
            Ok(report)
        }
        Err(e) => {
            target.abandon();
            Err(e)
        }
    }
}

/// Puts the payload and the tag files into the folder `tmp`.
fn fill(
    mirror: &Path,
    tmp: &Path,
    info: &BagInfo,
    recorded: &recorded::Recorded,
) -> Result<BagReport> {
    let items = payload::collect(mirror)?;
    let mut report = BagReport::default();
    let mut placer = payload::Placer::new(tmp)?;
    let mut files = Vec::with_capacity(items.len());
    for item in &items {
        let d = placer.place(item, &mut report)?;
        if recorded.check(&item.rel, &d)? {
            report.checked_against_state += 1;
        }
        report.files += 1;
        report.bytes += d.size;
        files.push((format!("data/{}", item.rel), d));
    }
    placer.finish()?;
    let date = chrono::Local::now().format("%Y-%m-%d").to_string();
    tags::write(tmp, &files, info, &date)?;
    report.payload_oxum = info::oxum(report.bytes, report.files);
    Ok(report)
}
