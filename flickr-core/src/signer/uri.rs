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

use std::fmt::Write as _;

use url::Url;

use super::SignError;

/// The request target, split the way the signer needs it.
pub(super) struct Target {
    /// The base string URI (not yet percent-encoded).
    pub(super) base_uri: String,
    /// The full parse, only when the URL has a query to merge.
    parsed: Option<Url>,
}

impl Target {
    pub(super) fn parse(url: &str) -> Result<Target, SignError> {
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
        let base_uri = base_string_uri(&parsed);
        let parsed = parsed.query().is_some().then_some(parsed);
        Ok(Target { base_uri, parsed })
    }

    /// The URL's query parameters, decoded (`+` is a space, §3.4.1.3.1).
    pub(super) fn query_pairs(
        &self,
    ) -> impl Iterator<Item = (std::borrow::Cow<'_, str>, std::borrow::Cow<'_, str>)> {
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
/// needs the full parser.
fn canonical(url: &str) -> Option<String> {
    let (default_port, rest) = if let Some(rest) = url.strip_prefix("https://") {
        ("443", rest)
    } else if let Some(rest) = url.strip_prefix("http://") {
        ("80", rest)
    } else {
        return None;
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if !plain_host(host) || !plain_path(path) {
        return None;
    }
    let mut out = String::with_capacity(url.len() + 1);
    out.push_str(&url[..url.len() - rest.len()]);
    out.push_str(host);
    match port {
        None => {}
        Some(p) if p == default_port => {}
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
            out.push(':');
            out.push_str(p);
        }
        Some(_) => return None,
    }
    out.push_str(if path.is_empty() { "/" } else { path });
    Some(out)
}

/// A lowercase DNS name whose last label is not numeric (numeric ones are IPv4
/// in some form, which the parser normalizes), and not punycode (which it validates).
fn plain_host(host: &str) -> bool {
    let ok_bytes = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    let last = host.rsplit('.').next().unwrap_or_default();
    ok_bytes
        && !host.starts_with('.')
        && !host.contains("..")
        && !host.contains("xn--")
        && last.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
}

/// Unreserved characters and `/`, without `.` or `..` segments (which the
/// parser removes).
fn plain_path(path: &str) -> bool {
    path.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/'))
        && !path.split('/').any(|seg| seg == "." || seg == "..")
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
            assert_eq!(
                canonical(url).as_deref(),
                Some(parsed(url).as_str()),
                "{url}"
            );
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
            "ftp://host.com/",
        ];
        for url in urls {
            assert_eq!(canonical(url), None, "{url}");
        }
    }

    #[test]
    fn parsed_targets_normalize_scheme_host_and_port() {
        let uri = |s| Target::parse(s).unwrap().base_uri;
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
