//! Dates on files: each media file's modification time is its date taken,
//! so file browsers and photo tools sort the mirror right; the upload date
//! when Flickr marks the date taken unknown or gives none.
//!
//! Flickr's date taken is a wall-clock reading with no time zone (the
//! camera's clock). It is read as local time on the machine running the
//! backup, so a file browser there shows the same clock reading Flickr
//! shows (a date that falls in a daylight-saving gap takes the next valid
//! time; one in an overlap, the earlier). Set by the tree
//! ([`crate::tree::Tree::date_file`]) after downloads, moves and repairs.

use chrono::{Local, NaiveDate, TimeZone};
use serde_json::Value;

use crate::xmp::taken_wall;

/// Unix seconds of a local wall-clock time.
fn local_unix([y, mo, d, h, mi, s]: [u32; 6]) -> Option<i64> {
    let naive = NaiveDate::from_ymd_opt(y as i32, mo, d)?.and_hms_opt(h, mi, s.min(59))?;
    match Local.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) => Some(t.timestamp()),
        chrono::LocalResult::Ambiguous(early, _) => Some(early.timestamp()),
        // A daylight-saving gap: the same reading an hour later exists.
        chrono::LocalResult::None => Local
            .from_local_datetime(&(naive + chrono::Duration::hours(1)))
            .earliest()
            .map(|t| t.timestamp()),
    }
}

/// The modification time a photo's file gets (Unix seconds): its date
/// taken read as local time, else its upload date.
pub(crate) fn file_time(item: &Value) -> Option<i64> {
    let text = |k: &str| match item.get(k) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let unknown = match item.get("datetakenunknown") {
        Some(Value::Bool(b)) => *b,
        _ => text("datetakenunknown").is_some_and(|u| u.trim() == "1"),
    };
    let taken = (!unknown)
        .then(|| text("datetaken"))
        .flatten()
        .and_then(|t| taken_wall(&t))
        .and_then(local_unix);
    taken.or_else(|| text("dateupload")?.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn date_taken_as_local_time_else_the_upload_date() {
        let local = |s: &str| {
            let n = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
            Local
                .from_local_datetime(&n)
                .earliest()
                .unwrap()
                .timestamp()
        };
        let item = json!({"datetaken": "2019-05-01 13:04:05", "datetakenunknown": "0", "dateupload": "1700000000"});
        assert_eq!(file_time(&item), Some(local("2019-05-01 13:04:05")));
        let unknown = json!({"datetaken": "2019-05-01 13:04:05", "datetakenunknown": 1, "dateupload": "1700000000"});
        assert_eq!(file_time(&unknown), Some(1_700_000_000));
        let unknown = json!({"datetaken": "2019-05-01 13:04:05", "datetakenunknown": true, "dateupload": 1_700_000_000});
        assert_eq!(file_time(&unknown), Some(1_700_000_000));
        let zero = json!({"datetaken": "0000-00-00 00:00:00", "dateupload": 1_600_000_000});
        assert_eq!(file_time(&zero), Some(1_600_000_000));
        assert_eq!(file_time(&json!({})), None);
    }
}
