//! The ordered steps the cases check, each run once, by the first case that
//! needs it: the loopback Flickr with alice's account and her export (one
//! member damaged), the offline import, the API backup, the title edited
//! on Flickr and the repair with a key, and a later plain run. Each run
//! against the loopback asks for the one before it, so they happen one at
//! a time and its static-host log tells each run's downloads apart (the
//! offline import makes no request).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use flickr_backup::{Backup, Report, VerifyReport};
use flickr_testkit::mirror::{id_of, is_media, static_by_photo, tree};
use flickr_testkit::{AccountSpec, ExportSpec, FakeFlickr, Hosted, ALICE, FIRST_ACCOUNT_PHOTO_ID};

pub use flickr_testkit::mirror::{sidecar, Tree};
use serde_json::Value;
use tempfile::TempDir;

use crate::common::quick;

/// The photo whose title is edited on Flickr after the export.
pub const EDITED: u64 = FIRST_ACCOUNT_PHOTO_ID + 5;
/// Its new title.
pub const EDITED_TITLE: &str = "Edited after the export";

/// The loopback Flickr, the runtime serving it, and alice's export of it.
pub struct World {
    pub runtime: tokio::runtime::Runtime,
    pub fake: FakeFlickr,
    pub export: TempDir,
    /// The photos whose media the export lacks.
    pub missing: BTreeSet<String>,
    /// The photo whose member is damaged in its zip, and that member.
    pub corrupt: u64,
    pub member: String,
}

/// One run of the backup: its mirror, report, tree and the photos whose
/// files it downloaded.
pub struct Run {
    pub dir: TempDir,
    pub report: Report,
    pub tree: Tree,
    pub fetched: BTreeSet<String>,
}

/// A plain run on the repaired mirror, and `verify` after it.
pub struct Later {
    pub report: Report,
    pub fetched: BTreeSet<String>,
    pub verify: VerifyReport,
}

pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let Hosted { fake, runtime } =
            Hosted::start_with(|b| b.photos(30).account(AccountSpec::default()));
        let missing: Vec<u64> = [3, 9, 17]
            .iter()
            .map(|i| FIRST_ACCOUNT_PHOTO_ID + i)
            .collect();
        let mut spec = ExportSpec::default();
        spec.missing_media = missing.clone();
        spec.per_zip = 25;
        spec.metadata_parts = 2;
        // The real export's quirks that change nothing of the library.
        spec.duplicated = vec![FIRST_ACCOUNT_PHOTO_ID + 1, FIRST_ACCOUNT_PHOTO_ID + 30];
        spec.reuploaded = vec![FIRST_ACCOUNT_PHOTO_ID + 4];
        spec.geo_as_object = true;
        spec.quirky_albums = true;
        spec.photo_albums_filled = true;
        let export = flickr_testkit::fixture_tempdir();
        let written = fake.write_export(ALICE, export.path(), &spec).unwrap();
        assert!(written.media_zips.len() >= 2);
        // One member damaged in its zip: its checksum no longer matches.
        let corrupt = FIRST_ACCOUNT_PHOTO_ID + 7;
        let member = written.media[&corrupt].clone();
        damage(&written.media_zips, &member);
        World {
            runtime,
            fake,
            export,
            missing: missing.iter().map(u64::to_string).collect(),
            corrupt,
            member,
        }
    })
}

/// Flickr's export read offline: no client, no key.
pub fn offline() -> &'static Run {
    static OFFLINE: OnceLock<Run> = OnceLock::new();
    OFFLINE.get_or_init(|| {
        let w = world();
        let dir = flickr_testkit::fixture_tempdir();
        let options = quick().from_export([w.export.path()]);
        run(dir, |d| {
            Backup::from_export(d, [w.export.path()]).options(options)
        })
    })
}

/// A plain API backup of the same account, before the edit.
pub fn via_api() -> &'static Run {
    static VIA_API: OnceLock<Run> = OnceLock::new();
    VIA_API.get_or_init(|| {
        let w = world();
        run(flickr_testkit::fixture_tempdir(), |d| {
            Backup::new(w.fake.client(), d).options(quick())
        })
    })
}

/// [`EDITED`] retitled on Flickr, then the export read with a key (what
/// `flickr backup DIR --from-export EXPORT --user me` builds).
pub fn repaired() -> &'static Run {
    static REPAIRED: OnceLock<Run> = OnceLock::new();
    REPAIRED.get_or_init(|| {
        let w = world();
        via_api();
        assert!(w.fake.edit_photo(EDITED, EDITED_TITLE));
        let options = quick().from_export([w.export.path()]);
        run(flickr_testkit::fixture_tempdir(), |d| {
            Backup::new(w.fake.client(), d).options(options)
        })
    })
}

/// A plain API run on the repaired mirror, then `verify`.
pub fn later() -> &'static Later {
    static LATER: OnceLock<Later> = OnceLock::new();
    LATER.get_or_init(|| {
        let (w, dir) = (world(), repaired().dir.path());
        let before = static_by_photo(&w.fake);
        let backup = Backup::new(w.fake.client(), dir).options(quick());
        let report = w.runtime.block_on(backup.run()).unwrap();
        Later {
            report,
            fetched: fetched_since(&w.fake, &before),
            verify: flickr_backup::verify(dir, |_, _| {}).unwrap(),
        }
    })
}

/// Runs the backup `make` builds for `dir`.
fn run(dir: TempDir, make: impl FnOnce(PathBuf) -> Backup) -> Run {
    let w = world();
    let before = static_by_photo(&w.fake);
    let report = w
        .runtime
        .block_on(make(dir.path().to_owned()).run())
        .unwrap();
    let fetched = fetched_since(&w.fake, &before);
    let tree = tree(dir.path());
    Run {
        dir,
        report,
        tree,
        fetched,
    }
}

/// Flips a byte in the middle of `member`'s data, in whichever zip holds it.
fn damage(zips: &[PathBuf], member: &str) {
    for z in zips {
        let mut archive = zip::ZipArchive::new(std::fs::File::open(z).unwrap()).unwrap();
        let Ok(m) = archive.by_name(member) else {
            continue;
        };
        let at = m.data_start().unwrap() + m.compressed_size() / 2;
        drop(m);
        let mut bytes = std::fs::read(z).unwrap();
        bytes[at as usize] ^= 0x55;
        std::fs::write(z, bytes).unwrap();
        return;
    }
    panic!("no zip holds {member}");
}

/// The photos with static-host requests made since `before`.
fn fetched_since(fake: &FakeFlickr, before: &BTreeMap<String, u64>) -> BTreeSet<String> {
    static_by_photo(fake)
        .into_iter()
        .filter(|(id, n)| before.get(id).copied().unwrap_or(0) < *n)
        .map(|(id, _)| id)
        .collect()
}

/// The media files of a tree under photos/, sidecars aside.
pub fn media(t: &Tree) -> Tree {
    t.iter()
        .filter(|(k, _)| k.starts_with("photos/"))
        .filter(|(k, _)| !k.ends_with(".json") && !k.ends_with(".xmp"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Media files (not sidecars, manifests, album folders' links or the
/// viewer) in a tree, by photo id; `under` "" for photos/ and others/.
pub fn media_ids(t: &Tree, under: &str) -> BTreeSet<String> {
    t.keys()
        .filter(|k| is_media(k) && k.starts_with(under))
        .map(|k| id_of(k).to_owned())
        .collect()
}

/// Each album manifest's photo ids, in order.
pub fn albums(t: &Tree) -> BTreeMap<String, Vec<String>> {
    t.iter()
        .filter(|(k, _)| {
            k.starts_with("albums/") && k.ends_with(".json") && k.matches('/').count() == 1
        })
        .map(|(k, v)| {
            let m: Value = serde_json::from_slice(v).unwrap();
            let ids = m["photos"].as_array().unwrap().iter();
            (
                k.clone(),
                ids.map(|p| p["id"].as_str().unwrap().to_owned()).collect(),
            )
        })
        .collect()
}
