//! Decoding by method name (for the CLI, the loopback server and tests):
//! the same typed decode the client runs, then the typed value back to JSON.

use flickr_core::envelope::{decode_json, decode_json_at, Ctx, JsonText};
use flickr_core::error::Error;
use flickr_core::registry::Perms;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Decodes the JSON text of an answer as `T` (the whole answer object) and
/// serializes the typed value back to JSON. The error names the JSON path of
/// the failing field.
pub(crate) fn whole<T: DeserializeOwned + Serialize>(json: &str) -> Result<Value, String> {
    decode::<T>(json, None)
}

/// Like [`whole`], for the member `root` of the answer object.
pub(crate) fn member<T: DeserializeOwned + Serialize>(
    json: &str,
    root: &'static str,
) -> Result<Value, String> {
    decode::<T>(json, Some(root))
}

fn decode<T: DeserializeOwned + Serialize>(
    json: &str,
    root: Option<&'static str>,
) -> Result<Value, String> {
    let ctx = Ctx::new("", Perms::None);
    let text = JsonText::from_json(json.to_owned());
    let typed: Result<T, Error> = match root {
        Some(root) => decode_json_at(ctx, &text, root),
        None => decode_json(ctx, &text),
    };
    let missing_root = root.map(|r| format!("missing field `{r}`"));
    let typed = typed.map_err(|e| match e {
        Error::Decode(d) if d.path.is_empty() && Some(&d.message) == missing_root.as_ref() => {
            format!("the response has no `{}` member", root.unwrap_or_default())
        }
        Error::Decode(d) if d.path.is_empty() => d.message,
        Error::Decode(d) => format!("at `{}`: {}", d.path, d.message),
        other => other.to_string(),
    })?;
    serde_json::to_value(typed).map_err(|e| e.to_string())
}
