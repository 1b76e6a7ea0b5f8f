//! Decoding by method name (for the CLI, the loopback server and tests):
//! the typed decode the client runs (`flickr_core::envelope::decode`, the
//! same function at the same root), then the typed value back to JSON.

use flickr_core::envelope::{decode, Ctx, JsonText, Root};
use flickr_core::error::Error;
use flickr_core::registry::Perms;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Decodes the JSON text of an answer as `T`, read at `root` as the client
/// reads it (a write's bare `{"stat":"ok"}` reads as `{}` under
/// [`Root::MemberOrBare`]), and serializes the typed value back to JSON. The
/// error names the JSON path of the failing field.
pub(crate) fn typed_json<T: DeserializeOwned + Serialize>(
    json: &str,
    root: Root,
) -> Result<Value, String> {
    let text = JsonText::from_json(json.to_owned());
    match decode::<T>(CTX, &text, root) {
        Ok(t) => serde_json::to_value(t).map_err(|e| e.to_string()),
        Err(e) => Err(describe(e, root)),
    }
}

/// [`typed_json`] of the whole answer object.
pub(crate) fn whole<T: DeserializeOwned + Serialize>(json: &str) -> Result<Value, String> {
    typed_json::<T>(json, Root::Whole)
}

/// [`typed_json`] of the member `root` (a read's answer).
pub(crate) fn member<T: DeserializeOwned + Serialize>(
    json: &str,
    root: &'static str,
) -> Result<Value, String> {
    typed_json::<T>(json, Root::Member(root))
}

/// [`typed_json`] of the member `root` of a write's answer, which may be a
/// bare `{"stat":"ok"}`.
pub(crate) fn write_member<T: DeserializeOwned + Serialize>(
    json: &str,
    root: &'static str,
) -> Result<Value, String> {
    typed_json::<T>(json, Root::MemberOrBare(root))
}

const CTX: Ctx<'static> = Ctx {
    method: "",
    perms: Perms::None,
    had_token: true,
};

/// The message for a failed decode (not generic: compiled once).
fn describe(e: Error, root: Root) -> String {
    let member = match root {
        Root::Whole => None,
        Root::Member(name) | Root::MemberOrBare(name) => Some(name),
    };
    match e {
        Error::Decode(d)
            if d.path.is_empty()
                && member.is_some_and(|r| d.message == format!("missing field `{r}`")) =>
        {
            format!(
                "the response has no `{}` member",
                member.unwrap_or_default()
            )
        }
        Error::Decode(d) if d.path.is_empty() => d.message,
        Error::Decode(d) => format!("at `{}`: {}", d.path, d.message),
        other => other.to_string(),
    }
}
