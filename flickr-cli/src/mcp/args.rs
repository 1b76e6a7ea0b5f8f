//! Tool arguments (JSON, as the method's schema describes them) into the wire
//! values Flickr takes, checked before anything is sent: JSON types here,
//! then names, required arguments, ranges, enum values and date formats by
//! the registry's own check. Every error names the argument.

use flickr_sdk::registry::MethodInfo;
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
        let wire = arg
            .kind
            .wire_from_json(value)
            .map_err(|reason| format!("argument `{name}`: {reason}"))?;
        params.push(name.clone(), wire);
    }
    method
        .check_args(&params)
        .map_err(|problem| format!("{}: {problem}", method.name))?;
    Ok(params)
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
