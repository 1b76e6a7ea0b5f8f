//! Percent-encoding as RFC 3986 §2.1 and RFC 5849 §3.6 define it: only
//! `A–Z a–z 0–9 - . _ ~` stay as they are; every other byte of the UTF-8
//! text becomes `%XX` with uppercase hex, so a space is `%20` (never `+`).
//!
//! One encoding serves both the OAuth signature ([`crate::signer`]) and the
//! query string or form body that is sent ([`crate::params`]), so what is
//! signed is what is sent. The encoding itself is the `percent-encoding`
//! crate's (the one `url` and `reqwest` use) with RFC 5849's set; this module
//! only says which set and appends to a buffer. It is a leaf: it uses
//! nothing else from the crate.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but §3.6's unreserved `ALPHA DIGIT - . _ ~` is escaped.
const RESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Whether `b` stays as it is in percent-encoded output.
pub(crate) fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Appends `s` percent-encoded (UTF-8 bytes, uppercase hex) and returns how
/// many bytes it escaped.
pub(crate) fn push_encoded(out: &mut String, s: &str) -> usize {
    let mut escaped = 0;
    for chunk in utf8_percent_encode(s, RESERVED) {
        // A chunk is a run of unreserved bytes, or one escaped byte.
        if chunk.starts_with('%') {
            escaped += 1;
        }
        out.push_str(chunk);
    }
    escaped
}

/// Appends once-encoded `s` encoded a second time: every `%` becomes `%25`
/// (once-encoded text holds nothing else that is escaped).
pub(crate) fn push_reencoded(out: &mut String, s: &str) {
    push_encoded(out, s);
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
    fn the_set_escapes_exactly_the_reserved_bytes() {
        for b in 0..=255u8 {
            let one = [b];
            let encoded: String = percent_encoding::percent_encode(&one, RESERVED).collect();
            let kept = encoded.len() == 1;
            assert_eq!(kept, is_unreserved(b), "byte {b:#x}: {encoded}");
            if !kept {
                assert_eq!(encoded, format!("%{b:02X}"), "uppercase hex");
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
