//! Tool arguments (JSON, as the method's schema describes them) into the wire
//! values Flickr takes, checked before anything is sent: JSON types here,
//! then names, required arguments, ranges, enum values and date formats by
//! the registry's own check. Every error names the argument.

use flickr_sdk::registry::{ArgKind, DateFormat, MethodInfo};
use flickr_sdk::Params;
use serde_json::{Map, Value};

/// The parameters for `method` from a tool's `arguments` object; `null`
/// members count as absent.
pub fn to_params(method: &MethodInfo, arguments: &Map<String, Value>) -> Result<Params, String> {
    let mut params = Params::new();
    for (name, value) in arguments {
        if value.is_null() {
            continue;
        }
        let Some(arg) = method.arg(name) else {
            let known: Vec<&str> = method.args.iter().map(|a| a.name).collect();
            return Err(format!(
                "argument `{name}`: {} has no such argument; it takes: {}",
                method.name,
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            ));
        };
        let wire = wire_value(&arg.kind, value)
            .map_err(|reason| format!("argument `{name}`: {reason}"))?;
        params.push(name.clone(), wire);
    }
    method
        .check_args(&params)
        .map_err(|problem| format!("{}: {problem}", method.name))?;
    Ok(params)
}

/// One JSON value as Flickr's wire text for an argument of `kind`.
fn wire_value(kind: &ArgKind, value: &Value) -> Result<String, String> {
    match (kind, value) {
        (ArgKind::Text | ArgKind::String | ArgKind::Enum(_), Value::String(s)) => Ok(s.clone()),
        (ArgKind::Id(_), Value::String(s)) => Ok(s.clone()),
        (ArgKind::Id(_), Value::Number(n)) if n.is_u64() => Ok(n.to_string()),
        (ArgKind::Int { .. }, Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
        (ArgKind::Float { .. }, Value::Number(n)) => Ok(n.to_string()),
        (ArgKind::Bool, Value::Bool(b)) => Ok(if *b { "1" } else { "0" }.to_owned()),
        (ArgKind::List { .. }, Value::String(s)) => Ok(s.clone()),
        (ArgKind::List { item, sep }, Value::Array(items)) => {
            let parts = items
                .iter()
                .enumerate()
                .map(|(i, v)| wire_value(item, v).map_err(|e| format!("item {i}: {e}")))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(parts.join(sep))
        }
        (ArgKind::Date(_), Value::String(s)) => Ok(s.clone()),
        (ArgKind::Date(formats), Value::Number(n))
            if n.is_u64() && formats.contains(&DateFormat::Unix) =>
        {
            Ok(n.to_string())
        }
        (kind, other) => Err(format!(
            "expected {}, got {}",
            expected(kind),
            json_type(other)
        )),
    }
}

fn expected(kind: &ArgKind) -> String {
    match kind {
        ArgKind::Bool => "true or false".to_owned(),
        ArgKind::List { .. } => "an array (or one string of joined items)".to_owned(),
        ArgKind::Id(_) => "an id (a string)".to_owned(),
        other => other.describe(),
    }
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
    use serde_json::json;

    fn method(name: &str) -> &'static MethodInfo {
        flickr_sdk::registry::find(name).expect("in the registry")
    }

    fn params(name: &str, args: Value) -> Result<Params, String> {
        to_params(method(name), args.as_object().expect("an object"))
    }

    #[test]
    fn json_values_become_flickrs_wire_values() {
        let p = params(
            "flickr.photos.search",
            json!({"text": "kittens", "per_page": 10, "extras": ["url_m", "date_taken"],
                   "has_geo": true, "min_upload_date": 1700000000, "page": null}),
        )
        .unwrap();
        assert_eq!(p.get("text"), Some("kittens"));
        assert_eq!(p.get("per_page"), Some("10"));
        assert_eq!(p.get("extras"), Some("url_m,date_taken"));
        assert_eq!(p.get("has_geo"), Some("1"));
        assert_eq!(p.get("min_upload_date"), Some("1700000000"));
        assert_eq!(p.get("page"), None);
        let p = params("flickr.photos.getInfo", json!({"photo_id": 123})).unwrap();
        assert_eq!(p.get("photo_id"), Some("123"));
    }

    #[test]
    fn errors_name_the_argument() {
        let cases = [
            (
                "flickr.photos.search",
                json!({"per_page": "ten"}),
                "argument `per_page`",
            ),
            (
                "flickr.photos.search",
                json!({"per_page": 0}),
                "argument `per_page`",
            ),
            (
                "flickr.photos.search",
                json!({"sort": "sideways"}),
                "argument `sort`",
            ),
            (
                "flickr.photos.search",
                json!({"extras": ["url_m", 3]}),
                "argument `extras`",
            ),
            (
                "flickr.photos.search",
                json!({"colour": "red"}),
                "argument `colour`",
            ),
            ("flickr.photos.getInfo", json!({}), "argument `photo_id`"),
            (
                "flickr.photos.search",
                json!({"has_geo": "yes"}),
                "argument `has_geo`",
            ),
        ];
        for (name, args, want) in cases {
            let err = params(name, args.clone()).unwrap_err();
            assert!(err.contains(want), "{name} {args}: {err}");
        }
    }
}
