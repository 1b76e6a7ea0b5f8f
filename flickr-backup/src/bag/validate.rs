//! Our own check of a bag, as `bagit.py --validate` does it: `bagit.txt`,
//! every line of the SHA-256 and SHA-512 manifests and tag manifests
//! against the file it names, every payload file listed in every payload
//! manifest, and `Payload-Oxum` against the payload found. Everything
//! found is reported by path; only a bag that cannot be opened is an error.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::digests::{self, Algorithm};
use super::info;
use super::manifest::{self, Entry};
use super::report::BagCheck;
use super::tags::{manifest_name, tagmanifest_name};
use crate::error::{Error, Result};
use crate::layout;

/// Checks the bag at `bag` (RFC 8493): what [`BagCheck::problems`] lists is
/// everything that is not as its manifests and `bag-info.txt` say.
pub fn validate_bag(bag: &Path) -> Result<BagCheck> {
    if !bag.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a bag: no such folder",
            bag.display()
        )));
    }
    let mut check = BagCheck::default();
    check_bagit_txt(bag, &mut check);
    let payload = payload_files(bag, &mut check);
    check.files = payload.len() as u64;
    check.bytes = payload.values().sum();

    let mut manifests = 0;
    for alg in Algorithm::ALL {
        let name = manifest_name(alg);
        let Some(entries) = read_manifest(bag, &name, alg, &mut check) else {
            continue;
        };
        manifests += 1;
        let mut listed = BTreeSet::new();
        for e in &entries {
            if !e.path.starts_with("data/") {
                check.problem(&name, format!("lists {}, which is not under data/", e.path));
            } else if !payload.contains_key(&e.path) {
                check.problem(&e.path, format!("listed in {name} but missing"));
            } else {
                listed.insert(e.path.as_str());
            }
        }
        for path in payload.keys().filter(|p| !listed.contains(p.as_str())) {
            check.problem(path, format!("not listed in {name}"));
        }
        fixity(bag, &name, alg, &entries, &mut check);
    }
    if manifests == 0 {
        check.problem(
            "manifest-sha256.txt",
            "no SHA-256 or SHA-512 manifest in the bag",
        );
    }
    check_oxum(bag, &mut check);
    for alg in Algorithm::ALL {
        let name = tagmanifest_name(alg);
        let Some(entries) = read_manifest(bag, &name, alg, &mut check) else {
            continue;
        };
        for e in entries.iter().filter(|e| e.path.starts_with("data/")) {
            check.problem(&name, format!("lists {}, a payload file", e.path));
        }
        fixity(bag, &name, alg, &entries, &mut check);
    }
    Ok(check)
}

fn check_bagit_txt(bag: &Path, check: &mut BagCheck) {
    let Some(text) = read_tag_file(bag, "bagit.txt", check) else {
        if !bag.join("bagit.txt").exists() {
            check.problem("bagit.txt", "missing");
        }
        return;
    };
    let tags = info::parse(&text);
    let value = |label: &str| {
        tags.iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.as_str())
    };
    if !matches!(value("BagIt-Version"), Some("1.0" | "0.97")) {
        check.problem("bagit.txt", "no BagIt-Version 1.0 (or 0.97)");
    }
    if !value("Tag-File-Character-Encoding").is_some_and(|v| v.eq_ignore_ascii_case("UTF-8")) {
        check.problem("bagit.txt", "tag files are not declared UTF-8");
    }
}

/// The payload files (path in the bag → bytes).
fn payload_files(bag: &Path, check: &mut BagCheck) -> BTreeMap<String, u64> {
    fn walk(dir: &Path, rel: &str, out: &mut BTreeMap<String, u64>, check: &mut BagCheck) {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => return check.problem(rel, format!("cannot be listed: {e}")),
        };
        for e in entries.flatten() {
            let Ok(name) = e.file_name().into_string() else {
                check.problem(
                    rel,
                    format!("holds a name that is not UTF-8: {:?}", e.file_name()),
                );
                continue;
            };
            let path = e.path();
            let rel = format!("{rel}/{name}");
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => walk(&path, &rel, out, check),
                Ok(m) => {
                    out.insert(rel, m.len());
                }
                Err(err) => check.problem(&rel, format!("cannot be read: {err}")),
            }
        }
    }
    let mut out = BTreeMap::new();
    if bag.join("data").is_dir() {
        walk(&bag.join("data"), "data", &mut out, check);
    } else {
        check.problem("data", "missing: a bag's payload folder");
    }
    out
}

fn read_tag_file(bag: &Path, name: &str, check: &mut BagCheck) -> Option<String> {
    match std::fs::read(bag.join(name)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(_) => {
                check.problem(name, "is not UTF-8");
                None
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            check.problem(name, format!("cannot be read: {e}"));
            None
        }
    }
}

/// The entries of the manifest `name`; `None` when there is none.
fn read_manifest(
    bag: &Path,
    name: &str,
    alg: Algorithm,
    check: &mut BagCheck,
) -> Option<Vec<Entry>> {
    let text = read_tag_file(bag, name, check)?;
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for line in manifest::parse(alg, &text) {
        match line {
            Ok(e) if !manifest::stays_inside(&e.path) => {
                check.problem(name, format!("lists {:?}, outside the bag", e.path));
            }
            Ok(e) if !seen.insert(e.path.clone()) => {
                check.problem(name, format!("lists {} more than once", e.path));
            }
            Ok(e) => out.push(e),
            Err(why) => check.problem(name, why),
        }
    }
    Some(out)
}

/// Reads each file `entries` name that is there and compares its digest.
fn fixity(bag: &Path, name: &str, alg: Algorithm, entries: &[Entry], check: &mut BagCheck) {
    for e in entries {
        let path: PathBuf = layout::resolve(bag, &e.path);
        if !path.is_file() {
            if !e.path.starts_with("data/") {
                check.problem(&e.path, format!("listed in {name} but missing"));
            }
            continue;
        }
        match digests::of_file(&path) {
            Ok(d) if d.get(alg) == e.hex => check.checked += 1,
            Ok(d) => check.problem(
                &e.path,
                format!("{} is {}, {name} says {}", alg.name(), d.get(alg), e.hex),
            ),
            Err(err) => check.problem(&e.path, with_cause(&err)),
        }
    }
}

fn check_oxum(bag: &Path, check: &mut BagCheck) {
    let Some(text) = read_tag_file(bag, "bag-info.txt", check) else {
        return;
    };
    let tags = info::parse(&text);
    let Some((_, oxum)) = tags.iter().find(|(l, _)| l == "Payload-Oxum") else {
        return;
    };
    let found = info::oxum(check.bytes, check.files);
    if *oxum != found {
        check.problem(
            "bag-info.txt",
            format!(
                "Payload-Oxum {oxum}, but the payload holds {} bytes in {} files ({found})",
                check.bytes, check.files
            ),
        );
    }
}

/// An error and its causes on one line.
fn with_cause(err: &Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
