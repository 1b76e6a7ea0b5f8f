//! The generated argument schemas agree with the spec: every method has one,
//! and its properties, required list, enum values, integer ranges and
//! defaults are the spec's. (Their validity as JSON Schema is checked by a
//! JSON Schema validator in flickr-cli's `mcp_independent_client` test.)

use flickr_codegen::emit::schemas::{default_value, method_schema};
use flickr_codegen::model::{ArgType, Model};
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn model() -> Model {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    flickr_codegen::model_from_dir(&spec).unwrap_or_else(|e| panic!("{e}"))
}

/// The schema of a property's type, past a list's `anyOf`.
fn item_of(schema: &Value) -> &Value {
    match schema.get("anyOf").and_then(|a| a.get(0)) {
        Some(array) if array["type"] == "array" => &array["items"],
        _ => schema,
    }
}

fn check_type(where_: &str, ty: &ArgType, schema: &Value) {
    match ty {
        ArgType::Enum { values, .. } => {
            assert_eq!(schema["enum"], json!(values), "{where_}: enum values");
            assert_eq!(schema["type"], "string", "{where_}");
        }
        ArgType::Int { min, max } => {
            assert_eq!(schema["type"], "integer", "{where_}");
            assert_eq!(
                schema.get("minimum").and_then(Value::as_i64),
                *min,
                "{where_}: minimum"
            );
            assert_eq!(
                schema.get("maximum").and_then(Value::as_i64),
                *max,
                "{where_}: maximum"
            );
        }
        ArgType::Float { min, max } => {
            assert_eq!(schema["type"], "number", "{where_}");
            assert_eq!(
                schema.get("minimum").and_then(Value::as_f64),
                *min,
                "{where_}: minimum"
            );
            assert_eq!(
                schema.get("maximum").and_then(Value::as_f64),
                *max,
                "{where_}: maximum"
            );
        }
        ArgType::Bool => assert_eq!(schema["type"], "boolean", "{where_}"),
        ArgType::Text | ArgType::String => assert_eq!(schema["type"], "string", "{where_}"),
        ArgType::Id { id } => {
            assert_eq!(schema["type"], json!(["string", "integer"]), "{where_}");
            assert_eq!(schema["x-flickr-id"], json!(id), "{where_}");
        }
        ArgType::List { item, sep } => {
            assert_eq!(schema["x-flickr-separator"], json!(sep), "{where_}");
            assert_eq!(
                schema["anyOf"][1]["type"], "string",
                "{where_}: joined form"
            );
            check_type(&format!("{where_}[]"), item, item_of(schema));
        }
        ArgType::Date { formats } => {
            let any = schema["anyOf"].as_array().expect("a date is anyOf");
            assert!(!any.is_empty(), "{where_}");
            assert_eq!(schema["x-flickr-date-formats"], json!(formats), "{where_}");
            let takes_integer = any.iter().any(|s| s["type"] == "integer");
            assert_eq!(
                takes_integer,
                formats.iter().any(|f| f == "unix"),
                "{where_}"
            );
        }
    }
}

#[test]
fn every_method_has_a_schema_that_agrees_with_the_spec() {
    let model = model();
    assert_eq!(model.methods.len(), 224);
    for m in &model.methods {
        let schema = method_schema(m);
        assert_eq!(schema["type"], "object", "{}", m.name);
        assert_eq!(schema["additionalProperties"], false, "{}", m.name);
        assert_eq!(schema["title"], m.name.as_str());
        let props = schema["properties"].as_object().expect("properties");
        let names: BTreeSet<&str> = props.keys().map(String::as_str).collect();
        let spec_names: BTreeSet<&str> = m.args.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, spec_names, "{}: properties", m.name);
        let required: BTreeSet<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let spec_required: BTreeSet<&str> = m
            .args
            .iter()
            .filter(|a| a.required)
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(required, spec_required, "{}: required", m.name);
        for a in &m.args {
            let where_ = format!("{}({})", m.name, a.name);
            let p = &props[&a.name];
            check_type(&where_, &a.ty, p);
            match &a.default {
                Some(d) => assert_eq!(p["default"], default_value(&a.ty, d), "{where_}: default"),
                None => assert!(p.get("default").is_none(), "{where_}: no default"),
            }
        }
    }
}

#[test]
fn photos_search_reads_as_an_assistant_needs_it() {
    let model = model();
    let m = model.method("flickr.photos.search").expect("in the spec");
    let s = method_schema(m);
    let props = &s["properties"];
    assert_eq!(props["per_page"]["type"], "integer");
    assert_eq!(props["per_page"]["maximum"], 500);
    assert_eq!(props["per_page"]["default"], 100);
    assert_eq!(props["text"]["type"], "string");
    assert!(props["text"]["description"]
        .as_str()
        .is_some_and(|d| !d.is_empty()));
    // A list of enum values: an array of them, or one joined string.
    assert_eq!(props["extras"]["anyOf"][0]["type"], "array");
    assert!(props["extras"]["anyOf"][0]["items"]["enum"]
        .as_array()
        .is_some_and(|v| v.contains(&json!("url_m"))));
    assert!(
        s.get("required").is_none(),
        "search has no required argument"
    );
}

#[test]
fn defaults_take_the_json_type_of_their_argument() {
    assert_eq!(default_value(&ArgType::Bool, "1"), json!(true));
    assert_eq!(default_value(&ArgType::Bool, "0"), json!(false));
    assert_eq!(
        default_value(
            &ArgType::Int {
                min: None,
                max: None
            },
            "100"
        ),
        json!(100)
    );
    assert_eq!(default_value(&ArgType::Text, "x"), json!("x"));
}

#[test]
fn data_file_holds_one_line_per_method_with_its_permission_and_schema() {
    let model = model();
    let files = flickr_codegen::generate_files(&model).expect("generates");
    let file = files
        .iter()
        .find(|f| f.name == flickr_codegen::emit::schemas::DATA_FILE)
        .expect("the schemas data file is generated");
    let lines: Vec<&str> = file.source.lines().collect();
    assert_eq!(lines.len(), model.methods.len(), "one line per method");
    for (line, m) in lines.iter().zip(&model.methods) {
        let mut parts = line.splitn(3, ' ');
        assert_eq!(parts.next(), Some(m.name.as_str()));
        let perms = serde_json::to_value(m.perms).unwrap();
        assert_eq!(parts.next(), perms.as_str(), "{}", m.name);
        let schema: Value = serde_json::from_str(parts.next().unwrap()).expect("one line of JSON");
        assert_eq!(schema, method_schema(m), "{}", m.name);
    }
}
