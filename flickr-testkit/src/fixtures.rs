//! Answers for the methods the in-memory Flickr does not model: each method's
//! example response (Flickr's documentation example, or a small real recorded
//! body), embedded at build time, picked so that it decodes into the method's
//! generated response type.

use std::collections::HashMap;
use std::sync::OnceLock;

use flickr_core::envelope::{unwrap_jsonp, xml_to_value, Ctx};
use flickr_core::error::ErrorCode;
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
    /// Where it came from, for reports.
    pub source: &'static str,
}

/// Converts one embedded body to Flickr's JSON payload (without `stat`).
fn to_payload(name: &str, xml: bool, body: &str) -> Option<Map<String, Value>> {
    let value = if xml {
        xml_to_value::<ErrorCode>(Ctx::new(name, Perms::None), body.as_bytes()).ok()?
    } else {
        serde_json::from_slice::<Value>(unwrap_jsonp(body.as_bytes())).ok()?
    };
    let Value::Object(mut map) = value else {
        return None;
    };
    map.remove("stat");
    Some(map)
}

fn decodes(method: &MethodInfo, payload: &Map<String, Value>) -> bool {
    let mut envelope = payload.clone();
    envelope.insert("stat".into(), Value::String("ok".into()));
    matches!(
        flickr_api::registry::decode_to_json(method.name, Value::Object(envelope)),
        Some(Ok(_))
    )
}

/// Picks the first candidate that decodes; else the empty answer if that
/// decodes; else the first candidate (reported by [`undecodable`]).
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
            source: "example",
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
            source: "empty",
        };
    }
    first.unwrap_or(Canned {
        json: Map::new(),
        xml: None,
        decodes: false,
        source: "none",
    })
}

fn table() -> &'static HashMap<&'static str, Canned> {
    static TABLE: OnceLock<HashMap<&'static str, Canned>> = OnceLock::new();
    TABLE.get_or_init(|| {
        flickr_api::registry::METHODS
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
pub fn undecodable() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = table()
        .iter()
        .filter(|(_, c)| !c.decodes)
        .map(|(name, _)| *name)
        .collect();
    names.sort_unstable();
    names
}
