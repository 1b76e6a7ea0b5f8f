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

macro_rules! int_kind {
    ($kind:ident, $t:ty, $exp:literal) => {
        pub(super) struct $kind;
        impl ReadAs for $kind {
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

int_kind!(AsI64, i64, "an integer (a number or a numeric string)");
int_kind!(
    AsU64,
    u64,
    "a non-negative integer (a number or a numeric string)"
);
int_kind!(
    AsU32,
    u32,
    "a non-negative 32-bit integer (a number or a numeric string)"
);
int_kind!(
    AsI32,
    i32,
    "a 32-bit integer (a number or a numeric string)"
);

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

/// An optional id: `""`/`null`/missing → `None`.
pub fn opt_id_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
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

/// An `i32` from a number, a numeric string or `{"_content": …}`.
pub fn i32<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    required::<D, AsI32>(d)
}

/// An optional `i32`.
pub fn opt_i32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    optional::<D, AsI32>(d)
}

/// A `u32` from a number, a numeric string or `{"_content": …}`.
pub fn u32<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    required::<D, AsU32>(d)
}

/// An optional `u32`.
pub fn opt_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    optional::<D, AsU32>(d)
}

/// A `u64` from a number, a numeric string or `{"_content": …}`.
pub fn u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    required::<D, AsU64>(d)
}

/// An optional `u64`.
pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    optional::<D, AsU64>(d)
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

    #[test]
    fn text_newtype_unwraps_content() {
        let t: Text = serde_json::from_str(r#"{"_content":"Robot"}"#).unwrap();
        assert_eq!(&*t, "Robot");
        let t: Text = serde_json::from_str(r#""plain""#).unwrap();
        assert_eq!(t.to_string(), "plain");
    }
}
