//! Keeping secrets and bulk out of error messages: URLs reduced to scheme,
//! host and path ([`redact_url`]), a store's URL with its password masked
//! ([`redact_store_url`]), bodies cut to a short single-line excerpt
//! ([`excerpt`], [`excerpt_at`]).

/// Scheme, host, port and path of `url`: never the query (which carries
/// `api_key`, `oauth_token` and the signature) nor userinfo.
pub(crate) fn redact_url(url: &url::Url) -> String {
    let mut out = String::with_capacity(64);
    out.push_str(url.scheme());
    out.push_str("://");
    out.push_str(url.host_str().unwrap_or(""));
    if let Some(port) = url.port() {
        out.push(':');
        out.push_str(&port.to_string());
    }
    out.push_str(url.path());
    out
}

/// A store's URL (e.g. `redis://user:secret@host:6379/0`) as it may be
/// shown: the password replaced by `***` (`redis://user:***@host:6379/0`),
/// the query and fragment dropped (`?password=…` forms). Works on text that
/// is not a valid URL too, so a malformed URL is never echoed with its secret.
pub fn redact_store_url(url: &str) -> String {
    let url = url.trim();
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let url = &url[..end];
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let authority_end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    let authority = &url[after_scheme..authority_end];
    let Some(at) = authority.rfind('@') else {
        return url.to_owned();
    };
    let userinfo = &authority[..at];
    let user = match userinfo.find(':') {
        Some(colon) => format!("{}:***", &userinfo[..colon]),
        // `redis://secret@host` is read as a password by some clients.
        None if !userinfo.is_empty() => "***".to_owned(),
        None => String::new(),
    };
    format!(
        "{}{}@{}",
        &url[..after_scheme],
        user,
        &url[after_scheme + at + 1..]
    )
}

/// Longest excerpt of a body kept in an error, in characters.
pub(crate) const EXCERPT_CHARS: usize = 300;

/// A short, single-line excerpt of `body`: lossy UTF-8, whitespace runs
/// collapsed, control characters dropped, cut at [`EXCERPT_CHARS`]. For an
/// HTML page it starts at the `<title>` when there is one, since the head is
/// mostly boilerplate.
pub(crate) fn excerpt(body: &[u8]) -> String {
    excerpt_from(body, 0)
}

/// Like [`excerpt`] but starting a little before byte `offset` (the place a
/// parser failed).
pub(crate) fn excerpt_at(body: &[u8], offset: usize) -> String {
    let start = offset.saturating_sub(EXCERPT_CHARS / 2).min(body.len());
    let mut s = excerpt_from(body, start);
    if start > 0 {
        s.insert(0, '…');
    }
    s
}

fn excerpt_from(body: &[u8], start: usize) -> String {
    let mut body = &body[start.min(body.len())..];
    if start == 0 {
        if let Some(pos) = find_ci(body, b"<title") {
            body = &body[pos..];
        }
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(EXCERPT_CHARS * 4)]);
    let mut out = String::with_capacity(EXCERPT_CHARS);
    let mut count = 0;
    let mut last_space = true;
    for c in text.chars() {
        if count >= EXCERPT_CHARS {
            out.push('…');
            break;
        }
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                count += 1;
            }
            last_space = true;
        } else if !c.is_control() {
            out.push(c);
            count += 1;
            last_space = false;
        }
    }
    out.trim_end().to_owned()
}

fn find_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    // Only the first few KiB: a title further down is not worth a scan.
    let hay = &haystack[..haystack.len().min(4096)];
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_their_query() {
        let u = url::Url::parse(
            "https://user:pw@api.flickr.com:8443/services/rest/?api_key=k&oauth_signature=s",
        )
        .unwrap();
        assert_eq!(redact_url(&u), "https://api.flickr.com:8443/services/rest/");
    }

    #[test]
    fn store_urls_lose_their_password() {
        let cases = [
            ("redis://127.0.0.1:6379/", "redis://127.0.0.1:6379/"),
            ("redis://:s3cret@host:6379/2", "redis://:***@host:6379/2"),
            ("rediss://user:p@ss:w@host/", "rediss://user:***@host/"),
            ("redis://s3cret@host", "redis://***@host"),
            ("redis://host/?password=s3cret", "redis://host/"),
            ("not a url :s3cret@x", "not a url :***@x"),
            ("redis://u:s3cret@", "redis://u:***@"),
            ("unix:///run/redis.sock", "unix:///run/redis.sock"),
        ];
        for (raw, shown) in cases {
            assert_eq!(redact_store_url(raw), shown, "{raw}");
        }
    }

    #[test]
    fn excerpts_are_short_and_single_line() {
        let html = b"<!DOCTYPE html>\n<html><head><meta x>\n<title>502 Bad Gateway</title></head>\n\n<body>oops</body>";
        assert_eq!(
            excerpt(html),
            "<title>502 Bad Gateway</title></head> <body>oops</body>"
        );
        let long = vec![b'a'; 10_000];
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS + 1);
        assert_eq!(excerpt(&[0xff, b'a']), "\u{fffd}a");
        assert!(excerpt_at(&long, 5000).starts_with('…'));
    }
}
