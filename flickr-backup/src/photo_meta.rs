//! What several stages read of a photo's list item, in one place so they
//! agree: its date taken (a wall-clock reading, with Flickr's granularity
//! and its "unknown" flag), its place, its tags. The XMP sidecar, the
//! viewer, the file's date and its path all read these.

use flickr_sdk::types::Photo;
use flickr_sdk::DateValue;

/// How much of a date taken Flickr vouches for (`datetakengranularity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Granularity {
    /// `0`, or none given: to the second.
    Second,
    /// `4`: the month.
    Month,
    /// `6`: the year.
    Year,
    /// `8`: about that year.
    Circa,
}

impl Granularity {
    fn of(code: Option<i64>) -> Granularity {
        match code {
            None | Some(0) => Granularity::Second,
            Some(4) => Granularity::Month,
            Some(8) => Granularity::Circa,
            // 6, and any granularity Flickr adds later: the year only (never
            // a day or a month that was not given).
            Some(_) => Granularity::Year,
        }
    }
}

/// A date taken Flickr vouches for: not marked unknown, not the zero date,
/// and a real calendar reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Taken {
    /// Year, month, day, hour, minute, second, as the camera's clock read
    /// (no time zone).
    pub wall: [u32; 6],
    /// Flickr's granularity code as it was sent (`None` when absent); what
    /// it means is [`Taken::granularity`].
    pub code: Option<i64>,
}

impl Taken {
    /// Photo `p`'s date taken, or `None` when Flickr marks it unknown or
    /// gives none.
    pub(crate) fn of(p: &Photo) -> Option<Taken> {
        if p.date_taken_unknown == Some(true) {
            return None;
        }
        let wall = wall_clock(p.date_taken.as_ref()?)?;
        Some(Taken {
            wall,
            code: p.date_taken_granularity,
        })
    }

    /// How much of it Flickr vouches for.
    pub(crate) fn granularity(&self) -> Granularity {
        Granularity::of(self.code)
    }

    /// In XMP's date form at its granularity: `2019-05-01T13:04:05`,
    /// `2019-05`, or `2019` (a year or "circa").
    pub(crate) fn xmp(&self) -> String {
        let [y, mo, d, h, mi, s] = self.wall;
        match self.granularity() {
            Granularity::Second => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}"),
            Granularity::Month => format!("{y:04}-{mo:02}"),
            Granularity::Year | Granularity::Circa => format!("{y:04}"),
        }
    }

    /// As a person reads it: `2024-05-31 13:00:00`, `2024-05`, `2024`, or
    /// `circa 2024`.
    pub(crate) fn shown(&self) -> String {
        let [y, mo, d, h, mi, s] = self.wall;
        match self.granularity() {
            Granularity::Second => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
            Granularity::Month => format!("{y:04}-{mo:02}"),
            Granularity::Year => format!("{y:04}"),
            Granularity::Circa => format!("circa {y:04}"),
        }
    }
}

/// A date as a wall-clock reading (year, month, day, hour, minute,
/// second): a calendar date or datetime as flickr-core's date reader read
/// it (a date alone at midnight); `None` for a Unix time (no wall clock)
/// or a reading no clock shows.
pub(crate) fn wall_clock(date: &DateValue) -> Option<[u32; 6]> {
    let (y, mo, d, h, mi, s) = match *date {
        DateValue::DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
        } => (year, month, day, hour, minute, second),
        DateValue::Ymd { year, month, day } => (year, month, day, 0, 0, 0),
        _ => return None,
    };
    let valid = y > 0 && (1..=12).contains(&mo) && (1..=31).contains(&d);
    (valid && h < 24 && mi < 60 && s < 61)
        .then(|| [y as u32, mo.into(), d.into(), h.into(), mi.into(), s.into()])
}

/// The date taken as Flickr wrote it (`YYYY-MM-DD HH:MM:SS`), whether or
/// not Flickr vouches for it; `None` for none (flickr-core's date reader
/// reads MySQL's zero date as none). The path and the photostream's order
/// go by it.
pub(crate) fn taken_text(p: &Photo) -> Option<String> {
    p.date_taken.map(|t| t.to_string())
}

/// Latitude and longitude when Flickr says the photo is geotagged
/// (accuracy above 0, a real coordinate, and not Flickr's 0,0 for "no
/// place").
pub(crate) fn place(p: &Photo) -> Option<(f64, f64)> {
    let accuracy: i64 = p.accuracy.as_ref()?.as_str().trim().parse().ok()?;
    let (lat, lon) = (p.latitude?, p.longitude?);
    let valid = lat.abs() <= 90.0 && lon.abs() <= 180.0 && (lat, lon) != (0.0, 0.0);
    (accuracy > 0 && valid).then_some((lat, lon))
}

/// A title as people read it: Flickr's titles (photos', albums',
/// collections', in the API and in its export alike) can carry HTML
/// entities (`&amp;`, `&#39;`), shown as the characters they stand for.
/// The stored item keeps them as Flickr sent them.
/// A lone `&` or an unknown name stays as written (`Tom & Jerry &amp; co`
/// shows `Tom & Jerry & co`).
pub(crate) fn shown_title(raw: Option<&str>) -> String {
    crate::xmp::text::decode_entities(raw.unwrap_or_default())
}

/// The listing's cleaned tags (`tags`), in order.
pub(crate) fn tags(p: &Photo) -> impl Iterator<Item = &str> {
    p.tags.as_deref().unwrap_or_default().split_whitespace()
}

/// The listing's machine tags (`machine_tags`), in order.
pub(crate) fn machine_tags(p: &Photo) -> impl Iterator<Item = &str> {
    p.machine_tags
        .as_deref()
        .unwrap_or_default()
        .split_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(v: serde_json::Value) -> Photo {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn dates_keep_their_granularity_and_unknown_is_none() {
        let at = |g: serde_json::Value| {
            Taken::of(&photo(serde_json::json!({
                "id": "1", "datetaken": "2024-05-31 13:00:00", "datetakengranularity": g
            })))
            .unwrap()
        };
        assert_eq!(at("0".into()).shown(), "2024-05-31 13:00:00");
        assert_eq!(at("0".into()).xmp(), "2024-05-31T13:00:00");
        assert_eq!(at(4.into()).shown(), "2024-05");
        assert_eq!(at(4.into()).xmp(), "2024-05");
        assert_eq!(at("6".into()).shown(), "2024");
        assert_eq!(at("8".into()).shown(), "circa 2024");
        assert_eq!(at("8".into()).xmp(), "2024");
        // A granularity Flickr adds later: the year only.
        assert_eq!(at("5".into()).shown(), "2024");
        assert_eq!(at("5".into()).code, Some(5));
        let none = |v| Taken::of(&photo(v));
        // "Unknown" in every form Flickr writes a boolean.
        for u in [
            serde_json::json!("1"),
            serde_json::json!(1),
            serde_json::json!(true),
        ] {
            let p = serde_json::json!({"id": "1", "datetaken": "2024-05-31 13:00:00", "datetakenunknown": u});
            assert_eq!(none(p.clone()), None, "{p}");
            assert_eq!(
                taken_text(&photo(p)).as_deref(),
                Some("2024-05-31 13:00:00")
            );
        }
        assert_eq!(
            none(serde_json::json!({"id": "1", "datetaken": "0000-00-00 00:00:00"})),
            None
        );
        assert_eq!(none(serde_json::json!({"id": "1"})), None);
        assert_eq!(taken_text(&photo(serde_json::json!({"id": "1"}))), None);
        let wall = |s: &str| wall_clock(&DateValue::parse(s).unwrap());
        assert_eq!(wall("2019-05-01 13:04:05"), Some([2019, 5, 1, 13, 4, 5]));
        assert_eq!(wall("2019-05-01"), Some([2019, 5, 1, 0, 0, 0]));
        assert_eq!(wall("1700000000"), None, "a Unix time is no wall clock");
        let hour_25 = DateValue::datetime(2019, 5, 1, 25, 0, 0);
        assert_eq!(wall_clock(&hour_25), None, "no clock shows 25 h");
        // A date the reader refuses fails the answer's decode, named.
        let bad = serde_json::json!({"id": "1", "datetaken": "2019-13-01 00:00:00"});
        let err = serde_json::from_value::<Photo>(bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains("2019-13-01"), "{err}");
    }

    #[test]
    fn places_need_an_accuracy_and_a_real_coordinate() {
        let at = |v| place(&photo(v));
        assert_eq!(
            at(serde_json::json!({"id": "1", "latitude": 0, "longitude": 0, "accuracy": 0})),
            None
        );
        assert_eq!(
            at(serde_json::json!({"id": "1", "latitude": 1, "longitude": 2, "accuracy": "0"})),
            None
        );
        assert_eq!(
            at(serde_json::json!({"id": "1", "latitude": 0, "longitude": 0, "accuracy": 16})),
            None
        );
        assert_eq!(
            at(
                serde_json::json!({"id": "1", "latitude": "48.85", "longitude": 2.35, "accuracy": "16"})
            ),
            Some((48.85, 2.35))
        );
        assert_eq!(
            at(serde_json::json!({"id": "1", "latitude": 91, "longitude": 2, "accuracy": 16})),
            None
        );
    }
}

#[cfg(test)]
mod title_tests {
    use super::shown_title;

    #[test]
    fn titles_are_shown_with_their_entities_decoded_and_a_lone_ampersand_kept() {
        assert_eq!(shown_title(Some("Fish &amp; chips")), "Fish & chips");
        assert_eq!(
            shown_title(Some("Tom & Jerry &amp; co")),
            "Tom & Jerry & co"
        );
        assert_eq!(shown_title(Some("Caf&eacute; &#39;24")), "Café '24");
        assert_eq!(shown_title(Some("&bogus; stays")), "&bogus; stays");
        assert_eq!(shown_title(None), "");
    }
}
