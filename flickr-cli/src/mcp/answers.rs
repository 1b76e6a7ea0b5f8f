//! Answers an assistant can use: clean JSON (no nulls), long lists cut at a
//! stated limit with the page and total, and failures as tool errors — a
//! Flickr error with the method's error variant, code, message and the CLI's
//! hint.

use flickr_sdk::error::Error;
use flickr_sdk::registry::{MethodInfo, Perms};
use rmcp::model::{CallToolResult, ContentBlock};
use serde_json::{json, Map, Value};

/// A successful answer: `value` cleaned and cut, as JSON text and as
/// structured content.
pub fn success(value: Value, limit: usize) -> CallToolResult {
    let value = cut_lists(value, limit);
    let mut result = CallToolResult::success(vec![ContentBlock::text(value.to_string())]);
    if value.is_object() {
        result.structured_content = Some(value);
    }
    result
}

/// A tool error with a plain message (bad arguments, a refused call).
pub fn refusal(message: impl Into<String>) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(message.into())])
}

/// A failed call of `method` as a tool error; a Flickr error carries its
/// variant, code, message and hint.
pub fn failure(method: &MethodInfo, err: &Error) -> CallToolResult {
    let Error::Api(api) = err else {
        return refusal(format!("{}: {err}", method.name));
    };
    let info = method.error(api.code);
    let mut hint = crate::fail::api_hint(api.code, api.had_token)
        .map(|h| h.trim_start().trim_start_matches("hint: ").to_owned());
    if hint.is_none() && api.code == 99 && method.perms > Perms::Read {
        hint = Some(format!(
            "the token was granted less than the {} permission {} needs: run \
             `flickr auth login --perms {}` for this profile",
            method.perms.as_str(),
            method.name,
            method.perms.as_str()
        ));
    }
    let mut body = Map::new();
    body.insert("method".into(), json!(method.name));
    if let Some(i) = info {
        body.insert("error".into(), json!(i.name));
    }
    body.insert("code".into(), json!(api.code));
    body.insert("message".into(), json!(api.message));
    if let Some(doc) = info.map(|i| i.doc).filter(|d| !d.is_empty()) {
        body.insert("meaning".into(), json!(doc));
    }
    if let Some(hint) = hint {
        body.insert("hint".into(), json!(hint));
    }
    let body = Value::Object(body);
    let mut result = CallToolResult::error(vec![ContentBlock::text(body.to_string())]);
    result.structured_content = Some(body);
    result
}

/// Cuts every list longer than `limit` to its first `limit` items and says
/// so in `_cut`: where, how many there were, and the page, pages and total
/// of the list's page object so the assistant can ask for more.
pub fn cut_lists(value: Value, limit: usize) -> Value {
    let mut cuts = Vec::new();
    let mut value = cut(value, limit, "", &mut cuts);
    if let (false, Value::Object(map)) = (cuts.is_empty(), &mut value) {
        map.insert(
            "_cut".to_owned(),
            json!({
                "limit": limit,
                "lists": cuts,
                "more": "ask for the next page (page=N+1), or a smaller per_page",
            }),
        );
    }
    value
}

fn cut(value: Value, limit: usize, path: &str, cuts: &mut Vec<Value>) -> Value {
    match value {
        Value::Object(map) => {
            let paging: Map<String, Value> = map
                .iter()
                .filter(|(k, _)| {
                    matches!(
                        k.as_str(),
                        "page" | "pages" | "total" | "perpage" | "per_page"
                    )
                })
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let mut out = Map::new();
            for (k, v) in map {
                let here = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                let v = match v {
                    Value::Array(items) if items.len() > limit => {
                        let mut note = json!({"path": here, "shown": limit, "had": items.len()});
                        for (pk, pv) in &paging {
                            note[pk] = pv.clone();
                        }
                        cuts.push(note);
                        Value::Array(
                            items
                                .into_iter()
                                .take(limit)
                                .map(|i| cut(i, limit, &here, cuts))
                                .collect(),
                        )
                    }
                    other => cut(other, limit, &here, cuts),
                };
                out.insert(k, v);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|i| cut(i, limit, path, cuts))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_cut_with_page_and_total() {
        let photos: Vec<Value> = (0..7).map(|i| json!({"id": i.to_string()})).collect();
        let v = json!({"photos": {"page": 2, "pages": 9, "total": "60", "photo": photos}});
        let out = cut_lists(v, 3);
        assert_eq!(out["photos"]["photo"].as_array().unwrap().len(), 3);
        let note = &out["_cut"]["lists"][0];
        assert_eq!(note["path"], "photos.photo");
        assert_eq!(
            (note["shown"].clone(), note["had"].clone()),
            (json!(3), json!(7))
        );
        assert_eq!(
            (
                note["page"].clone(),
                note["pages"].clone(),
                note["total"].clone()
            ),
            (json!(2), json!(9), json!("60"))
        );
        assert_eq!(out["_cut"]["limit"], 3);
    }

    #[test]
    fn short_lists_are_left_alone() {
        // No nulls to drop: the typed answers leave absent members out when
        // serialized, so the answer passes as it is.
        let v = json!({"photos": {"photo": [{"id": "1", "title": "a"}]}});
        let r = success(v.clone(), 3);
        let s = r.structured_content.unwrap();
        assert_eq!(s, v);
        assert!(s.get("_cut").is_none());
        assert_eq!(r.is_error, Some(false));
    }
}
