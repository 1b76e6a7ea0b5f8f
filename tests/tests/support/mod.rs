//! The fixtures the decode tests share: loading them (recorded answers and
//! Flickr's documented examples, or any set laid out like `fixtures/recorded`)
//! and walking each beside its typed value with `flickr_sdk::dropped`.

// Each test file uses its own part of this.
#![allow(dead_code)]

use flickr_core::__private::envelope::{unwrap_jsonp, xml_to_value, Called};
use flickr_core::registry::Perms;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub struct Fixture {
    pub method: String,
    /// Path under `fixtures/`.
    pub file: String,
    /// The envelope in Flickr's JSON shape, `stat` removed.
    pub envelope: Value,
}

/// Loads every fixture; problems reading or parsing a body are returned as failures.
pub fn fixtures() -> (Vec<Fixture>, Vec<String>) {
    let dir = root().join("fixtures");
    let mut out = Vec::new();
    let mut problems = Vec::new();

    recorded(&dir.join("recorded"), "recorded", &mut out, &mut problems);

    let mut examples: Vec<PathBuf> = std::fs::read_dir(dir.join("reflection"))
        .expect("fixtures/reflection")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    examples.sort();
    for path in examples {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let method = name.trim_end_matches(".xml").to_owned();
        let body = std::fs::read(&path).expect("example body");
        match parse(&method, "xml", &body) {
            Ok(envelope) => out.push(Fixture {
                method,
                file: format!("reflection/{name}"),
                envelope,
            }),
            Err(e) => problems.push(format!("{method}  reflection/{name}: cannot parse: {e}")),
        }
    }
    (out, problems)
}

/// The rows of `dir/index.jsonl` with endpoint `rest`, `stat` ok and a
/// method we know (files named relative to `dir`, shown as `label/file`).
pub fn recorded(dir: &Path, label: &str, out: &mut Vec<Fixture>, problems: &mut Vec<String>) {
    let index = std::fs::read_to_string(dir.join("index.jsonl"))
        .unwrap_or_else(|e| panic!("{}/index.jsonl: {e}", dir.display()));
    for line in index.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).expect("index.jsonl row");
        let get = |k: &str| {
            row.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let (file, method, format) = (get("file"), get("method"), get("format"));
        if get("endpoint") != "rest"
            || get("stat") != "ok"
            || flickr_sdk::registry::find(&method).is_none()
        {
            continue;
        }
        let body = std::fs::read(dir.join(&file)).expect("fixture body");
        match parse(&method, &format, &body) {
            Ok(envelope) => out.push(Fixture {
                method,
                file: format!("{label}/{file}"),
                envelope,
            }),
            Err(e) => problems.push(format!("{method}  {label}/{file}: cannot parse: {e}")),
        }
    }
}

pub fn parse(method: &str, format: &str, body: &[u8]) -> Result<Value, String> {
    let mut value = if format == "xml" {
        xml_to_value(Called::new(method, Perms::None), body).map_err(|e| e.to_string())?
    } else {
        serde_json::from_slice::<Value>(unwrap_jsonp(body)).map_err(|e| e.to_string())?
    };
    if let Some(o) = value.as_object_mut() {
        o.remove("stat");
    }
    Ok(value)
}

pub fn decode(f: &Fixture) -> Result<Value, String> {
    flickr_sdk::registry::decode_to_json(&f.method, &f.envelope.to_string())
        .unwrap_or_else(|| Err(format!("unknown method {}", f.method)))
}

/// One fixture's walk: its canonical method name, file, the values its body
/// holds and the members its typed value does not carry.
pub struct Walked {
    pub method: String,
    pub file: String,
    /// Values in the body (numbers, booleans, text that is not blank), as
    /// [`flickr_sdk::DroppedMember::values_in`] counts them.
    pub present: usize,
    pub dropped: Vec<flickr_sdk::DroppedMember>,
}

impl Walked {
    /// Values the typed decode keeps: every value not under a dropped member.
    pub fn kept(&self) -> usize {
        self.present - self.dropped.iter().map(|d| d.values()).sum::<usize>()
    }
}

/// Every fixture that decodes, walked beside its typed value by
/// [`flickr_sdk::dropped`] (what `flickr call --dropped` prints).
pub fn walk_fixtures(fixtures: &[Fixture]) -> Vec<Walked> {
    let mut out = Vec::new();
    for f in fixtures {
        let mut envelope = f.envelope.clone();
        if let Some(o) = envelope.as_object_mut() {
            o.insert("stat".into(), "ok".into());
        }
        // Decode failures are reported by `every_fixture_decodes`.
        let Ok(dropped) = flickr_sdk::dropped(&f.method, envelope.to_string().as_bytes()) else {
            continue;
        };
        let canonical = flickr_sdk::registry::find(&f.method)
            .map(|m| m.name)
            .unwrap_or(&f.method);
        out.push(Walked {
            method: canonical.to_owned(),
            file: f.file.clone(),
            present: flickr_sdk::DroppedMember::values_in(&f.envelope),
            dropped,
        });
    }
    out
}
