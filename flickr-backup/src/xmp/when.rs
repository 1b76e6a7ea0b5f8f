//! Dates and places in XMP's forms: Flickr's date taken at its granularity,
//! and latitude/longitude as `DDD,MM.mmmmmmN`.

/// Flickr's `datetakengranularity`: exact to the second.
const GRANULARITY_FULL: i64 = 0;
/// To the month.
const GRANULARITY_MONTH: i64 = 4;
// 6 is to the year and 8 "circa" a year: both written as the year.

/// Flickr's `YYYY-MM-DD HH:MM:SS` split into numbers, or `None` when it is
/// not one (or the zero date).
fn parts(taken: &str) -> Option<[u32; 6]> {
    let t = taken.trim();
    let (date, time) = t.split_once(' ').unwrap_or((t, "00:00:00"));
    let mut out = [0u32; 6];
    let fields = date.split('-').chain(time.split(':'));
    let mut n = 0;
    for (slot, f) in out.iter_mut().zip(fields) {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        *slot = f.parse().ok()?;
        n += 1;
    }
    let [y, mo, d, h, mi, s] = out;
    let valid = n == 6 && y > 0 && (1..=12).contains(&mo) && (1..=31).contains(&d);
    (valid && h < 24 && mi < 60 && s < 61).then_some(out)
}

/// The date taken in XMP's date form at Flickr's granularity: the full
/// date and time (no zone: Flickr gives a wall-clock time), `YYYY-MM` for
/// a month, `YYYY` for a year or "circa"; `None` when Flickr says the date
/// is unknown or gives none.
pub(crate) fn taken_xmp(taken: Option<&str>, granularity: i64, unknown: bool) -> Option<String> {
    if unknown {
        return None;
    }
    let [y, mo, d, h, mi, s] = parts(taken?)?;
    Some(match granularity {
        GRANULARITY_FULL => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}"),
        GRANULARITY_MONTH => format!("{y:04}-{mo:02}"),
        // Year, circa, and any granularity Flickr adds later: the year only
        // (never a day that was not given).
        _ => format!("{y:04}"),
    })
}

/// The date taken as a wall-clock time (year, month, day, hour, minute,
/// second), for the file's modification time.
pub(crate) fn taken_wall(taken: &str) -> Option<[u32; 6]> {
    parts(taken)
}

/// A coordinate in XMP's GPS form (`DDD,MM.mmmmmmH`, H one of `pos`/`neg`).
pub(crate) fn gps(value: f64, pos: char, neg: char) -> String {
    let hemi = if value < 0.0 { neg } else { pos };
    let abs = value.abs();
    let deg = abs.trunc();
    let min = (abs - deg) * 60.0;
    format!("{},{min:.6}{hemi}", deg as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_granularity_and_nothing_is_made_up() {
        let t = Some("2019-05-01 13:04:05");
        assert_eq!(taken_xmp(t, 0, false).unwrap(), "2019-05-01T13:04:05");
        assert_eq!(taken_xmp(t, 4, false).unwrap(), "2019-05");
        assert_eq!(taken_xmp(t, 6, false).unwrap(), "2019");
        assert_eq!(taken_xmp(t, 8, false).unwrap(), "2019");
        assert_eq!(taken_xmp(t, 5, false).unwrap(), "2019");
        assert_eq!(taken_xmp(t, 0, true), None);
        assert_eq!(taken_xmp(None, 0, false), None);
        assert_eq!(taken_xmp(Some("0000-00-00 00:00:00"), 0, false), None);
        assert_eq!(taken_xmp(Some("2019-13-01 00:00:00"), 0, false), None);
        assert_eq!(taken_xmp(Some("yesterday"), 0, false), None);
        assert_eq!(
            taken_wall("2019-05-01 13:04:05"),
            Some([2019, 5, 1, 13, 4, 5])
        );
    }

    #[test]
    fn coordinates_in_degrees_and_minutes() {
        assert_eq!(gps(48.8566, 'N', 'S'), "48,51.396000N");
        assert_eq!(gps(-33.5, 'N', 'S'), "33,30.000000S");
        assert_eq!(gps(-0.25, 'E', 'W'), "0,15.000000W");
        assert_eq!(gps(2.35, 'E', 'W'), "2,21.000000E");
    }
}
