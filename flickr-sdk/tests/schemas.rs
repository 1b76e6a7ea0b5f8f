//! The argument schemas (`flickr_sdk::schemas`, rendered from the registry)
//! agree with the spec as the generator reads it: every method has one, and
//! its properties, required list, enum values, integer ranges and defaults
//! are the spec's. (Their validity as JSON Schema is checked by a JSON Schema
//! validator in flickr-cli's tests/mcp.rs, through scripts/mcp_client.py.)
#![cfg(feature = "schemas")]

use flickr_codegen::model::{ArgType, Method, Model};
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn model() -> Model {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    flickr_codegen::model_from_dir(&spec).unwrap_or_else(|e| panic!("{e}"))
}

/// The schema `flickr mcp` offers for `m`, if this build compiles it.
fn method_schema(m: &Method) -> Option<Value> {
    let s = flickr_sdk::schemas::find(&m.name)?;
    Some(serde_json::from_str(s.schema).expect("JSON"))
}

/// A documented default (wire form) as the JSON value a client sends.
fn default_value(ty: &ArgType, wire: &str) -> Value {
    match ty {
        ArgType::Int { .. } => json!(wire.parse::<i64>().expect("an integer default")),
        ArgType::Float { .. } => json!(wire.parse::<f64>().expect("a number default")),
        ArgType::Bool => json!(wire == "1"),
        ArgType::Text
        | ArgType::String
        | ArgType::Enum { .. }
        | ArgType::List { .. }
        | ArgType::Date { .. }
        | ArgType::Id { .. } => json!(wire),
    }
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
        // A build with some namespaces only compiles their methods.
        let Some(schema) = method_schema(m) else {
            continue;
        };
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
#[cfg(feature = "photos")]
fn photos_search_reads_as_an_assistant_needs_it() {
    let model = model();
    let m = model.method("flickr.photos.search").expect("in the spec");
    let s = method_schema(m).expect("photos.search is compiled");
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
