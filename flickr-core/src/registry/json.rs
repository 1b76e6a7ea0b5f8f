//! Arguments in JSON: the JSON Schema (draft 2020-12) of a method's
//! arguments ([`MethodInfo::json_schema`], [`ArgInfo::json_schema`],
//! [`ArgKind::json_schema`]) that `flickr mcp` offers as tool input schemas,
//! the constraints `flickr methods show --json` lists
//! ([`ArgKind::constraints_json`]), and a JSON value turned into Flickr's wire
//! text ([`ArgKind::wire_from_json`]) or back ([`ArgKind::default_json`]).
//!
//! A JSON client sends text and strings as strings; ids as strings (or
//! integers, which numeric ids often arrive as); integers and floats as
//! numbers within the inclusive bounds; booleans as `true`/`false` (sent as
//! `1`/`0`); enums as their wire values; lists as arrays of their items or as
//! one string already joined by the list's separator; dates as strings in
//! the accepted formats or, where Unix time is accepted, as integers.

use serde_json::{json, Value};

use super::{ArgInfo, ArgKind, DateFormat, MethodInfo};

impl MethodInfo {
    /// The JSON Schema of this method's arguments: an object with one
    /// property per argument, its required ones listed, nothing else allowed.
    pub fn json_schema(&self) -> Value {
        let properties: serde_json::Map<String, Value> = self
            .args
            .iter()
            .map(|a| (a.name.to_owned(), a.json_schema()))
            .collect();
        let required: Vec<&str> = self
            .args
            .iter()
            .filter(|a| a.required)
            .map(|a| a.name)
            .collect();
        let mut schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": self.name,
            "description": self.summary,
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        });
        if !required.is_empty() {
            schema["required"] = json!(required);
        }
        schema
    }
}

impl ArgInfo {
    /// The schema of this argument: its kind's, with its documentation (on
    /// one line) and Flickr's default.
    pub fn json_schema(&self) -> Value {
        let mut schema = self.kind.json_schema();
        let doc = self.doc.split_whitespace().collect::<Vec<_>>().join(" ");
        if !doc.is_empty() {
            schema["description"] = Value::String(doc);
        }
        if let Some(default) = self.default {
            schema["default"] = self.kind.default_json(default);
        }
        schema
    }
}

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

    /// A wire value (a documented default) as the JSON value a client would
    /// send: a number, a boolean, or the wire text itself.
    pub fn default_json(&self, wire: &str) -> Value {
        let text = || Value::String(wire.to_owned());
        match *self {
            ArgKind::Int { .. } => wire
                .trim()
                .parse::<i64>()
                .map_or_else(|_| text(), Value::from),
            ArgKind::Float { .. } => wire
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(|x| serde_json::Number::from_f64(x).map(Value::Number))
                .unwrap_or_else(text),
            ArgKind::Bool => match wire.trim() {
                "1" | "true" => Value::Bool(true),
                "0" | "false" => Value::Bool(false),
                _ => text(),
            },
            ArgKind::Text
            | ArgKind::String
            | ArgKind::Enum(_)
            | ArgKind::List { .. }
            | ArgKind::Date(_)
            | ArgKind::Id(_) => text(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_take_the_json_type_of_their_argument() {
        assert_eq!(ArgKind::Bool.default_json("1"), json!(true));
        assert_eq!(ArgKind::Bool.default_json("0"), json!(false));
        assert_eq!(ArgKind::int(None, None).default_json("100"), json!(100));
        assert_eq!(ArgKind::float(None, None).default_json("5"), json!(5.0));
        assert_eq!(ArgKind::Text.default_json("x"), json!("x"));
    }

    #[test]
    fn json_values_become_wire_text_or_say_what_was_expected() {
        static EXTRAS: ArgKind = ArgKind::Enum(&["url_m", "geo"]);
        let list = ArgKind::list(&EXTRAS, ",");
        assert_eq!(
            list.wire_from_json(&json!(["url_m", "geo"])),
            Ok("url_m,geo".into())
        );
        assert_eq!(ArgKind::Bool.wire_from_json(&json!(false)), Ok("0".into()));
        assert_eq!(
            ArgKind::Bool.wire_from_json(&json!("yes")),
            Err("expected true or false, got a string".into())
        );
        let unix = ArgKind::Date(&[DateFormat::Unix]);
        assert_eq!(
            unix.wire_from_json(&json!(1700000000)),
            Ok("1700000000".into())
        );
        let ymd = ArgKind::Date(&[DateFormat::Ymd]);
        assert!(ymd.wire_from_json(&json!(1700000000)).is_err());
    }
}
