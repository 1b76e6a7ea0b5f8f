//! Flickr's answer envelopes: JSON, JSONP, XML `<rsp>`, upload/replace XML
//! and form-encoded OAuth replies.
//!
//! REST answers carry `stat` (`ok` or `fail` with `code` and `message`).
//! [`read_rest`] checks the envelope once, for every format, and hands back
//! the answer as JSON text ([`JsonText`]); [`decode`] then decodes that
//! text, whole or one member of it ([`Root`]), into the caller's type with
//! serde_json's string deserializer, the one deserializer every response type
//! is compiled for. The client and decoding by method name
//! (`flickr_sdk::registry::decode_to_json`) both go through [`decode`]. JSON is passed through
//! untouched when the body ends with `"stat":"ok"}` (Flickr always writes
//! `stat` last), so a successful call parses once. XML is converted into the
//! shape Flickr's JSON has for the same answer ([`xml_to_value`]), so one set of serde
//! types decodes both:
//!
//! - attributes → string values;
//! - an element with only text → `{"_content": text}`;
//! - an element with attributes and text → the attributes plus `_content`;
//! - repeated children → an array (a single child stays an object: the `de::list`
//!   helper accepts both);
//! - `stat` removed from the root.
//!
//! Every decode failure is an [`Error::Decode`] naming the method, the JSON
//! path of the failing field ([`json_path`], found after the failure from
//! where the parser stopped) and an excerpt of the body.
//!
//! Nothing here is generic over a method's error type: failures are untyped
//! [`Error`]s, typed by the caller with [`Error::typed`].
//!
//! The client's attempt loop reads each HTTP answer with one of the readers
//! in `read` (REST envelope, OAuth form, upload XML), each returning its own
//! type.

mod form;
mod json;
pub mod json_path;
mod read;
mod status;
mod upload;
mod xml;

pub use form::{decode_form, FormReply};
pub use json::{decode, decode_body, JsonText, Root};
pub(crate) use read::{FormReader, ReadReply, RestReader, RestReply, UploadReader};
pub use status::{read_rest, status_error, xml_to_value};
// Entry points the fuzz targets and tests call directly.
#[cfg(any(test, feature = "fuzzing"))]
pub use form::parse_form;
#[cfg(any(test, feature = "fuzzing"))]
pub use json::decode_response;
#[cfg(any(test, feature = "fuzzing"))]
pub use status::check_stat;
pub use upload::{decode_upload, UploadReply};

use crate::error::{ApiError, DecodeError, Error, ErrorCode};
use crate::registry::Perms;
use bytes::Bytes;
use serde_json::Value;

/// The response format asked of Flickr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// `format=json&nojsoncallback=1` (the default).
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
pub struct Called<'a> {
    /// Method name (or `upload`, `replace`, `oauth.request_token`, …).
    pub method: &'a str,
    /// Permission the method needs (explains code 99).
    pub perms: Perms,
    /// Whether the call carried an OAuth access token (explains 98 and 99).
    pub had_token: bool,
}

impl<'a> Called<'a> {
    /// A context for `method` needing `perms`.
    pub fn new(method: &'a str, perms: Perms) -> Self {
        Called {
            method,
            perms,
            had_token: true,
        }
    }

    /// Says whether the call carried an OAuth access token.
    pub fn with_token(mut self, had_token: bool) -> Self {
        self.had_token = had_token;
        self
    }

    fn decode(
        &self,
        path: impl Into<String>,
        message: impl Into<String>,
        body_excerpt: String,
    ) -> Error {
        Error::from(DecodeError {
            method: self.method.to_owned(),
            path: path.into(),
            message: message.into(),
            body_excerpt,
            unparsable: false,
        })
    }

    /// A decode error for a body that is no JSON, JSONP or XML document at
    /// all (transient: reads retry it).
    fn unparsable(
        &self,
        path: impl Into<String>,
        message: impl Into<String>,
        body_excerpt: String,
    ) -> Error {
        match self.decode(path, message, body_excerpt) {
            Error::Decode(mut d) => {
                d.unparsable = true;
                Error::Decode(d)
            }
            other => other,
        }
    }

    fn api(&self, code: u32, message: String) -> Error {
        Error::Api(ApiError {
            method: self.method.to_owned(),
            code,
            kind: ErrorCode(code),
            message,
            needed_perms: self.perms,
            had_token: self.had_token,
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
        // The body is already `Bytes`: read it in place, no copy.
        let ctx = Called::new(method, Perms::None);
        decode(ctx, &read_rest(ctx, &self.body)?, Root::Whole)
    }
}

#[cfg(test)]
mod tests;
