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

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use rand::Rng;
use sha1::Sha1;

use crate::credentials::Credentials;
use crate::encoding::push_encoded;
use crate::params::Params;
use crate::transport::Verb;

mod base;
mod uri;

use base::EncodedParams;
use uri::Target;

pub use crate::encoding::percent_encode;

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
    let target = Target::parse(url)?;
    let mut set = EncodedParams::with_capacity(16, 512);
    set.extend(params);
    let timestamp = oauth.timestamp.to_string();
    set.extend([
        ("oauth_consumer_key", oauth.consumer_key),
        ("oauth_nonce", oauth.nonce),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", timestamp.as_str()),
        ("oauth_version", "1.0"),
    ]);
    if let Some(token) = oauth.token {
        set.push("oauth_token", token);
    }
    Ok(finish(method, &target, set, consumer_secret, token_secret))
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
    let target = Target::parse(url)?;
    let mut set = EncodedParams::with_capacity(16, 512);
    set.extend(params);
    Ok(finish(method, &target, set, consumer_secret, token_secret))
}

fn finish(
    method: &str,
    target: &Target<'_>,
    mut set: EncodedParams,
    consumer_secret: &str,
    token_secret: &str,
) -> Signature {
    let base_string = set.base_string(method, target);
    let signature = hmac_sha1_base64(&base_string, consumer_secret, token_secret);
    let params = set.to_vec();
    Signature {
        signature,
        params,
        base_string,
    }
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
    // 28 characters for 20 bytes; base64 is ASCII.
    let mut out = [0u8; 28];
    let written = base64::engine::general_purpose::STANDARD
        .encode_slice(mac.finalize().into_bytes(), &mut out)
        .unwrap_or(0);
    String::from(std::str::from_utf8(&out[..written]).unwrap_or_default())
}

/// A fresh nonce: 128 random bits as 32 hex digits.
pub(crate) fn nonce() -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes: [u8; 16] = rand::thread_rng().gen();
    let mut digits = [0u8; 32];
    for (pair, b) in digits.chunks_exact_mut(2).zip(bytes) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 0xF)];
    }
    // Hex digits are ASCII.
    String::from(std::str::from_utf8(&digits).unwrap_or_default())
}

/// The current time in seconds since the Unix epoch (0 if the clock is before 1970).
pub(crate) fn timestamp() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// What [`sign_params`] signed: the encoded parameters to send, and the base
/// string for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedInfo {
    /// Every parameter, `oauth_signature` included, percent-encoded as a
    /// query string or form body (what [`Params::encode`] would write).
    pub query: String,
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
///
/// The pairs are percent-encoded once, for both the signature and what is
/// sent: [`SignedInfo::query`] is the encoded form to send.
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
    let existing = ExistingOAuth::scan(params);
    existing.add(params, "oauth_consumer_key", key.to_owned());
    if let Some(token) = token {
        existing.add(params, "oauth_token", token.token.clone());
    }
    existing.add(params, "oauth_nonce", nonce());
    existing.add(params, "oauth_timestamp", timestamp().to_string());
    existing.add(params, "oauth_signature_method", "HMAC-SHA1".to_owned());
    existing.add(params, "oauth_version", "1.0".to_owned());
    let token_secret = token.map(|t| t.secret.expose()).unwrap_or("");
    let target = Target::parse(url)?;

    let bytes: usize = params.iter().map(|(k, v)| k.len() + v.len()).sum();
    let mut set = EncodedParams::with_capacity(params.len() + 1, bytes + SIGNATURE_ROOM);
    set.extend(params.iter());
    let base_string = set.base_string(verb.as_str(), &target);
    let signature = hmac_sha1_base64(&base_string, secret.expose(), token_secret);
    // The signature goes last, unless an earlier one keeps its place; then
    // `Params::encode` encodes afresh.
    let encoded = (!existing.signature)
        .then(|| set.into_query(Some(("oauth_signature", signature.as_str()))));
    existing.add(params, "oauth_signature", signature);
    let query = match encoded {
        Some(encoded) => {
            debug_assert_eq!(encoded, params.encode());
            encoded
        }
        None => params.encode(),
    };
    Ok(SignedInfo { query, base_string })
}

/// `oauth_signature=` and the base64 of a 20-byte digest (28 characters,
/// each possibly percent-encoded).
const SIGNATURE_ROOM: usize = 16 + 3 * 28;

/// Which `oauth_*` parameters a request already carries.
struct ExistingOAuth {
    /// Some `oauth_*` parameter: new ones replace old ones by name.
    any: bool,
    /// An `oauth_signature`, which stays where it is when replaced.
    signature: bool,
}

impl ExistingOAuth {
    fn scan(params: &Params) -> ExistingOAuth {
        let mut found = ExistingOAuth {
            any: false,
            signature: false,
        };
        for (name, _) in params.iter().filter(|(k, _)| k.starts_with("oauth_")) {
            found.any = true;
            found.signature |= name == "oauth_signature";
        }
        found
    }

    /// Adds `name=value`, replacing an earlier `name` when the request has
    /// any `oauth_*` parameter (`set` scans the pairs; the usual request has
    /// none, and a plain push does).
    fn add(&self, params: &mut Params, name: &'static str, value: String) {
        if self.any {
            params.set(name, value);
        } else {
            params.push(name, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
