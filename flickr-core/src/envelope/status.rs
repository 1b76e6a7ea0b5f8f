//! Is this answer a success? `stat`, `code` and `message` for every REST
//! format, and the error for a non-2xx HTTP status.

use super::form::form_oauth_error;
use super::json::{offset_of, JsonText};
use super::{sniff, trim, unwrap_jsonp, xml, Called, Shape};
use crate::error::{excerpt, excerpt_at, Error, HttpError};
use crate::transport::HttpResponse;
use bytes::Bytes;
use serde::Deserialize;
use serde_json::Value;
use std::time::SystemTime;

/// How Flickr ends every successful JSON answer.
const STAT_OK_END: &[u8] = br#""stat":"ok"}"#;

/// Checks a REST answer body (JSON, JSONP or XML) and returns it as JSON
/// text, or the API error (`stat=fail`) or decode error it amounts to.
pub fn read_rest(ctx: Called<'_>, body: &Bytes) -> Result<JsonText, Error> {
    let trimmed = trim(body);
    match sniff(trimmed) {
        Shape::Json | Shape::Jsonp => {
            let json = unwrap_jsonp(trimmed);
            if !json.ends_with(STAT_OK_END) {
                check_json_stat(ctx, json)?;
            }
            let start = json.as_ptr() as usize - body.as_ptr() as usize;
            Ok(JsonText::in_body(body.clone(), start..start + json.len()))
        }
        Shape::Xml => {
            let value = xml_to_value(ctx, trimmed)?;
            Ok(JsonText::from_xml(body.clone(), value.to_string()))
        }
        Shape::Form => {
            Err(form_oauth_error(ctx.method, None, trimmed)
                .unwrap_or_else(|| not_flickr(ctx, trimmed)))
        }
        Shape::Empty => Err(ctx.unparsable("", "the response body is empty", String::new())),
        Shape::Other => Err(not_flickr(ctx, trimmed)),
    }
}

fn not_flickr(ctx: Called<'_>, body: &[u8]) -> Error {
    ctx.unparsable(
        "",
        "the body is not a Flickr API response (neither JSON nor XML)",
        excerpt(body),
    )
}

/// Converts an XML `<rsp>` document into Flickr's JSON shape (see the rules
/// in the envelope module), or returns the API error of a `stat="fail"` answer.
pub fn xml_to_value(ctx: Called<'_>, body: &[u8]) -> Result<Value, Error> {
    let rsp = xml::read_rsp(ctx, body)?;
    match rsp.stat.as_deref() {
        Some("fail") => stat_result(ctx, Some("fail"), rsp.code.as_deref(), rsp.msg, body)?,
        other => stat_result(ctx, other, Some("0"), None, body)?,
    }
    Ok(rsp.value)
}

/// Checks the `stat` of a REST body (JSON, JSONP or XML) without decoding
/// the payload: for raw access that still reports `stat=fail` as an API error.
pub fn check_stat(ctx: Called<'_>, body: &[u8]) -> Result<(), Error> {
    let body = trim(body);
    match sniff(body) {
        Shape::Json | Shape::Jsonp => {
            let json = unwrap_jsonp(body);
            if json.ends_with(STAT_OK_END) {
                Ok(())
            } else {
                check_json_stat(ctx, json)
            }
        }
        Shape::Xml => xml_to_value(ctx, body).map(drop),
        _ => read_rest(ctx, &Bytes::copy_from_slice(body)).map(drop),
    }
}

/// Checks a JSON envelope's `stat` without decoding the payload.
fn check_json_stat(ctx: Called<'_>, body: &[u8]) -> Result<(), Error> {
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
            return Err(ctx.unparsable("", format!("{what}: {e}"), excerpt_at(body, at)));
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
fn stat_result(
    ctx: Called<'_>,
    stat: Option<&str>,
    code: Option<&str>,
    message: Option<String>,
    body: &[u8],
) -> Result<(), Error> {
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

/// The error for a non-2xx answer: an OAuth refusal (form with
/// `oauth_problem`), a Flickr envelope with `stat=fail` (except on a 429,
/// always a rate-limit [`HttpError`] with its `Retry-After`), or an HTTP error
/// with a body excerpt (HTML error pages included).
pub fn status_error(ctx: Called<'_>, resp: &HttpResponse, url: &str) -> Error {
    let body = trim(&resp.body);
    if let Some(e) = form_oauth_error(ctx.method, Some(resp.status), body) {
        return e;
    }
    // A 429 is a rate limit whatever its body says (Flickr sends an HTML
    // page): it keeps its `Retry-After` so the quota and the retries wait.
    if resp.status != 429 && matches!(sniff(body), Shape::Json | Shape::Jsonp | Shape::Xml) {
        if let Err(e @ Error::Api(_)) = check_stat(ctx, body) {
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
