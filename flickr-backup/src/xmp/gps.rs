//! Latitude and longitude in XMP's form, `DDD,MM.mmmmmmN`.

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
    fn coordinates_in_degrees_and_minutes() {
        assert_eq!(gps(48.8566, 'N', 'S'), "48,51.396000N");
        assert_eq!(gps(-33.5, 'N', 'S'), "33,30.000000S");
        assert_eq!(gps(-0.25, 'E', 'W'), "0,15.000000W");
        assert_eq!(gps(2.35, 'E', 'W'), "2,21.000000E");
    }
}
