//! Who is calling: nothing, an API key, or OAuth 1.0a consumer + token credentials.
//!
//! Every type here that holds a secret prints `<redacted>` in its place, in
//! `Debug` and `Display` alike, so credentials can be logged or put in error
//! messages without leaking. Keys and tokens (which travel in URLs anyway) are
//! shortened to their first characters so two credentials can still be told apart.

use std::fmt;

/// A secret string (consumer secret, token secret). Never printed.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Secret {
        Secret(secret.into())
    }

    /// The secret itself, for signing. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Secret {
        Secret(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Secret {
        Secret(s.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Prints at most the first four characters of a public-but-private-ish value
/// (API key, token): enough to tell two apart, not enough to reuse one.
///
/// For `Debug` impls of types that hold a token:
///
/// ```
/// use flickr_core::credentials::Abbrev;
/// assert_eq!(format!("{:?}", Abbrev("72157626737672178-abc")), "\"7215…\"");
/// assert_eq!(format!("{:?}", Abbrev("abc")), "\"abc\"");
/// ```
pub struct Abbrev<'a>(pub &'a str);

impl fmt::Debug for Abbrev<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chars = self.0.chars();
        let head: String = chars.by_ref().take(4).collect();
        if chars.next().is_some() {
            write!(f, "\"{head}…\"")
        } else {
            write!(f, "\"{head}\"")
        }
    }
}

/// An OAuth access token and its secret (the result of the OAuth dance).
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    /// The token (`oauth_token`).
    pub token: String,
    /// The token secret (`oauth_token_secret`), half of the signing key.
    pub secret: Secret,
}

impl AccessToken {
    /// An access token from its two halves.
    pub fn new(token: impl Into<String>, secret: impl Into<String>) -> AccessToken {
        AccessToken {
            token: token.into(),
            secret: Secret::new(secret),
        }
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &Abbrev(&self.token))
            .field("secret", &self.secret)
            .finish()
    }
}

/// The credentials a client calls Flickr with.
///
/// - [`Credentials::none`]: nothing (only useful against servers that need no key).
/// - [`Credentials::api_key`]: public, unsigned calls.
/// - [`Credentials::app`]: consumer key and secret; signed calls without a user, and the OAuth dance.
/// - [`Credentials::oauth`]: consumer key/secret plus an access token; calls on behalf of a user.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    api_key: Option<String>,
    consumer_secret: Option<Secret>,
    token: Option<AccessToken>,
}

impl Credentials {
    /// No credentials at all.
    pub fn none() -> Credentials {
        Credentials::default()
    }

    /// An API key only: unsigned calls.
    pub fn api_key(key: impl Into<String>) -> Credentials {
        Credentials {
            api_key: Some(key.into()),
            ..Credentials::default()
        }
    }

    /// A consumer key and secret without a user token.
    pub fn app(key: impl Into<String>, secret: impl Into<String>) -> Credentials {
        Credentials {
            api_key: Some(key.into()),
            consumer_secret: Some(Secret::new(secret)),
            token: None,
        }
    }

    /// Full OAuth 1.0a credentials: consumer key/secret and an access token/secret.
    pub fn oauth(
        key: impl Into<String>,
        secret: impl Into<String>,
        token: impl Into<String>,
        token_secret: impl Into<String>,
    ) -> Credentials {
        Credentials::app(key, secret).with_token(AccessToken::new(token, token_secret))
    }

    /// The same consumer credentials with `token` as the user token.
    pub fn with_token(mut self, token: AccessToken) -> Credentials {
        self.token = Some(token);
        self
    }

    /// The same consumer credentials without a user token.
    pub fn without_token(mut self) -> Credentials {
        self.token = None;
        self
    }

    /// The API (consumer) key, if any.
    pub fn api_key_str(&self) -> Option<&str> {
        self.api_key.as_deref()
    }

    /// The consumer secret, if any.
    pub fn consumer_secret(&self) -> Option<&Secret> {
        self.consumer_secret.as_ref()
    }

    /// The user token, if any.
    pub fn token(&self) -> Option<&AccessToken> {
        self.token.as_ref()
    }

    /// Whether requests can be signed (a consumer key and secret are present).
    pub fn can_sign(&self) -> bool {
        self.api_key.is_some() && self.consumer_secret.is_some()
    }

    /// Whether a user token is present.
    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    fn kind(&self) -> &'static str {
        match (
            self.api_key.is_some(),
            self.consumer_secret.is_some(),
            self.token.is_some(),
        ) {
            (false, _, _) => "none",
            (true, false, _) => "api_key",
            (true, true, false) => "app",
            (true, true, true) => "oauth",
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Credentials");
        s.field("kind", &self.kind());
        if let Some(key) = &self.api_key {
            s.field("api_key", &Abbrev(key));
        }
        if let Some(secret) = &self.consumer_secret {
            s.field("consumer_secret", secret);
        }
        if let Some(token) = &self.token {
            s.field("token", token);
        }
        s.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "KEY0123456789abcdef";
    const SECRET: &str = "CONSUMERSECRETxyz";
    const TOKEN: &str = "TOKEN72157627611980735";
    const TOKEN_SECRET: &str = "TOKENSECRETabc";

    fn assert_clean(text: &str) {
        for secret in [SECRET, TOKEN_SECRET, KEY, TOKEN] {
            assert!(!text.contains(secret), "{secret:?} leaked in {text:?}");
        }
    }

    #[test]
    fn no_debug_or_display_output_shows_a_secret() {
        let creds = Credentials::oauth(KEY, SECRET, TOKEN, TOKEN_SECRET);
        let token = AccessToken::new(TOKEN, TOKEN_SECRET);
        let secret = Secret::new(SECRET);
        let outputs = [
            format!("{creds:?}"),
            format!("{creds:#?}"),
            format!("{:?}", Credentials::app(KEY, SECRET)),
            format!("{:?}", Credentials::api_key(KEY)),
            format!("{token:?}"),
            format!("{token:#?}"),
            format!("{secret:?}"),
            format!("{secret}"),
        ];
        for text in &outputs {
            assert_clean(text);
        }
        assert!(outputs[0].contains("<redacted>"));
        assert!(outputs[0].contains("\"KEY0…\""), "{}", outputs[0]);
    }

    #[test]
    fn capabilities_follow_the_constructor() {
        assert!(!Credentials::none().can_sign());
        assert_eq!(Credentials::api_key("k").api_key_str(), Some("k"));
        assert!(!Credentials::api_key("k").can_sign());
        assert!(Credentials::app("k", "s").can_sign());
        assert!(!Credentials::app("k", "s").has_token());
        let full = Credentials::oauth("k", "s", "t", "ts");
        assert!(full.can_sign() && full.has_token());
        assert_eq!(full.token().map(|t| t.secret.expose()), Some("ts"));
        assert!(!full.without_token().has_token());
    }
}
