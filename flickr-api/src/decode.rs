//! Support for responses not modelled as structs yet.

use serde::{Deserialize, Deserializer};

/// Reads Flickr's envelope as a JSON value and drops its `stat` member.
pub(crate) fn envelope_value<'de, D: Deserializer<'de>>(d: D) -> Result<serde_json::Value, D::Error> {
    let mut value = serde_json::Value::deserialize(d)?;
    if let Some(object) = value.as_object_mut() {
        object.remove("stat");
    }
    Ok(value)
}
