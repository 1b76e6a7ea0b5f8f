//! Decoding by method name (for the CLI, the loopback server, tests and
//! [`crate::dropped`]): the typed decode the client runs — the same
//! function, `envelope::decode`, at the same root — then the typed value
//! back to JSON.

use flickr_core::__private::envelope::{decode, Called, JsonText, Root};
use flickr_core::error::{DecodeError, Error};
use flickr_core::registry::Perms;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// One typed decode by method name: the typed value serialized back to JSON
/// (or why the answer did not decode) and the member of the answer it was
/// read from (`None`: the whole answer).
pub(crate) struct Decoded {
    pub(crate) root: Option<&'static str>,
    pub(crate) value: Result<Value, Error>,
}

impl Decoded {
    /// The typed value, or a message naming the JSON path of the field that
    /// failed (what `registry::decode_to_json` returns).
    pub(crate) fn into_json(self) -> Result<Value, String> {
        self.value.map_err(|e| describe(e, self.root))
    }
}

/// Decodes the JSON text of an answer as `T`, read at `root` as the client
/// reads it, and serializes the typed value back to JSON. Compiled once per
/// response type, so everything not about `T` is in [`answer_text`],
/// [`root_member`] and [`not_serializable`].
fn typed_json<T: DeserializeOwned + Serialize>(json: &str, root: Root) -> Decoded {
    let text = answer_text(json);
    let value = match decode::<T>(CALLED, &text, root) {
        Ok(typed) => serde_json::to_value(typed).map_err(not_serializable),
        Err(e) => Err(e),
    };
    Decoded {
        root: root_member(root),
        value,
    }
}

/// The answer as the envelope reads it.
fn answer_text(json: &str) -> JsonText {
    JsonText::from_json(json.to_owned())
}

/// The member an answer is read from (`None`: the whole answer).
fn root_member(root: Root) -> Option<&'static str> {
    match root {
        Root::Whole => None,
        Root::Member(name) | Root::MemberOrBare(name) => Some(name),
    }
}

/// A typed value that does not serialize back to JSON (not generic:
/// compiled once).
#[inline(never)]
fn not_serializable(e: serde_json::Error) -> Error {
    Error::from(DecodeError::new(
        "",
        "",
        format!("the typed value does not serialize back to JSON: {e}"),
    ))
}

/// [`typed_json`] of the whole answer object.
pub(crate) fn whole<T: DeserializeOwned + Serialize>(json: &str) -> Decoded {
    typed_json::<T>(json, Root::Whole)
}

/// [`typed_json`] of the member `root` (a read's answer).
pub(crate) fn member<T: DeserializeOwned + Serialize>(json: &str, root: &'static str) -> Decoded {
    typed_json::<T>(json, Root::Member(root))
}

/// [`typed_json`] of the member `root` of a write's answer: a bare
/// `{"stat":"ok"}` reads as `{}`, as the client reads it.
pub(crate) fn write_member<T: DeserializeOwned + Serialize>(
    json: &str,
    root: &'static str,
) -> Decoded {
    typed_json::<T>(json, Root::MemberOrBare(root))
}

const CALLED: Called<'static> = Called {
    method: "",
    perms: Perms::None,
    had_token: true,
};

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
