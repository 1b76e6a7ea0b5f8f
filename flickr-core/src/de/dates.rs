//! Dates in Flickr's forms (`YYYY-MM-DD HH:MM:SS`,
//! `YYYY-MM-DD`, Unix time; MySQL's zero date is "no date").

use super::visitor::{optional, required, trim, ReadAs};
use crate::values::DateValue;
use serde::de::{self, Deserializer, Unexpected};

struct AsDate;
impl ReadAs for AsDate {
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

/// A date in any of Flickr's forms: `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD` or Unix time.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<DateValue, D::Error> {
    required::<D, AsDate>(d)
}

/// An optional date: `""`, `null`, missing and `0000-00-00 00:00:00` → `None`.
pub fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateValue>, D::Error> {
    optional::<D, AsDate>(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn dates_in_flickr_forms() {
        #[derive(Debug, Deserialize)]
        struct D {
            #[serde(default, deserialize_with = "super::opt_date")]
            taken: Option<DateValue>,
            #[serde(default, deserialize_with = "crate::de::opt_i64")]
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
}
