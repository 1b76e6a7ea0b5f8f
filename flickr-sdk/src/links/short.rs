//! `flic.kr` short URLs and the base58 encoding of ids they use.

use super::UrlError;

/// Flickr's base58 alphabet (no `0`, `O`, `I`, `l`).
const ALPHABET: &[u8; 58] = b"123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

/// Encodes a numeric id in Flickr's base58.
pub fn base58_encode(mut n: u64) -> String {
    if n == 0 {
        return "1".to_owned();
    }
    let mut out = Vec::new();
    while n > 0 {
        out.push(ALPHABET[(n % 58) as usize]);
        n /= 58;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Decodes Flickr's base58; `None` for characters outside the alphabet,
/// empty text or a value that does not fit in 64 bits.
pub fn base58_decode(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u64, |acc, b| {
        let digit = ALPHABET.iter().position(|&a| a == b)? as u64;
        acc.checked_mul(58)?.checked_add(digit)
    })
}

/// The `flic.kr/p/…` short URL of a photo id.
pub fn short_url(photo_id: impl AsRef<str>) -> Result<String, UrlError> {
    let id = photo_id.as_ref();
    let n: u64 = id.parse().map_err(|_| UrlError::BadPart {
        part: "id",
        value: id.to_owned(),
    })?;
    Ok(format!("https://flic.kr/p/{}", base58_encode(n)))
}

/// The `flic.kr/s/…` short URL of an album (photoset) id.
pub fn album_short_url(photoset_id: impl AsRef<str>) -> Result<String, UrlError> {
    let id = photoset_id.as_ref();
    let n: u64 = id.parse().map_err(|_| UrlError::BadPart {
        part: "id",
        value: id.to_owned(),
    })?;
    Ok(format!("https://flic.kr/s/{}", base58_encode(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base58_round_trips_and_rejects_bad_text() {
        for n in [0u64, 1, 57, 58, 12533665685, 53410986372, u64::MAX] {
            assert_eq!(base58_decode(&base58_encode(n)), Some(n), "{n}");
        }
        // Flickr's own example: photo 3392387861 is flic.kr/p/6aLSHT.
        assert_eq!(base58_encode(3392387861), "6aLSHT");
        assert_eq!(base58_encode(12533665685), "k6yj9e");
        for bad in ["", "0", "O", "l", "I", "abc!", "zzzzzzzzzzzzzzzzzzzzzzz"] {
            assert_eq!(base58_decode(bad), None, "{bad}");
        }
        assert!(short_url("12x").is_err());
    }
}
