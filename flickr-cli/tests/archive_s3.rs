//! `flickr archive worker --store s3://BUCKET/PREFIX` with the standard
//! `AWS_*` variables against `rclone serve s3`, which is stopped while the
//! worker stores files and started again: nothing is lost, the bags land
//! in the bucket (read back here as the directory rclone serves) and
//! bagit.py validates them; `verify --store s3://…` reads objects back.
//!
//! The run happens once, by the first case that asks ([`stored`]); what it
//! showed is kept before the servers stop, and each case checks one part.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::process::Output;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::fleet::{self, run_ok};
use common::Server;
use flickr_testkit::bagit;
use flickr_testkit::postgres_server::test_postgres;
use flickr_testkit::s3_server::test_s3;
use flickr_testkit::scenario;
use serde_json::Value;

/// What the run showed.
struct Stored {
    /// How the worker ended.
    worker: Output,
    /// `status --json` after it.
    status: Value,
    /// Each target's bag in the bucket: its `bag-info.txt`, and bagit.py's
    /// verdict with what it said.
    bags: BTreeMap<String, (String, (bool, String))>,
    /// What `verify --store s3://… --sample 5` said.
    verified: String,
}

/// The run's outcome, made by the first case that asks; `None` when
/// PostgreSQL or rclone is missing and not required (the case skips). A
/// run that failed fails every case with its message, and is not made again.
fn stored() -> Option<&'static Stored> {
    static STORED: scenario::Once<Stored> = OnceLock::new();
    scenario::run_once(&STORED, "the run into S3", run)
}

/// Adds two targets, runs a worker into the bucket with the store stopped
/// and started again while it stores files, and reads the catalog, the
/// bags and `verify`.
fn run() -> Option<Stored> {
    let pg = test_postgres("archive_s3")?;
    let mut s3 = test_s3("archive_s3", "lifeboat")?;
    let server = Server::start_with(|b| b.photos(10).users(3));
    let users = server.fake.users();
    let album = server.fake.albums_of(&users[0])[1];
    let config = flickr_testkit::fixture_tempdir();
    let s3_env = s3.env();
    let key = server.fake.credentials().api_key;
    let flickr = || {
        let mut cmd = fleet::flickr(&server, config.path(), &key);
        cmd.envs(s3_env.clone())
            .args(["archive", "--db", &pg.url()]);
        cmd
    };
    let mut add = flickr();
    add.args([
        "add",
        &format!("user:{}", users[2]),
        &format!("album:{}/{album}", users[0]),
    ]);
    run_ok(add);
    // Files come slowly, so the store goes away while the worker stores them.
    server.fake.inject_every(
        flickr_testkit::STATIC_TARGET,
        1,
        vec![flickr_testkit::Fault::Slow(Duration::from_millis(30))],
    );
    let mut worker = flickr();
    worker
        .args(["worker", "--store", "s3://lifeboat/flickr", "--until-idle"])
        .args(["--jobs", "2", "--batch", "20"])
        .args(["--source-organization", "Test Lifeboat"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let worker = worker.spawn().unwrap();
    let objects = s3.bucket_dir().join("flickr/objects/sha256");
    let end = Instant::now() + Duration::from_secs(60);
    while !objects.exists() || std::fs::read_dir(&objects).unwrap().count() < 3 {
        assert!(Instant::now() < end, "no object stored within a minute");
        std::thread::sleep(Duration::from_millis(20));
    }
    s3.stop();
    std::thread::sleep(Duration::from_secs(2));
    s3.start_again().unwrap();
    let worker = worker.wait_with_output().unwrap();
    server.fake.clear_faults();

    let mut status = flickr();
    status.args(["status", "--json"]);
    let status: Value = serde_json::from_str(&run_ok(status)).unwrap();
    let mut bags = BTreeMap::new();
    for t in status["targets"].as_array().unwrap() {
        let Some(bag) = t["bag"].as_str() else {
            continue;
        };
        let bag = s3.bucket_dir().join("flickr").join(bag);
        let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
        let target = t["target"].as_str().unwrap().to_owned();
        bags.insert(target, (info, bagit::validate(&bag)));
    }
    let mut verify = flickr();
    verify.args(["verify", "--store", "s3://lifeboat/flickr", "--sample", "5"]);
    Some(Stored {
        worker,
        status,
        bags,
        verified: run_ok(verify),
    })
}

#[test]
fn the_worker_finishes_though_the_store_went_away_while_it_stored() {
    let Some(s) = stored() else { return };
    let out = &s.worker;
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_target_is_done_with_a_bag_in_the_bucket_naming_its_maker_and_target() {
    let Some(s) = stored() else { return };
    for t in s.status["targets"].as_array().unwrap() {
        assert_eq!(t["state"], "done", "{t}");
        let target = t["target"].as_str().unwrap();
        let (info, _) = s.bags.get(target).unwrap_or_else(|| panic!("no bag: {t}"));
        assert!(
            info.contains("Source-Organization: Test Lifeboat\n"),
            "{info}"
        );
        assert!(
            info.contains(&format!("External-Identifier: flickr:{target}\n")),
            "{info}"
        );
    }
}

#[test]
fn bagit_py_validates_every_bag_and_verify_reads_objects_back_from_s3() {
    let Some(s) = stored() else { return };
    assert_eq!(s.bags.len(), 2, "both targets have a bag");
    for (target, (_, (passed, said))) in &s.bags {
        assert!(passed, "bagit.py refuses the bag of {target}:\n{said}");
    }
    assert!(s
        .verified
        .starts_with("5 object(s) read back, 5 as the catalog says"));
}
