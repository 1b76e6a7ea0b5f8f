//! The independent RFC 5849 check: its own percent-encoder (§3.6, byte by
//! byte) and its own HMAC (RFC 2104) over SHA-1, sharing nothing with
//! flickr-core's signer, so a signer bug cannot hide by agreeing with
//! itself.

use sha1::{Digest, Sha1};

use super::SECRET;

/// §3.6, byte by byte.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_' || b == b'~' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// HMAC (RFC 2104) spelled out over SHA-1.
fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..20].copy_from_slice(&Sha1::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let ipad: Vec<u8> = block.iter().map(|b| b ^ 0x36).collect();
    let opad: Vec<u8> = block.iter().map(|b| b ^ 0x5c).collect();
    let inner = Sha1::new()
        .chain_update(&ipad)
        .chain_update(message)
        .finalize();
    Sha1::new()
        .chain_update(&opad)
        .chain_update(inner)
        .finalize()
        .into()
}

/// The base string and signature the server expects for `params` (which may
/// include `oauth_signature`; it is skipped).
pub fn expected(
    method: &str,
    base_uri: &str,
    params: &[(String, String)],
    consumer_secret: &str,
    token_secret: &str,
) -> (String, String) {
    let mut pairs: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| k != "oauth_signature")
        .map(|(k, v)| (enc(k), enc(v)))
        .collect();
    pairs.sort();
    let joined: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let base = format!("{}&{}&{}", method, enc(base_uri), enc(&joined.join("&")));
    let key = format!("{}&{}", enc(consumer_secret), enc(token_secret));
    use base64::Engine as _;
    let sig = base64::engine::general_purpose::STANDARD
        .encode(hmac_sha1(key.as_bytes(), base.as_bytes()));
    (base, sig)
}

/// Checks a request's signature; `Err` holds the body of Flickr's 401 answer.
pub(super) fn verify(
    method: &str,
    base_uri: &str,
    params: &[(String, String)],
    token_secret: &str,
) -> Result<(), String> {
    let got = params
        .iter()
        .find(|(k, _)| k == "oauth_signature")
        .map(|(_, v)| v.as_str());
    let (base, sig) = expected(method, base_uri, params, SECRET, token_secret);
    if got == Some(sig.as_str()) {
        Ok(())
    } else {
        // Flickr appends its base string as it is, not form-encoded again.
        Err(format!("oauth_problem=signature_invalid&debug_sbs={base}"))
    }
}
