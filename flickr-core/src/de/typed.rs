//! Optional fields of the runtime's own types: open enums and id newtypes.

use serde::Deserializer;

use crate::open_enum::{Open, WireEnum};

/// An optional open enum: `""`, `null` and missing → `None`, as
/// [`opt_string`](super::opt_string) reads text.
pub fn opt_open<'de, D, E>(d: D) -> Result<Option<Open<E>>, D::Error>
where
    D: Deserializer<'de>,
    E: WireEnum,
{
    Ok(super::opt_string(d)?.map(Open::from_wire_string))
}

/// Reads an optional id field: absent, `null` and `""` (Flickr's "no such
/// thing", e.g. `place_id=""` on photos without a place) are `None`.
pub fn opt_id<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: From<String>,
{
    super::scalars::opt_id_string(d).map(|id| id.map(T::from))
}
