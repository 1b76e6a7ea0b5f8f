//! JSON text → the caller's type: the one generic step of a call.
//!
//! Every response type is decoded by `serde_json::from_str` and nothing
//! else, so its `Deserialize` is compiled once. When decoding fails, the
//! failing field's path comes from [`super::json_path`] (a scan of the text up
//! to where serde_json stopped), not from a second, path-tracking
//! deserializer per type.

use super::json_path::path_at;
use super::read_rest;
use super::Called;
use crate::error::{excerpt, excerpt_at, Error};
use crate::registry::Verb;
use bytes::Bytes;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;

/// A REST answer whose envelope said `stat=ok`, as JSON text: the body
/// itself (JSON, or JSONP without its wrapper) or the JSON an XML answer was
/// converted to.
#[derive(Debug, Clone)]
pub struct JsonText {
    body: Bytes,
    /// The JSON part of `body`, or `None` when `converted` holds the JSON.
    range: Option<Range<usize>>,
    /// JSON converted from an XML body.
    converted: Option<String>,
}

impl JsonText {
    /// JSON text as it is (e.g. an answer saved earlier).
    pub fn from_json(json: impl Into<Bytes>) -> JsonText {
        let body = json.into();
        let len = body.len();
        JsonText::in_body(body, 0..len)
    }

    /// JSON found at `range` of `body`.
    pub(super) fn in_body(body: Bytes, range: Range<usize>) -> JsonText {
        JsonText {
            body,
            range: Some(range),
            converted: None,
        }
    }

    /// JSON converted from the XML `body`.
    pub(super) fn from_xml(body: Bytes, json: String) -> JsonText {
        JsonText {
            body,
            range: None,
            converted: Some(json),
        }
    }

    /// The JSON bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match (&self.converted, &self.range) {
            (Some(json), _) => json.as_bytes(),
            (None, Some(r)) => &self.body[r.clone()],
            (None, None) => &[],
        }
    }

    /// The body as received (XML when the JSON was converted from it).
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Whether the JSON was converted from an XML answer.
    pub fn is_from_xml(&self) -> bool {
        self.converted.is_some()
    }

    /// A short excerpt for an error at byte `at` of the JSON: of the JSON
    /// itself, or of the start of the XML it came from.
    fn excerpt_at(&self, at: usize) -> String {
        if self.is_from_xml() {
            excerpt(&self.body)
        } else {
            excerpt_at(self.as_bytes(), at)
        }
    }
}

/// Where the typed value sits in a REST answer object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Root {
    /// The whole answer object (`{"photos": {…}, "stat": "ok"}`), `stat` and all.
    #[default]
    Whole,
    /// The member with this name (`{"photo": {…}, "stat": "ok"}` → the photo),
    /// without a wrapper type per method.
    Member(&'static str),
    /// The member with this name, for a write: Flickr answered some writes
    /// (an older Flickr, `flickr.photos.addTags`,
    /// `flickr.photos.transform.rotate`, …) with a bare `{"stat":"ok"}`. The
    /// write happened, so a missing member reads as an empty object (every
    /// field absent) instead of failing the call.
    MemberOrBare(&'static str),
}

impl Root {
    /// The root a call of `verb` reads: the whole object, or the member
    /// `root`, which a write (POST) may leave out.
    pub fn of(root: Option<&'static str>, verb: Verb) -> Root {
        match (root, verb) {
            (None, _) => Root::Whole,
            (Some(name), Verb::Get) => Root::Member(name),
            (Some(name), Verb::Post) => Root::MemberOrBare(name),
        }
    }
}

/// Decodes the JSON text of a REST answer (as [`read_rest`](super::read_rest) gives it) into
/// `T`, read at `root`: the one typed decode, for the client and for
/// decoding by method name alike.
///
/// ```
/// use flickr_core::__private::envelope::{decode, read_rest, Called, Root};
/// use flickr_core::registry::Perms;
///
/// #[derive(serde::Deserialize)]
/// struct Person { username: String }
///
/// let ctx = Called::new("flickr.people.getInfo", Perms::None);
/// let body = bytes::Bytes::from_static(br#"{"person":{"username":"ann"},"stat":"ok"}"#);
/// let text = read_rest(ctx, &body)?;
/// let person: Person = decode(ctx, &text, Root::Member("person"))?;
/// assert_eq!(person.username, "ann");
/// let whole: serde_json::Value = decode(ctx, &text, Root::Whole)?;
/// assert_eq!(whole["stat"], "ok");
/// # Ok::<(), flickr_core::error::Error>(())
/// ```
pub fn decode<T: DeserializeOwned>(
    ctx: Called<'_>,
    text: &JsonText,
    root: Root,
) -> Result<T, Error> {
    match root {
        Root::Whole => decode_whole(ctx, text),
        Root::Member(name) => decode_member(ctx, text, name, false),
        Root::MemberOrBare(name) => decode_member(ctx, text, name, true),
    }
}

/// Decodes the whole answer object into `T`.
fn decode_whole<T: DeserializeOwned>(ctx: Called<'_>, text: &JsonText) -> Result<T, Error> {
    let json = text.as_bytes();
    // One UTF-8 check for the whole body, then a parse of `&str`: serde_json
    // would otherwise check every string on its own.
    let Ok(s) = std::str::from_utf8(json) else {
        return Err(invalid_utf8(ctx, text));
    };
    match serde_json::from_str::<T>(s) {
        Ok(v) => Ok(v),
        Err(e) => Err(json_error(ctx, text, &e)),
    }
}

fn decode_member<T: DeserializeOwned>(
    ctx: Called<'_>,
    text: &JsonText,
    root: &'static str,
    bare_ok: bool,
) -> Result<T, Error> {
    let json = text.as_bytes();
    let Ok(s) = std::str::from_utf8(json) else {
        return Err(invalid_utf8(ctx, text));
    };
    // Generic code is compiled once per response type: `match`es here, not
    // closures (each closure would be one more function per type), and the
    // error texts in functions of their own.
    let mut de = serde_json::Deserializer::from_str(s);
    let member = match Member::<T>::new(root, bare_ok).deserialize(&mut de) {
        Ok(member) => member,
        Err(e) => return Err(json_error(ctx, text, &e)),
    };
    if let Err(e) = de.end() {
        return Err(json_error(ctx, text, &e));
    }
    match member {
        Some(v) => Ok(v),
        // The same deserializer as every other decode, over `{}`.
        None => match serde_json::from_str::<T>("{}") {
            Ok(v) => Ok(v),
            Err(e) => Err(bare_error(ctx, json, root, &e)),
        },
    }
}

fn bare_error(ctx: Called<'_>, json: &[u8], root: &str, e: &serde_json::Error) -> Error {
    ctx.decode(
        root,
        format!(
            "a bare answer (no `{root}` member), and {}",
            strip_position(&e.to_string())
        ),
        excerpt(json),
    )
}

/// The error for a failed typed decode: the path of the failing field and
/// serde_json's message, or "not valid JSON" for text after the value.
fn json_error(ctx: Called<'_>, text: &JsonText, e: &serde_json::Error) -> Error {
    let json = text.as_bytes();
    let at = offset_of(json, e.line(), e.column());
    let message = e.to_string();
    if message.starts_with("trailing characters") {
        return ctx.unparsable(
            "",
            format!("the body is not valid JSON: {e}"),
            text.excerpt_at(at),
        );
    }
    let (path, message) = (path_at(json, at), strip_position(&message));
    if e.is_syntax() || e.is_eof() {
        ctx.unparsable(path, message, text.excerpt_at(at))
    } else {
        ctx.decode(path, message, text.excerpt_at(at))
    }
}

/// A body that is not UTF-8: serde_json's own message for it (it checks each
/// string), at the path of the string.
fn invalid_utf8(ctx: Called<'_>, text: &JsonText) -> Error {
    let json = text.as_bytes();
    match serde_json::from_slice::<serde_json::Value>(json) {
        Err(e) => {
            let at = offset_of(json, e.line(), e.column());
            ctx.unparsable(
                path_at(json, at),
                strip_position(&e.to_string()),
                text.excerpt_at(at),
            )
        }
        Ok(_) => ctx.unparsable("", "the body is not valid UTF-8", excerpt(json)),
    }
}

/// serde_json appends " at line L column C"; the excerpt shows the place better.
pub(super) fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Byte offset of a 1-based line/column position.
pub(super) fn offset_of(body: &[u8], line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match body[offset..].iter().position(|&b| b == b'\n') {
            Some(p) => offset += p + 1,
            None => return body.len(),
        }
    }
    (offset + column.saturating_sub(1)).min(body.len())
}

/// Reads one member of an object as `T` and skips the others; `None` when
/// it is missing and that is allowed.
struct Member<T> {
    name: &'static str,
    optional: bool,
    out: PhantomData<fn() -> T>,
}

impl<T> Member<T> {
    fn new(name: &'static str, optional: bool) -> Self {
        Member {
            name,
            optional,
            out: PhantomData,
        }
    }
}

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for Member<T> {
    type Value = Option<T>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: de::Deserialize<'de>> Visitor<'de> for Member<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expecting_member(self.name, f)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let mut found = None;
        while let Some(is_ours) = map.next_key_seed(KeyIs(self.name))? {
            if !is_ours {
                map.next_value::<IgnoredAny>()?;
            } else if found.is_some() {
                return Err(de::Error::duplicate_field(self.name));
            } else {
                found = Some(map.next_value::<T>()?);
            }
        }
        match found {
            Some(v) => Ok(Some(v)),
            None if self.optional => Ok(None),
            None => Err(de::Error::missing_field(self.name)),
        }
    }
}

fn expecting_member(name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "an object with a `{name}` member")
}

/// A map key compared with a name (escaped keys included).
struct KeyIs(&'static str);

impl<'de> DeserializeSeed<'de> for KeyIs {
    type Value = bool;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        Ok(v == self.0)
    }
}

/// The envelope check ([`read_rest`]), then [`decode`] of the whole answer:
/// a body read as a call reads it (a saved answer, the fuzz targets).
pub fn decode_body<T: DeserializeOwned>(ctx: Called<'_>, body: &[u8]) -> Result<T, Error> {
    let text = read_rest(ctx, &Bytes::copy_from_slice(body))?;
    decode(ctx, &text, Root::Whole)
}

/// A REST response read as a call reads it: status check, then [`decode_body`].
#[cfg(any(test, feature = "fuzzing"))]
pub fn decode_response<T: DeserializeOwned>(
    ctx: Called<'_>,
    resp: &crate::transport::HttpResponse,
    url: &str,
) -> Result<T, Error> {
    if !resp.is_success() {
        return Err(super::status_error(ctx, resp, url));
    }
    decode_body(ctx, &resp.body)
}
