//! The account export (`FakeFlickr::write_export`): Flickr's zip names and
//! member names, `per_zip` media to a zip, the metadata in the export's own
//! shapes spread over its parts, the media bytes the static host serves for
//! the originals, and each quirk of `ExportSpec` visible in the zips.
//!
//! Each export is written once to a temporary directory and read back into
//! memory ([`Export`]); the cases that check one export share it.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use flickr_testkit::{AccountSpec, ExportSpec, FakeFlickr, ALICE};
use serde_json::Value;
use tokio::runtime::Runtime;

mod names;
mod photo_json;
mod quirks;

const FIRST: u64 = flickr_testkit::FIRST_ACCOUNT_PHOTO_ID;

async fn fake() -> FakeFlickr {
    FakeFlickr::builder()
        .photos(30)
        .account(AccountSpec::default())
        .start()
        .await
        .expect("start fake server")
}

/// Every member of the zip at `path`, by name, in the zip's order.
fn members(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

/// One zip of an export: its file name and its members.
struct Zip {
    name: String,
    members: Vec<(String, Vec<u8>)>,
}

/// An export read back into memory (a `WrittenExport` with its zips' contents).
struct Export {
    metadata_zips: Vec<Zip>,
    media_zips: Vec<Zip>,
    media: BTreeMap<u64, String>,
    photos: usize,
}

/// Writes alice's export with `spec` to a temporary directory and reads it back.
fn export(fake: &FakeFlickr, spec: &ExportSpec) -> Export {
    let dir = flickr_testkit::fixture_tempdir();
    let w = fake.write_export(ALICE, dir.path(), spec).unwrap();
    let read = |paths: &[std::path::PathBuf]| {
        paths
            .iter()
            .map(|p| Zip {
                name: p.file_name().unwrap().to_string_lossy().into_owned(),
                members: members(p),
            })
            .collect()
    };
    Export {
        metadata_zips: read(&w.metadata_zips),
        media_zips: read(&w.media_zips),
        media: w.media,
        photos: w.photos,
    }
}

/// Every metadata JSON file, by name, with the number of parts it is in.
fn metadata(w: &Export) -> BTreeMap<String, (Value, usize)> {
    let mut all: BTreeMap<String, (Value, usize)> = BTreeMap::new();
    for zip in &w.metadata_zips {
        for (name, bytes) in &zip.members {
            let value: Value = serde_json::from_slice(bytes).unwrap();
            all.entry(name.clone()).or_insert((value, 0)).1 += 1;
        }
    }
    all
}

fn photo_json(w: &Export, id: u64) -> Value {
    metadata(w).remove(&format!("photo_{id}.json")).unwrap().0
}

/// A server and an export of it, made once for the cases that read them.
struct Exported {
    /// Serves `fake` for as long as the tests run.
    _runtime: Runtime,
    fake: FakeFlickr,
    w: Export,
    /// Every metadata JSON file of `w`.
    all: BTreeMap<String, (Value, usize)>,
}

impl Exported {
    /// Starts an account server, lets `prepare` change it, then exports.
    fn new(prepare: impl FnOnce(&FakeFlickr), spec: ExportSpec) -> Exported {
        let runtime = Runtime::new().expect("runtime");
        let fake = runtime.block_on(fake());
        prepare(&fake);
        let w = export(&fake, &spec);
        let all = metadata(&w);
        Exported {
            _runtime: runtime,
            fake,
            w,
            all,
        }
    }

    fn photo(&self, id: u64) -> &Value {
        &self.all[&format!("photo_{id}.json")].0
    }
}

/// Alice's export in 7-media zips and three metadata parts.
fn in_parts() -> &'static Exported {
    static IN_PARTS: OnceLock<Exported> = OnceLock::new();
    IN_PARTS.get_or_init(|| {
        let mut spec = ExportSpec::default();
        spec.per_zip = 7;
        spec.metadata_parts = 3;
        Exported::new(|_| {}, spec)
    })
}
