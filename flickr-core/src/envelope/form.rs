//! Form-encoded replies: the OAuth token steps, and `oauth_problem=…`
//! refusals wherever they come.

use super::{sniff, status_error, trim, Called, Shape};
use crate::error::{excerpt, Error, OAuthError};
use crate::registry::Perms;
use crate::transport::HttpResponse;
use std::fmt;

/// A form-encoded reply (OAuth token steps).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct FormReply {
    /// Decoded `name=value` pairs in order.
    pub pairs: Vec<(String, String)>,
}

impl FormReply {
    /// The first value named `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for FormReply {
    // Token replies carry `oauth_token_secret`: show names, never values of secrets or tokens.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for (k, v) in &self.pairs {
            if k.contains("secret")
                || k.contains("token")
                || k.contains("signature")
                || k.contains("verifier")
            {
                m.entry(k, &"<redacted>");
            } else {
                m.entry(k, v);
            }
        }
        m.finish()
    }
}

/// Parses `application/x-www-form-urlencoded` text.
pub fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(trim(body))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// An [`OAuthError`] if `body` is a form with `oauth_problem`.
pub(super) fn form_oauth_error(what: &str, status: Option<u16>, body: &[u8]) -> Option<Error> {
    let body = trim(body);
    if body.first() == Some(&b'<') || body.first() == Some(&b'{') || !body.contains(&b'=') {
        return None;
    }
    // Flickr appends `debug_sbs=<base string>` without encoding it again, so
    // its `&`s are not separators: everything after the marker is the value.
    let (head, debug_sbs) = match find(body, b"debug_sbs=") {
        Some(i) if i == 0 || body[i - 1] == b'&' => (
            &body[..i],
            Some(String::from_utf8_lossy(&body[i + b"debug_sbs=".len()..]).into_owned()),
        ),
        _ => (body, None),
    };
    let pairs = parse_form(head);
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let problem = get("oauth_problem")?;
    let message = get("oauth_parameters_absent")
        .map(|p| format!("missing: {p}"))
        .or_else(|| get("oauth_parameters_rejected").map(|p| format!("rejected: {p}")))
        .or_else(|| get("oauth_problem_advice"));
    Some(Error::from(OAuthError {
        what: what.to_owned(),
        status,
        problem,
        message,
        debug_sbs,
        base_string: None,
    }))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes a form-encoded OAuth reply; `oauth_problem` (at any status) becomes
/// [`Error::OAuth`], other non-2xx answers [`Error::Http`].
pub fn decode_form(what: &str, resp: &HttpResponse, url: &str) -> Result<FormReply, Error> {
    let ctx = Called::new(what, Perms::None);
    if let Some(e) = form_oauth_error(what, Some(resp.status), &resp.body) {
        return Err(e);
    }
    if !resp.is_success() {
        return Err(status_error(ctx, resp, url));
    }
    let body = trim(&resp.body);
    if matches!(sniff(body), Shape::Json | Shape::Xml | Shape::Empty) || !body.contains(&b'=') {
        return Err(ctx.decode(
            "",
            "expected a form-encoded reply (name=value&…)",
            excerpt(body),
        ));
    }
    Ok(FormReply {
        pairs: parse_form(body),
    })
}
