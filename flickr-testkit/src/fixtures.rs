//! Answers for the methods the in-memory Flickr does not model: each method's
//! example response (Flickr's documentation example, or a small real recorded
//! body), embedded at build time, picked so that it decodes into the method's
//! generated response type.

use std::collections::HashMap;
use std::sync::OnceLock;

use flickr_core::__private::envelope::{unwrap_jsonp, xml_to_value, Called};
use flickr_core::registry::{MethodInfo, Perms};
use serde_json::{Map, Value};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
}

/// The answer chosen for one method.
#[derive(Debug, Clone)]
pub struct Canned {
    /// The payload in Flickr's JSON shape (members beside `stat`).
    pub json: Map<String, Value>,
    /// The original XML document, when the source was XML.
    pub xml: Option<&'static str>,
    /// Whether it decodes into the method's generated type.
    pub decodes: bool,
}

/// Converts one embedded body to Flickr's JSON payload (without `stat`).
fn to_payload(name: &str, xml: bool, body: &str) -> Option<Map<String, Value>> {
    let value = if xml {
        xml_to_value(Called::new(name, Perms::None), body.as_bytes()).ok()?
    } else {
        serde_json::from_slice::<Value>(unwrap_jsonp(body.as_bytes())).ok()?
    };
    let Value::Object(mut map) = value else {
        return None;
    };
    map.remove("stat");
    Some(map)
}

fn decode_error(method: &MethodInfo, payload: &Map<String, Value>) -> Option<String> {
    let mut envelope = payload.clone();
    envelope.insert("stat".into(), Value::String("ok".into()));
    match flickr_sdk::registry::decode_to_json(method.name, &Value::Object(envelope).to_string()) {
        Some(Ok(_)) | None => None,
        Some(Err(e)) => Some(e),
    }
}

fn decodes(method: &MethodInfo, payload: &Map<String, Value>) -> bool {
    decode_error(method, payload).is_none()
}

/// The text between the first pair of backticks after `marker`.
fn quoted_after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let rest = &text[text.find(marker)? + marker.len()..];
    let start = rest.find('`')? + 1;
    let len = rest[start..].find('`')?;
    Some(&rest[start..start + len])
}

/// Builds the smallest answer the generated type accepts, guided by its
/// decode errors: a missing root member becomes `{}`, a missing field `"0"`
/// (Flickr's quirk deserializers read numbers, flags and ids from strings).
fn minimal(method: &MethodInfo) -> Option<Map<String, Value>> {
    let mut payload = Map::new();
    for _ in 0..16 {
        let Some(err) = decode_error(method, &payload) else {
            return Some(payload);
        };
        if let Some(root) = quoted_after(&err, "has no ") {
            payload.insert(root.to_owned(), Value::Object(Map::new()));
            continue;
        }
        let (Some(path), Some(field)) = (
            quoted_after(&err, "at "),
            quoted_after(&err, "missing field "),
        ) else {
            return None;
        };
        let mut node = &mut payload;
        for part in path.split('.').filter(|p| !p.is_empty() && *p != "?") {
            let next = node
                .entry(part.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            let Value::Object(map) = next else {
                return None;
            };
            node = map;
        }
        if node.contains_key(field) {
            return None;
        }
        node.insert(field.to_owned(), Value::String("0".to_owned()));
    }
    None
}

/// Picks the first candidate that decodes; else the empty answer if that
/// decodes; else the first candidate (reported by [`undecodable_canned_answers`]).
fn choose(method: &MethodInfo) -> Canned {
    let key = method.name.to_lowercase();
    let mut first: Option<Canned> = None;
    for (name, xml, body) in embedded::FIXTURES.iter().filter(|(m, _, _)| *m == key) {
        let Some(json) = to_payload(name, *xml, body) else {
            continue;
        };
        let ok = decodes(method, &json);
        let canned = Canned {
            json,
            xml: xml.then_some(*body),
            decodes: ok,
        };
        if ok {
            return canned;
        }
        first.get_or_insert(canned);
    }
    let empty = Map::new();
    if decodes(method, &empty) {
        return Canned {
            json: empty,
            xml: None,
            decodes: true,
        };
    }
    if let Some(json) = minimal(method) {
        return Canned {
            json,
            xml: None,
            decodes: true,
        };
    }
    first.unwrap_or(Canned {
        json: Map::new(),
        xml: None,
        decodes: false,
    })
}

fn table() -> &'static HashMap<&'static str, Canned> {
    static TABLE: OnceLock<HashMap<&'static str, Canned>> = OnceLock::new();
    TABLE.get_or_init(|| {
        flickr_sdk::registry::METHODS
            .iter()
            .map(|m| (m.name, choose(m)))
            .collect()
    })
}

/// The canned answer for `method`.
pub fn canned(method: &MethodInfo) -> Option<&'static Canned> {
    table().get(method.name)
}

/// Methods whose canned answer does not decode into their generated type.
pub fn undecodable_canned_answers() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = table()
        .iter()
        .filter(|(_, c)| !c.decodes)
        .map(|(name, _)| *name)
        .collect();
    names.sort_unstable();
    names
}
