//! Flickr's answer envelopes: JSON, JSONP, XML `<rsp>`, upload/replace XML
//! and form-encoded OAuth replies.
//!
//! REST answers carry `stat` (`ok` or `fail` with `code` and `message`).
//! JSON is decoded straight into the caller's type when the body ends with
//! `"stat":"ok"}` (Flickr always writes `stat` last), so a successful call
//! parses once. Anything else is parsed and checked. XML is converted into the
//! shape Flickr's JSON has for the same answer, so one set of serde types
//! decodes both:
//!
//! - attributes → string values;
//! - an element with only text → `{"_content": text}`;
//! - an element with attributes and text → the attributes plus `_content`;
//! - repeated children → an array (a single child stays an object: the `de::list`
//!   helper accepts both);
//! - `stat` removed from the root.
//!
//! Every decode failure is an [`Error::Decode`] naming the method, the JSON
//! path of the failing field and an excerpt of the body.

use crate::error::{
    excerpt, excerpt_at, ApiError, DecodeError, Error, ErrorCode, HttpError, MethodError,
    OAuthError,
};
use crate::ids::{PhotoId, TicketId};
use crate::registry::Perms;
use crate::transport::HttpResponse;
use bytes::Bytes;
use quick_xml::events::{BytesStart, Event};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;
use std::time::SystemTime;

/// The response format asked of Flickr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// `format=json&nojsoncallback=1` (the default, fastest to decode).
    #[default]
    Json,
    /// `format=rest`: XML, converted to Flickr's JSON shape before decoding.
    Rest,
}

impl Format {
    /// The value of Flickr's `format` argument.
    pub fn as_param(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Rest => "rest",
        }
    }
}

/// Who was called, for error messages.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// Method name (or `upload`, `replace`, `oauth.request_token`, …).
    pub method: &'a str,
    /// Permission the method needs (explains code 99).
    pub perms: Perms,
}

impl<'a> Ctx<'a> {
    /// A context for `method` needing `perms`.
    pub fn new(method: &'a str, perms: Perms) -> Self {
        Ctx { method, perms }
    }

    fn decode<E>(
        &self,
        path: impl Into<String>,
        message: impl Into<String>,
        body_excerpt: String,
    ) -> Error<E> {
        Error::Decode(DecodeError {
            method: self.method.to_owned(),
            path: path.into(),
            message: message.into(),
            body_excerpt,
        })
    }

    fn api<E: MethodError>(&self, code: u32, message: String) -> Error<E> {
        Error::Api(ApiError {
            method: self.method.to_owned(),
            code,
            kind: E::from_code(code, &message),
            message,
            needed_perms: self.perms,
        })
    }
}

/// What a body looks like, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Json,
    Jsonp,
    Xml,
    Form,
    Empty,
    Other,
}

const JSONP_PREFIX: &[u8] = b"jsonFlickrApi(";

fn sniff(body: &[u8]) -> Shape {
    match body.first() {
        None => Shape::Empty,
        Some(b'{') => Shape::Json,
        Some(b'<') => Shape::Xml,
        _ if body.starts_with(JSONP_PREFIX) => Shape::Jsonp,
        _ if body.starts_with(b"oauth_problem=") => Shape::Form,
        _ => Shape::Other,
    }
}

fn trim(body: &[u8]) -> &[u8] {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    body.trim_ascii()
}

/// Strips `jsonFlickrApi(` … `)` (and a trailing `;`), if present.
pub fn unwrap_jsonp(body: &[u8]) -> &[u8] {
    let t = trim(body);
    match t.strip_prefix(JSONP_PREFIX) {
        Some(rest) => {
            let rest = rest.trim_ascii_end();
            let rest = rest.strip_suffix(b";").unwrap_or(rest).trim_ascii_end();
            rest.strip_suffix(b")").unwrap_or(rest)
        }
        None => t,
    }
}

/// Decodes a REST answer body into `T` (the whole top-level object), or the
/// API error it carries. JSON, JSONP and XML are all accepted whatever was
/// asked for, since proxies and old endpoints sometimes answer differently.
pub fn decode_body<T: DeserializeOwned, E: MethodError>(
    ctx: Ctx<'_>,
    body: &[u8],
) -> Result<T, Error<E>> {
    let body = trim(body);
    match sniff(body) {
        Shape::Json => decode_json(ctx, body),
        Shape::Jsonp => decode_json(ctx, unwrap_jsonp(body)),
        Shape::Xml => {
            let value = xml_to_value(ctx, body)?;
            from_value(ctx, &value, body)
        }
        Shape::Form => {
            Err(form_oauth_error(ctx.method, None, body).unwrap_or_else(|| not_flickr(ctx, body)))
        }
        Shape::Empty => Err(ctx.decode("", "the response body is empty", String::new())),
        Shape::Other => Err(not_flickr(ctx, body)),
    }
}

fn not_flickr<E>(ctx: Ctx<'_>, body: &[u8]) -> Error<E> {
    ctx.decode(
        "",
        "the body is not a Flickr API response (neither JSON nor XML)",
        excerpt(body),
    )
}

/// Fast path for JSON: one parse when the answer is `stat=ok`.
fn decode_json<T: DeserializeOwned, E: MethodError>(
    ctx: Ctx<'_>,
    body: &[u8],
) -> Result<T, Error<E>> {
    if !body.ends_with(br#""stat":"ok"}"#) {
        check_json_stat(ctx, body)?;
    }
    parse_json::<T>(body).map_err(|_| json_decode_error::<T, E>(ctx, body))
}

/// Parses JSON into `T`; the error is only a signal (see [`json_decode_error`]).
///
/// A body that is valid UTF-8 as a whole (every real answer) is parsed as
/// `&str`: one validation pass over the body instead of one per string,
/// which serde_json does for byte slices.
fn parse_json<T: DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    }
}

/// Checks a JSON envelope's `stat` without decoding the payload.
fn check_json_stat<E: MethodError>(ctx: Ctx<'_>, body: &[u8]) -> Result<(), Error<E>> {
    #[derive(Deserialize)]
    struct Head {
        #[serde(default, deserialize_with = "crate::de::opt_string")]
        stat: Option<String>,
        #[serde(default, deserialize_with = "crate::de::opt_string")]
        code: Option<String>,
        #[serde(default, deserialize_with = "crate::de::opt_string")]
        message: Option<String>,
    }
    let head: Head = match serde_json::from_slice(body) {
        Ok(h) => h,
        Err(e) => {
            let at = offset_of(body, e.line(), e.column());
            let what = if e.is_eof() {
                "the JSON is truncated"
            } else {
                "the body is not valid JSON"
            };
            return Err(ctx.decode("", format!("{what}: {e}"), excerpt_at(body, at)));
        }
    };
    stat_result(
        ctx,
        head.stat.as_deref(),
        head.code.as_deref(),
        head.message,
        body,
    )
}

/// Maps `stat`/`code`/`message` to Ok, an API error, or a decode error.
fn stat_result<E: MethodError>(
    ctx: Ctx<'_>,
    stat: Option<&str>,
    code: Option<&str>,
    message: Option<String>,
    body: &[u8],
) -> Result<(), Error<E>> {
    match stat {
        Some("ok") => Ok(()),
        Some("fail") => match code.map(str::trim) {
            Some(c) => match c.parse::<u32>() {
                Ok(code) => Err(ctx.api(code, message.unwrap_or_default())),
                Err(_) => Err(ctx.decode(
                    "code",
                    format!("stat=fail with a non-numeric error code {c:?}"),
                    excerpt(body),
                )),
            },
            None => Err(ctx.decode(
                "code",
                format!(
                    "stat=fail without an error code (message: {:?})",
                    message.as_deref().unwrap_or("none")
                ),
                excerpt(body),
            )),
        },
        Some(other) => Err(ctx.decode(
            "stat",
            format!("unknown stat {other:?} (expected \"ok\" or \"fail\")"),
            excerpt(body),
        )),
        None => Err(ctx.decode(
            "stat",
            "the response has no `stat` field: not a Flickr API envelope",
            excerpt(body),
        )),
    }
}

/// Re-runs a failed decode with path tracking to say which field failed.
fn json_decode_error<T: DeserializeOwned, E>(ctx: Ctx<'_>, body: &[u8]) -> Error<E> {
    let mut de = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let at = offset_of(body, inner.line(), inner.column());
            ctx.decode(
                path,
                strip_position(&inner.to_string()),
                excerpt_at(body, at),
            )
        }
        // The strict parse failed on something after the value (trailing bytes).
        Ok(_) => match de.end() {
            Err(e) => {
                let at = offset_of(body, e.line(), e.column());
                ctx.decode(
                    "",
                    format!("the body is not valid JSON: {e}"),
                    excerpt_at(body, at),
                )
            }
            Ok(()) => ctx.decode("", "the body could not be decoded", excerpt(body)),
        },
    }
}

/// serde_json appends " at line L column C"; the excerpt shows the place better.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Byte offset of a 1-based line/column position.
fn offset_of(body: &[u8], line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match body[offset..].iter().position(|&b| b == b'\n') {
            Some(p) => offset += p + 1,
            None => return body.len(),
        }
    }
    (offset + column.saturating_sub(1)).min(body.len())
}

/// Decodes the value an XML answer was turned into; path tracking only runs
/// again after a failure, to name the failing field.
fn from_value<T: DeserializeOwned, E>(
    ctx: Ctx<'_>,
    value: &Value,
    body: &[u8],
) -> Result<T, Error<E>> {
    if let Ok(t) = T::deserialize(value) {
        return Ok(t);
    }
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let path = e.path().to_string();
        ctx.decode(path, e.into_inner().to_string(), excerpt(body))
    })
}

/// Checks the `stat` of a REST body (JSON, JSONP or XML) without decoding
/// the payload: for raw access that still reports `stat=fail` as an API error.
pub fn check_stat<E: MethodError>(ctx: Ctx<'_>, body: &[u8]) -> Result<(), Error<E>> {
    let body = trim(body);
    match sniff(body) {
        Shape::Json | Shape::Jsonp => {
            let json = unwrap_jsonp(body);
            if json.ends_with(br#""stat":"ok"}"#) {
                Ok(())
            } else {
                check_json_stat(ctx, json)
            }
        }
        Shape::Xml => xml_to_value::<E>(ctx, body).map(drop),
        _ => decode_body::<serde::de::IgnoredAny, E>(ctx, body).map(drop),
    }
}

/// Nesting limit for XML: Flickr's deepest answers (collection trees) are
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

/// Converts an XML `<rsp>` document into Flickr's JSON shape (see the module
/// docs), or returns the API error of a `stat="fail"` answer.
pub fn xml_to_value<E: MethodError>(ctx: Ctx<'_>, body: &[u8]) -> Result<Value, Error<E>> {
    let root = parse_xml(body).map_err(|(msg, at)| ctx.decode("", msg, excerpt_at(body, at)))?;
    let (name, root) = root;
    if name != "rsp" {
        let what = if name.eq_ignore_ascii_case("html") {
            "an HTML page"
        } else {
            "another XML document"
        };
        return Err(ctx.decode(
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
        let code = attr("code");
        let msg = attr("msg");
        stat_result::<E>(ctx, Some("fail"), code.as_deref(), msg, body)?;
    } else {
        stat_result::<E>(ctx, stat.as_deref(), Some("0"), None, body)?;
    }
    Ok(Value::Object(map))
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

/// The answer of an upload or replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadReply {
    /// Synchronous: the photo's id (and, for replace, its new secrets).
    Photo {
        /// The photo id.
        id: PhotoId,
        /// The new secret (replace only).
        secret: Option<String>,
        /// The new original secret (replace only).
        original_secret: Option<String>,
    },
    /// Asynchronous: poll `flickr.photos.upload.checkTickets` with this ticket.
    Ticket(TicketId),
}

/// Decodes an upload or replace answer (`what` is `upload` or `replace`):
/// `<photoid>`, `<photoid secret=… originalsecret=…>`, `<ticketid>`, or
/// `<err code msg>` as an API error; OAuth refusals and HTTP errors as such.
pub fn decode_upload(what: &str, resp: &HttpResponse, url: &str) -> Result<UploadReply, Error> {
    let ctx = Ctx::new(what, Perms::Write);
    if !resp.is_success() {
        return Err(status_error(ctx, resp, url));
    }
    let body = trim(&resp.body);
    if sniff(body) != Shape::Xml {
        return Err(match form_oauth_error(what, Some(resp.status), body) {
            Some(e) => e,
            None => ctx.decode("", "expected an XML <rsp> answer", excerpt(body)),
        });
    }
    let value = xml_to_value::<ErrorCode>(ctx, body)?;
    let text = |v: &Value| {
        v.get("_content")
            .and_then(Value::as_str)
            .map(|s| s.trim().to_owned())
    };
    if let Some(p) = value.get("photoid") {
        let id = text(p)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| ctx.decode("photoid", "empty <photoid>", excerpt(body)))?;
        let attr = |k: &str| p.get(k).and_then(Value::as_str).map(str::to_owned);
        return Ok(UploadReply::Photo {
            id: PhotoId::new(id),
            secret: attr("secret"),
            original_secret: attr("originalsecret"),
        });
    }
    if let Some(t) = value.get("ticketid") {
        let id = text(t)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| ctx.decode("ticketid", "empty <ticketid>", excerpt(body)))?;
        return Ok(UploadReply::Ticket(TicketId::new(id)));
    }
    Err(ctx.decode(
        "",
        "the answer has neither <photoid> nor <ticketid>",
        excerpt(body),
    ))
}

/// A form-encoded reply (OAuth token steps).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct FormReply {
    /// Decoded `name=value` pairs in order.
    pub pairs: Vec<(String, String)>,
}

impl FormReply {
    /// The first value named `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for FormReply {
    // Token replies carry `oauth_token_secret`: show names, never values of secrets or tokens.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for (k, v) in &self.pairs {
            if k.contains("secret")
                || k.contains("token")
                || k.contains("signature")
                || k.contains("verifier")
            {
                m.entry(k, &"<redacted>");
            } else {
                m.entry(k, v);
            }
        }
        m.finish()
    }
}

/// Parses `application/x-www-form-urlencoded` text.
pub fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(trim(body))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// An [`OAuthError`] if `body` is a form with `oauth_problem`.
fn form_oauth_error<E>(what: &str, status: Option<u16>, body: &[u8]) -> Option<Error<E>> {
    let body = trim(body);
    if body.first() == Some(&b'<') || body.first() == Some(&b'{') || !body.contains(&b'=') {
        return None;
    }
    // Flickr appends `debug_sbs=<base string>` without encoding it again, so
    // its `&`s are not separators: everything after the marker is the value.
    let (head, debug_sbs) = match find(body, b"debug_sbs=") {
        Some(i) if i == 0 || body[i - 1] == b'&' => (
            &body[..i],
            Some(String::from_utf8_lossy(&body[i + b"debug_sbs=".len()..]).into_owned()),
        ),
        _ => (body, None),
    };
    let pairs = parse_form(head);
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let problem = get("oauth_problem")?;
    let message = get("oauth_parameters_absent")
        .map(|p| format!("missing: {p}"))
        .or_else(|| get("oauth_parameters_rejected").map(|p| format!("rejected: {p}")))
        .or_else(|| get("oauth_problem_advice"));
    Some(Error::from(OAuthError {
        what: what.to_owned(),
        status,
        problem,
        message,
        debug_sbs,
        base_string: None,
    }))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes a form-encoded OAuth reply; `oauth_problem` (at any status) becomes
/// [`Error::OAuth`], other non-2xx answers [`Error::Http`].
pub fn decode_form(what: &str, resp: &HttpResponse, url: &str) -> Result<FormReply, Error> {
    let ctx = Ctx::new(what, Perms::None);
    if let Some(e) = form_oauth_error(what, Some(resp.status), &resp.body) {
        return Err(e);
    }
    if !resp.is_success() {
        return Err(status_error(ctx, resp, url));
    }
    let body = trim(&resp.body);
    if matches!(sniff(body), Shape::Json | Shape::Xml | Shape::Empty) || !body.contains(&b'=') {
        return Err(ctx.decode(
            "",
            "expected a form-encoded reply (name=value&…)",
            excerpt(body),
        ));
    }
    Ok(FormReply {
        pairs: parse_form(body),
    })
}

/// The error for a non-2xx answer: an OAuth refusal (form with
/// `oauth_problem`), a Flickr envelope with `stat=fail`, or an HTTP error
/// with a body excerpt (HTML error pages included).
pub fn status_error<E: MethodError>(ctx: Ctx<'_>, resp: &HttpResponse, url: &str) -> Error<E> {
    let body = trim(&resp.body);
    if let Some(e) = form_oauth_error(ctx.method, Some(resp.status), body) {
        return e;
    }
    if matches!(sniff(body), Shape::Json | Shape::Jsonp | Shape::Xml) {
        if let Err(e @ Error::Api(_)) = check_stat::<E>(ctx, body) {
            return e;
        }
    }
    let retry_after = resp
        .header("retry-after")
        .and_then(|v| crate::retry::parse_retry_after(v, SystemTime::now()));
    let location = resp.header("location").map(|l| match url::Url::parse(l) {
        Ok(u) => crate::error::redact_url(&u),
        // A relative Location: show its path only.
        Err(_) => l.split(['?', '#']).next().unwrap_or("").to_owned(),
    });
    Error::from(HttpError {
        status: resp.status,
        what: ctx.method.to_owned(),
        url: url.to_owned(),
        body_excerpt: excerpt(body),
        retry_after,
        location,
    })
}

/// Decodes a REST response: status check, then [`decode_body`].
pub fn decode_response<T: DeserializeOwned, E: MethodError>(
    ctx: Ctx<'_>,
    resp: &HttpResponse,
    url: &str,
) -> Result<T, Error<E>> {
    if !resp.is_success() {
        return Err(status_error(ctx, resp, url));
    }
    decode_body(ctx, &resp.body)
}

/// A body as received, for raw access.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// The body bytes.
    pub body: Bytes,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The format that was asked for.
    pub format: Format,
}

impl RawResponse {
    /// The body as a JSON value (XML converted to Flickr's JSON shape).
    pub fn to_value(&self, method: &str) -> Result<Value, Error> {
        decode_body(Ctx::new(method, Perms::None), &self.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Ctx<'static> {
        Ctx::new("flickr.test.echo", Perms::None)
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Page {
        photos: Photos,
    }
    #[derive(Debug, Deserialize, PartialEq)]
    struct Photos {
        #[serde(deserialize_with = "crate::de::i64")]
        total: i64,
        #[serde(default, deserialize_with = "crate::de::list")]
        photo: Vec<Photo>,
    }
    #[derive(Debug, Deserialize, PartialEq)]
    struct Photo {
        #[serde(deserialize_with = "crate::de::id_string")]
        id: String,
        #[serde(default, deserialize_with = "crate::de::opt_string")]
        title: Option<String>,
    }

    #[test]
    fn json_fast_and_slow_paths_agree() {
        let fast = br#"{"photos":{"total":"2","photo":[{"id":"1","title":"a"},{"id":2,"title":""}]},"stat":"ok"}"#;
        let slow = br#"{"stat":"ok","photos":{"total":2,"photo":[{"id":"1","title":"a"},{"id":2,"title":""}]}}"#;
        let a: Page = decode_body::<_, ErrorCode>(ctx(), fast).unwrap();
        let b: Page = decode_body::<_, ErrorCode>(ctx(), slow).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.photos.photo[1].id, "2");
    }

    #[test]
    fn jsonp_is_unwrapped() {
        let body = br#"jsonFlickrApi({"photos":{"total":"0","photo":[]},"stat":"ok"});"#;
        let p: Page = decode_body::<_, ErrorCode>(ctx(), body).unwrap();
        assert_eq!(p.photos.total, 0);
        assert_eq!(unwrap_jsonp(b" jsonFlickrApi({}) "), b"{}");
    }

    #[test]
    fn stat_fail_is_an_api_error() {
        let body =
            br#"{"stat":"fail","code":112,"message":"Method \"flickr.fakeMethod\" not found"}"#;
        let e = decode_body::<Value, ErrorCode>(ctx(), body).unwrap_err();
        match e {
            Error::Api(a) => {
                assert_eq!((a.code, a.kind), (112, ErrorCode(112)));
                assert_eq!(a.message, "Method \"flickr.fakeMethod\" not found");
            }
            other => panic!("{other:?}"),
        }
        let e = decode_body::<Value, ErrorCode>(
            ctx(),
            br#"{"stat":"fail","code":"105","message":"x"}"#,
        )
        .unwrap_err();
        assert_eq!(e.api_code(), Some(105));
    }

    #[test]
    fn malformed_envelopes_are_named() {
        let cases: &[(&[u8], &str)] = &[
            (br#"{"photos":{}}"#, "no `stat` field"),
            (
                br#"{"stat":"fail","message":"x"}"#,
                "stat=fail without an error code",
            ),
            (br#"{"stat":"fail","code":"abc"}"#, "non-numeric error code"),
            (br#"{"stat":"weird"}"#, "unknown stat"),
            (br#"{"stat":"ok","pho"#, "truncated"),
            (b"", "empty"),
            (b"Service Unavailable", "not a Flickr API response"),
            (
                br#"{"stat":"fail","message":"Sorry","code":201},"#,
                "not valid JSON",
            ),
            (
                b"<!DOCTYPE html><html><head><title>Oops</title></head><body></body></html>",
                "an HTML page",
            ),
            (b"<rsp stat=\"ok\"><a>", "truncated"),
            (b"<rsp stat=\"ok\"></rsp><rsp/>", "more than one root"),
        ];
        for (body, want) in cases {
            let e = decode_body::<Value, ErrorCode>(ctx(), body).unwrap_err();
            assert!(matches!(e, Error::Decode(_)), "{e:?}");
            assert!(
                e.to_string().contains(want),
                "{}: {e}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn decode_errors_name_the_json_path() {
        let body = br#"{"photos":{"total":"2","photo":[{"id":"1"},{"id":"2","title":[1]},{"id":3}]},"stat":"ok"}"#;
        let e = decode_body::<Page, ErrorCode>(ctx(), body).unwrap_err();
        let Error::Decode(d) = &e else {
            panic!("{e:?}")
        };
        assert_eq!(d.path, "photos.photo[1].title");
        assert!(e.to_string().contains("at `photos.photo[1].title`"), "{e}");
        let body = br#"{"photos":{"total":"lots","photo":[]},"stat":"ok"}"#;
        let e = decode_body::<Page, ErrorCode>(ctx(), body).unwrap_err();
        let Error::Decode(d) = &e else {
            panic!("{e:?}")
        };
        assert_eq!(d.path, "photos.total");
        assert!(d.message.contains("\"lots\""), "{}", d.message);
    }

    #[test]
    fn xml_takes_flickrs_json_shape() {
        let xml = br#"<?xml version="1.0" encoding="utf-8" ?>
<rsp stat="ok">
<photo id="5628095432" secret="678f9b91c1">
	<owner nsid="24573443@N04" username="boncey_test" />
	<title>Robot &amp; friend</title>
	<description />
	<comments>1</comments>
	<tags>
		<tag id="t1" raw="green">green</tag>
		<tag id="t2" raw="grn">grn</tag>
	</tags>
	<urls><url type="photopage">https://www.flickr.com/photos/boncey_test/5628095432/</url></urls>
</photo>
</rsp>"#;
        let v = xml_to_value::<ErrorCode>(ctx(), xml).unwrap();
        let want = serde_json::json!({"photo": {
            "id": "5628095432", "secret": "678f9b91c1",
            "owner": {"nsid": "24573443@N04", "username": "boncey_test"},
            "title": {"_content": "Robot & friend"},
            "description": {"_content": ""},
            "comments": {"_content": "1"},
            "tags": {"tag": [
                {"id": "t1", "raw": "green", "_content": "green"},
                {"id": "t2", "raw": "grn", "_content": "grn"}]},
            "urls": {"url": {"type": "photopage", "_content": "https://www.flickr.com/photos/boncey_test/5628095432/"}}
        }});
        assert_eq!(v, want);
    }

    #[test]
    fn xml_and_json_decode_into_the_same_struct() {
        let xml = br#"<rsp stat="ok"><photos page="1" total="2"><photo id="1" title="a"/><photo id="2" title=""/></photos></rsp>"#;
        let json = br#"{"photos":{"page":1,"total":"2","photo":[{"id":"1","title":"a"},{"id":"2","title":""}]},"stat":"ok"}"#;
        let a: Page = decode_body::<_, ErrorCode>(ctx(), xml).unwrap();
        let b: Page = decode_body::<_, ErrorCode>(ctx(), json).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn xml_errors() {
        let fail = br#"<rsp stat="fail"><err code="100" msg="Invalid API Key (Key has invalid format)" /></rsp>"#;
        let e = decode_body::<Value, ErrorCode>(ctx(), fail).unwrap_err();
        assert_eq!(e.api_code(), Some(100));
        assert!(e.to_string().contains("Invalid API Key"));
        let deep = format!("<rsp stat=\"ok\">{}", "<a>".repeat(10_000));
        let e = decode_body::<Value, ErrorCode>(ctx(), deep.as_bytes()).unwrap_err();
        assert!(e.to_string().contains("deeper than"), "{e}");
        let e = decode_body::<Value, ErrorCode>(ctx(), br#"<rsp stat="fail"></rsp>"#).unwrap_err();
        assert!(e.to_string().contains("without an error code"), "{e}");
    }

    fn resp(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![],
            body: Bytes::from(body.to_owned()),
        }
    }

    #[test]
    fn upload_replies() {
        let ok = resp(200, "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"ok\">\n<photoid>8303069725</photoid>\n</rsp>\n");
        assert_eq!(
            decode_upload("upload", &ok, "u").unwrap(),
            UploadReply::Photo {
                id: PhotoId::new("8303069725"),
                secret: None,
                original_secret: None
            }
        );
        let rep = resp(200, "<rsp stat=\"ok\">\n<photoid secret=\"4c7cf4c150\" originalsecret=\"2f77799763\">10100736393</photoid>\n</rsp>");
        assert_eq!(
            decode_upload("replace", &rep, "u").unwrap(),
            UploadReply::Photo {
                id: PhotoId::new("10100736393"),
                secret: Some("4c7cf4c150".into()),
                original_secret: Some("2f77799763".into())
            }
        );
        let t = resp(
            200,
            "<rsp stat=\"ok\">\n<ticketid>78701040-72157636215117185</ticketid>\n</rsp>",
        );
        assert_eq!(
            decode_upload("upload", &t, "u").unwrap(),
            UploadReply::Ticket(TicketId::new("78701040-72157636215117185"))
        );
        let f = resp(
            200,
            "<rsp stat=\"fail\">\n\t<err code=\"2\" msg=\"No photo specified\" />\n</rsp>",
        );
        let e = decode_upload("replace", &f, "u").unwrap_err();
        assert_eq!(e.api_code(), Some(2));
        let o = resp(401, "oauth_problem=token_rejected");
        assert!(
            matches!(decode_upload("upload", &o, "u").unwrap_err(), Error::OAuth(p) if p.problem == "token_rejected")
        );
    }

    #[test]
    fn form_replies_and_oauth_problems() {
        let ok = resp(200, "fullname=Flickypedia%20Bot&oauth_token=TOK&oauth_token_secret=SEC&user_nsid=199561775%40N05&username=flickypedia");
        let r = decode_form("oauth.access_token", &ok, "u").unwrap();
        assert_eq!(r.get("user_nsid"), Some("199561775@N05"));
        assert_eq!(r.get("fullname"), Some("Flickypedia Bot"));
        let dbg = format!("{r:?}");
        assert!(!dbg.contains("SEC") && !dbg.contains("TOK"), "{dbg}");
        let bad = resp(
            401,
            "oauth_problem=signature_invalid&debug_sbs=GET&http%3A%2F%2Fwww.flickr.com%2Fservices%2Foauth%2Frequest_token&oauth_callback%3Doob",
        );
        let Error::OAuth(e) = decode_form("oauth.request_token", &bad, "u").unwrap_err() else {
            panic!()
        };
        assert_eq!(e.problem, "signature_invalid");
        assert_eq!(e.status, Some(401));
        assert_eq!(e.debug_sbs.as_deref(), Some("GET&http%3A%2F%2Fwww.flickr.com%2Fservices%2Foauth%2Frequest_token&oauth_callback%3Doob"));
        let absent = resp(
            400,
            "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_token",
        );
        let e = decode_form("flickr.test.login", &absent, "u").unwrap_err();
        assert!(e.to_string().contains("missing: oauth_token"), "{e}");
        let html = resp(200, "<html>hi</html>");
        assert!(matches!(
            decode_form("x", &html, "u").unwrap_err(),
            Error::Decode(_)
        ));
    }

    #[test]
    fn non_2xx_answers() {
        let mut r = resp(503, "<html><head><title>503 Service Unavailable</title></head><body>No server is available</body></html>");
        r.headers.push(("retry-after".into(), "7".into()));
        let e =
            decode_response::<Value, ErrorCode>(ctx(), &r, "https://api.flickr.com/services/rest/")
                .unwrap_err();
        let Error::Http(h) = &e else { panic!("{e:?}") };
        assert_eq!(h.status, 503);
        assert_eq!(h.retry_after, Some(std::time::Duration::from_secs(7)));
        assert!(
            h.body_excerpt
                .starts_with("<title>503 Service Unavailable</title>"),
            "{}",
            h.body_excerpt
        );
        let mut r = resp(302, "");
        r.headers.push((
            "location".into(),
            "https://evil.example/x?oauth_token=T".into(),
        ));
        let e = decode_response::<Value, ErrorCode>(ctx(), &r, "u").unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains("redirecting to https://evil.example/x") && !s.contains("oauth_token"),
            "{s}"
        );
        let r = resp(
            500,
            r#"{"stat":"fail","code":105,"message":"Service currently unavailable"}"#,
        );
        assert_eq!(
            decode_response::<Value, ErrorCode>(ctx(), &r, "u")
                .unwrap_err()
                .api_code(),
            Some(105)
        );
    }
}
