//! Info, people and contexts included (`--include info,people --include
//! contexts`): a dry run, then the run, made once by the first case that
//! asks. The cases read what was kept then; only the last case runs again.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use flickr_backup::{Include, Options, Report};
use flickr_testkit::FIRST_ACCOUNT_PHOTO_ID;
use serde_json::Value;

use crate::common::quick;
use crate::fixture::{
    have_exiftool, list, media_path, sidecar, snapshot, text, tokyo, xmp_of, Server, Snapshot,
};

/// The per-photo methods the three add.
const METHODS: [&str; 3] = [
    "flickr.photos.getInfo",
    "flickr.photos.people.getList",
    "flickr.photos.getAllContexts",
];
/// The photo with the hard title and typed tags.
const HARD: u64 = FIRST_ACCOUNT_PHOTO_ID;
/// The photo with a note, a person and a group.
const NOTED: u64 = FIRST_ACCOUNT_PHOTO_ID + 1;

/// What the CLI builds from `--include info,people --include contexts`
/// (repeated lists joined with commas): the default plus the three.
fn options() -> Options {
    let include = Include::parse(&["info,people", "contexts"].join(",")).unwrap();
    quick().include(include)
}

struct Included {
    server: Server,
    dir: tempfile::TempDir,
    plan: Report,
    report: Report,
    /// Requests the run made.
    made: u64,
    files: Snapshot,
    /// The XMP sidecars as exiftool read them (`None` without exiftool).
    xmp: Option<BTreeMap<String, Value>>,
}

fn included() -> &'static Included {
    static INCLUDED: OnceLock<Included> = OnceLock::new();
    INCLUDED.get_or_init(|| {
        let server = Server::start();
        let dir = flickr_testkit::fixture_tempdir();
        let plan = server.backup(dir.path(), options().dry_run(true));
        let before = server.fake.total_requests();
        let report = server.backup(dir.path(), options());
        let made = server.fake.total_requests() - before;
        let files = snapshot(dir.path());
        let xmp = have_exiftool().then(|| xmp_of(dir.path()));
        Included {
            server,
            dir,
            plan,
            report,
            made,
            files,
            xmp,
        }
    })
}

#[test]
fn the_dry_runs_plan_is_what_the_run_costs() {
    tokyo();
    let f = included();
    assert_eq!(f.plan.total_calls(), f.made);
    // One call of each per photo listed.
    let listed = f.report.listed;
    for m in METHODS {
        let plan = &f.plan;
        assert_eq!(plan.planned_calls.get(m), Some(&listed), "{m}: {plan:?}");
        let report = &f.report;
        assert_eq!(report.api_calls.get(m), Some(&listed), "{m}: {report:?}");
    }
}

#[test]
fn details_reach_both_sidecars() {
    tokyo();
    let f = included();
    let s = sidecar(&f.files, &HARD.to_string());
    assert!(
        s["info"].is_object() && s["people"].is_object() && s["contexts"].is_object(),
        "{s}"
    );
    if !have_exiftool() {
        return;
    }
    let xmp = f.xmp.as_ref().unwrap();
    // Tags as typed (getInfo's raw form), machine tag included.
    assert_eq!(
        list(&xmp[&media_path(&f.files, HARD)]["XMP-dc:Subject"]),
        ["New York", "account", "dc:subject=xmp"]
    );
    let x = &xmp[&media_path(&f.files, NOTED)];
    assert_eq!(list(&x["XMP-flickr:Notes"]), ["A note on the photo"]);
    assert_eq!(list(&x["XMP-flickr:People"]), ["Bob Example"]);
    assert_eq!(list(&x["XMP-flickr:Groups"]), ["Loopback Pool"]);
    assert_eq!(text(&x["XMP-flickr:SafetyLevel"]).unwrap(), "1");
    assert_eq!(text(&x["XMP-flickr:HasPeople"]).unwrap(), "true");
}

#[test]
fn only_new_or_changed_photos_cost_a_call() {
    tokyo();
    let f = included();
    // Nothing changed: no per-photo call; one photo re-tagged: one of each.
    let report = f.server.backup(f.dir.path(), options());
    for m in METHODS {
        assert_eq!(report.api_calls.get(m), None, "{m}: {report:?}");
    }
    assert!(f.server.fake.retag_photo(NOTED, &["again"]));
    let report = f.server.backup(f.dir.path(), options());
    for m in METHODS {
        assert_eq!(report.api_calls.get(m), Some(&1), "{m}: {report:?}");
    }
}
