//! `flickr archive worker --store s3://BUCKET/PREFIX` with the standard
//! `AWS_*` variables against `rclone serve s3`, which is stopped while the
//! worker stores files and started again: nothing is lost, the bags land
//! in the bucket (read back here as the directory rclone serves) and
//! bagit.py validates them; `verify --store s3://…` reads objects back.
#![cfg(unix)]

mod common;

use std::time::{Duration, Instant};

use common::fleet::{self, run_ok};
use common::Server;
use flickr_testkit::bagit;
use flickr_testkit::postgres_server::test_postgres;
use flickr_testkit::s3_server::test_s3;

#[test]
fn a_worker_stores_its_bags_in_s3() {
    let Some(pg) = test_postgres("archive_s3") else {
        return;
    };
    let Some(mut s3) = test_s3("archive_s3", "lifeboat") else {
        return;
    };
    let server = Server::start_with(|b| b.photos(10).users(3));
    let users = server.fake.users();
    let album = server.fake.albums_of(&users[0])[1];
    let config = tempfile::tempdir().unwrap();
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
        .args([
            "--jobs",
            "2",
            "--batch",
            "20",
            "--source-organization",
            "Test Lifeboat",
        ])
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
    let out = worker.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    server.fake.clear_faults();

    let mut status = flickr();
    status.args(["status", "--json"]);
    let s: serde_json::Value = serde_json::from_str(&run_ok(status)).unwrap();
    for t in s["targets"].as_array().unwrap() {
        assert_eq!(t["state"], "done", "{t}");
        let bag = s3
            .bucket_dir()
            .join("flickr")
            .join(t["bag"].as_str().unwrap());
        let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
        assert!(
            info.contains("Source-Organization: Test Lifeboat\n"),
            "{info}"
        );
        assert!(
            info.contains(&format!(
                "External-Identifier: flickr:{}\n",
                t["target"].as_str().unwrap()
            )),
            "{info}"
        );
        bagit::assert_valid(&bag);
    }
    let mut verify = flickr();
    verify.args(["verify", "--store", "s3://lifeboat/flickr", "--sample", "5"]);
    assert!(run_ok(verify).starts_with("5 object(s) read back, 5 as the catalog says"));
}
