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
use flickr_sdk::types::Photo;

use crate::photo_meta::Taken;

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
pub(crate) fn file_time(item: &Photo) -> Option<i64> {
    let taken = Taken::of(item).and_then(|t| local_unix(t.wall));
    taken.or(item.date_upload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn photo(v: serde_json::Value) -> Photo {
        let mut v = v;
        v["id"] = "1".into();
        serde_json::from_value(v).unwrap()
    }

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
        let item = photo(
            json!({"datetaken": "2019-05-01 13:04:05", "datetakenunknown": "0", "dateupload": "1700000000"}),
        );
        assert_eq!(file_time(&item), Some(local("2019-05-01 13:04:05")));
        let unknown = json!({"datetaken": "2019-05-01 13:04:05", "datetakenunknown": 1, "dateupload": "1700000000"});
        assert_eq!(file_time(&photo(unknown)), Some(1_700_000_000));
        let unknown = json!({"datetaken": "2019-05-01 13:04:05", "datetakenunknown": true, "dateupload": 1_700_000_000});
        assert_eq!(file_time(&photo(unknown)), Some(1_700_000_000));
        let zero = json!({"datetaken": "0000-00-00 00:00:00", "dateupload": 1_600_000_000});
        assert_eq!(file_time(&photo(zero)), Some(1_600_000_000));
        assert_eq!(file_time(&photo(json!({}))), None);
    }
}
