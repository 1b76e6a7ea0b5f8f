//! RFC 5849 §3.4.1.2: the base string URI of a request, and its query parameters.
//!
//! `scheme://host[:port]/path`, scheme and host lowercased, the default port
//! dropped, no query or fragment. The `url` crate does all of that, but a full
//! parse is a fifth of a signature's cost, and the client signs every call
//! against the same few canonical endpoint URLs. So a URL that is already in
//! canonical form (lowercase `http`/`https`, a lowercase DNS name, an optional
//! non-default port, a path of unreserved characters, no query) is taken as it
//! is; anything else goes through `url::Url::parse`. A test checks the two
//! agree on every URL the fast path accepts.

use std::borrow::Cow;
use std::fmt::Write as _;

use url::Url;

use super::SignError;
use crate::encoding::is_unreserved;

/// The request target, split the way the signer needs it.
pub(super) struct Target<'a> {
    /// The base string URI (not yet percent-encoded); borrowed from the URL
    /// when that is already canonical.
    pub(super) base_uri: Cow<'a, str>,
    /// The full parse, only when the URL has a query to merge.
    parsed: Option<Url>,
}

impl Target<'_> {
    pub(super) fn parse(url: &str) -> Result<Target<'_>, SignError> {
        if let Some(base_uri) = canonical(url) {
            return Ok(Target {
                base_uri,
                parsed: None,
            });
        }
        let bad = |reason: &str| SignError::BadUrl {
            url: url.to_owned(),
            reason: reason.to_owned(),
        };
        let parsed = Url::parse(url).map_err(|e| bad(&e.to_string()))?;
        if parsed.host_str().is_none() {
            return Err(bad("it has no host"));
        }
        let base_uri = Cow::Owned(base_string_uri(&parsed));
        let parsed = parsed.query().is_some().then_some(parsed);
        Ok(Target { base_uri, parsed })
    }

    /// The URL's query parameters, decoded (`+` is a space, §3.4.1.3.1).
    pub(super) fn query_pairs(&self) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> {
        self.parsed.iter().flat_map(|u| u.query_pairs())
    }
}

/// The base string URI from a full parse. `host_str()` is lowercase (IPv6 in
/// brackets) and `port()` is `None` for the scheme's default port.
fn base_string_uri(url: &Url) -> String {
    let mut out = String::with_capacity(64);
    out.push_str(url.scheme());
    out.push_str("://");
    out.push_str(url.host_str().unwrap_or_default());
    if let Some(port) = url.port() {
        let _ = write!(out, ":{port}");
    }
    out.push_str(url.path());
    out
}

/// The base string URI of a URL already in canonical form, or `None` when it
/// needs the full parser. Borrowed unless a default port or an empty path
/// has to be normalized.
fn canonical(url: &str) -> Option<Cow<'_, str>> {
    let (default_port, rest) = if let Some(rest) = url.strip_prefix("https://") {
        ("443", rest)
    } else if let Some(rest) = url.strip_prefix("http://") {
        ("80", rest)
    } else {
        return None;
    };
    let path_start = rest.bytes().position(|b| b == b'/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(path_start);
    let (host, port) = match authority.bytes().position(|b| b == b':') {
        Some(i) => (&authority[..i], Some(&authority[i + 1..])),
        None => (authority, None),
    };
    if !plain_host(host) || !plain_path(path) {
        return None;
    }
    let keep_port = match port {
        None => false,
        Some(p) if p == default_port => false,
        // Leading zeros, empty or out-of-range ports: let the parser decide.
        Some(p)
            if !p.is_empty()
                && !p.starts_with('0')
                && p.len() <= 5
                && p.bytes().all(|b| b.is_ascii_digit()) =>
        {
            if p.parse::<u32>().ok()? > 65535 {
                return None;
            }
            true
        }
        Some(_) => return None,
    };
    if !path.is_empty() && (port.is_none() || keep_port) {
        return Some(Cow::Borrowed(url));
    }
    let mut out = String::with_capacity(url.len() + 1);
    out.push_str(&url[..url.len() - rest.len()]);
    out.push_str(host);
    if keep_port {
        out.push(':');
        out.push_str(port.unwrap_or_default());
    }
    out.push_str(if path.is_empty() { "/" } else { path });
    Some(Cow::Owned(out))
}

/// A lowercase DNS name whose last label is not numeric (numeric ones are IPv4
/// in some form, which the parser normalizes), and not punycode (which it
/// validates): no empty label, no `xn--` anywhere.
fn plain_host(host: &str) -> bool {
    let bytes = host.as_bytes();
    let mut label_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => {}
            b'-' if bytes[..i].ends_with(b"xn-") => return false,
            b'-' => {}
            b'.' if i == label_start => return false,
            b'.' => label_start = i + 1,
            _ => return false,
        }
    }
    bytes.get(label_start).is_some_and(u8::is_ascii_lowercase)
}

/// Unreserved characters and `/`, without `.` or `..` segments (which the
/// parser removes).
fn plain_path(path: &str) -> bool {
    let mut segment_start = 0;
    for (i, &b) in path.as_bytes().iter().chain(b"/").enumerate() {
        if b == b'/' {
            if matches!(&path[segment_start..i], "." | "..") {
                return false;
            }
            segment_start = i + 1;
        } else if !is_unreserved(b) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(url: &str) -> String {
        base_string_uri(&Url::parse(url).unwrap())
    }

    #[test]
    fn the_fast_path_agrees_with_the_parser() {
        let urls = [
            "https://api.flickr.com/services/rest/",
            "https://api.flickr.com/services/rest",
            "https://api.flickr.com",
            "https://up.flickr.com/services/upload/",
            "http://localhost:8080/services/oauth/request_token",
            "http://localhost:80/x",
            "https://www.flickr.com:443/a/b~c/d.e_f-g",
            "https://www.flickr.com:8443/",
            "http://a-b.c0.example/1.2/v",
            "http://example.com:65535/",
        ];
        for url in urls {
            let fast = canonical(url);
            assert_eq!(fast.as_deref(), Some(parsed(url).as_str()), "{url}");
            let borrowed = matches!(fast, Some(Cow::Borrowed(_)));
            assert_eq!(borrowed, fast.as_deref() == Some(url), "{url}");
        }
    }

    #[test]
    fn anything_unusual_goes_to_the_parser() {
        let urls = [
            "HTTPS://api.flickr.com/",
            "https://API.flickr.com/",
            "https://api.flickr.com/?q=1",
            "https://api.flickr.com/#f",
            "https://127.0.0.1/",
            "https://127.1/",
            "https://0x7f.1/",
            "https://[::1]/",
            "https://user@host.com/",
            "https://host.com:0443/",
            "https://host.com:99999/",
            "https://host.com:/",
            "https://host.com/a/../b",
            "https://host.com/a/./b",
            "https://host.com/r%20v",
            "https://host.com/caf\u{e9}",
            "https://xn--caf-dma.com/",
            "https://host..com/",
            "https://.host.com/",
            "https://host.com./",
            "https://host.xn--p1ai/",
            "https://host.com/a/..",
            "https://host.com/./",
            "ftp://host.com/",
        ];
        for url in urls {
            assert_eq!(canonical(url), None, "{url}");
        }
    }

    #[test]
    fn parsed_targets_normalize_scheme_host_and_port() {
        let uri = |s| Target::parse(s).unwrap().base_uri.into_owned();
        assert_eq!(
            uri("HTTP://EXAMPLE.COM:80/r%20v/X?id=123"),
            "http://example.com/r%20v/X"
        );
        assert_eq!(
            uri("https://www.example.net:8080/?q=1"),
            "https://www.example.net:8080/"
        );
        assert_eq!(uri("https://Example.com:443"), "https://example.com/");
        assert_eq!(uri("http://127.1:8080/a"), "http://127.0.0.1:8080/a");
        assert!(matches!(
            Target::parse("not a url"),
            Err(SignError::BadUrl { .. })
        ));
    }
}
