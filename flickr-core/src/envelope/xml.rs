//! XML `<rsp>` answers in the shape Flickr's JSON has for the same answer
//! (see the rules in [`super`]), so one set of serde types decodes both.

use super::Called;
use crate::error::{excerpt, excerpt_at, Error};
use quick_xml::events::{BytesStart, Event};
use serde_json::{Map, Value};

/// far shallower; hostile input must not build a value too deep to drop.
const MAX_XML_DEPTH: usize = 128;

struct Frame {
    name: String,
    map: Map<String, Value>,
    text: String,
    has_children: bool,
    has_attrs: bool,
}

impl Frame {
    fn open(e: &BytesStart<'_>) -> Result<Frame, String> {
        let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        let mut map = Map::new();
        for attr in e.attributes() {
            let attr = attr.map_err(|err| format!("bad attribute in <{name}>: {err}"))?;
            let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
            // Unknown entities (`&nbsp;` from an HTML-ish value) keep their raw text.
            let value = match attr.unescape_value() {
                Ok(v) => v.into_owned(),
                Err(_) => String::from_utf8_lossy(&attr.value).into_owned(),
            };
            map.insert(key, Value::String(value));
        }
        let has_attrs = !map.is_empty();
        Ok(Frame {
            name,
            map,
            text: String::new(),
            has_children: false,
            has_attrs,
        })
    }

    fn close(self) -> (String, Value) {
        let Frame {
            name,
            mut map,
            text,
            has_children,
            has_attrs,
        } = self;
        // A bare element is text (even empty); otherwise whitespace between
        // children is layout, not content.
        if (!has_children && !has_attrs) || !text.trim().is_empty() {
            map.insert("_content".into(), Value::String(text));
        }
        (name, Value::Object(map))
    }
}

fn insert_child(parent: &mut Frame, name: String, value: Value) {
    parent.has_children = true;
    match parent.map.get_mut(&name) {
        None => {
            parent.map.insert(name, value);
        }
        Some(Value::Array(items)) => items.push(value),
        Some(existing) => {
            let first = existing.take();
            *existing = Value::Array(vec![first, value]);
        }
    }
}

/// An XML `<rsp>` document in Flickr's JSON shape (see the module docs),
/// with its `stat` and, for a failure, the `<err>`'s code and message: read,
/// not yet judged ([`super::xml_to_value`] judges).
pub(super) struct Rsp {
    /// The `stat` attribute.
    pub stat: Option<String>,
    /// `<err code="…">` of a failure.
    pub code: Option<String>,
    /// `<err msg="…">` of a failure.
    pub msg: Option<String>,
    /// The document without `stat`.
    pub value: Value,
}

/// Reads an XML `<rsp>` document; fails only when the body is not one.
pub(super) fn read_rsp(ctx: Called<'_>, body: &[u8]) -> Result<Rsp, Error> {
    let root =
        parse_xml(body).map_err(|(msg, at)| ctx.unparsable("", msg, excerpt_at(body, at)))?;
    let (name, root) = root;
    if name != "rsp" {
        let what = if name.eq_ignore_ascii_case("html") {
            "an HTML page"
        } else {
            "another XML document"
        };
        return Err(ctx.unparsable(
            "",
            format!("expected Flickr's <rsp> document, got {what} (<{name}>)"),
            excerpt(body),
        ));
    }
    let Value::Object(mut map) = root else {
        return Err(ctx.decode("", "empty <rsp>", excerpt(body)));
    };
    let stat = match map.remove("stat") {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    map.remove("_content");
    let (mut code, mut msg) = (None, None);
    if stat.as_deref() == Some("fail") {
        let err = match map.get("err") {
            Some(Value::Array(items)) => items.first(),
            other => other,
        };
        let attr = |k: &str| {
            err.and_then(|e| e.get(k))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        code = attr("code");
        msg = attr("msg");
    }
    Ok(Rsp {
        stat,
        code,
        msg,
        value: Value::Object(map),
    })
}

/// Parses an XML document into (root name, value). Errors carry a byte offset.
fn parse_xml(body: &[u8]) -> Result<(String, Value), (String, usize)> {
    let mut reader = quick_xml::Reader::from_reader(body);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<(String, Value)> = None;
    loop {
        let pos = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| (format!("the body is not valid XML: {e}"), pos))?;
        match event {
            Event::Start(e) => {
                if root.is_some() {
                    return Err(("more than one root element".into(), pos));
                }
                if stack.len() >= MAX_XML_DEPTH {
                    return Err((
                        format!("XML nested deeper than {MAX_XML_DEPTH} levels"),
                        pos,
                    ));
                }
                stack.push(Frame::open(&e).map_err(|m| (m, pos))?);
            }
            Event::Empty(e) => {
                if root.is_some() {
                    return Err(("more than one root element".into(), pos));
                }
                let (name, value) = Frame::open(&e).map_err(|m| (m, pos))?.close();
                match stack.last_mut() {
                    Some(parent) => insert_child(parent, name, value),
                    None => root = Some((name, value)),
                }
            }
            Event::End(_) => {
                // quick-xml checks that end tags match their start tags.
                let Some(frame) = stack.pop() else {
                    return Err(("unexpected end tag".into(), pos));
                };
                let (name, value) = frame.close();
                match stack.last_mut() {
                    Some(parent) => insert_child(parent, name, value),
                    None => root = Some((name, value)),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    match t.unescape() {
                        Ok(s) => top.text.push_str(&s),
                        Err(_) => top.text.push_str(&String::from_utf8_lossy(&t)),
                    }
                } else if !t.iter().all(u8::is_ascii_whitespace) {
                    return Err(("text outside the root element".into(), pos));
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&c));
                }
            }
            Event::Eof => break,
            // Declaration, comments, processing instructions, doctype.
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err((
            "the XML is truncated (unclosed elements)".into(),
            body.len(),
        ));
    }
    root.ok_or_else(|| ("no root element".to_owned(), 0))
}
