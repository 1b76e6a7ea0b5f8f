//! RFC 5849 §3.6 percent-encoding, the §3.4.1.3 parameter set and the §3.4.1.1
//! signature base string.
//!
//! This is the signer's hot path, so it works on bytes in one buffer: every
//! name and value lives in `EncodedParams::buf` already in its base-string
//! form, encoded twice (§3.4.1.3.2 encodes each pair, §3.4.1.1 encodes the
//! joined string again; the second pass only turns `%` into `%25`). Sorting
//! the twice-encoded bytes gives the same order as sorting the once-encoded
//! ones, since `%25` starts with the `%` it replaces. Sorting moves small index
//! records whose first 8 name bytes are pre-packed into an integer, so most
//! comparisons end without touching the buffer.

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

/// Appends `s` percent-encoded: UTF-8 bytes, uppercase hex, runs of unreserved
/// bytes copied whole.
pub(super) fn push_encoded(out: &mut Vec<u8>, s: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut run_start = 0;
    for (i, &b) in s.iter().enumerate() {
        if UNRESERVED[usize::from(b)] {
            continue;
        }
        out.extend_from_slice(&s[run_start..i]);
        out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]]);
        run_start = i + 1;
    }
    out.extend_from_slice(&s[run_start..]);
}

/// Appends `s` percent-encoded twice: an encoded byte becomes `%25XX`.
fn push_encoded_twice(out: &mut Vec<u8>, s: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut run_start = 0;
    for (i, &b) in s.iter().enumerate() {
        if UNRESERVED[usize::from(b)] {
            continue;
        }
        out.extend_from_slice(&s[run_start..i]);
        out.extend_from_slice(&[
            b'%',
            b'2',
            b'5',
            HEX[usize::from(b >> 4)],
            HEX[usize::from(b & 0xF)],
        ]);
        run_start = i + 1;
    }
    out.extend_from_slice(&s[run_start..]);
}

/// Encoded output is ASCII by construction; this never takes the lossy branch.
pub(super) fn ascii_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// One pair: `buf[start..mid]` is the name, `buf[mid..end]` the value, both encoded twice.
#[derive(Clone, Copy)]
struct Pair {
    /// The name's first 8 bytes, big-endian, zero-padded. Encoded names never
    /// contain a zero byte, so comparing these orders names like the bytes do.
    prefix: u64,
    start: usize,
    mid: usize,
    end: usize,
}

/// The encoded parameter set of one request.
#[derive(Default)]
pub(super) struct EncodedParams {
    buf: Vec<u8>,
    pairs: Vec<Pair>,
}

impl EncodedParams {
    pub(super) fn with_capacity(pairs: usize) -> EncodedParams {
        EncodedParams {
            buf: Vec::with_capacity(pairs * 24),
            pairs: Vec::with_capacity(pairs),
        }
    }

    /// Adds one pair, unless it is `oauth_signature` (never signed, §3.4.1.3.1).
    pub(super) fn push(&mut self, name: &str, value: &str) {
        if name == "oauth_signature" {
            return;
        }
        let start = self.buf.len();
        push_encoded_twice(&mut self.buf, name.as_bytes());
        let mid = self.buf.len();
        push_encoded_twice(&mut self.buf, value.as_bytes());
        let mut prefix = [0u8; 8];
        let head = &self.buf[start..mid.min(start + 8)];
        prefix[..head.len()].copy_from_slice(head);
        self.pairs.push(Pair {
            prefix: u64::from_be_bytes(prefix),
            start,
            mid,
            end: self.buf.len(),
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

    fn name(&self, p: &Pair) -> &[u8] {
        &self.buf[p.start..p.mid]
    }

    fn value(&self, p: &Pair) -> &[u8] {
        &self.buf[p.mid..p.end]
    }

    fn compare(&self, a: &Pair, b: &Pair) -> Ordering {
        a.prefix
            .cmp(&b.prefix)
            .then_with(|| self.name(a).cmp(self.name(b)))
            .then_with(|| self.value(a).cmp(self.value(b)))
    }

    /// The pairs in base-string order, encoded once, as owned strings.
    pub(super) fn to_vec(&self) -> Vec<(String, String)> {
        let text = |b: &[u8]| {
            let s = String::from_utf8_lossy(b);
            if s.contains('%') {
                s.replace("%25", "%")
            } else {
                s.into_owned()
            }
        };
        self.pairs
            .iter()
            .map(|p| (text(self.name(p)), text(self.value(p))))
            .collect()
    }
}

/// §3.4.1.1: `METHOD&enc(base string URI)&enc(normalized parameters)`. The
/// URL's query parameters are merged into `set` first, and the set is sorted
/// by encoded name, then encoded value.
pub(super) fn base_string(method: &str, target: &Target, set: &mut EncodedParams) -> String {
    for (name, value) in target.query_pairs() {
        set.push(&name, &value);
    }
    let mut pairs = std::mem::take(&mut set.pairs);
    pairs.sort_unstable_by(|a, b| set.compare(a, b));
    set.pairs = pairs;

    let mut out =
        Vec::with_capacity(16 + target.base_uri.len() * 3 + set.buf.len() + 6 * set.pairs.len());
    out.extend(method.bytes().map(|b| b.to_ascii_uppercase()));
    out.push(b'&');
    push_encoded(&mut out, target.base_uri.as_bytes());
    out.push(b'&');
    for (i, p) in set.pairs.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b"%26");
        }
        out.extend_from_slice(set.name(p));
        out.extend_from_slice(b"%3D");
        out.extend_from_slice(set.value(p));
    }
    ascii_string(out)
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
        let mut pairs = std::mem::take(&mut set.pairs);
        pairs.sort_unstable_by(|a, b| set.compare(a, b));
        set.pairs = pairs;
        assert_eq!(set.to_vec(), expected);
    }
}
