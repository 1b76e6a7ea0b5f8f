//! RFC 5849 §3.6 percent-encoding, the §3.4.1.3 parameter set and the §3.4.1.1
//! signature base string.
//!
//! This is the signer's hot path. Every name and value is percent-encoded once,
//! into one buffer laid out as the query string itself (`name=value&...&`),
//! and that one encoding serves three uses:
//! - the query string or form body the transport sends: the buffer as it is
//!   ([`EncodedParams::into_query`]);
//! - the sort (§3.4.1.3.2 sorts by the encoded bytes);
//! - the base string, which encodes the joined pairs a second time. That second
//!   pass only turns `%` into `%25` (everything else is already unreserved), so
//!   pairs without a `%` are copied as they are. Sorting the once-encoded bytes
//!   gives the same order as sorting the twice-encoded ones, since `%25` starts
//!   with the `%` it replaces.
//!
//! Sorting moves small index records by the first 8 name bytes, pre-packed
//! into an integer; only names that share those bytes are compared in full.

use std::cmp::Ordering;

use super::uri::Target;

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
pub(super) fn is_unreserved(b: u8) -> bool {
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
fn push_reencoded(out: &mut String, s: &str) {
    let mut run_start = 0;
    while let Some(i) = next_percent(s.as_bytes(), run_start) {
        // Once-encoded text is ASCII: every index is a character boundary.
        out.push_str(&s[run_start..i]);
        out.push_str("%25");
        run_start = i + 1;
    }
    out.push_str(&s[run_start..]);
}

/// One pair: `buf[start..eq]` is the encoded name, `buf[eq + 1..end]` the
/// encoded value, and `buf[end]` the `&` that follows.
#[derive(Clone, Copy)]
struct Pair {
    /// The name's first 8 bytes, big-endian, zero-padded. Encoded names never
    /// contain a zero byte, so comparing these orders names like the bytes do.
    prefix: u64,
    start: usize,
    eq: usize,
    end: usize,
    /// Whether the encoded name holds a `%`.
    name_escaped: bool,
    /// Whether the encoded value holds a `%`.
    value_escaped: bool,
}

/// The encoded parameter set of one request.
#[derive(Default)]
pub(super) struct EncodedParams {
    /// `name=value&` for every pair, in the order pushed.
    buf: String,
    pairs: Vec<Pair>,
    /// How many `%` the pairs hold, for sizing the base string.
    percents: usize,
    /// The length of `buf` before [`base_string`](Self::base_string) added
    /// the URL's query parameters.
    own_len: Option<usize>,
}

impl EncodedParams {
    /// Room for `pairs` pairs whose names and values are `bytes` long before
    /// encoding.
    pub(super) fn with_capacity(pairs: usize, bytes: usize) -> EncodedParams {
        let bytes = bytes + 2 * pairs;
        EncodedParams {
            buf: String::with_capacity(bytes + bytes / 4 + 16),
            pairs: Vec::with_capacity(pairs),
            percents: 0,
            own_len: None,
        }
    }

    /// Adds one pair, unless it is `oauth_signature` (never signed, §3.4.1.3.1).
    pub(super) fn push(&mut self, name: &str, value: &str) {
        if name == "oauth_signature" {
            return;
        }
        let start = self.buf.len();
        let name_percents = push_encoded(&mut self.buf, name);
        let eq = self.buf.len();
        self.buf.push('=');
        let value_percents = push_encoded(&mut self.buf, value);
        let end = self.buf.len();
        self.buf.push('&');
        let mut prefix = [0u8; 8];
        let head = &self.buf.as_bytes()[start..eq.min(start + 8)];
        prefix[..head.len()].copy_from_slice(head);
        self.percents += name_percents + value_percents;
        self.pairs.push(Pair {
            prefix: u64::from_be_bytes(prefix),
            start,
            eq,
            end,
            name_escaped: name_percents > 0,
            value_escaped: value_percents > 0,
        });
    }

    pub(super) fn extend<K: AsRef<str>, V: AsRef<str>>(
        &mut self,
        params: impl IntoIterator<Item = (K, V)>,
    ) {
        for (name, value) in params {
            self.push(name.as_ref(), value.as_ref());
        }
    }

    fn name(&self, p: &Pair) -> &str {
        &self.buf[p.start..p.eq]
    }

    fn value(&self, p: &Pair) -> &str {
        &self.buf[p.eq + 1..p.end]
    }

    fn compare(&self, a: &Pair, b: &Pair) -> Ordering {
        a.prefix
            .cmp(&b.prefix)
            .then_with(|| self.name(a).cmp(self.name(b)))
            .then_with(|| self.value(a).cmp(self.value(b)))
    }

    /// §3.4.1.3.2: by encoded name, then encoded value. The prefixes decide
    /// almost every comparison; runs that share one are sorted in full.
    fn sort(&mut self) {
        let mut pairs = std::mem::take(&mut self.pairs);
        pairs.sort_unstable_by_key(|p| p.prefix);
        for run in pairs.chunk_by_mut(|a, b| a.prefix == b.prefix) {
            if run.len() > 1 {
                run.sort_unstable_by(|a, b| self.compare(a, b));
            }
        }
        self.pairs = pairs;
    }

    /// §3.4.1.1: `METHOD&enc(base string URI)&enc(normalized parameters)`.
    /// The URL's query parameters are merged into the set first, and the set
    /// is sorted by encoded name, then encoded value (§3.4.1.3.2).
    pub(super) fn base_string(&mut self, method: &str, target: &Target<'_>) -> String {
        self.own_len = Some(self.buf.len());
        for (name, value) in target.query_pairs() {
            self.push(&name, &value);
        }
        self.sort();

        let mut out = String::with_capacity(self.base_string_len(method, target));
        for c in method.chars() {
            out.push(c.to_ascii_uppercase());
        }
        out.push('&');
        push_encoded(&mut out, &target.base_uri);
        out.push('&');
        for (i, p) in self.pairs.iter().enumerate() {
            if i > 0 {
                out.push_str("%26");
            }
            // Most names and values hold no `%` and are copied as they are.
            if p.name_escaped {
                push_reencoded(&mut out, self.name(p));
            } else {
                out.push_str(self.name(p));
            }
            out.push_str("%3D");
            if p.value_escaped {
                push_reencoded(&mut out, self.value(p));
            } else {
                out.push_str(self.value(p));
            }
        }
        out
    }

    /// Room enough for the base string: exact for the pairs (each `=` and `&`
    /// takes three bytes, each `%` two more), the worst case for the URI.
    fn base_string_len(&self, method: &str, target: &Target<'_>) -> usize {
        method.len()
            + 2
            + 3 * target.base_uri.len()
            + self.buf.len()
            + 2 * self.percents
            + 4 * self.pairs.len()
    }

    /// The pairs pushed before [`base_string`](Self::base_string), in the
    /// order pushed, then `last`, as `name=value&...`: the query string or
    /// form body a request sends.
    pub(super) fn into_query(mut self, last: Option<(&str, &str)>) -> String {
        if let Some(len) = self.own_len {
            self.buf.truncate(len);
        }
        match last {
            Some((name, value)) => {
                push_encoded(&mut self.buf, name);
                self.buf.push('=');
                push_encoded(&mut self.buf, value);
            }
            None => {
                self.buf.pop();
            }
        }
        self.buf
    }

    /// The pairs in base-string order, encoded once, as owned strings.
    pub(super) fn to_vec(&self) -> Vec<(String, String)> {
        self.pairs
            .iter()
            .map(|p| (self.name(p).to_owned(), self.value(p).to_owned()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_by_prefix_matches_sorting_by_bytes() {
        let names = [
            "a",
            "a2",
            "a%20",
            "a b",
            "a!",
            "a\u{e9}",
            "oauth_token",
            "oauth_timestamp",
            "oauth_to",
            "b",
            "A",
            "",
            "~",
            "abcdefghij",
            "abcdefgh",
        ];
        let mut set = EncodedParams::default();
        for n in names {
            set.push(n, "v2");
            set.push(n, "v1");
        }
        let mut expected = set.to_vec();
        expected.sort();
        set.sort();
        assert_eq!(set.to_vec(), expected);
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

    #[test]
    fn the_base_string_encodes_pairs_twice() {
        let target = Target::parse("https://api.flickr.com/services/rest/").unwrap();
        let mut set = EncodedParams::default();
        set.extend([("b", "x y"), ("a", "1"), ("a b", "%"), ("c", "")]);
        let len = set.base_string_len("get", &target);
        let base = set.base_string("get", &target);
        assert_eq!(
            base,
            "GET&https%3A%2F%2Fapi.flickr.com%2Fservices%2Frest%2F&\
             a%3D1%26a%2520b%3D%2525%26b%3Dx%2520y%26c%3D"
        );
        assert!(base.len() <= len, "{} > {len}", base.len());
        assert_eq!(set.into_query(None), "b=x%20y&a=1&a%20b=%25&c=");
    }

    #[test]
    fn the_query_leaves_out_the_urls_own_parameters() {
        let target = Target::parse("https://x.test/a?q=1&r").unwrap();
        let mut set = EncodedParams::default();
        set.extend([("z", "\u{e9}")]);
        let base = set.base_string("POST", &target);
        assert_eq!(
            base,
            "POST&https%3A%2F%2Fx.test%2Fa&q%3D1%26r%3D%26z%3D%25C3%25A9"
        );
        assert_eq!(set.into_query(Some(("s", "a+b="))), "z=%C3%A9&s=a%2Bb%3D");
    }
}
