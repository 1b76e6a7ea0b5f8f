//! Numbers, booleans, text and ids in every form Flickr writes them, and the
//! [`Text`] newtype.

use super::visitor::{optional, required, trim, ReadAs, RequiredVisitor};
use serde::de::{self, Deserializer, Unexpected};
use serde::Deserialize;
use std::fmt;

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

/// Integers: every reader of a whole number is an `i64` (Flickr's ids,
/// counts, times and sizes all fit).
pub(super) struct AsI64;
impl ReadAs for AsI64 {
    type Out = i64;
    const EXPECTING: &'static str = "an integer (a number or a numeric string)";
    fn int<E: de::Error>(v: i64) -> Result<i64, E> {
        Ok(v)
    }
    fn uint<E: de::Error>(v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &Self::EXPECTING))
    }
    fn float<E: de::Error>(v: f64) -> Result<i64, E> {
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
            Ok(v as i64)
        } else {
            Err(E::invalid_value(Unexpected::Float(v), &Self::EXPECTING))
        }
    }
    fn boolean<E: de::Error>(v: bool) -> Result<i64, E> {
        Ok(i64::from(v))
    }
    fn text<E: de::Error>(v: &str) -> Result<Option<i64>, E> {
        parse_int_text(v, Self::EXPECTING)
    }
}

struct AsF64;
impl ReadAs for AsF64 {
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

struct AsBool;
impl ReadAs for AsBool {
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

struct AsText;
impl ReadAs for AsText {
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

/// An id: a string, or a number turned into its text (`_content` unwrapped).
pub fn id_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(RequiredVisitor::<AsText>::new(true))
}

/// An optional id: `""`/`null`/missing → `None` (what [`opt_id`](super::opt_id)
/// reads before it makes the typed id).
pub(super) fn opt_id_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(optional::<D, AsText>(d)?.filter(|s| !s.is_empty()))
}

/// An `i64` from a number, a numeric string or `{"_content": …}`.
pub fn i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    required::<D, AsI64>(d)
}

/// An optional `i64`: `""`/`null`/missing → `None`; words are an error.
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    optional::<D, AsI64>(d)
}

/// An `f64` from a number or a numeric string (`"23.340000"`).
pub fn f64<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    required::<D, AsF64>(d)
}

/// An optional `f64`: `""`/`null`/missing → `None`.
pub fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    optional::<D, AsF64>(d)
}

/// A boolean from `0`/`1`, `"0"`/`"1"`, `true`/`false` or `"true"`/`"false"`.
pub fn bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    required::<D, AsBool>(d)
}

/// An optional boolean: `""`/`null`/missing → `None`.
pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    optional::<D, AsBool>(d)
}

/// Text: a string, a number's text, `{"_content": …}` unwrapped; `null` → `""`.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(optional::<D, AsText>(d)?.unwrap_or_default())
}

/// Optional text: `""`/`null`/missing → `None`.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(optional::<D, AsText>(d)?.filter(|s| !s.is_empty()))
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
#[path = "scalars_tests.rs"]
mod tests;
