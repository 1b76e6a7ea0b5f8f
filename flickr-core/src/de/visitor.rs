//! The visitor behind every scalar helper: [`ReadAs`] says how one target
//! type reads each JSON form, and [`QuirkVisitor`] deals with the forms every
//! type shares (`null`, `""`, `[]`, `{}`, `{"_content": …}`).

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// How one target type reads each JSON form. `None` from a method means
/// "empty" (`""`, for numbers and booleans).
pub(super) trait ReadAs: Sized {
    type Out;
    const EXPECTING: &'static str;
    fn int<E: de::Error>(v: i64) -> Result<Self::Out, E>;
    fn uint<E: de::Error>(v: u64) -> Result<Self::Out, E>;
    fn float<E: de::Error>(v: f64) -> Result<Self::Out, E>;
    fn boolean<E: de::Error>(v: bool) -> Result<Self::Out, E>;
    fn text<E: de::Error>(v: &str) -> Result<Option<Self::Out>, E>;
    fn owned_text<E: de::Error>(v: String) -> Result<Option<Self::Out>, E> {
        Self::text(&v)
    }
}

/// Visits any JSON form and yields `Some(value)`, or `None` for
/// `null`, `""` (numbers, booleans), `[]`, `{}` and `{"_content": ""}`.
pub(super) struct QuirkVisitor<K>(PhantomData<K>);

impl<K> QuirkVisitor<K> {
    pub(super) fn new() -> Self {
        QuirkVisitor(PhantomData)
    }
}

impl<'de, K: ReadAs> Visitor<'de> for QuirkVisitor<K> {
    type Value = Option<K::Out>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(K::EXPECTING)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        K::boolean(v).map(Some)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        K::int(v).map(Some)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        K::uint(v).map(Some)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        K::float(v).map(Some)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        K::text(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        K::owned_text(v)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // Flickr writes `[]` for some empty values; anything else is not a scalar.
        match seq.next_element::<de::IgnoredAny>()? {
            None => Ok(None),
            Some(_) => Err(de::Error::invalid_type(Unexpected::Seq, &self)),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // `{"_content": x}` (XML text turned JSON, and some JSON fields): the
        // value is `x`; sibling attributes are ignored.
        let mut out = None;
        while let Some(is_content) = map.next_key_seed(ContentKey)? {
            if is_content {
                out = map.next_value_seed(QuirkSeed::<K>(PhantomData))?;
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(out)
    }
}

struct QuirkSeed<K>(PhantomData<K>);

impl<'de, K: ReadAs> DeserializeSeed<'de> for QuirkSeed<K> {
    type Value = Option<K::Out>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(QuirkVisitor::<K>::new())
    }
}

/// Reads a map key and tells whether it is `_content`, without allocating.
struct ContentKey;

impl<'de> DeserializeSeed<'de> for ContentKey {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for ContentKey {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        Ok(v == "_content")
    }
}

/// `v` without surrounding whitespace, as [`str::trim`] has it; free for the
/// common case of a value that starts and ends with a visible ASCII character.
pub(super) fn trim(v: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if visible(v.as_bytes().first()) && visible(v.as_bytes().last()) {
        v
    } else {
        v.trim()
    }
}

pub(super) fn required<'de, D: Deserializer<'de>, K: ReadAs>(d: D) -> Result<K::Out, D::Error> {
    d.deserialize_any(RequiredVisitor::<K>::new(false))
}

/// [`QuirkVisitor`] for a value that must be present. The empty forms are
/// errors raised inside the visitor, where the parser still knows the
/// position, so a decode error names this field and not its parent.
pub(super) struct RequiredVisitor<K> {
    /// An id (its own message), or a value of kind `K`.
    id: bool,
    kind: PhantomData<K>,
}

impl<K: ReadAs> RequiredVisitor<K> {
    pub(super) fn new(id: bool) -> Self {
        RequiredVisitor {
            id,
            kind: PhantomData,
        }
    }

    fn present<E: de::Error>(&self, v: Result<Option<K::Out>, E>) -> Result<K::Out, E> {
        match v? {
            Some(v) => Ok(v),
            None if self.id => Err(E::custom(
                "expected an id (a string or a number), found an empty value",
            )),
            None => Err(E::custom(format_args!(
                "expected {}, found an empty value",
                K::EXPECTING
            ))),
        }
    }
}

impl<'de, K: ReadAs> Visitor<'de> for RequiredVisitor<K> {
    type Value = K::Out;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(K::EXPECTING)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.present(QuirkVisitor::<K>::new().visit_bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.present(QuirkVisitor::<K>::new().visit_i64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.present(QuirkVisitor::<K>::new().visit_u64(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.present(QuirkVisitor::<K>::new().visit_f64(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.present(QuirkVisitor::<K>::new().visit_str(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.present(QuirkVisitor::<K>::new().visit_string(v))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.present(Ok(None))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.present(Ok(None))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.present(QuirkVisitor::<K>::new().visit_seq(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.present(QuirkVisitor::<K>::new().visit_map(map))
    }
}

pub(super) fn optional<'de, D: Deserializer<'de>, K: ReadAs>(
    d: D,
) -> Result<Option<K::Out>, D::Error> {
    d.deserialize_any(QuirkVisitor::<K>::new())
}
