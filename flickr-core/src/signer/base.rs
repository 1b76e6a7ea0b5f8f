//! The RFC 5849 §3.4.1.3 parameter set and the §3.4.1.1 signature base
//! string, built on the §3.6 percent-encoding of [`crate::encoding`].
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
use crate::encoding::{push_encoded, push_reencoded};

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
