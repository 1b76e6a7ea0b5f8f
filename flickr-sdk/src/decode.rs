//! Decoding by method name (for the CLI, the loopback server and tests):
//! the same typed decode the client runs, then the typed value back to JSON.

use flickr_core::__private::envelope::{
    decode_json, decode_json_at, decode_json_at_or_bare, Ctx, JsonText,
};
use flickr_core::error::Error;
use flickr_core::registry::Perms;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Decodes the JSON text of an answer as `T` (the whole answer object) and
/// serializes the typed value back to JSON. The error names the JSON path of
/// the failing field.
pub(crate) fn whole<T: DeserializeOwned + Serialize>(json: &str) -> Result<Value, String> {
    let text = JsonText::from_json(json.to_owned());
    to_json(decode_json::<T>(CTX, &text), None)
}

/// Like [`whole`], for the member `root` of the answer object.
pub(crate) fn member<T: DeserializeOwned + Serialize>(
    json: &str,
    root: &'static str,
) -> Result<Value, String> {
    let text = JsonText::from_json(json.to_owned());
    to_json(decode_json_at::<T>(CTX, &text, root), Some(root))
}

/// Like [`member`], for a write: a bare `{"stat":"ok"}` reads as `{}`, as
/// the client reads it.
pub(crate) fn write_member<T: DeserializeOwned + Serialize>(
    json: &str,
    root: &'static str,
) -> Result<Value, String> {
    let text = JsonText::from_json(json.to_owned());
    to_json(decode_json_at_or_bare::<T>(CTX, &text, root), Some(root))
}

const CTX: Ctx<'static> = Ctx {
    method: "",
    perms: Perms::None,
    had_token: true,
};

/// Each response type's only generic part here: serializing it back.
fn to_json<T: Serialize>(typed: Result<T, Error>, root: Option<&str>) -> Result<Value, String> {
    match typed {
        Ok(t) => serde_json::to_value(t).map_err(|e| e.to_string()),
        Err(e) => Err(describe(e, root)),
    }
}

/// The message for a failed decode (not generic: compiled once).
fn describe(e: Error, root: Option<&str>) -> String {
    match e {
        Error::Decode(d)
            if d.path.is_empty()
                && root.is_some_and(|r| d.message == format!("missing field `{r}`")) =>
        {
            format!("the response has no `{}` member", root.unwrap_or_default())
        }
        Error::Decode(d) if d.path.is_empty() => d.message,
        Error::Decode(d) => format!("at `{}`: {}", d.path, d.message),
        other => other.to_string(),
    }
}
