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
//! - `field_coverage`: walks each fixture's raw JSON next to the re-serialized
//!   typed value and lists the fields no type captured. The only fields allowed
//!   to be left out are in [`IGNORED`], each with its reason; an entry that no
//!   longer matches anything fails the test too.
//! - `json_shapes_are_kept`: the same walk over [`JSON_SHAPES`], JSON shapes
//!   Flickr sends that no fixture holds.
//! - `field_coverage_report` (ignored; a report): informative values in the
//!   bodies vs kept by the typed decode, per set, and the methods that lose
//!   the most (see BENCHMARKS.md).

use flickr_codegen::model::{Model, ResponseShape};
use flickr_core::__private::envelope::{unwrap_jsonp, xml_to_value, Ctx};
use flickr_core::registry::Perms;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

struct Fixture {
    method: String,
    /// Path under `fixtures/`.
    file: String,
    /// The envelope in Flickr's JSON shape, `stat` removed.
    envelope: Value,
}

/// Loads every fixture; problems reading or parsing a body are returned as failures.
fn fixtures() -> (Vec<Fixture>, Vec<String>) {
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
fn recorded(dir: &Path, label: &str, out: &mut Vec<Fixture>, problems: &mut Vec<String>) {
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

fn parse(method: &str, format: &str, body: &[u8]) -> Result<Value, String> {
    let mut value = if format == "xml" {
        xml_to_value(Ctx::new(method, Perms::None), body).map_err(|e| e.to_string())?
    } else {
        serde_json::from_slice::<Value>(unwrap_jsonp(body)).map_err(|e| e.to_string())?
    };
    if let Some(o) = value.as_object_mut() {
        o.remove("stat");
    }
    Ok(value)
}

fn decode(f: &Fixture) -> Result<Value, String> {
    flickr_sdk::registry::decode_to_json(&f.method, &f.envelope.to_string())
        .unwrap_or_else(|| Err(format!("unknown method {}", f.method)))
}

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
/// `null` for an absent optional member (`skip_serializing_if`, emitted by
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

/// Alternate wire names (`alias` in the spec) → the names the typed value is
/// serialized under.
type Aliases = BTreeMap<String, Vec<String>>;

fn aliases(model: &Model) -> Aliases {
    let mut map = Aliases::new();
    for s in &model.structs {
        for f in &s.fields {
            for a in &f.alias {
                map.entry(a.clone()).or_default().push(f.wire.clone());
            }
        }
    }
    map
}

/// What a walk of a raw body beside its re-serialized typed value found.
#[derive(Default)]
struct Coverage {
    /// Raw paths (with `[]` for list items) present in the body but not in
    /// the typed value.
    missing: BTreeSet<String>,
    /// Informative values in the body: scalars that are not
    /// [`carries_no_data`] (`""`, whitespace, `...`) and not `null`.
    present: usize,
    /// Of those, the ones the typed value holds (a non-null value at the
    /// same place).
    kept: usize,
}

impl Coverage {
    /// Counts the informative values under a member no type captured.
    fn lose(&mut self, v: &Value) {
        match v {
            Value::Array(a) => a.iter().for_each(|v| self.lose(v)),
            Value::Object(o) => o.values().for_each(|v| self.lose(v)),
            Value::Null => {}
            v if carries_no_data(v) => {}
            _ => self.present += 1,
        }
    }

    /// Walks `raw` beside `typed`, recording what the typed value lost.
    fn walk(&mut self, raw: &Value, typed: &Value, path: &str, aliases: &Aliases) {
        let join = |k: &str| {
            if path.is_empty() {
                k.to_owned()
            } else {
                format!("{path}.{k}")
            }
        };
        match raw {
            Value::Array(items) => {
                let typed_items = typed.as_array();
                for (i, item) in items.iter().enumerate() {
                    let t = typed_items.and_then(|t| t.get(i)).unwrap_or(&Value::Null);
                    self.walk(item, t, &format!("{path}[]"), aliases);
                }
            }
            Value::Object(map) => match typed {
                // One object where a list was declared: the list's first item.
                Value::Array(t) => self.walk(raw, t.first().unwrap_or(&Value::Null), path, aliases),
                Value::Object(t) => {
                    for (k, v) in map {
                        // Read under an alias, serialized under the field's main name.
                        let by_alias = || {
                            aliases
                                .get(k)?
                                .iter()
                                .find_map(|w| t.get(w).filter(|tv| !tv.is_null()))
                        };
                        match t.get(k).or_else(by_alias) {
                            Some(tv) => self.walk(v, tv, &join(k), aliases),
                            // Absent in the typed value because Flickr sent
                            // nothing in it: serialization leaves it out.
                            None if !has_data(v) => {}
                            None => {
                                self.missing.insert(join(k));
                                self.lose(v);
                            }
                        }
                    }
                }
                // A scalar field read from `{"_content": …}`: other members are lost.
                _ => {
                    for (k, v) in map {
                        if k == "_content" {
                            self.walk(v, typed, &join(k), aliases);
                        } else if !carries_no_data(v) {
                            self.missing.insert(join(k));
                            self.lose(v);
                        }
                    }
                }
            },
            Value::Null => {}
            v if carries_no_data(v) => {}
            _ => {
                self.present += 1;
                if !typed.is_null() {
                    self.kept += 1;
                }
            }
        }
    }
}

/// Whether `v` holds an informative value at any depth (not only `null`,
/// [`carries_no_data`] scalars, and empty lists and objects).
fn has_data(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Array(a) => a.iter().any(has_data),
        Value::Object(o) => !carries_no_data(v) && o.values().any(has_data),
        v => !carries_no_data(v),
    }
}

/// Values that hold nothing: `""`, `{}`, an empty XML element (`<count />`,
/// `{"_content": ""}`), and the text between child elements in Flickr's
/// documented examples (whitespace, or `...`/`....` standing for "more of the
/// same").
fn carries_no_data(v: &Value) -> bool {
    let placeholder = |v: &Value| {
        v.as_str()
            .is_some_and(|s| s.chars().all(|c| c.is_whitespace() || c == '.'))
    };
    match v {
        Value::Object(o) => o.iter().all(|(k, v)| k == "_content" && placeholder(v)),
        v => placeholder(v),
    }
}

fn roots(model: &Model) -> BTreeMap<String, Option<String>> {
    model
        .methods
        .iter()
        .map(|m| {
            let root = match &m.response_shape {
                ResponseShape::Typed { root, .. } => root.clone(),
                ResponseShape::Untyped => None,
            };
            (m.name.to_ascii_lowercase(), root)
        })
        .collect()
}

/// One fixture's walk: its canonical method name, file and coverage.
struct Walked {
    method: String,
    file: String,
    coverage: Coverage,
}

/// Walks every fixture that decodes beside its typed value.
fn walk_fixtures(fixtures: &[Fixture]) -> Vec<Walked> {
    let model =
        flickr_codegen::model_from_dir(&root().join("../spec")).unwrap_or_else(|e| panic!("{e}"));
    let roots = roots(&model);
    let aliases = aliases(&model);
    let mut out = Vec::new();
    for f in fixtures {
        let Ok(typed) = decode(f) else { continue };
        let canonical = flickr_sdk::registry::find(&f.method)
            .map(|m| m.name)
            .unwrap_or(&f.method);
        let mut coverage = Coverage::default();
        match roots.get(&f.method.to_ascii_lowercase()).cloned().flatten() {
            Some(root) => {
                let mut typed_env = Map::new();
                typed_env.insert(root, typed);
                coverage.walk(&f.envelope, &Value::Object(typed_env), "", &aliases);
            }
            None => coverage.walk(&f.envelope, &typed, "", &aliases),
        }
        out.push(Walked {
            method: canonical.to_owned(),
            file: f.file.clone(),
            coverage,
        });
    }
    out
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
        for path in w.coverage.missing {
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

/// Shapes of JSON answers that Flickr sends but no fixture here holds (seen
/// in recorded answers of projects whose license keeps their files out of
/// this tree; see `fixtures/recorded/README.md`). Each body is written here
/// with made-up values, only the members and nesting follow Flickr; each must
/// decode with every value kept, by the same walk as [`field_coverage`].
const JSON_SHAPES: &[(&str, &str)] = &[
    (
        "flickr.places.getShapeHistory",
        r#"{"shapes":{"total":1,"woe_id":"100","place_id":"abc","place_type":"neighbourhood","place_type_id":22,
            "shape":[{"created":"1292367866","alpha":0.00001,"count_points":"10","count_edges":3,
            "polylines":{"polyline":[{"_content":"37.1,-122.1 37.2,-122.2"}]},"is_donuthole":0,
            "urls":{"shapefile":{"_content":"http://example.com/1_2_3.tar.gz"}}}]}}"#,
    ),
    (
        "flickr.galleries.create",
        r#"{"gallery":{"id":"1-2","url":"https://www.flickr.com/photos/x/galleries/2","owner":"1@N01",
            "username":"u","iconserver":"1","iconfarm":1,"primary_photo_id":"","date_create":"1402704503",
            "date_update":"1402704503","count_photos":0,"count_videos":0,"count_views":0,"count_comments":0,
            "title":{"_content":"t"},"description":{"_content":"d"}}}"#,
    ),
    (
        "flickr.push.getTopics",
        r#"{"topics":{"topic":[{"name":"my_photos","display_name":"your photos"}]}}"#,
    ),
    (
        "flickr.galleries.getList",
        r#"{"galleries":{"total":1,"page":1,"pages":1,"per_page":100,"user_id":"1@N01",
            "gallery":[{"id":"1-2","url":"https://www.flickr.com/photos/x/galleries/2","owner":"1@N01",
            "primary_photo_id":"3","count_photos":1,"title":{"_content":"t"},
            "primary_photo_extras":{"license":2,"o_width":"10","latitude":1.5,"longitude":2.5,
            "accuracy":16,"context":1,"place_id":"p","woeid":"4","geo_is_public":1,"geo_is_contact":0,
            "geo_is_friend":0,"geo_is_family":0,"url_sq":"https://example.com/s.jpg","width_sq":75}}]}}"#,
    ),
    (
        "flickr.stats.getPopularPhotos",
        r#"{"photos":{"page":1,"pages":"2","perpage":1,"total":"2","photo":[{"id":"1","owner":"1@N01",
            "secret":"s","server":"1","farm":1,"title":"t","ispublic":1,"isfriend":0,"isfamily":0,
            "stats":{"views":6,"comments":1,"favorites":2,"total_views":"60","total_comments":3,"total_favorites":4}}]}}"#,
    ),
    (
        "flickr.photosets.getInfo",
        r#"{"photoset":{"id":"1","owner":"1@N01","primary":"2","photos":3,"count_photos":3,
            "title":{"_content":"t"},"coverphoto_server":"7","coverphoto_farm":1}}"#,
    ),
    (
        "flickr.photos.suggestions.getList",
        r#"{"suggestions":{"total":1,"per_page":"250","page":1,"suggestion":[{"id":"1-2","photo_id":"3",
            "date_suggested":"1406082069","suggested_by":{"nsid":"1@N01","username":"u"},"note":{"_content":"n"}}]}}"#,
    ),
    (
        "flickr.photos.suggestions.suggestLocation",
        r#"{"suggestions":{"suggestion":[{"id":"1-2"}]}}"#,
    ),
    (
        "flickr.people.getPhotosOf",
        r#"{"photos":{"page":1,"pages":1,"perpage":1,"total":1,"photo":[{"id":"1","owner":"1@N01",
            "title":"t","datepersonadded":"1400000000"}]}}"#,
    ),
    (
        "flickr.groups.discuss.topics.getList",
        r#"{"topics":{"group_id":"1@N01","path_alias":"api","name":"g","total":"1","page":1,"per_page":10,"pages":"1",
            "topic":[{"id":"1","subject":"s"}]}}"#,
    ),
];

#[test]
fn json_shapes_are_kept() {
    let fixtures: Vec<Fixture> = JSON_SHAPES
        .iter()
        .enumerate()
        .map(|(i, (method, body))| Fixture {
            method: (*method).to_owned(),
            file: format!("JSON_SHAPES[{i}]"),
            envelope: serde_json::from_str(body).expect("JSON_SHAPES body"),
        })
        .collect();
    let mut problems = Vec::new();
    for f in &fixtures {
        if let Err(e) = decode(f) {
            problems.push(format!("{}  {}: {e}", f.method, f.file));
        }
    }
    for w in walk_fixtures(&fixtures) {
        let c = &w.coverage;
        if !c.missing.is_empty() || c.kept != c.present {
            problems.push(format!(
                "{}  {}: kept {} of {} values; not captured: {:?}",
                w.method, w.file, c.kept, c.present, c.missing
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
        let walked = walk_fixtures(set);
        let failed = set.len() - walked.len();
        for f in set {
            if let Err(e) = decode(f) {
                println!("  not decoded: {}  {}: {e}", f.method, f.file);
            }
        }
        // method → (fixtures, present, kept)
        let mut per_method: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
        let mut lost_paths: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for w in &walked {
            let e = per_method.entry(&w.method).or_default();
            e.0 += 1;
            e.1 += w.coverage.present;
            e.2 += w.coverage.kept;
            lost_paths
                .entry(&w.method)
                .or_default()
                .extend(w.coverage.missing.iter().map(String::as_str));
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
    use flickr_codegen::model::FieldType;

    fn walk(
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
                    (FieldType::Struct(s), _) => walk(model, s, item, &at, checked, out),
                    _ => {}
                }
            }
        }
    }

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
        walk(&model, ty, &typed, ty, &mut checked, &mut out);
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
