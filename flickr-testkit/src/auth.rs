//! Who is calling: API key, OAuth signature and access token checks for REST
//! calls and uploads, answered with Flickr's generic codes (100, 98, 97, 96).
//!
//! Signatures are verified by recomputing them with flickr-core's public
//! RFC 5849 signer over the parameters actually received (query and form
//! body, or the multipart text fields of an upload; never the `photo` part),
//! with the secrets the server issued.

use flickr_core::registry::Perms;
use flickr_core::signer;

use crate::state::{State, Token};

/// The caller of one request, once authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// An application without a user (API key, possibly signed).
    App {
        /// The consumer key.
        consumer_key: String,
    },
    /// A user through an access token.
    User {
        /// The consumer key.
        consumer_key: String,
        /// The user's NSID.
        nsid: String,
        /// What the token grants.
        perms: Perms,
    },
}

impl Caller {
    /// The user's NSID, for user calls.
    pub fn user(&self) -> Option<&str> {
        match self {
            Caller::User { nsid, .. } => Some(nsid),
            Caller::App { .. } => None,
        }
    }
}

/// A refusal with Flickr's code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied {
    /// Flickr's generic error code.
    pub code: u32,
    /// Flickr's message.
    pub message: String,
}

impl Denied {
    fn new(code: u32, message: impl Into<String>) -> Denied {
        Denied {
            code,
            message: message.into(),
        }
    }
}

/// The first value of `name` among `params`.
pub fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Checks the API key, the token and the signature of a REST call or upload.
///
/// `url` is the request URL without its query, as the client saw it;
/// `params` are every parameter received (query and body; for uploads the
/// text fields). A call must be signed when `must_sign` or when it carries a
/// token.
pub fn authenticate(
    state: &State,
    verb: &str,
    url: &str,
    params: &[(String, String)],
    must_sign: bool,
) -> Result<Caller, Denied> {
    let api_key = param(params, "api_key");
    let consumer_key = param(params, "oauth_consumer_key");
    let key = match (api_key, consumer_key) {
        (Some(a), Some(c)) if a != c => {
            return Err(Denied::new(
                100,
                "Invalid API Key (api_key and oauth_consumer_key differ)",
            ))
        }
        (Some(k), _) | (None, Some(k)) => k,
        (None, None) => return Err(Denied::new(100, "Invalid API Key (Key not found)")),
    };
    let Some(consumer_secret) = state.consumers.get(key) else {
        return Err(Denied::new(100, "Invalid API Key (Key has invalid format)"));
    };
    let token = param(params, "oauth_token").filter(|t| !t.is_empty());
    let mut caller = Caller::App {
        consumer_key: key.to_owned(),
    };
    let mut token_secret = "";
    if let Some(token) = token {
        match state.tokens.get(token) {
            Some(Token::Access {
                secret,
                consumer_key: owner_key,
                user,
                perms,
            }) if owner_key == key => {
                token_secret = secret;
                caller = Caller::User {
                    consumer_key: key.to_owned(),
                    nsid: user.clone(),
                    perms: *perms,
                };
            }
            _ => return Err(Denied::new(98, "Invalid auth token")),
        }
    }
    match param(params, "oauth_signature") {
        Some(sent) => {
            let expected = signer::sign_all(
                verb,
                url,
                params.iter().map(|(k, v)| (k, v)),
                consumer_secret,
                token_secret,
            )
            .map_err(|e| Denied::new(96, format!("Invalid signature ({e})")))?;
            if expected.signature != sent {
                return Err(Denied::new(96, "Invalid signature"));
            }
        }
        None if must_sign || token.is_some() => {
            return Err(Denied::new(97, "Missing signature"));
        }
        None => {}
    }
    Ok(caller)
}

/// Checks that `caller` may call a method needing a login (`needs_login`) and `perms`.
pub fn authorize(caller: &Caller, needs_login: bool, perms: Perms) -> Result<(), Denied> {
    let needed = if needs_login && perms == Perms::None {
        Perms::Read
    } else {
        perms
    };
    if needed == Perms::None {
        return Ok(());
    }
    match caller {
        Caller::App { .. } => Err(Denied::new(
            99,
            format!("Insufficient permissions. Method requires {needed} privileges; none granted."),
        )),
        Caller::User { perms: held, .. } if *held < needed => Err(Denied::new(
            99,
            format!(
                "Insufficient permissions. Method requires {needed} privileges; {held} granted."
            ),
        )),
        Caller::User { .. } => Ok(()),
    }
}
