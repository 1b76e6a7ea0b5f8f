//! A refusal from Flickr's OAuth layer (`oauth_problem=…`): [`OAuthError`]
//! and the advice for each known problem.

use std::fmt;

/// Flickr's OAuth layer refused a request (form-encoded `oauth_problem=…`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OAuthError {
    /// The request: a method name or an OAuth step.
    pub what: String,
    /// HTTP status, when the answer came over HTTP.
    pub status: Option<u16>,
    /// Flickr's `oauth_problem` (`signature_invalid`, `token_rejected`, …).
    pub problem: String,
    /// Extra detail (`oauth_parameters_absent`, or a message of ours).
    pub message: Option<String>,
    /// Flickr's `debug_sbs`: the base string it computed.
    pub debug_sbs: Option<String>,
    /// The base string we signed, to compare with `debug_sbs`.
    pub base_string: Option<String>,
}

impl OAuthError {
    /// Advice for the known `oauth_problem` values.
    pub fn advice(&self) -> &'static str {
        match self.problem.as_str() {
            "signature_invalid" => "the signature did not match: check the consumer secret and token secret; compare Flickr's base string with ours",
            "token_rejected" | "token_expired" | "token_revoked" => "the token is invalid, expired or revoked: authorize again",
            "consumer_key_unknown" | "consumer_key_rejected" => "the API key (consumer key) is wrong or disabled: check it",
            "timestamp_refused" => "the system clock is off: fix the clock",
            "nonce_used" => "a nonce was reused: retry the request",
            "parameter_absent" => "a required OAuth parameter was missing: configure the access token (or finish the OAuth flow)",
            "verifier_invalid" => "the verifier code is wrong or was already used: authorize again",
            "permission_denied" | "permission_unknown" => "the user refused or the requested permission is invalid: authorize again",
            _ => "check the OAuth credentials",
        }
    }
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} was refused by Flickr's OAuth layer", self.what)?;
        if let Some(status) = self.status {
            write!(f, " (HTTP {status})")?;
        }
        write!(f, ": {}", self.problem)?;
        if let Some(message) = &self.message {
            write!(f, " ({message})")?;
        }
        write!(f, "; {}", self.advice())?;
        if let Some(sbs) = &self.debug_sbs {
            write!(f, "; Flickr's base string: {sbs}")?;
        }
        if let Some(ours) = &self.base_string {
            write!(f, "; our base string: {ours}")?;
        }
        Ok(())
    }
}

/// A leaf: Flickr's `oauth_problem` and its details are the whole story.
impl std::error::Error for OAuthError {}
