//! Decoding support shared by the generated code: untyped envelopes and
//! decoding by method name (for the CLI, the loopback server and tests).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// Reads Flickr's envelope as a JSON value and drops its `stat` member.
///
/// Used by the generated code for methods whose spec says `response = { type = "untyped" }`;
/// today every method is typed, so nothing may call it.
#[allow(dead_code)]
pub(crate) fn envelope_value<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    let mut value = Value::deserialize(d)?;
    if let Some(object) = value.as_object_mut() {
        object.remove("stat");
    }
    Ok(value)
}

/// Decodes `value` as `T` and serializes the typed value back to JSON.
/// The error names the JSON path of the failing field.
pub(crate) fn typed_json<T: DeserializeOwned + Serialize>(value: Value) -> Result<Value, String> {
    let typed: T = serde_path_to_error::deserialize(value)
        .map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))?;
    serde_json::to_value(typed).map_err(|e| e.to_string())
}

/// Like [`typed_json`], for a type that lives under the envelope key `root`.
pub(crate) fn typed_json_at<T: DeserializeOwned + Serialize>(
    mut envelope: Value,
    root: &str,
) -> Result<Value, String> {
    let value = envelope
        .as_object_mut()
        .and_then(|o| o.remove(root))
        .ok_or_else(|| format!("the response has no `{root}` member"))?;
    typed_json::<T>(value).map_err(|e| e.replacen("at `", &format!("at `{root}."), 1))
}
