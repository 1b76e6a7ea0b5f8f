//! An argument kind in JSON: the JSON Schema of the values a JSON client may
//! send ([`ArgKind::json_schema`]), the constraints `flickr methods show
//! --json` lists ([`ArgKind::constraints_json`]), and a JSON value turned into
//! Flickr's wire text ([`ArgKind::wire_from_json`]).
//!
//! A JSON client sends text and strings as strings; ids as strings (or
//! integers, which numeric ids often arrive as); integers and floats as
//! numbers within the inclusive bounds; booleans as `true`/`false` (sent as
//! `1`/`0`); enums as their wire values; lists as arrays of their items or as
//! one string already joined by the list's separator; dates as strings in
//! the accepted formats or, where Unix time is accepted, as integers.

use serde_json::{json, Value};

use super::{ArgKind, DateFormat};

impl ArgKind {
    /// The JSON Schema (draft 2020-12) of the values a JSON client may send
    /// for an argument of this kind.
    pub fn json_schema(&self) -> Value {
        match *self {
            ArgKind::Text | ArgKind::String => json!({"type": "string"}),
            ArgKind::Id(kind) => json!({
                "type": ["string", "integer"],
                "minLength": 1,
                "x-flickr-id": kind.short_name(),
            }),
            ArgKind::Int { min, max } => bounded("integer", min, max),
            ArgKind::Float { min, max } => bounded("number", min, max),
            ArgKind::Bool => json!({"type": "boolean"}),
            ArgKind::Enum(values) => json!({"type": "string", "enum": values}),
            ArgKind::List { item, sep } => json!({
                "anyOf": [
                    {"type": "array", "items": item.json_schema()},
                    {"type": "string", "description": format!("items joined by `{sep}`")},
                ],
                "x-flickr-separator": sep,
            }),
            ArgKind::Date(formats) => date_schema(formats),
        }
    }

    /// The kind's constraints as `flickr methods show --json` lists them
    /// (`null` for a kind without any).
    pub fn constraints_json(&self) -> Value {
        match *self {
            ArgKind::Int { min, max } => json!({"min": min, "max": max}),
            ArgKind::Float { min, max } => json!({"min": min, "max": max}),
            ArgKind::Enum(values) => json!({"values": values}),
            ArgKind::List { item, sep } => json!({"separator": sep, "item": {
                "type": item.short_name(), "constraints": item.constraints_json()
            }}),
            ArgKind::Date(formats) => json!({"formats": formats.iter().map(|f| match f {
                DateFormat::Ymd | DateFormat::Mysql => f.describe(),
                DateFormat::Unix => "unix",
            }).collect::<Vec<_>>()}),
            ArgKind::Text | ArgKind::String | ArgKind::Bool | ArgKind::Id(_) => Value::Null,
        }
    }

    /// One JSON value as Flickr's wire text for an argument of this kind.
    /// Only the JSON type is checked here; ranges, enum values and date
    /// formats are [`ArgKind::check`]'s. The error says what was expected.
    pub fn wire_from_json(&self, value: &Value) -> Result<String, String> {
        // Matched on the kind first, so a new kind must say what it takes.
        let wire = match *self {
            ArgKind::Text | ArgKind::String | ArgKind::Enum(_) => value.as_str().map(str::to_owned),
            ArgKind::Id(_) => match value {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) if n.is_u64() => Some(n.to_string()),
                _ => None,
            },
            ArgKind::Int { .. } => match value {
                Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
                _ => None,
            },
            ArgKind::Float { .. } => match value {
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            },
            ArgKind::Bool => value
                .as_bool()
                .map(|b| if b { "1" } else { "0" }.to_owned()),
            ArgKind::List { item, sep } => match value {
                Value::String(s) => Some(s.clone()),
                Value::Array(items) => {
                    let parts = items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| item.wire_from_json(v).map_err(|e| format!("item {i}: {e}")))
                        .collect::<Result<Vec<_>, _>>()?;
                    Some(parts.join(sep))
                }
                _ => None,
            },
            ArgKind::Date(formats) => match value {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) if n.is_u64() && formats.contains(&DateFormat::Unix) => {
                    Some(n.to_string())
                }
                _ => None,
            },
        };
        wire.ok_or_else(|| {
            format!(
                "expected {}, got {}",
                self.json_expected(),
                json_type(value)
            )
        })
    }

    /// What a JSON client should have sent, for an error message.
    fn json_expected(&self) -> String {
        match *self {
            ArgKind::Bool => "true or false".to_owned(),
            ArgKind::List { .. } => "an array (or one string of joined items)".to_owned(),
            ArgKind::Id(_) => "an id (a string)".to_owned(),
            ArgKind::Text
            | ArgKind::String
            | ArgKind::Int { .. }
            | ArgKind::Float { .. }
            | ArgKind::Enum(_)
            | ArgKind::Date(_) => self.describe(),
        }
    }
}

/// A number type with inclusive bounds.
fn bounded<T: Into<Value>>(ty: &str, min: Option<T>, max: Option<T>) -> Value {
    let mut s = json!({ "type": ty });
    if let Some(min) = min {
        s["minimum"] = min.into();
    }
    if let Some(max) = max {
        s["maximum"] = max.into();
    }
    s
}

/// A date: a string in one of `formats`, or Unix seconds as an integer.
fn date_schema(formats: &[DateFormat]) -> Value {
    let mut any = Vec::new();
    for f in formats {
        match f {
            DateFormat::Ymd => any.push(json!({
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "description": f.describe(),
            })),
            DateFormat::Mysql => any.push(json!({
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2})?$",
                "description": f.describe(),
            })),
            DateFormat::Unix => {
                any.push(json!({"type": "integer", "minimum": 0, "description": "Unix time"}));
                any.push(
                    json!({"type": "string", "pattern": "^[0-9]+$", "description": "Unix time"}),
                );
            }
        }
    }
    let names: Vec<&str> = formats.iter().map(|f| f.short_name()).collect();
    json!({"anyOf": any, "x-flickr-date-formats": names})
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
