//! Embeds the example responses the fake server answers with for methods it
//! does not model: each method's example from `tests/fixtures/reflection`
//! and its two smallest successful recorded bodies from
//! `tests/fixtures/recorded` (with `index.jsonl` telling which succeeded).
//! Writes `$OUT_DIR/fixtures.rs`: `(method, is_xml, body)` rows.
//!
//! `fixtures/` is a link to the workspace's `tests/fixtures` that `cargo
//! package` follows, so the packaged crate carries what this script reads
//! (its `Cargo.toml` leaves out the recorded bodies too large to be
//! embedded). A body the index selects but the package lacks fails the
//! build rather than silently changing the answers.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Recorded bodies larger than this are left out (the binary stays small).
const MAX_RECORDED: u64 = 64 * 1024;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let fixtures = manifest.join("fixtures");
    if !fixtures.join("reflection").is_dir() || !fixtures.join("recorded").is_dir() {
        fail(&format!(
            "{}: the example responses are missing (expected reflection/ and recorded/; in the repository, fixtures is a link to tests/fixtures)",
            fixtures.display()
        ));
    }
    let reflection = fixtures.join("reflection");
    let recorded = fixtures.join("recorded");
    println!("cargo:rerun-if-changed={}", reflection.display());
    println!(
        "cargo:rerun-if-changed={}",
        recorded.join("index.jsonl").display()
    );

    // method (lowercased) -> [(is_xml, path)]
    let mut rows: BTreeMap<String, Vec<(bool, PathBuf)>> = BTreeMap::new();
    if let Ok(dir) = std::fs::read_dir(&reflection) {
        let mut files: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
        files.sort();
        for path in files {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if std::fs::read_to_string(&path).is_err() {
                continue;
            }
            if let Some(method) = name.strip_suffix(".xml") {
                rows.entry(method.to_lowercase())
                    .or_default()
                    .push((true, path.clone()));
            }
        }
    }
    let mut recorded_rows: BTreeMap<String, Vec<(u64, bool, PathBuf)>> = BTreeMap::new();
    let index_path = recorded.join("index.jsonl");
    let index = std::fs::read_to_string(&index_path)
        .unwrap_or_else(|e| fail(&format!("{}: {e}", index_path.display())));
    for line in index.lines() {
        let Ok(row) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let s = |k: &str| row.get(k).and_then(|v| v.as_str()).unwrap_or("");
        let status_ok = matches!(row.get("http_status"), None | Some(serde_json::Value::Null))
            || row.get("http_status").and_then(|v| v.as_u64()) == Some(200);
        let format = s("format");
        if s("stat") != "ok" || !status_ok || s("endpoint") != "rest" || s("fidelity") == "edited" {
            continue;
        }
        if format != "json" && format != "xml" {
            continue;
        }
        let size = row.get("size").and_then(|v| v.as_u64()).unwrap_or(u64::MAX);
        if size > MAX_RECORDED {
            continue;
        }
        let path = recorded.join(s("file"));
        match std::fs::read_to_string(&path) {
            Ok(_) => {}
            // include_str! needs UTF-8.
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => continue,
            Err(e) => fail(&format!(
                "{}: listed in recorded/index.jsonl but unreadable: {e}",
                path.display()
            )),
        }
        recorded_rows
            .entry(s("method").to_lowercase())
            .or_default()
            .push((size, format == "xml", path));
    }
    for (method, mut files) in recorded_rows {
        files.sort();
        let entry = rows.entry(method).or_default();
        entry.extend(files.into_iter().take(2).map(|(_, xml, p)| (xml, p)));
    }

    let mut out =
        String::from("/// Embedded example responses: (method, lowercased; is XML; body).\n");
    out.push_str("pub static FIXTURES: &[(&str, bool, &str)] = &[\n");
    for (method, files) in &rows {
        for (xml, path) in files {
            let _ = writeln!(
                out,
                "    ({method:?}, {xml}, include_str!({:?})),",
                abs(path)
            );
        }
    }
    out.push_str("];\n");
    let dest =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("fixtures.rs");
    std::fs::write(dest, out).expect("write fixtures.rs");
}

fn abs(p: &Path) -> String {
    p.canonicalize()
        .unwrap_or_else(|_| p.to_path_buf())
        .display()
        .to_string()
}

fn fail(message: &str) -> ! {
    println!("cargo:warning={message}");
    eprintln!("{message}");
    std::process::exit(1);
}
