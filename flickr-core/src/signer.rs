//! OAuth 1.0a request signing, exactly as RFC 5849 §3.4 describes (HMAC-SHA1 only,
//! the one method Flickr accepts).
//!
//! [`sign`] is a pure function: the same inputs always give the same signature,
//! so it can be checked against published vectors and an independent
//! implementation. [`sign_params`] is what the client uses: it adds the
//! `oauth_*` parameters (fresh nonce and timestamp) to a request's parameters
//! and signs them.
//!
//! The parts where implementations usually go wrong, and what we do:
//! - encoding (§3.6): only `A–Z a–z 0–9 - . _ ~` stay as they are; everything
//!   else is UTF-8 percent-encoded with uppercase hex, so a space is `%20` (never `+`);
//! - parameters (§3.4.1.3): query and body parameters together, each name and value
//!   encoded, sorted by encoded name then encoded value, duplicates and empty values
//!   kept, `oauth_signature` left out;
//! - base string URI (§3.4.1.2): scheme and host lowercased, default port dropped,
//!   path kept, query removed (its parameters were merged above).

use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rand::distributions::Alphanumeric;
use rand::Rng;
use sha1::Sha1;
use url::Url;

use crate::credentials::Credentials;
use crate::params::Params;
use crate::registry::Verb;

/// RFC 5849 §3.6: every byte except the unreserved `ALPHA DIGIT - . _ ~` is encoded.
const OAUTH_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `s` as RFC 5849 §3.6 requires.
pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, OAUTH_ENCODE).to_string()
}

fn push_encoded(out: &mut String, s: &str) {
    for chunk in utf8_percent_encode(s, OAUTH_ENCODE) {
        out.push_str(chunk);
    }
}

/// Why a request could not be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The credentials have no consumer key and secret.
    #[error(
        "this call must be signed, but the client has no consumer secret: \
         build it with Credentials::app(key, secret) or Credentials::oauth(...)"
    )]
    NoConsumerSecret,
    /// The URL is not an absolute http(s) URL with a host.
    #[error("cannot sign a request to {url:?}: {reason}")]
    BadUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// The result of signing one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The `oauth_signature` value: base64 of the HMAC-SHA1 digest.
    pub signature: String,
    /// The signed parameter set (query and body parameters, `oauth_*` included,
    /// `oauth_signature` excluded), each name and value percent-encoded, in the
    /// sorted order they appear in the base string.
    pub params: Vec<(String, String)>,
    /// The signature base string (§3.4.1.1), for diagnostics: compare it with the
    /// `debug_sbs` Flickr sends back on `signature_invalid`.
    pub base_string: String,
}

/// The `oauth_*` protocol parameters of one request.
#[derive(Debug, Clone, Copy)]
pub struct OAuthParams<'a> {
    /// `oauth_consumer_key` (the Flickr API key).
    pub consumer_key: &'a str,
    /// `oauth_token`: the access token, the request token during the
    /// access-token exchange, or none for app-only requests.
    pub token: Option<&'a str>,
    /// `oauth_nonce`: unique per request.
    pub nonce: &'a str,
    /// `oauth_timestamp`: seconds since the Unix epoch.
    pub timestamp: u64,
}

/// Signs a request the way RFC 5849 §3.4 describes.
///
/// `params` are the request's own (decoded) parameters: the form body for a
/// POST, the non-URL query for a GET, or the non-file fields of a multipart
/// upload. Parameters in `url`'s query string are added to them. The
/// `oauth_consumer_key`, `oauth_token` (if any), `oauth_nonce`,
/// `oauth_timestamp`, `oauth_signature_method=HMAC-SHA1` and `oauth_version=1.0`
/// parameters are added from `oauth`; do not also pass them in `params`.
pub fn sign<K: AsRef<str>, V: AsRef<str>>(
    method: &str,
    url: &str,
    params: impl IntoIterator<Item = (K, V)>,
    oauth: &OAuthParams<'_>,
    consumer_secret: &str,
    token_secret: &str,
) -> Result<Signature, SignError> {
    let timestamp = oauth.timestamp.to_string();
    let mut protocol = vec![
        ("oauth_consumer_key", oauth.consumer_key),
        ("oauth_nonce", oauth.nonce),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", timestamp.as_str()),
        ("oauth_version", "1.0"),
    ];
    if let Some(token) = oauth.token {
        protocol.push(("oauth_token", token));
    }
    let mut encoded = encode_pairs(params);
    encoded.extend(
        protocol
            .iter()
            .map(|(k, v)| (percent_encode(k), percent_encode(v))),
    );
    finish(method, url, encoded, consumer_secret, token_secret)
}

/// Signs a request whose parameters already include every `oauth_*` protocol
/// parameter (used for published test vectors and by servers verifying a request).
///
/// An `oauth_signature` among `params` is ignored, as §3.4.1.3.1 requires.
pub fn sign_all<K: AsRef<str>, V: AsRef<str>>(
    method: &str,
    url: &str,
    params: impl IntoIterator<Item = (K, V)>,
    consumer_secret: &str,
    token_secret: &str,
) -> Result<Signature, SignError> {
    finish(
        method,
        url,
        encode_pairs(params),
        consumer_secret,
        token_secret,
    )
}

/// Percent-encodes each pair, leaving out `oauth_signature` (§3.4.1.3.1).
fn encode_pairs<K: AsRef<str>, V: AsRef<str>>(
    params: impl IntoIterator<Item = (K, V)>,
) -> Vec<(String, String)> {
    let params = params.into_iter();
    let mut encoded = Vec::with_capacity(params.size_hint().0 + 8);
    for (name, value) in params {
        let (name, value) = (name.as_ref(), value.as_ref());
        if name != "oauth_signature" {
            encoded.push((percent_encode(name), percent_encode(value)));
        }
    }
    encoded
}

/// Adds the URL's query parameters to the encoded set, sorts it and signs.
fn finish(
    method: &str,
    url: &str,
    mut encoded: Vec<(String, String)>,
    consumer_secret: &str,
    token_secret: &str,
) -> Result<Signature, SignError> {
    let url = parse_url(url)?;
    for (name, value) in url.query_pairs() {
        encoded.push((percent_encode(&name), percent_encode(&value)));
    }
    encoded.sort_unstable();

    let mut base_string = String::with_capacity(256);
    base_string.push_str(&method.to_ascii_uppercase());
    base_string.push('&');
    push_encoded(&mut base_string, &base_string_uri(&url));
    base_string.push('&');
    // The normalized parameter string is itself encoded once more in the base
    // string, which only turns `%` into `%25`, `=` into `%3D` and `&` into `%26`
    // (the encoded pairs contain no other reserved byte).
    for (i, (name, value)) in encoded.iter().enumerate() {
        if i > 0 {
            base_string.push_str("%26");
        }
        push_reencoded(&mut base_string, name);
        base_string.push_str("%3D");
        push_reencoded(&mut base_string, value);
    }

    let signature = hmac_sha1_base64(&base_string, consumer_secret, token_secret);
    Ok(Signature {
        signature,
        params: encoded,
        base_string,
    })
}

/// Encodes an already-encoded string again: its only non-unreserved byte is `%`.
fn push_reencoded(out: &mut String, encoded: &str) {
    let mut rest = encoded;
    while let Some(pos) = rest.find('%') {
        out.push_str(&rest[..pos]);
        out.push_str("%25");
        rest = &rest[pos + 1..];
    }
    out.push_str(rest);
}

fn parse_url(url: &str) -> Result<Url, SignError> {
    let bad = |reason: &str| SignError::BadUrl {
        url: url.to_owned(),
        reason: reason.to_owned(),
    };
    let parsed = Url::parse(url).map_err(|e| bad(&e.to_string()))?;
    if parsed.host_str().is_none() {
        return Err(bad("it has no host"));
    }
    Ok(parsed)
}

/// §3.4.1.2: `scheme://host[:port]/path`, scheme and host lowercased (the `url`
/// crate already does both), default port dropped, no query or fragment.
fn base_string_uri(url: &Url) -> String {
    let mut out = String::with_capacity(64);
    out.push_str(url.scheme());
    out.push_str("://");
    // host_str() is lowercase, IPv6 in brackets; `port()` is None for the default port.
    out.push_str(url.host_str().unwrap_or_default());
    if let Some(port) = url.port() {
        let _ = write!(out, ":{port}");
    }
    out.push_str(url.path());
    out
}

/// HMAC-SHA1 keyed `enc(consumer_secret)&enc(token_secret)` (§3.4.2), base64.
fn hmac_sha1_base64(base_string: &str, consumer_secret: &str, token_secret: &str) -> String {
    let mut key = String::with_capacity(consumer_secret.len() + token_secret.len() + 1);
    push_encoded(&mut key, consumer_secret);
    key.push('&');
    push_encoded(&mut key, token_secret);
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha1>>::new_from_slice(key.as_bytes()).expect("HMAC takes any key length");
    mac.update(base_string.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// A fresh nonce: 32 random alphanumeric characters.
pub fn nonce() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(32)
        .map(char::from)
        .collect()
}

/// The current time in seconds since the Unix epoch (0 if the clock is before 1970).
pub fn timestamp() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// What [`sign_params`] signed, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedInfo {
    /// The signature base string; compare with Flickr's `debug_sbs`.
    pub base_string: String,
}

/// Adds `oauth_consumer_key`, `oauth_token` (if the credentials hold one),
/// `oauth_nonce`, `oauth_timestamp`, `oauth_signature_method=HMAC-SHA1`,
/// `oauth_version=1.0` and `oauth_signature` to `params`, which already hold
/// everything else the request sends (method, api_key, format, the arguments).
///
/// Existing `oauth_*` values are replaced, so a caller that put `oauth_token`
/// among its arguments (e.g. `flickr.auth.oauth.checkToken`) does not send it twice.
pub fn sign_params(
    creds: &Credentials,
    verb: Verb,
    url: &str,
    params: &mut Params,
) -> Result<SignedInfo, SignError> {
    let (Some(key), Some(secret)) = (creds.api_key_str(), creds.consumer_secret()) else {
        return Err(SignError::NoConsumerSecret);
    };
    let token = creds.token();
    params.set("oauth_consumer_key", key);
    if let Some(token) = token {
        params.set("oauth_token", token.token.as_str());
    }
    params.set("oauth_nonce", nonce());
    params.set("oauth_timestamp", timestamp());
    params.set("oauth_signature_method", "HMAC-SHA1");
    params.set("oauth_version", "1.0");
    let token_secret = token.map(|t| t.secret.expose()).unwrap_or("");
    let signed = sign_all(
        verb.as_str(),
        url,
        params.iter(),
        secret.expose(),
        token_secret,
    )?;
    params.set("oauth_signature", signed.signature);
    Ok(SignedInfo {
        base_string: signed.base_string,
    })
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
    fn base_string_uri_normalizes_scheme_host_and_port() {
        let uri = |s| base_string_uri(&parse_url(s).unwrap());
        assert_eq!(
            uri("HTTP://EXAMPLE.COM:80/r%20v/X?id=123"),
            "http://example.com/r%20v/X"
        );
        assert_eq!(
            uri("https://www.example.net:8080/?q=1"),
            "https://www.example.net:8080/"
        );
        assert_eq!(uri("https://Example.com:443"), "https://example.com/");
    }

    #[test]
    fn sign_params_adds_every_protocol_parameter_once() {
        let creds = Credentials::oauth("key", "secret", "tok", "toksecret");
        let mut params: Params = [
            ("method", "flickr.auth.oauth.checkToken"),
            ("oauth_token", "tok"),
        ]
        .into_iter()
        .collect();
        let info = sign_params(
            &creds,
            Verb::Get,
            "https://api.flickr.com/services/rest/",
            &mut params,
        )
        .unwrap();
        let names: Vec<&str> = params.iter().map(|(k, _)| k).collect();
        assert_eq!(names.iter().filter(|n| **n == "oauth_token").count(), 1);
        for name in [
            "oauth_consumer_key",
            "oauth_nonce",
            "oauth_timestamp",
            "oauth_signature",
        ] {
            assert!(names.contains(&name), "{name} missing from {names:?}");
        }
        assert!(info
            .base_string
            .starts_with("GET&https%3A%2F%2Fapi.flickr.com%2Fservices%2Frest%2F&"));
        // Re-signing what was sent (signature excluded) gives the same signature.
        let again = sign_all(
            "GET",
            "https://api.flickr.com/services/rest/",
            params.iter(),
            "secret",
            "toksecret",
        )
        .unwrap();
        assert_eq!(
            Some(again.signature.as_str()),
            params.get("oauth_signature")
        );
    }

    #[test]
    fn sign_params_refuses_unsigned_credentials() {
        let mut params = Params::new();
        let err = sign_params(
            &Credentials::api_key("k"),
            Verb::Get,
            "https://x.test/",
            &mut params,
        )
        .unwrap_err();
        assert_eq!(err, SignError::NoConsumerSecret);
    }
}
