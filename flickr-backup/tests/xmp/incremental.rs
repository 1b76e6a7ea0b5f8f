//! An incremental run after a retitle, a retag, a new date taken and an
//! owner going Pro: one mirror before and after it, made once by the first
//! case that asks. The cases read the snapshots taken then; only the
//! repair case touches the mirror afterwards.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use flickr_backup::{verify, Report};
use flickr_testkit::{ALICE, CAROL};

use crate::common::quick;
use crate::fixture::{id_of, is_media, media_path, sidecar, snapshot, tokyo, Server, Snapshot};

struct Incremental {
    server: Server,
    dir: tempfile::TempDir,
    before: Snapshot,
    after: Snapshot,
    /// The incremental run's.
    report: Report,
    /// Alice's photos: retitled, retagged, given a new date taken, and
    /// one left alone (the repair's victim).
    retitled: u64,
    retagged: u64,
    redated: u64,
    victim: u64,
    /// Their files before the run.
    paths: BTreeMap<u64, String>,
    /// Carol's files before the run (alice's favorites, some in galleries too).
    carols: Vec<String>,
}

fn incremental() -> &'static Incremental {
    static INCREMENTAL: OnceLock<Incremental> = OnceLock::new();
    INCREMENTAL.get_or_init(|| {
        let server = Server::start();
        let dir = flickr_testkit::fixture_tempdir();
        server.backup(dir.path(), quick());
        let before = snapshot(dir.path());
        let fake = &server.fake;
        let own: Vec<u64> = fake
            .photos_of(ALICE)
            .into_iter()
            .filter(|id| {
                fake.photo(*id).unwrap().media == "photo"
                    && before.keys().any(|k| k.ends_with(&format!("/{id}.json")))
            })
            .collect();
        let (retitled, retagged, redated, victim) = (own[3], own[4], own[5], own[6]);
        let paths = own[3..7]
            .iter()
            .map(|id| (*id, media_path(&before, *id)))
            .collect();
        assert!(fake.edit_photo(retitled, "Renamed <b>"));
        assert!(fake.retag_photo(retagged, &["retagged", "ns:pred=value"]));
        fake.with_state(|s| {
            let p = s.photos.get_mut(&redated).unwrap();
            p.date_taken = "2001-02-03 04:05:06".to_owned();
            p.last_update += 1;
        });
        assert!(fake.set_pro(CAROL, true));
        let carols: Vec<String> = before
            .keys()
            .filter(|k| is_media(k) && k.starts_with(&format!("others/{CAROL}/")))
            .cloned()
            .collect();
        assert!(!carols.is_empty());
        let report = server.backup(dir.path(), quick());
        let after = snapshot(dir.path());
        Incremental {
            server,
            dir,
            before,
            after,
            report,
            retitled,
            retagged,
            redated,
            victim,
            paths,
            carols,
        }
    })
}

impl Incremental {
    /// Where the photo with a new date taken went.
    fn moved_to(&self) -> String {
        format!("photos/2001/02/03/{}.jpg", self.redated)
    }

    /// Album and collection folders' entries (links) to those photos' files.
    fn links_to(&self, ids: &[u64], ext: &str) -> Vec<String> {
        let entries = self.after.keys();
        let entries = entries.filter(|k| k.starts_with("albums/") || k.starts_with("collections/"));
        let linked = |entry: &&String| {
            let name = entry.rsplit('/').next().unwrap();
            let Some((_, rest)) = name.split_once('-') else {
                return false;
            };
            let id: u64 = rest.split('.').next().unwrap().parse().unwrap();
            ids.contains(&id) && entry.ends_with(ext)
        };
        entries.filter(linked).cloned().collect()
    }
}

/// A media file's sidecars: JSON and XMP.
fn sidecars(media: &str) -> [String; 2] {
    let json = format!("{}.json", media.rsplit_once('.').unwrap().0);
    [json, format!("{media}.xmp")]
}

#[test]
fn changes_exactly_the_affected_files() {
    tokyo();
    let f = incremental();
    let (before, after) = (&f.before, &f.after);
    let changed: BTreeSet<String> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .cloned()
        .collect();

    let mut expected = BTreeSet::new();
    for id in [f.retitled, f.retagged] {
        expected.extend(sidecars(&f.paths[&id]));
    }
    let (old, new) = (&f.paths[&f.redated], &f.moved_to());
    assert_eq!(old.rsplit('.').next(), Some("jpg"));
    for p in [old, new].into_iter().chain(&f.carols) {
        expected.insert(p.clone());
        expected.extend(sidecars(p));
    }
    // Album manifests list their photos' titles and paths.
    let sets: Vec<_> = f
        .server
        .fake
        .with_state(|s| s.photosets.values().cloned().collect());
    for set in sets.iter().filter(|s| s.owner == ALICE) {
        if set.photos.contains(&f.retitled) || set.photos.contains(&f.redated) {
            expected.insert(format!("albums/{}.json", set.id));
        }
    }
    // Album and collection folders' entries are links to those files: the
    // rewritten XMP sidecars' links are made again, and the moved photo's
    // entry takes its new date (the same inode).
    expected.extend(f.links_to(&[f.retitled, f.retagged], ".xmp"));
    expected.extend(f.links_to(&[f.redated], ""));
    // The viewer's data holds titles, tags and dates.
    expected.insert("viewer/data.js".to_owned());
    assert_eq!(changed, expected, "report {:?}", f.report);
    assert!(!after.contains_key(old) && !after.contains_key(&format!("{old}.xmp")));
}

#[test]
fn the_new_title_and_date_reach_the_files() {
    tokyo();
    let f = incremental();
    // The moved file has its new date: 2001-02-03 04:05:06 in Tokyo (UTC+9).
    assert_eq!(f.after[&f.moved_to()].mtime, 981_173_106 - 9 * 3600);
    let retitled = &f.after[&format!("{}.xmp", f.paths[&f.retitled])];
    let retitled = String::from_utf8(retitled.bytes.clone()).unwrap();
    assert!(retitled.contains("Renamed &lt;b&gt;"), "{retitled}");
}

#[test]
fn an_owner_going_pro_gets_originals_in_place_of_capped_files() {
    tokyo();
    let f = incremental();
    let report = &f.report;
    // The originals replaced the capped files, and the report says so.
    let mut healed = report.originals_fetched.clone();
    healed.sort();
    let mut want: Vec<String> = f.carols.iter().map(|c| id_of(c).to_string()).collect();
    want.sort();
    assert_eq!(healed, want);
    assert_eq!(report.files_fetched, f.carols.len() as u64);
    assert!(report.not_original.is_empty(), "{report:?}");
    for c in &f.carols {
        let s = sidecar(&f.after, &id_of(c).to_string());
        assert_eq!(s["file"]["size_variant"], "o");
        assert!(s["file"].get("not_original").is_none());
        let url = s["file"]["url"].as_str().unwrap();
        let served = f.server.fake.static_file(url).unwrap();
        assert_eq!(f.after[c].bytes, served.bytes, "{c} is the original now");
        let xmp = String::from_utf8(f.after[&format!("{c}.xmp")].bytes.clone()).unwrap();
        assert!(!xmp.contains("flickr:sizeKept"), "{xmp}");
    }
}

#[test]
fn a_repaired_file_gets_its_date_back() {
    tokyo();
    let f = incremental();
    let victim = &f.paths[&f.victim];
    std::fs::write(f.dir.path().join(victim), b"broken").unwrap();
    let check = verify(f.dir.path(), |_, _| {}).unwrap();
    assert!(!check.is_clean(), "{check:?}");
    let report = f.server.backup(f.dir.path(), quick());
    assert_eq!(report.files_fetched, 1);
    let repaired = snapshot(f.dir.path());
    assert_eq!(repaired[victim].bytes, f.after[victim].bytes);
    assert_eq!(
        repaired[victim].mtime, f.after[victim].mtime,
        "the repaired file has its date"
    );
    assert_eq!(report.documents_written, 0, "{report:?}");
}
