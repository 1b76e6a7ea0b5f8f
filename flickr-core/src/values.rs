//! Typed argument values that are neither plain numbers nor strings.

use crate::civil;
use crate::params::ToParam;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A date or time argument, in whichever wire form the caller picks.
///
/// Each Flickr method documents which forms an argument accepts (`YYYY-MM-DD`,
/// a Unix timestamp, a MySQL datetime); the registry records them and the
/// client checks the value against them before sending.
///
/// It is also what a response's date fields (the spec's `datetime`) decode
/// to. It serializes to its wire form, the text [`Display`](fmt::Display)
/// writes for a date or a datetime and a number for a Unix time, and
/// deserializes from any of the three (a date as text, a Unix time as a
/// number or as digits), so a decoded value serialized and read again is
/// equal.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateValue {
    /// `YYYY-MM-DD`.
    Ymd {
        /// Year.
        year: i32,
        /// Month, 1–12.
        month: u8,
        /// Day, 1–31.
        day: u8,
    },
    /// Seconds since the Unix epoch.
    Unix(i64),
    /// MySQL datetime `YYYY-MM-DD HH:MM:SS`.
    DateTime {
        /// Year.
        year: i32,
        /// Month, 1–12.
        month: u8,
        /// Day, 1–31.
        day: u8,
        /// Hour, 0–23.
        hour: u8,
        /// Minute, 0–59.
        minute: u8,
        /// Second, 0–59.
        second: u8,
    },
}

impl DateValue {
    /// A calendar date, sent as `YYYY-MM-DD`.
    pub fn ymd(year: i32, month: u8, day: u8) -> DateValue {
        DateValue::Ymd { year, month, day }
    }

    /// A Unix timestamp in seconds.
    pub fn unix(seconds: i64) -> DateValue {
        DateValue::Unix(seconds)
    }

    /// A MySQL datetime.
    pub fn datetime(year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> DateValue {
        DateValue::DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
        }
    }

    /// Seconds since the Unix epoch, reading calendar forms as UTC.
    pub fn to_unix(&self) -> i64 {
        match *self {
            DateValue::Unix(s) => s,
            DateValue::Ymd { year, month, day } => days_from_civil(year, month, day) * 86_400,
            DateValue::DateTime {
                year,
                month,
                day,
                hour,
                minute,
                second,
            } => {
                days_from_civil(year, month, day) * 86_400
                    + i64::from(hour) * 3_600
                    + i64::from(minute) * 60
                    + i64::from(second)
            }
        }
    }

    /// Parses any of the three wire forms.
    pub fn parse(s: &str) -> Option<DateValue> {
        let s = s.trim();
        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
            return s.parse().ok().map(DateValue::Unix);
        }
        let (date, time) = match s.split_once(' ') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let mut parts = date.splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        match time {
            None => Some(DateValue::ymd(year, month, day)),
            Some(t) => {
                let mut parts = t.splitn(3, ':');
                let hour: u8 = parts.next()?.parse().ok()?;
                let minute: u8 = parts.next()?.parse().ok()?;
                let second: u8 = parts.next()?.parse().ok()?;
                (hour < 24 && minute < 60 && second < 61)
                    .then(|| DateValue::datetime(year, month, day, hour, minute, second))
            }
        }
    }
}

/// Days since 1970-01-01 of a date's parts, as this type stores them.
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    civil::days_from_civil(i64::from(year), u32::from(month), u32::from(day))
}

impl From<SystemTime> for DateValue {
    fn from(t: SystemTime) -> DateValue {
        let secs = match t.duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_secs() as i64,
            Err(e) => -(e.duration().as_secs() as i64),
        };
        DateValue::Unix(secs)
    }
}

impl From<i64> for DateValue {
    fn from(secs: i64) -> DateValue {
        DateValue::Unix(secs)
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DateValue::Ymd { year, month, day } => write!(f, "{year:04}-{month:02}-{day:02}"),
            DateValue::Unix(s) => write!(f, "{s}"),
            DateValue::DateTime {
                year,
                month,
                day,
                hour,
                minute,
                second,
            } => {
                write!(
                    f,
                    "{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}"
                )
            }
        }
    }
}

impl fmt::Debug for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateValue({self})")
    }
}

impl ToParam for DateValue {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

/// The wire form: `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` as text, a Unix
/// time as a number.
impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            DateValue::Unix(secs) => s.serialize_i64(secs),
            DateValue::Ymd { .. } | DateValue::DateTime { .. } => s.collect_str(self),
        }
    }
}

/// Any of Flickr's forms, read by the date reader the generated response
/// types use (`""`, `null` and MySQL's zero date are errors here: a field
/// that may hold them is an `Option<DateValue>`, read with `opt_date`).
impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DateValue, D::Error> {
        crate::de::date(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_forms_round_trip() {
        for s in ["2024-05-01", "1700000000", "2024-05-01 13:04:59"] {
            assert_eq!(DateValue::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(DateValue::parse("2024-13-01"), None);
        assert_eq!(DateValue::parse("yesterday"), None);
    }

    #[test]
    fn serde_writes_and_reads_the_wire_form() {
        let values = [
            (
                DateValue::datetime(2011, 3, 27, 14, 21, 21),
                r#""2011-03-27 14:21:21""#,
            ),
            (DateValue::ymd(2024, 5, 1), r#""2024-05-01""#),
            (DateValue::unix(1_334_834_742), "1334834742"),
        ];
        for (v, json) in values {
            assert_eq!(serde_json::to_string(&v).unwrap(), json);
            assert_eq!(serde_json::from_str::<DateValue>(json).unwrap(), v);
        }
        assert_eq!(
            serde_json::from_str::<DateValue>(r#""1334834742""#).unwrap(),
            DateValue::unix(1_334_834_742)
        );
        assert!(serde_json::from_str::<DateValue>(r#""0000-00-00 00:00:00""#).is_err());
        assert!(serde_json::from_str::<DateValue>(r#""""#).is_err());
    }

    #[test]
    fn calendar_forms_convert_to_unix_time_as_utc() {
        assert_eq!(DateValue::ymd(1970, 1, 1).to_unix(), 0);
        assert_eq!(DateValue::ymd(2004, 1, 1).to_unix(), 1_072_915_200);
        assert_eq!(
            DateValue::datetime(2024, 2, 29, 12, 0, 1).to_unix(),
            1_709_208_001
        );
        assert_eq!(DateValue::unix(-5).to_unix(), -5);
    }
}
