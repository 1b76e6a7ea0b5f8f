//! Every real Flickr response we hold, and every example response Flickr
//! publishes, decodes into its method's typed response.
//!
//! Fixtures:
//! - `fixtures/recorded/`: real responses recorded by other projects; the rows
//!   of `index.jsonl` with endpoint `rest`, `stat` ok and a method we know.
//!   JSON (and JSONP) bodies are parsed as they are; XML bodies go through
//!   flickr-core's `xml_to_value`, the converter the client uses for
//!   `format=rest`.
//! - `fixtures/reflection/<method>.xml`: Flickr's documented example response
//!   of each method (from `flickr.reflection.getMethodInfo`).
//!
//! Tests:
//! - `every_fixture_decodes`: decodes all fixtures with
//!   `flickr_sdk::registry::decode_to_json` and reports every failure at once
//!   (method, file, JSON path, message).
//! - `decoded_snapshots`: insta snapshots of the decoded values (null fields
//!   dropped for readability), one per fixture, under `tests/snapshots/`.
//!   `INSTA_UPDATE=always cargo test -p flickr-tests --test fixtures_decode`
//!   rewrites them.
//! - `field_coverage`: runs `flickr_sdk::dropped` (what `flickr call
//!   --dropped` prints) over each fixture: the members of the raw answer that
//!   hold a value where the re-serialized typed value holds none. The only
//!   members allowed to be dropped are in [`IGNORED`], each with its reason;
//!   an entry that no longer matches anything fails the test too.
//! - `field_coverage_report` (ignored; a report): informative values in the
//!   bodies vs kept by the typed decode, per set, and the methods that lose
//!   the most (see BENCHMARKS.md).

//!
//! Shapes Flickr sends that no fixture holds are checked the same way in
//! `answer_shapes.rs`; the fixture loading and the walk live in `support/`.

mod support;

use flickr_codegen::model::{FieldType, Model, ResponseShape};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use support::{decode, fixtures, recorded, root, walk_fixtures};

/// Fields present in fixtures that no response type captures on purpose.
/// `(method, path, reason)`; `*` as the method matches every method. Paths
/// are the raw JSON paths with `[]` for list items, starting at the envelope
/// (so they include the root key).
const IGNORED: &[(&str, &str, &str)] = &[
    // flickr.test.echo echoes every argument back; the fixtures' own test
    // arguments have arbitrary names and the spec has no map type.
    ("flickr.test.echo", "foo", "arbitrary echoed argument"),
    ("flickr.test.echo", "test", "arbitrary echoed argument"),
];

#[test]
fn every_fixture_decodes() {
    let (fixtures, mut failures) = fixtures();
    let mut methods = BTreeSet::new();
    for f in &fixtures {
        methods.insert(f.method.to_ascii_lowercase());
        if let Err(e) = decode(f) {
            failures.push(format!("{}  {}: {e}", f.method, f.file));
        }
    }
    eprintln!(
        "decoded {} of {} fixtures ({} methods)",
        fixtures.len() - failures.len(),
        fixtures.len(),
        methods.len()
    );
    assert!(
        fixtures.len() > 500,
        "expected the recorded and reflection fixtures, found {}",
        fixtures.len()
    );
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed to decode:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn snapshot_name(file: &str) -> String {
    file.trim_end_matches(".xml")
        .trim_end_matches(".json")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The paths of the `null` members in `v`.
fn null_members(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                let path = format!("{at}.{k}");
                match x {
                    Value::Null => out.push(path),
                    _ => null_members(x, &path, out),
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                null_members(x, &format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Serializing a decoded answer leaves out what Flickr did not send: no
/// `null` for an absent optional member (`serde_members!`, emitted by
/// codegen), so no caller (CLI, backup) has to strip them.
#[test]
fn decoded_answers_serialize_without_nulls() {
    let (fixtures, _) = fixtures();
    let mut nulls = Vec::new();
    let mut decoded = 0;
    for f in &fixtures {
        let Ok(value) = decode(f) else { continue };
        decoded += 1;
        let mut found = Vec::new();
        null_members(&value, "", &mut found);
        nulls.extend(
            found
                .into_iter()
                .map(|p| format!("{} ({}): {p}", f.file, f.method)),
        );
    }
    assert!(decoded > 100, "only {decoded} fixtures decoded");
    assert!(nulls.is_empty(), "null members:\n{}", nulls.join("\n"));
}

#[test]
fn decoded_snapshots() {
    let (fixtures, _) = fixtures();
    let mut mismatched = Vec::new();
    for f in &fixtures {
        // Decode failures are reported by `every_fixture_decodes`.
        let Ok(value) = decode(f) else { continue };
        let name = snapshot_name(&f.file);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            insta::with_settings!({ description => format!("{} ({})", f.method, f.file), omit_expression => true }, {
                insta::assert_json_snapshot!(name.as_str(), value);
            });
        }));
        if result.is_err() {
            mismatched.push(name);
        }
    }
    assert!(
        mismatched.is_empty(),
        "{} snapshot(s) differ:\n{}",
        mismatched.len(),
        mismatched.join("\n")
    );
}

/// Every member of every fixture is captured by its type, or listed in
/// [`IGNORED`]; and every `IGNORED` entry still matches something, so the
/// list cannot keep excuses for fields the types have since learned.
#[test]
fn field_coverage() {
    let (fixtures, _) = fixtures();
    // (method, path) → fixtures where the field was left out.
    let mut missing: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut used_ignores = BTreeSet::new();
    for w in walk_fixtures(&fixtures) {
        let patterns: BTreeSet<String> = w.dropped.iter().map(|d| d.pattern()).collect();
        for path in patterns {
            if let Some(i) = IGNORED
                .iter()
                .position(|(m, p, _)| (*m == "*" || *m == w.method) && *p == path)
            {
                used_ignores.insert(i);
                continue;
            }
            missing
                .entry((w.method.clone(), path))
                .or_default()
                .push(w.file.clone());
        }
    }
    let mut report = String::new();
    for ((method, path), files) in &missing {
        let _ = writeln!(
            report,
            "{method}  {path}  ({} fixture(s), e.g. {})",
            files.len(),
            files[0]
        );
    }
    let unused: Vec<_> = IGNORED
        .iter()
        .enumerate()
        .filter(|(i, _)| !used_ignores.contains(i))
        .map(|(_, e)| e)
        .collect();
    eprintln!(
        "field coverage: {} uncaptured field(s), {} ignored on purpose",
        missing.len(),
        used_ignores.len()
    );
    assert!(
        missing.is_empty() && unused.is_empty(),
        "{} field(s) in fixtures that no type captures:\n{report}\nIGNORED entries that match nothing (remove them): {unused:?}",
        missing.len()
    );
}

/// The field-coverage report (not a check; see BENCHMARKS.md): over every
/// fixture, the informative values in the raw bodies and how many the typed
/// decode keeps, then the methods that lose the most.
///
/// ```text
/// cargo test -p flickr-tests --test fixtures_decode -- --ignored --nocapture field_coverage_report
/// ```
///
/// `FLICKR_COVERAGE_DIR=DIR` adds the recorded answers of another set laid out
/// like `fixtures/recorded` (an `index.jsonl` with `file`, `method`, `format`,
/// `endpoint` and `stat` per row, the bodies beside it), reported on its own:
/// a way to try the types against answers the project does not hold.
#[test]
#[ignore = "a report; run with --ignored --nocapture"]
fn field_coverage_report() {
    let (fixtures, _) = fixtures();
    let (real, examples): (Vec<_>, Vec<_>) = fixtures
        .into_iter()
        .partition(|f| f.file.starts_with("recorded/"));
    let mut sets = vec![
        ("recorded (fixtures/recorded)", real),
        ("Flickr's examples (fixtures/reflection)", examples),
    ];
    if let Some(dir) = std::env::var_os("FLICKR_COVERAGE_DIR") {
        let (mut extra, mut problems) = (Vec::new(), Vec::new());
        recorded(Path::new(&dir), "extra", &mut extra, &mut problems);
        for p in &problems {
            println!("  cannot read: {p}");
        }
        sets.push(("FLICKR_COVERAGE_DIR", extra));
    }
    for (name, set) in &sets {
        report_coverage(name, set);
    }
}

/// Prints one set's line of [`field_coverage_report`]: how many of the
/// informative values in its bodies the typed decode keeps, then the
/// methods that lose the most and what they lose.
fn report_coverage(name: &str, set: &[support::Fixture]) {
    let walked = walk_fixtures(set);
    let failed = set.len() - walked.len();
    for f in set {
        if let Err(e) = decode(f) {
            println!("  not decoded: {}  {}: {e}", f.method, f.file);
        }
    }
    // method → (fixtures, present, kept)
    let mut per_method: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut lost_paths: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for w in &walked {
        let e = per_method.entry(&w.method).or_default();
        e.0 += 1;
        e.1 += w.present;
        e.2 += w.kept();
        lost_paths
            .entry(&w.method)
            .or_default()
            .extend(w.dropped.iter().map(|d| d.pattern()));
    }
    let (present, kept) = per_method
        .values()
        .fold((0, 0), |(p, k), e| (p + e.1, k + e.2));
    println!(
        "{name}: {} fixtures ({failed} not decoded), {} methods: {kept} of {present} informative values kept ({:.3} %), {} lost",
        walked.len(),
        per_method.len(),
        percent(kept, present),
        present - kept
    );
    let mut worst: Vec<_> = per_method.iter().filter(|(_, e)| e.1 > e.2).collect();
    worst.sort_by(|a, b| {
        percent(a.1 .2, a.1 .1)
            .total_cmp(&percent(b.1 .2, b.1 .1))
            .then(a.0.cmp(b.0))
    });
    for (method, (n, present, kept)) in worst.iter().take(15) {
        println!(
            "  {:6.2} %  {kept:>6} of {present:<6} {method} ({n} fixture(s))",
            percent(*kept, *present)
        );
        let paths = lost_paths.get(*method).into_iter().flatten();
        for path in paths {
            println!("              not captured: {path}");
        }
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// Response enum fields decode as `flickr_core::open_enum::Open`, which keeps
/// a value the spec does not list instead of failing. The fixtures are what we
/// know Flickr sends, so every value in them must be a listed variant: a value
/// found here that the spec lacks belongs in the enum.
#[test]
fn enum_fields_hold_known_values() {
    let model =
        flickr_codegen::model_from_dir(&root().join("../spec")).unwrap_or_else(|e| panic!("{e}"));
    let (fixtures, _) = fixtures();
    let mut checked = 0;
    let mut problems = Vec::new();
    for f in &fixtures {
        let Ok(typed) = decode(f) else { continue };
        let Some(ResponseShape::Typed { ty, .. }) = model
            .methods
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case(&f.method))
            .map(|m| &m.response_shape)
        else {
            continue;
        };
        let mut out = BTreeSet::new();
        walk_enums(&model, ty, &typed, ty, &mut checked, &mut out);
        problems.extend(
            out.into_iter()
                .map(|p| format!("{}  {}: {p}", f.method, f.file)),
        );
    }
    eprintln!("enum fields: {checked} value(s) checked");
    assert!(
        checked > 1000,
        "expected many enum values in the fixtures, found {checked}"
    );
    assert!(
        problems.is_empty(),
        "{} enum value(s) in fixtures that the spec does not list:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Walks `value`, a decoded `ty` at `path`, counting the enum values it
/// holds in `checked` and adding to `out` each one `model` does not list.
fn walk_enums(
    model: &Model,
    ty: &str,
    value: &Value,
    path: &str,
    checked: &mut usize,
    out: &mut BTreeSet<String>,
) {
    let (Some(def), Some(obj)) = (model.struct_def(ty), value.as_object()) else {
        return;
    };
    for f in &def.fields {
        let Some(v) = obj.get(&f.wire) else { continue };
        let at = format!("{path}.{}", f.wire);
        let items: Vec<&Value> = match (&f.ty, v) {
            (FieldType::List(_), Value::Array(a)) => a.iter().collect(),
            _ => vec![v],
        };
        let item_ty = match &f.ty {
            FieldType::List(item) => item.as_ref(),
            t => t,
        };
        for item in items {
            // Numeric enums (license ids, safety levels, …) serialize
            // as numbers: check their text the same way.
            let number = item.as_number().map(|n| n.to_string());
            let text = item.as_str().or(number.as_deref());
            match (item_ty, text) {
                (FieldType::Enum(e), Some(s)) => {
                    *checked += 1;
                    let listed = model
                        .enums
                        .iter()
                        .find(|d| &d.name == e)
                        .is_some_and(|d| d.values.iter().any(|x| x.wire == s));
                    if !listed {
                        out.insert(format!("{at}: `{s}` is not a listed {e} value"));
                    }
                }
                (FieldType::Struct(s), _) => walk_enums(model, s, item, &at, checked, out),
                _ => {}
            }
        }
    }
}
