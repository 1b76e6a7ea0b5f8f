//! What the archive's tests share: quick worker options and reading bags
//! back. Clients are `FakeFlickr::key_client` (public reads, quick retries).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use flickr_archive::WorkerOptions;

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
