//! A JSON Schema (draft 2020-12) of every method's arguments, with its
//! permission level: a data file (not Rust) that `flickr-sdk` includes under
//! its `schemas` feature and `flickr mcp` offers as tool input schemas.
//!
//! Arguments are described as a JSON client sends them and as Flickr takes
//! them: text and strings as strings; ids as strings (or integers, which
//! numeric ids often arrive as); integers and floats as numbers
//! with the spec's inclusive bounds; booleans as `true`/`false` (sent as
//! `1`/`0`); enums as their wire values; lists as arrays of their items or as
//! one string already joined by the list's separator; dates as strings in the
//! accepted formats or, where Unix time is accepted, as integers.

use crate::model::{Arg, ArgType, Method, Model, Perms};
use serde_json::{json, Map, Value};

/// The JSON Schema of `m`'s arguments.
pub fn method_schema(m: &Method) -> Value {
    let mut properties = Map::new();
    for a in &m.args {
        properties.insert(a.name.clone(), arg_schema(a));
    }
    let required: Vec<&str> = m
        .args
        .iter()
        .filter(|a| a.required)
        .map(|a| a.name.as_str())
        .collect();
    let mut schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": m.name,
        "description": m.summary,
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

/// One argument: its type's schema with the spec's description and default.
fn arg_schema(a: &Arg) -> Value {
    let mut schema = type_schema(&a.ty);
    let doc = a.doc.split_whitespace().collect::<Vec<_>>().join(" ");
    if !doc.is_empty() {
        schema["description"] = Value::String(doc);
    }
    if let Some(default) = &a.default {
        schema["default"] = default_value(&a.ty, default);
    }
    schema
}

/// A documented default (wire form) as the JSON value the schema describes.
pub fn default_value(ty: &ArgType, wire: &str) -> Value {
    match ty {
        ArgType::Int { .. } => wire
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::String(wire.to_owned())),
        ArgType::Float { .. } => wire
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(|x| serde_json::Number::from_f64(x).map(Value::Number))
            .unwrap_or_else(|| Value::String(wire.to_owned())),
        ArgType::Bool => match wire.trim() {
            "1" | "true" => Value::Bool(true),
            "0" | "false" => Value::Bool(false),
            _ => Value::String(wire.to_owned()),
        },
        ArgType::Text
        | ArgType::String
        | ArgType::Enum { .. }
        | ArgType::List { .. }
        | ArgType::Date { .. }
        | ArgType::Id { .. } => Value::String(wire.to_owned()),
    }
}

/// The schema of one argument type.
pub fn type_schema(ty: &ArgType) -> Value {
    match ty {
        ArgType::Text | ArgType::String => json!({"type": "string"}),
        ArgType::Id { id } => {
            json!({"type": ["string", "integer"], "minLength": 1, "x-flickr-id": id})
        }
        ArgType::Int { min, max } => {
            let mut s = json!({"type": "integer"});
            if let Some(min) = min {
                s["minimum"] = json!(min);
            }
            if let Some(max) = max {
                s["maximum"] = json!(max);
            }
            s
        }
        ArgType::Float { min, max } => {
            let mut s = json!({"type": "number"});
            if let Some(min) = min {
                s["minimum"] = json!(min);
            }
            if let Some(max) = max {
                s["maximum"] = json!(max);
            }
            s
        }
        ArgType::Bool => json!({"type": "boolean"}),
        ArgType::Enum { values, .. } => json!({"type": "string", "enum": values}),
        ArgType::List { item, sep } => json!({
            "anyOf": [
                {"type": "array", "items": type_schema(item)},
                {"type": "string", "description": format!("items joined by `{sep}`")},
            ],
            "x-flickr-separator": sep,
        }),
        ArgType::Date { formats } => date_schema(formats),
    }
}

/// A date: a string in one of `formats`, or Unix seconds as an integer.
fn date_schema(formats: &[String]) -> Value {
    let mut any = Vec::new();
    for f in formats {
        match f.as_str() {
            "ymd" => any.push(json!({
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "description": "YYYY-MM-DD",
            })),
            "mysql" => any.push(json!({
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2})?$",
                "description": "YYYY-MM-DD HH:MM:SS",
            })),
            "unix" => {
                any.push(json!({"type": "integer", "minimum": 0, "description": "Unix time"}));
                any.push(
                    json!({"type": "string", "pattern": "^[0-9]+$", "description": "Unix time"}),
                );
            }
            _ => any.push(json!({"type": "string"})),
        }
    }
    json!({"anyOf": any, "x-flickr-date-formats": formats})
}

/// The name of the data file `flickr-sdk` includes under its `schemas` feature.
pub const DATA_FILE: &str = "schemas.txt";

/// The contents of [`DATA_FILE`]: one line per method, sorted by name —
/// `NAME PERMS SCHEMA` (the schema as one line of JSON) — so a method's
/// schema is a `&'static str` slice of the included text, with nothing to
/// parse until it is used.
pub fn data(model: &Model) -> String {
    let mut out = String::new();
    for m in &model.methods {
        let perms = match m.perms {
            Perms::None => "none",
            Perms::Read => "read",
            Perms::Write => "write",
            Perms::Delete => "delete",
        };
        out.push_str(&format!("{} {perms} {}\n", m.name, method_schema(m)));
    }
    out
}
