//! Keeping secrets and bulk out of error messages: URLs reduced to scheme,
//! host and path ([`redact_url`]), bodies cut to a short single-line
//! excerpt ([`excerpt`], [`excerpt_at`]).

/// Scheme, host, port and path of `url`: never the query (which carries
/// `api_key`, `oauth_token` and the signature) nor userinfo.
pub fn redact_url(url: &url::Url) -> String {
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

/// Longest excerpt of a body kept in an error, in characters.
pub const EXCERPT_CHARS: usize = 300;

/// A short, single-line excerpt of `body`: lossy UTF-8, whitespace runs
/// collapsed, control characters dropped, cut at [`EXCERPT_CHARS`]. For an
/// HTML page it starts at the `<title>` when there is one, since the head is
/// mostly boilerplate.
pub fn excerpt(body: &[u8]) -> String {
    excerpt_from(body, 0)
}

/// Like [`excerpt`] but starting a little before byte `offset` (the place a
/// parser failed).
pub fn excerpt_at(body: &[u8], offset: usize) -> String {
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
