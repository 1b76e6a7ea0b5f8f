//! What the archive's tests share: a key-only client of the loopback
//! Flickr, quick worker options, and reading bags back.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use flickr_archive::WorkerOptions;
use flickr_sdk::RetryPolicy;
use flickr_testkit::FakeFlickr;

pub fn client(fake: &FakeFlickr) -> flickr_sdk::Client {
    flickr_sdk::Client::builder()
        .api_key(fake.credentials().api_key)
        .base_url(&fake.base_url())
        .retry_policy(
            RetryPolicy::default()
                .with_delays(Duration::from_millis(5), Duration::from_millis(20))
                .with_deadline(Some(Duration::from_secs(30))),
        )
        .build()
        .unwrap()
}

pub fn opts() -> WorkerOptions {
    WorkerOptions::default()
        .until_idle(true)
        .batch_size(40)
        .lease(Duration::from_secs(5))
}

/// The photo ids a bag's `target.json` lists.
pub fn bag_photos(store: &Path, bag: &str) -> Vec<u64> {
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(store.join(bag).join("data/target.json")).unwrap())
            .unwrap();
    record["photos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().parse().unwrap())
        .collect()
}

/// Fails unless bagit.py (when the suite's Python is at hand) calls the
/// bag valid: every payload file in both manifests with its digests, and
/// none besides.
pub fn bagit_valid(bag: &Path) {
    let Some(python) = std::env::var_os("FLICKR_TEST_PYTHON") else {
        eprintln!("bagit.py not checked: FLICKR_TEST_PYTHON is not set (scripts/test.sh sets it)");
        return;
    };
    let out = std::process::Command::new(python)
        .args(["-m", "bagit", "--validate"])
        .arg(bag)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "bagit.py refuses {}: {}{}",
        bag.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every file under `dir`, sorted.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}
