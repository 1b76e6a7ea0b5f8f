//! What an answer holds that its typed value does not carry.
//!
//! [`dropped`] decodes a raw answer body (JSON, JSONP or REST XML) the way the
//! client does, serializes the typed value back to JSON and walks the answer
//! beside it. A member of the answer that holds a value — a number, a boolean
//! or text that is not blank, at any depth — where the typed value holds
//! nothing (the member is absent or `null`) is *dropped*. The fixture tests
//! run this over every recorded answer; `flickr call --dropped` runs it on a
//! live one, so a member Flickr adds is reported rather than silently lost.
//!
//! Nothing here is generic: the typed decode is the registry's (compiled once
//! per response type whether or not this is used), and the walk compares two
//! JSON trees. How members are matched:
//! - by name, or by another wire name the spec reads the field under
//!   (`alias`: `per_page` fills `perpage`);
//! - one object where the type declares a list matches the list's first item;
//! - text read from `{"_content": …}` keeps `_content`, so the wrapper's other
//!   members are matched against nothing;
//! - an absent member and a `null` one are the same: nothing.

use crate::registry;
use flickr_core::__private::envelope::{decode_body, Called};
use flickr_core::error::Error;
use flickr_core::registry::Perms;
use serde_json::{Map, Value};
use std::fmt;

/// A member of an answer that the typed value does not carry.
#[derive(Debug, Clone, PartialEq)]
pub struct DroppedMember {
    /// Where it is, from the top of the answer, list items by index:
    /// `photo.notes.note[0].pro_badge`.
    pub path: String,
    /// What Flickr sent there (REST XML in Flickr's JSON shape, as the
    /// client reads it).
    pub value: Value,
}

impl DroppedMember {
    /// The path without list indexes (`photo.notes.note[].pro_badge`): one
    /// name for the same member of every item of a list.
    pub fn pattern(&self) -> String {
        let mut out = String::with_capacity(self.path.len());
        let mut in_index = false;
        for c in self.path.chars() {
            match c {
                '[' => {
                    in_index = true;
                    out.push_str("[]");
                }
                ']' if in_index => in_index = false,
                _ if in_index => {}
                c => out.push(c),
            }
        }
        out
    }

    /// How many values the member holds (numbers, booleans, text that is not
    /// blank), the measure of what was lost.
    pub fn values(&self) -> usize {
        DroppedMember::values_in(&self.value)
    }

    /// How many values `value` holds, counted as [`DroppedMember::values`]
    /// counts them: a scalar that is not `null` and not blank text (empty,
    /// whitespace, or dots standing for "more of the same" in Flickr's
    /// documented examples).
    pub fn values_in(value: &Value) -> usize {
        match value {
            Value::Null => 0,
            Value::String(s) => usize::from(!is_blank(s)),
            Value::Bool(_) | Value::Number(_) => 1,
            Value::Array(items) => items.iter().map(DroppedMember::values_in).sum(),
            Value::Object(map) => map.values().map(DroppedMember::values_in).sum(),
        }
    }
}

impl fmt::Display for DroppedMember {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {}", self.path, self.value)
    }
}

/// Every member of `body`, an answer of `method`, that the typed response
/// does not carry, in the order of the answer.
///
/// `body` is the answer as received (JSON, JSONP or REST XML); `method` is
/// matched without regard to case. Errors: the method is not in this build
/// (unknown, or its namespace feature is off), the body is not a successful
/// answer (`stat=fail` is [`Error::Api`]), or it does not decode into the
/// method's response type ([`Error::Decode`], naming the field).
///
/// ```
/// # #[cfg(feature = "tags")] {
/// let body = br#"{"hottags":{"tag":[{"_content":"sea","score":"9"}]},
///     "period":"day","count":1,"mood":"sunny","stat":"ok"}"#;
/// let dropped = flickr_sdk::dropped("flickr.tags.getHotList", body).unwrap();
/// assert_eq!(dropped.len(), 1);
/// assert_eq!(dropped[0].path, "mood");
/// assert_eq!(dropped[0].value, "sunny");
/// # }
/// ```
pub fn dropped(method: &str, body: &[u8]) -> Result<Vec<DroppedMember>, Error> {
    let unknown = || Error::InvalidArgument {
        method: method.to_owned(),
        arg: "method".to_owned(),
        reason: "not a method of this build (unknown, or its namespace feature is off)".to_owned(),
    };
    let info = registry::find(method).ok_or_else(unknown)?;
    let mut answer: Value = decode_body(Called::new(info.name, Perms::None), body)?;
    let decoded = registry::decode_typed(info.name, &answer.to_string()).ok_or_else(unknown)?;
    let typed = decoded.value.map_err(|e| match e {
        Error::Decode(d) => Error::from((*d).in_method(info.name)),
        other => other,
    })?;
    let typed = match decoded.root {
        Some(root) => Value::Object(Map::from_iter([(root.to_owned(), typed)])),
        None => typed,
    };
    if let Some(map) = answer.as_object_mut() {
        map.remove("stat");
    }
    let mut walk = Walk::default();
    walk.beside(&answer, &typed);
    Ok(walk.dropped)
}

/// One step of a path: a member's name or a list item's index.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The walk of an answer beside its typed value.
#[derive(Default)]
struct Walk<'a> {
    path: Vec<Step<'a>>,
    dropped: Vec<DroppedMember>,
}

impl<'a> Walk<'a> {
    /// Walks `raw` beside `typed`, the typed value at the same place.
    fn beside(&mut self, raw: &'a Value, typed: &Value) {
        if typed.is_null() {
            return self.nothing_beside(raw);
        }
        match (raw, typed) {
            (Value::Array(items), _) => {
                let typed_items = typed.as_array().map(Vec::as_slice).unwrap_or_default();
                for (i, item) in items.iter().enumerate() {
                    self.path.push(Step::Index(i));
                    self.beside(item, typed_items.get(i).unwrap_or(&Value::Null));
                    self.path.pop();
                }
            }
            // One object where the type declares a list: its first item.
            (Value::Object(_), Value::Array(items)) => {
                self.beside(raw, items.first().unwrap_or(&Value::Null));
            }
            (Value::Object(map), Value::Object(fields)) => {
                for (k, v) in map {
                    self.path.push(Step::Key(k));
                    self.beside(v, field(fields, k).unwrap_or(&Value::Null));
                    self.path.pop();
                }
            }
            // Text read from `{"_content": …}`: the other members are lost.
            (Value::Object(map), scalar) => {
                for (k, v) in map {
                    self.path.push(Step::Key(k));
                    let beside = if k == "_content" {
                        scalar
                    } else {
                        &Value::Null
                    };
                    self.beside(v, beside);
                    self.path.pop();
                }
            }
            // A value the typed value holds.
            _ => {}
        }
    }

    /// `raw` where the typed value holds nothing: dropped if it holds a value.
    fn nothing_beside(&mut self, raw: &'a Value) {
        if self.path.is_empty() {
            // The top of the answer: each of its members on its own.
            if let Value::Object(map) = raw {
                for (k, v) in map {
                    self.path.push(Step::Key(k));
                    self.nothing_beside(v);
                    self.path.pop();
                }
                return;
            }
        }
        if DroppedMember::values_in(raw) > 0 {
            self.dropped.push(DroppedMember {
                path: self.path_text(),
                value: raw.clone(),
            });
        }
    }

    fn path_text(&self) -> String {
        let mut out = String::new();
        for step in &self.path {
            match step {
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Step::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

/// The typed member a raw member `name` fills: the member of that name, or
/// the one the spec reads under `name` as an alias; `None` if it holds nothing.
fn field<'t>(fields: &'t Map<String, Value>, name: &str) -> Option<&'t Value> {
    let present = |k: &str| fields.get(k).filter(|v| !v.is_null());
    present(name).or_else(|| {
        registry::WIRE_ALIASES
            .iter()
            .filter(|(alias, _)| *alias == name)
            .find_map(|(_, wire)| present(wire))
    })
}

/// Text that holds nothing: empty, whitespace, or the dots (`...`) Flickr's
/// documented examples write for "more of the same".
fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn walk(raw: Value, typed: Value) -> Vec<String> {
        let mut w = Walk::default();
        w.beside(&raw, &typed);
        w.dropped.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn members_the_typed_value_lacks_are_listed_with_their_path() {
        let raw = json!({"photo": {"id": "1", "video": {"ready": 1}, "notes": {"note": [
            {"id": "n1", "pro_badge": "standard"}, {"id": "n2"}]}}});
        let typed = json!({"photo": {"id": "1", "notes": {"note": [{"id": "n1"}, {"id": "n2"}]}}});
        assert_eq!(
            walk(raw, typed),
            [
                r#"photo.notes.note[0].pro_badge = "standard""#,
                r#"photo.video = {"ready":1}"#,
            ]
        );
    }

    #[test]
    fn absent_and_null_are_the_same_and_empty_values_are_not_dropped() {
        let raw = json!({"a": {"x": "1", "blank": " ", "none": null, "empty": {}, "list": [],
            "wrapped": {"_content": ""}, "dots": "..."}});
        let with_nulls = json!({"a": {"x": null}});
        let without = json!({"a": {}});
        assert_eq!(walk(raw.clone(), with_nulls), [r#"a.x = "1""#]);
        assert_eq!(walk(raw, without), [r#"a.x = "1""#]);
    }

    #[test]
    fn aliases_lists_of_one_and_content_wrappers_match_what_they_fill() {
        // `per_page` is read into `perpage` (an alias in the spec).
        let raw = json!({"photos": {"per_page": "10", "photo": {"id": "1"},
            "title": {"_content": "t", "lang": "en"}}});
        let typed = json!({"photos": {"perpage": 10, "photo": [{"id": "1"}], "title": "t"}});
        assert_eq!(walk(raw, typed), [r#"photos.title.lang = "en""#]);
    }

    #[test]
    fn list_items_beyond_the_typed_list_are_dropped_one_by_one() {
        let raw = json!({"l": [{"id": "1"}, {"id": "2"}], "n": [1, 2]});
        let typed = json!({"l": [{"id": "1"}], "n": [1]});
        assert_eq!(walk(raw, typed), [r#"l[1] = {"id":"2"}"#, "n[1] = 2"]);
    }

    #[test]
    fn patterns_leave_the_indexes_out_and_values_count_what_was_lost() {
        let m = DroppedMember {
            path: "photos.photo[12].tags[3].raw".into(),
            value: json!({"a": "x", "b": "", "c": [1, true, null, "..."]}),
        };
        assert_eq!(m.pattern(), "photos.photo[].tags[].raw");
        assert_eq!(m.values(), 3);
    }

    #[test]
    fn errors_name_what_went_wrong() {
        let e = dropped("flickr.no.suchMethod", br#"{"stat":"ok"}"#).unwrap_err();
        assert!(e.to_string().contains("flickr.no.suchMethod"), "{e}");
    }

    #[test]
    #[cfg(feature = "photos")]
    fn bodies_that_are_not_a_successful_answer_are_errors() {
        let e = dropped("flickr.photos.getInfo", b"<html>").unwrap_err();
        assert!(matches!(e, Error::Decode(_)), "{e}");
        let fail = br#"{"stat":"fail","code":1,"message":"Photo not found"}"#;
        let e = dropped("flickr.photos.getInfo", fail).unwrap_err();
        assert!(matches!(e, Error::Api(_)), "{e}");
        let e = dropped(
            "flickr.photos.getInfo",
            br#"{"photo":{"id":[1]},"stat":"ok"}"#,
        )
        .unwrap_err();
        let e = e.to_string();
        assert!(e.contains("flickr.photos.getInfo at `photo.id`"), "{e}");
    }
}
