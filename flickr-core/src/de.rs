//! Flickr's wire quirks, handled once, for the generated response types.
//!
//! Flickr writes the same field differently from method to method and even
//! within one response: numbers as numbers or strings (`"total": "817"` next
//! to `"page": 1`), booleans as `0`/`1`, `"0"`/`"1"` or `true`/`false`, text
//! wrapped as `{"_content": "..."}`, `""` or `null` for absent values, one
//! object where a list is expected (and always, in XML turned into JSON),
//! `0` for an absent latitude. Each helper here accepts every form seen in the
//! recorded responses and nothing vaguer: a word in a number field
//! (`"remaining": "lots"`) is an error naming the value, never a silent `None`.
//!
//! Use with `#[serde(default, deserialize_with = "flickr_core::de::opt_i64")]`.
//! The helpers are visitors over the input (no `serde_json::Value` in between)
//! since they run for every field of every photo of a 500-photo page.

use crate::values::DateValue;
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    Visitor,
};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// How one target type reads each JSON form. `None` from a method means
/// "empty" (`""`, for numbers and booleans).
trait Kind: Sized {
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
struct QuirkVisitor<K>(PhantomData<K>);

impl<K> QuirkVisitor<K> {
    fn new() -> Self {
        QuirkVisitor(PhantomData)
    }
}

impl<'de, K: Kind> Visitor<'de> for QuirkVisitor<K> {
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

impl<'de, K: Kind> DeserializeSeed<'de> for QuirkSeed<K> {
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
fn trim(v: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if visible(v.as_bytes().first()) && visible(v.as_bytes().last()) {
        v
    } else {
        v.trim()
    }
}

fn parse_int_text<E: de::Error, T>(v: &str, exp: &'static str) -> Result<Option<T>, E>
where
    T: std::str::FromStr + TryFrom<i64>,
{
    let t = trim(v);
    if t.is_empty() {
        return Ok(None);
    }
    if let Ok(n) = t.parse::<T>() {
        return Ok(Some(n));
    }
    // "12.0" and "1e3" are integers too; "12.5" and "lots" are not.
    match t.parse::<f64>() {
        Ok(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 => T::try_from(f as i64)
            .map(Some)
            .map_err(|_| E::invalid_value(Unexpected::Str(v), &exp)),
        _ => Err(E::invalid_value(Unexpected::Str(v), &exp)),
    }
}

macro_rules! int_kind {
    ($kind:ident, $t:ty, $exp:literal) => {
        struct $kind;
        impl Kind for $kind {
            type Out = $t;
            const EXPECTING: &'static str = $exp;
            fn int<E: de::Error>(v: i64) -> Result<$t, E> {
                <$t>::try_from(v).map_err(|_| E::invalid_value(Unexpected::Signed(v), &$exp))
            }
            fn uint<E: de::Error>(v: u64) -> Result<$t, E> {
                <$t>::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &$exp))
            }
            fn float<E: de::Error>(v: f64) -> Result<$t, E> {
                if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
                    <$t>::try_from(v as i64)
                        .map_err(|_| E::invalid_value(Unexpected::Float(v), &$exp))
                } else {
                    Err(E::invalid_value(Unexpected::Float(v), &$exp))
                }
            }
            fn boolean<E: de::Error>(v: bool) -> Result<$t, E> {
                Ok(<$t>::from(v))
            }
            fn text<E: de::Error>(v: &str) -> Result<Option<$t>, E> {
                parse_int_text(v, $exp)
            }
        }
    };
}

int_kind!(I64K, i64, "an integer (a number or a numeric string)");
int_kind!(
    U64K,
    u64,
    "a non-negative integer (a number or a numeric string)"
);
int_kind!(
    U32K,
    u32,
    "a non-negative 32-bit integer (a number or a numeric string)"
);
int_kind!(I32K, i32, "a 32-bit integer (a number or a numeric string)");

struct F64K;
impl Kind for F64K {
    type Out = f64;
    const EXPECTING: &'static str = "a number (or a numeric string)";
    fn int<E: de::Error>(v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn uint<E: de::Error>(v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn float<E: de::Error>(v: f64) -> Result<f64, E> {
        Ok(v)
    }
    fn boolean<E: de::Error>(v: bool) -> Result<f64, E> {
        Err(E::invalid_type(Unexpected::Bool(v), &Self::EXPECTING))
    }
    fn text<E: de::Error>(v: &str) -> Result<Option<f64>, E> {
        let t = trim(v);
        if t.is_empty() {
            return Ok(None);
        }
        match t.parse::<f64>() {
            // `f64::from_str` also takes "inf" and "NaN", which are words, not numbers.
            Ok(f) if f.is_finite() => Ok(Some(f)),
            _ => Err(E::invalid_value(Unexpected::Str(v), &Self::EXPECTING)),
        }
    }
}

struct BoolK;
impl Kind for BoolK {
    type Out = bool;
    const EXPECTING: &'static str = "a boolean (0/1, \"0\"/\"1\" or true/false)";
    fn int<E: de::Error>(v: i64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Signed(v), &Self::EXPECTING)),
        }
    }
    fn uint<E: de::Error>(v: u64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Unsigned(v), &Self::EXPECTING)),
        }
    }
    fn float<E: de::Error>(v: f64) -> Result<bool, E> {
        Err(E::invalid_type(Unexpected::Float(v), &Self::EXPECTING))
    }
    fn boolean<E: de::Error>(v: bool) -> Result<bool, E> {
        Ok(v)
    }
    fn text<E: de::Error>(v: &str) -> Result<Option<bool>, E> {
        match trim(v) {
            "" => Ok(None),
            "1" | "true" => Ok(Some(true)),
            "0" | "false" => Ok(Some(false)),
            _ => Err(E::invalid_value(Unexpected::Str(v), &Self::EXPECTING)),
        }
    }
}

struct StrK;
impl Kind for StrK {
    type Out = String;
    const EXPECTING: &'static str = "a string (or a number)";
    fn int<E: de::Error>(v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn uint<E: de::Error>(v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn float<E: de::Error>(v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn boolean<E: de::Error>(v: bool) -> Result<String, E> {
        Ok(if v { "1" } else { "0" }.to_owned())
    }
    fn text<E: de::Error>(v: &str) -> Result<Option<String>, E> {
        Ok(Some(v.to_owned()))
    }
    fn owned_text<E: de::Error>(v: String) -> Result<Option<String>, E> {
        Ok(Some(v))
    }
}

struct DateK;
impl Kind for DateK {
    type Out = DateValue;
    const EXPECTING: &'static str = "a date (YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or a Unix time)";
    fn int<E: de::Error>(v: i64) -> Result<DateValue, E> {
        Ok(DateValue::Unix(v))
    }
    fn uint<E: de::Error>(v: u64) -> Result<DateValue, E> {
        i64::try_from(v)
            .map(DateValue::Unix)
            .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &Self::EXPECTING))
    }
    fn float<E: de::Error>(v: f64) -> Result<DateValue, E> {
        Err(E::invalid_type(Unexpected::Float(v), &Self::EXPECTING))
    }
    fn boolean<E: de::Error>(v: bool) -> Result<DateValue, E> {
        Err(E::invalid_type(Unexpected::Bool(v), &Self::EXPECTING))
    }
    fn text<E: de::Error>(v: &str) -> Result<Option<DateValue>, E> {
        let t = trim(v);
        // Flickr's "no date": empty, or MySQL's zero date.
        if t.is_empty() || t.starts_with("0000-00-00") {
            return Ok(None);
        }
        DateValue::parse(t)
            .map(Some)
            .ok_or_else(|| E::invalid_value(Unexpected::Str(v), &Self::EXPECTING))
    }
}

fn required<'de, D: Deserializer<'de>, K: Kind>(d: D) -> Result<K::Out, D::Error> {
    d.deserialize_any(RequiredVisitor::<K>::new(false))
}

/// [`QuirkVisitor`] for a value that must be present. The empty forms are
/// errors raised inside the visitor, where the parser still knows the
/// position, so a decode error names this field and not its parent.
struct RequiredVisitor<K> {
    /// An id (its own message), or a value of kind `K`.
    id: bool,
    kind: PhantomData<K>,
}

impl<K: Kind> RequiredVisitor<K> {
    fn new(id: bool) -> Self {
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

impl<'de, K: Kind> Visitor<'de> for RequiredVisitor<K> {
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

fn optional<'de, D: Deserializer<'de>, K: Kind>(d: D) -> Result<Option<K::Out>, D::Error> {
    d.deserialize_any(QuirkVisitor::<K>::new())
}

/// An id: a string, or a number turned into its text (`_content` unwrapped).
pub fn id_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(RequiredVisitor::<StrK>::new(true))
}

/// An optional id: `""`/`null`/missing → `None`.
pub fn opt_id_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(optional::<D, StrK>(d)?.filter(|s| !s.is_empty()))
}

/// An `i64` from a number, a numeric string or `{"_content": …}`.
pub fn i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    required::<D, I64K>(d)
}

/// An optional `i64`: `""`/`null`/missing → `None`; words are an error.
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    optional::<D, I64K>(d)
}

/// An `i32` from a number, a numeric string or `{"_content": …}`.
pub fn i32<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    required::<D, I32K>(d)
}

/// An optional `i32`.
pub fn opt_i32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    optional::<D, I32K>(d)
}

/// A `u32` from a number, a numeric string or `{"_content": …}`.
pub fn u32<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    required::<D, U32K>(d)
}

/// An optional `u32`.
pub fn opt_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    optional::<D, U32K>(d)
}

/// A `u64` from a number, a numeric string or `{"_content": …}`.
pub fn u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    required::<D, U64K>(d)
}

/// An optional `u64`.
pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    optional::<D, U64K>(d)
}

/// An `f64` from a number or a numeric string (`"23.340000"`).
pub fn f64<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    required::<D, F64K>(d)
}

/// An optional `f64`: `""`/`null`/missing → `None`.
pub fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    optional::<D, F64K>(d)
}

/// A boolean from `0`/`1`, `"0"`/`"1"`, `true`/`false` or `"true"`/`"false"`.
pub fn bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    required::<D, BoolK>(d)
}

/// An optional boolean: `""`/`null`/missing → `None`.
pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    optional::<D, BoolK>(d)
}

/// Text: a string, a number's text, `{"_content": …}` unwrapped; `null` → `""`.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(optional::<D, StrK>(d)?.unwrap_or_default())
}

/// Optional text: `""`/`null`/missing → `None`.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(optional::<D, StrK>(d)?.filter(|s| !s.is_empty()))
}

/// A Unix time in seconds (`"1334834742"` or `1334834742`).
pub fn unix_time<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    required::<D, I64K>(d)
}

/// An optional Unix time: `""`/`null`/missing → `None`. `0` stays `Some(0)`.
pub fn opt_unix_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    optional::<D, I64K>(d)
}

/// A date in any of Flickr's forms: `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD` or Unix time.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<DateValue, D::Error> {
    required::<D, DateK>(d)
}

/// An optional date: `""`, `null`, missing and `0000-00-00 00:00:00` → `None`.
pub fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateValue>, D::Error> {
    optional::<D, DateK>(d)
}

/// A list: an array; a single object, string or number → a list of one;
/// missing, `""`, `null` and `{}` → empty.
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_any(ListVisitor(PhantomData))
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list (an array, or a single item)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // Cap the pre-allocation: the size hint comes from the network.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            out.push(item);
        }
        Ok(out)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
        let mut map = PeekedMap {
            inner: map,
            empty: true,
        };
        // `{}` is XML's empty element: no items. Detect it without buffering:
        // deserialize the item from the map; if it turns out to have no keys
        // and T refuses an empty map, report an empty list instead.
        let item = T::deserialize(de::value::MapAccessDeserializer::new(&mut map));
        match item {
            Ok(t) => Ok(vec![t]),
            Err(_) if map.empty => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
        if v.is_empty() {
            return Ok(Vec::new());
        }
        T::deserialize(v.into_deserializer()).map(|t| vec![t])
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Vec<T>, E> {
        if v.is_empty() {
            return Ok(Vec::new());
        }
        T::deserialize(de::value::BorrowedStrDeserializer::new(v)).map(|t| vec![t])
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Vec<T>, E> {
        T::deserialize(v.into_deserializer()).map(|t| vec![t])
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Vec<T>, E> {
        T::deserialize(v.into_deserializer()).map(|t| vec![t])
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Vec<T>, E> {
        T::deserialize(v.into_deserializer()).map(|t| vec![t])
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Vec<T>, E> {
        T::deserialize(v.into_deserializer()).map(|t| vec![t])
    }

    fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(self)
    }
}

/// A map access that remembers whether any key was read.
struct PeekedMap<A> {
    inner: A,
    empty: bool,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for PeekedMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let key = self.inner.next_key_seed(seed)?;
        if key.is_some() {
            self.empty = false;
        }
        Ok(key)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// An optional object: `""`, `[]`, `null` and missing → `None` (Flickr's
/// ways of writing "no such object").
pub fn opt_struct<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_any(OptStructVisitor(PhantomData))
}

/// An object, or `T::default()` for `""`, `[]`, `null` and missing.
pub fn struct_or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(opt_struct(d)?.unwrap_or_default())
}

struct OptStructVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for OptStructVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object (or an empty value)")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        // `{}` (an empty XML element) is "no object" unless T accepts it.
        let mut map = PeekedMap {
            inner: map,
            empty: true,
        };
        match T::deserialize(de::value::MapAccessDeserializer::new(&mut map)) {
            Ok(t) => Ok(Some(t)),
            Err(_) if map.empty => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
        match seq.next_element::<de::IgnoredAny>()? {
            None => Ok(None),
            Some(_) => Err(de::Error::invalid_type(Unexpected::Seq, &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        if v.trim().is_empty() {
            Ok(None)
        } else {
            Err(E::invalid_type(Unexpected::Str(v), &self))
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }
}

/// Text that Flickr wraps as `{"_content": "..."}` in some places and writes
/// plainly in others; derefs to `str`. Handy as a field type where a helper
/// attribute would be noise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string(d).map(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq, Default)]
    struct T {
        #[serde(default, deserialize_with = "super::opt_i64")]
        n: Option<i64>,
        #[serde(default, deserialize_with = "super::opt_f64")]
        f: Option<f64>,
        #[serde(default, deserialize_with = "super::opt_bool")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "super::opt_string")]
        s: Option<String>,
    }

    fn t(json: &str) -> T {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    fn err(json: &str) -> String {
        serde_json::from_str::<T>(json).unwrap_err().to_string()
    }

    #[test]
    fn numbers_as_numbers_strings_and_content() {
        // "total":"98" next to "page":1 (photos.search), "count":{"_content":"12"} (people.getInfo).
        assert_eq!(t(r#"{"n":"98"}"#).n, Some(98));
        assert_eq!(t(r#"{"n":1}"#).n, Some(1));
        assert_eq!(t(r#"{"n":{"_content":"12"}}"#).n, Some(12));
        assert_eq!(t(r#"{"n":{"_content":12}}"#).n, Some(12));
        assert_eq!(t(r#"{"n":-3}"#).n, Some(-3));
        assert_eq!(t(r#"{"n":"2.0"}"#).n, Some(2));
        assert_eq!(t(r#"{"n":""}"#).n, None);
        assert_eq!(t(r#"{"n":null}"#).n, None);
        assert_eq!(t(r#"{}"#).n, None);
    }

    #[test]
    fn words_in_number_fields_are_errors_naming_the_value() {
        // "remaining":"lots" (a recorded people.getUploadStatus quirk).
        let e = err(r#"{"n":"lots"}"#);
        assert!(e.contains("\"lots\"") && e.contains("integer"), "{e}");
        assert!(err(r#"{"n":"1.5"}"#).contains("1.5"));
        assert!(err(r#"{"f":"NaN"}"#).contains("NaN"));
        assert!(err(r#"{"n":[1]}"#).contains("sequence"));
        assert!(err(r#"{"n":18446744073709551615}"#).contains("18446744073709551615"));
    }

    #[test]
    fn floats_from_strings_and_zero_ints() {
        // latitude "23.340000" in XML, latitude 0 (int) when absent in JSON.
        assert_eq!(t(r#"{"f":"23.340000"}"#).f, Some(23.34));
        assert_eq!(t(r#"{"f":0}"#).f, Some(0.0));
        assert_eq!(t(r#"{"f":-122.419415}"#).f, Some(-122.419415));
        assert_eq!(t(r#"{"f":""}"#).f, None);
    }

    #[test]
    fn booleans_in_every_form() {
        for (json, want) in [
            (r#"{"b":1}"#, Some(true)),
            (r#"{"b":0}"#, Some(false)),
            (r#"{"b":"1"}"#, Some(true)),
            (r#"{"b":"0"}"#, Some(false)),
            (r#"{"b":true}"#, Some(true)),
            (r#"{"b":"false"}"#, Some(false)),
            (r#"{"b":""}"#, None),
            (r#"{"b":{"_content":"1"}}"#, Some(true)),
        ] {
            assert_eq!(t(json).b, want, "{json}");
        }
        assert!(err(r#"{"b":2}"#).contains("boolean"));
        assert!(err(r#"{"b":"yes"}"#).contains("yes"));
    }

    #[test]
    fn strings_unwrap_content_and_accept_numbers() {
        // "title":{"_content":"Robot"} (photos.getInfo), "server":"7090" vs "farm":8.
        assert_eq!(
            t(r#"{"s":{"_content":"Robot"}}"#).s.as_deref(),
            Some("Robot")
        );
        assert_eq!(
            t(r#"{"s":{"type":"photopage","_content":"https://x/"}}"#)
                .s
                .as_deref(),
            Some("https://x/")
        );
        assert_eq!(t(r#"{"s":8}"#).s.as_deref(), Some("8"));
        assert_eq!(
            t(r#"{"s":"Janko Marohni\u0107"}"#).s.as_deref(),
            Some("Janko Marohnić")
        );
        assert_eq!(t(r#"{"s":""}"#).s, None);
        assert_eq!(t(r#"{"s":null}"#).s, None);
        #[derive(Deserialize)]
        struct R {
            #[serde(deserialize_with = "super::string")]
            s: String,
            #[serde(deserialize_with = "super::id_string")]
            id: String,
        }
        let r: R = serde_json::from_str(r#"{"s":null,"id":7093101501}"#).unwrap();
        assert_eq!((r.s.as_str(), r.id.as_str()), ("", "7093101501"));
        assert!(serde_json::from_str::<R>(r#"{"s":"","id":null}"#).is_err());
        // All-digit secrets stay strings, leading zeros and all.
        let r: R = serde_json::from_str(r#"{"s":"0123","id":"0042"}"#).unwrap();
        assert_eq!((r.s.as_str(), r.id.as_str()), ("0123", "0042"));
    }

    #[test]
    fn required_helpers_reject_empty_values() {
        #[derive(Debug, Deserialize)]
        struct R {
            #[serde(deserialize_with = "super::i64")]
            _n: i64,
        }
        let e = serde_json::from_str::<R>(r#"{"_n":""}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("empty value"), "{e}");
        let r: R = serde_json::from_str(r#"{"_n":"817"}"#).unwrap();
        assert_eq!(r._n, 817);
        #[derive(Debug, Deserialize)]
        struct U {
            #[serde(deserialize_with = "super::u32")]
            n: u32,
            #[serde(deserialize_with = "super::f64")]
            f: f64,
            #[serde(deserialize_with = "super::bool")]
            b: bool,
        }
        let u: U = serde_json::from_str(r#"{"n":"5","f":"1.5","b":"1"}"#).unwrap();
        assert_eq!((u.n, u.f, u.b), (5, 1.5, true));
        assert!(serde_json::from_str::<U>(r#"{"n":-1,"f":1,"b":1}"#).is_err());
    }

    #[derive(Debug, Deserialize, PartialEq, Clone)]
    struct Tag {
        id: String,
        #[serde(rename = "_content")]
        text: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Tags {
        #[serde(default, deserialize_with = "super::list")]
        tag: Vec<Tag>,
    }

    #[test]
    fn lists_accept_arrays_single_objects_and_empties() {
        let one = Tag {
            id: "1".into(),
            text: "green".into(),
        };
        let tags: Tags =
            serde_json::from_str(r#"{"tag":[{"id":"1","_content":"green"}]}"#).unwrap();
        assert_eq!(tags.tag, vec![one.clone()]);
        // A single object where a list is expected (XML with one child).
        let tags: Tags = serde_json::from_str(r#"{"tag":{"id":"1","_content":"green"}}"#).unwrap();
        assert_eq!(tags.tag, vec![one]);
        for empty in [
            r#"{"tag":[]}"#,
            r#"{"tag":""}"#,
            r#"{"tag":null}"#,
            r#"{}"#,
            r#"{"tag":{}}"#,
        ] {
            let tags: Tags = serde_json::from_str(empty).unwrap();
            assert!(tags.tag.is_empty(), "{empty}");
        }
        // A broken item is still an error.
        assert!(serde_json::from_str::<Tags>(r#"{"tag":{"id":"1"}}"#).is_err());
        #[derive(Deserialize)]
        struct S {
            #[serde(deserialize_with = "super::list")]
            v: Vec<String>,
        }
        let s: S = serde_json::from_str(r#"{"v":"one"}"#).unwrap();
        assert_eq!(s.v, ["one"]);
    }

    #[test]
    fn optional_objects() {
        #[derive(Debug, Deserialize, PartialEq, Default)]
        struct Loc {
            #[serde(deserialize_with = "super::f64")]
            latitude: f64,
        }
        #[derive(Debug, Deserialize)]
        struct P {
            #[serde(default, deserialize_with = "super::opt_struct")]
            location: Option<Loc>,
        }
        for none in [
            r#"{"location":""}"#,
            r#"{"location":[]}"#,
            r#"{"location":null}"#,
            r#"{"location":{}}"#,
            r#"{}"#,
        ] {
            assert_eq!(
                serde_json::from_str::<P>(none).unwrap().location,
                None,
                "{none}"
            );
        }
        let p: P = serde_json::from_str(r#"{"location":{"latitude":"23.340000"}}"#).unwrap();
        assert_eq!(p.location, Some(Loc { latitude: 23.34 }));
        assert!(serde_json::from_str::<P>(r#"{"location":"x"}"#).is_err());
    }

    #[test]
    fn dates_in_flickr_forms() {
        #[derive(Debug, Deserialize)]
        struct D {
            #[serde(default, deserialize_with = "super::opt_date")]
            taken: Option<DateValue>,
            #[serde(default, deserialize_with = "super::opt_unix_time")]
            posted: Option<i64>,
        }
        let d: D = serde_json::from_str(r#"{"taken":"2011-03-27 14:21:21","posted":"1334834742"}"#)
            .unwrap();
        assert_eq!(d.taken, Some(DateValue::datetime(2011, 3, 27, 14, 21, 21)));
        assert_eq!(d.posted, Some(1_334_834_742));
        let d: D = serde_json::from_str(r#"{"taken":"0000-00-00 00:00:00","posted":""}"#).unwrap();
        assert_eq!((d.taken, d.posted), (None, None));
        let d: D = serde_json::from_str(r#"{"taken":1334834742}"#).unwrap();
        assert_eq!(d.taken, Some(DateValue::Unix(1_334_834_742)));
        assert!(serde_json::from_str::<D>(r#"{"taken":"yesterday"}"#).is_err());
    }

    #[test]
    fn text_newtype_unwraps_content() {
        let t: Text = serde_json::from_str(r#"{"_content":"Robot"}"#).unwrap();
        assert_eq!(&*t, "Robot");
        let t: Text = serde_json::from_str(r#""plain""#).unwrap();
        assert_eq!(t.to_string(), "plain");
    }
}
