//! Writing answers the way Flickr does: JSON (`format=json&nojsoncallback=1`),
//! JSONP (`jsonFlickrApi(…)`, or the `jsoncallback` name), REST XML
//! (`<rsp stat="ok">`), upload XML and form-encoded OAuth replies.
//!
//! Handlers build Flickr's JSON shape; [`ok`] turns it into the XML
//! Flickr would send for the same answer (scalars become attributes,
//! `_content` becomes text, objects and arrays become child elements), the
//! inverse of flickr-core's XML-to-JSON conversion.

use bytes::Bytes;
use http::{header, Response, StatusCode};
use http_body_util::Full;
use serde_json::{Map, Value};

/// The response type every handler returns.
pub type Reply = Response<Full<Bytes>>;

/// The format a REST caller asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// JSON; `callback` is the JSONP function name, `None` with `nojsoncallback=1`.
    Json {
        /// JSONP wrapper name.
        callback: Option<String>,
    },
    /// REST XML (Flickr's default).
    Rest,
}

impl Format {
    /// Reads `format`, `nojsoncallback` and `jsoncallback`; `Err` carries an unknown format name.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Result<Format, String> {
        match get("format").as_deref() {
            None | Some("") | Some("rest") | Some("xml") => Ok(Format::Rest),
            Some("json") => {
                let nocallback = get("nojsoncallback").is_some_and(|v| v == "1" || v == "true");
                let callback = if nocallback {
                    None
                } else {
                    Some(
                        get("jsoncallback")
                            .filter(|c| {
                                !c.is_empty()
                                    && c.chars()
                                        .all(|ch| ch.is_ascii_alphanumeric() || "_.$".contains(ch))
                            })
                            .unwrap_or_else(|| "jsonFlickrApi".to_owned()),
                    )
                };
                Ok(Format::Json { callback })
            }
            Some(other) => Err(other.to_owned()),
        }
    }
}

/// A plain response with a body and content type.
pub fn response(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Reply {
    let mut resp = Response::new(Full::new(body.into()));
    *resp.status_mut() = status;
    if let Ok(v) = header::HeaderValue::from_str(content_type) {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    resp
}

/// A successful REST answer: `payload` holds the members beside `stat`.
pub fn ok(format: &Format, payload: Map<String, Value>) -> Reply {
    match format {
        Format::Json { callback } => {
            // Flickr writes `stat` last; clients may rely on it (flickr-core's fast path does).
            let members = Value::Object(payload).to_string();
            let json = match members.strip_suffix('}') {
                Some("{") | None => "{\"stat\":\"ok\"}".to_owned(),
                Some(open) => format!("{open},\"stat\":\"ok\"}}"),
            };
            json_text(callback.as_deref(), json)
        }
        Format::Rest => {
            let mut xml =
                String::from("<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"ok\">\n");
            for (name, value) in &payload {
                write_element(&mut xml, name, value);
                xml.push('\n');
            }
            xml.push_str("</rsp>\n");
            response(StatusCode::OK, "text/xml; charset=utf-8", xml)
        }
    }
}

/// A REST XML document already in Flickr's `<rsp>` form (fixtures).
pub fn raw_xml(xml: &'static str) -> Reply {
    response(
        StatusCode::OK,
        "text/xml; charset=utf-8",
        Bytes::from_static(xml.as_bytes()),
    )
}

/// A failed REST answer (HTTP 200, `stat=fail`), as Flickr sends it.
pub fn fail(format: &Format, code: u32, message: &str) -> Reply {
    match format {
        Format::Json { callback } => {
            let json = format!(
                "{{\"stat\":\"fail\",\"code\":{code},\"message\":{}}}",
                Value::String(message.to_owned())
            );
            json_text(callback.as_deref(), json)
        }
        Format::Rest => response(
            StatusCode::OK,
            "text/xml; charset=utf-8",
            format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"fail\">\n\t<err code=\"{code}\" msg=\"{}\" />\n</rsp>\n",
                escape(message)
            ),
        ),
    }
}

fn json_text(callback: Option<&str>, json: String) -> Reply {
    match callback {
        None => response(StatusCode::OK, "application/json; charset=utf-8", json),
        Some(name) => response(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            format!("{name}({json})"),
        ),
    }
}

/// An upload or replace answer: `inner` is the XML inside `<rsp stat="ok">`.
pub fn upload_ok(inner: &str) -> Reply {
    response(
        StatusCode::OK,
        "text/xml; charset=utf-8",
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"ok\">\n{inner}\n</rsp>\n"
        ),
    )
}

/// A failed upload or replace (always XML).
pub fn upload_fail(code: u32, message: &str) -> Reply {
    fail(&Format::Rest, code, message)
}

/// An OAuth token-endpoint reply: form-encoded pairs.
pub fn form(status: StatusCode, pairs: &[(&str, &str)]) -> Reply {
    let body = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&");
    response(status, "text/plain; charset=utf-8", body)
}

/// RFC 3986 percent-encoding (unreserved characters kept).
pub fn enc(s: &str) -> String {
    flickr_core::signer::percent_encode(s)
}

/// Escapes text for XML attributes and content.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "1" } else { "0" }.to_owned()),
        _ => None,
    }
}

/// Converts one JSON member into XML (see the module docs).
#[cfg(test)]
fn json_to_xml(name: &str, value: &Value) -> String {
    let mut out = String::new();
    write_element(&mut out, name, value);
    out
}

fn write_element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Array(items) => {
            for item in items {
                write_element(out, name, item);
            }
        }
        Value::Object(map) => {
            out.push('<');
            out.push_str(name);
            let mut children = Vec::new();
            let mut text = None;
            for (k, v) in map {
                if k == "_content" {
                    text = scalar_text(v);
                    continue;
                }
                match v {
                    Value::Object(_) | Value::Array(_) => children.push((k, v)),
                    Value::Null => {}
                    scalar => {
                        if let Some(t) = scalar_text(scalar) {
                            out.push(' ');
                            out.push_str(k);
                            out.push_str("=\"");
                            out.push_str(&escape(&t));
                            out.push('"');
                        }
                    }
                }
            }
            if children.is_empty() && text.is_none() {
                out.push_str(" />");
                return;
            }
            out.push('>');
            if let Some(t) = text {
                out.push_str(&escape(&t));
            }
            for (k, v) in children {
                write_element(out, k, v);
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        Value::Null => {}
        scalar => {
            let t = scalar_text(scalar).unwrap_or_default();
            out.push_str(&format!("<{name}>{}</{name}>", escape(&t)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_becomes_flickr_shaped_xml() {
        let v = json!({"id": "1", "title": {"_content": "a & b"}, "tag": [{"raw": "x", "_content": "x"}, {"raw": "y"}], "n": 3});
        assert_eq!(
            json_to_xml("photo", &v),
            "<photo id=\"1\" n=\"3\"><tag raw=\"x\">x</tag><tag raw=\"y\" /><title>a &amp; b</title></photo>"
        );
    }

    #[test]
    fn formats_follow_flickr_rules() {
        let p = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Format::from_params(p(&[])), Ok(Format::Rest));
        assert_eq!(
            Format::from_params(p(&[("format", "json"), ("nojsoncallback", "1")])),
            Ok(Format::Json { callback: None })
        );
        assert_eq!(
            Format::from_params(p(&[("format", "json")])),
            Ok(Format::Json {
                callback: Some("jsonFlickrApi".into())
            })
        );
        assert_eq!(
            Format::from_params(p(&[("format", "yaml")])),
            Err("yaml".into())
        );
    }
}
