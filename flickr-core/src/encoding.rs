//! Percent-encoding as RFC 3986 §2.1 and RFC 5849 §3.6 define it: only
//! `A–Z a–z 0–9 - . _ ~` stay as they are; every other byte of the UTF-8
//! text becomes `%XX` with uppercase hex, so a space is `%20` (never `+`).
//!
//! One encoding serves both the OAuth signature ([`crate::signer`]) and the
//! query string or form body that is sent ([`crate::params`]), so what is
//! signed is what is sent. This module is a leaf: it uses nothing else from
//! the crate. It sits on the signer's hot path, so it scans eight bytes at a
//! time and copies runs of unreserved bytes whole.

/// §3.6: only `ALPHA DIGIT - . _ ~` stay as they are.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_' || b == b'~';
        i += 1;
    }
    table
};

/// Whether `b` stays as it is in percent-encoded output.
pub(crate) fn is_unreserved(b: u8) -> bool {
    UNRESERVED[usize::from(b)]
}

/// `0x01` in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bit 7 of each byte of the result is set where that byte of `x` must be
/// escaped; the other bits are clear. Eight bytes at a time, no table.
///
/// For a byte `b < 0x80`, bit 7 of `b + (0x80 - c)` says whether `b >= c`
/// (the sum stays below `0x100`, so bytes do not carry into each other).
/// The unreserved bytes are the ranges `2D-2E 30-39 41-5A 5F 61-7A 7E`, so a
/// byte is unreserved exactly when it is at or above an odd number of these
/// bounds, which the XOR of the comparisons counts. Bytes `>= 0x80` (UTF-8
/// beyond ASCII) are always escaped.
fn reserved_bytes(x: u64) -> u64 {
    const BOUNDS: [u8; 12] = [
        0x2D, 0x2F, 0x30, 0x3A, 0x41, 0x5B, 0x5F, 0x60, 0x61, 0x7B, 0x7E, 0x7F,
    ];
    let ascii = x & !HIGH;
    let mut parity = 0;
    for bound in BOUNDS {
        parity ^= ascii.wrapping_add(ONES * u64::from(0x80 - bound));
    }
    (!parity | x) & HIGH
}

/// Bit 7 of each byte of the result is set where that byte of `x` is `%`:
/// exact for the lowest such byte, the only one callers look at (the borrow
/// out of a match can mark the byte above it too).
fn percent_bytes(x: u64) -> u64 {
    let y = x ^ (ONES * u64::from(b'%'));
    y.wrapping_sub(ONES) & !y & HIGH
}

/// The index of the first byte at or after `from` that `word` marks (checking
/// eight bytes at a time with one of the functions above) or, in the last
/// few bytes, that `byte` picks.
fn find_from(
    bytes: &[u8],
    from: usize,
    word: impl Fn(u64) -> u64,
    byte: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let hits = word(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| byte(b)).map(|j| i + j)
}

/// The index of the first byte at or after `from` that must be escaped.
fn next_reserved(bytes: &[u8], from: usize) -> Option<usize> {
    find_from(bytes, from, reserved_bytes, |b| !is_unreserved(b))
}

/// The index of the first `%` at or after `from`.
fn next_percent(bytes: &[u8], from: usize) -> Option<usize> {
    find_from(bytes, from, percent_bytes, |b| b == b'%')
}

/// Appends `s` percent-encoded (UTF-8 bytes, uppercase hex) and returns how
/// many bytes it escaped. Runs of unreserved bytes are copied whole.
///
/// Works on `String`s without re-validating UTF-8: a run of unreserved bytes is
/// ASCII, so it starts and ends on character boundaries.
pub(crate) fn push_encoded(out: &mut String, s: &str) -> usize {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = s.as_bytes();
    let mut run_start = 0;
    let mut escaped = 0;
    while let Some(i) = next_reserved(bytes, run_start) {
        // `run_start == i` can fall inside a multi-byte character; an empty
        // run needs no copy, and a non-empty one is ASCII on both ends.
        if run_start < i {
            out.push_str(&s[run_start..i]);
        }
        let b = bytes[i];
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xF)]));
        run_start = i + 1;
        escaped += 1;
    }
    // Empty, or starting at an unreserved (ASCII) byte.
    out.push_str(&s[run_start..]);
    escaped
}

/// Appends once-encoded `s` encoded a second time: every `%` becomes `%25`.
pub(crate) fn push_reencoded(out: &mut String, s: &str) {
    let mut run_start = 0;
    while let Some(i) = next_percent(s.as_bytes(), run_start) {
        // Once-encoded text is ASCII: every index is a character boundary.
        out.push_str(&s[run_start..i]);
        out.push_str("%25");
        run_start = i + 1;
    }
    out.push_str(&s[run_start..]);
}

/// Percent-encodes `s` as RFC 5849 §3.6 requires.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    push_encoded(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_only_unreserved_as_is() {
        assert_eq!(percent_encode("Az09-._~"), "Az09-._~");
        assert_eq!(percent_encode("a b+c&d=e%f*"), "a%20b%2Bc%26d%3De%25f%2A");
        assert_eq!(percent_encode("é😀"), "%C3%A9%F0%9F%98%80");
    }

    #[test]
    fn word_at_a_time_checks_match_the_table() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = [b'a'; 8];
                bytes[lane] = b;
                let word = u64::from_le_bytes(bytes);
                let bit = 0x80u64 << (8 * lane);
                let escape = if is_unreserved(b) { 0 } else { bit };
                assert_eq!(reserved_bytes(word), escape, "byte {b:#x} in lane {lane}");
                let percent = if b == b'%' { bit } else { 0 };
                assert_eq!(percent_bytes(word), percent, "byte {b:#x} in lane {lane}");
            }
        }
    }

    #[test]
    fn encoding_matches_a_byte_by_byte_encoder() {
        let reference = |s: &str| -> String {
            s.bytes()
                .map(|b| {
                    if is_unreserved(b) {
                        char::from(b).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect()
        };
        let alphabet = [
            "a",
            "Z",
            "0",
            "-",
            "~",
            " ",
            "%",
            "+",
            "/",
            "\u{e9}",
            "\u{1F600}",
        ];
        for len in 0..20 {
            for offset in 0..alphabet.len() {
                let s: String = (0..len)
                    .map(|i| alphabet[(i * i + offset) % alphabet.len()])
                    .collect();
                let mut out = String::new();
                let escaped = push_encoded(&mut out, &s);
                assert_eq!(out, reference(&s), "{s:?}");
                assert_eq!(escaped, out.matches('%').count(), "{s:?}");
                let mut twice = String::new();
                push_reencoded(&mut twice, &out);
                assert_eq!(twice, reference(&out), "{s:?}");
            }
        }
    }

    #[test]
    fn encoding_handles_runs_around_multibyte_characters() {
        let enc = |s: &str| {
            let mut out = String::new();
            let n = push_encoded(&mut out, s);
            (out, n)
        };
        assert_eq!(enc(""), (String::new(), 0));
        assert_eq!(enc("abc"), ("abc".to_owned(), 0));
        assert_eq!(enc("é"), ("%C3%A9".to_owned(), 2));
        assert_eq!(enc("aéb c"), ("a%C3%A9b%20c".to_owned(), 3));
        assert_eq!(enc("😀x"), ("%F0%9F%98%80x".to_owned(), 4));
        assert_eq!(enc("x%"), ("x%25".to_owned(), 1));
    }
}
