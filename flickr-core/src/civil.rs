//! Calendar arithmetic: days since 1970-01-01 to and from a proleptic
//! Gregorian date (Howard Hinnant's algorithms), the one copy the crate and
//! the test kit share.
//!
//! ```
//! use flickr_core::__private::{civil_from_days, days_from_civil};
//!
//! assert_eq!(days_from_civil(2024, 2, 29), 19_782);
//! assert_eq!(civil_from_days(19_782), (2024, 2, 29));
//! assert_eq!(civil_from_days(-1), (1969, 12, 31));
//! ```

/// Days since 1970-01-01 of the proleptic Gregorian date `y`-`m`-`d`
/// (negative before 1970). `m` is 1–12 and `d` 1–31; other values are not
/// checked and give a day count that means nothing.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date `(year, month, day)` of `days` since
/// 1970-01-01 (negative before 1970); the inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        for (date, days) in [
            ((1970, 1, 1), 0),
            ((1970, 1, 2), 1),
            ((2000, 1, 1), 10_957),
            ((2024, 6, 1), 19_875),
            ((1994, 11, 6), 9_075),
        ] {
            assert_eq!(days_from_civil(date.0, date.1, date.2), days, "{date:?}");
            assert_eq!(civil_from_days(days), date, "{days}");
        }
    }

    #[test]
    fn leap_years() {
        // Divisible by 4: leap; by 100: not; by 400: leap again.
        for (y, leap) in [
            (2024, true),
            (2023, false),
            (2000, true),
            (1900, false),
            (2100, false),
            (1600, true),
        ] {
            let feb = days_from_civil(y, 3, 1) - days_from_civil(y, 2, 1);
            assert_eq!(feb, if leap { 29 } else { 28 }, "{y}");
            let year = days_from_civil(y + 1, 1, 1) - days_from_civil(y, 1, 1);
            assert_eq!(year, if leap { 366 } else { 365 }, "{y}");
        }
        assert_eq!(civil_from_days(days_from_civil(2000, 2, 29)), (2000, 2, 29));
        assert_eq!(
            civil_from_days(days_from_civil(2000, 2, 29) + 1),
            (2000, 3, 1)
        );
        assert_eq!(
            civil_from_days(days_from_civil(1900, 2, 28) + 1),
            (1900, 3, 1)
        );
    }

    #[test]
    fn negative_days() {
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(-365), (1969, 1, 1));
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(1900, 1, 1), -25_567);
        assert_eq!(civil_from_days(-719_468), (0, 3, 1));
        assert_eq!(civil_from_days(-719_469), (0, 2, 29));
        assert_eq!(days_from_civil(-1, 12, 31), -719_529);
    }

    #[test]
    fn round_trips_every_day_over_many_centuries() {
        let mut prev = civil_from_days(-800_001);
        for days in -800_000..800_000 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
            assert!((1..=12).contains(&m) && (1..=31).contains(&d));
            assert!((y, m, d) > prev, "{days}");
            prev = (y, m, d);
        }
    }
}
