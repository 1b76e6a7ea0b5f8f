//! The OAuth 1.0a dance with Flickr.
//!
//! ```no_run
//! # async fn run() -> Result<(), flickr_core::error::Error> {
//! use flickr_core::{client::Client, credentials::Credentials, oauth, registry::Perms};
//! let app = Client::builder().credentials(Credentials::app("KEY", "SECRET")).build()?;
//! let request = oauth::request_token(&app, None).await?;          // out-of-band: Flickr shows a code
//! println!("open {}", oauth::authorize_url(app.endpoints(), &request, Perms::Write));
//! let verifier = "123-456-789";                                    // typed in by the user
//! let access = oauth::access_token(&app, &request, verifier).await?;
//! println!("authorized as {}", access.username);
//! let user = Client::builder()
//!     .credentials(app.credentials().clone().with_token(access.token))
//!     .build()?;
//! # let _ = user; Ok(()) }
//! ```
//!
//! Each step is signed with the consumer secret (and, for the exchange, the
//! request-token secret) and sent as a GET with the `oauth_*` parameters in
//! the query, as Flickr accepts. Flickr refuses with a form-encoded
//! `oauth_problem=…` (and, for bad signatures, its own base string in
//! `debug_sbs`); that becomes [`Error::OAuth`] with our base string beside it.
//! The steps are never retried: a resent request reuses its nonce, which
//! Flickr rejects.
//!
//! Checking a token (`flickr.auth.oauth.checkToken`) is an ordinary API
//! method, so it lives with the generated bindings: `flickr_sdk::oauth::check_token`.

use std::fmt;

use url::Url;

use crate::client::Client;
use crate::credentials::{Abbrev, AccessToken, Credentials, Secret};
use crate::endpoints::Endpoints;
use crate::envelope::FormReply;
use crate::error::{DecodeError, Error};
use crate::ids::UserId;
use crate::params::Params;
use crate::registry::Perms;

/// A request token (temporary credentials), step one of the dance.
#[derive(Clone, PartialEq, Eq)]
pub struct RequestToken {
    /// `oauth_token`: goes into the authorize URL.
    pub token: String,
    /// `oauth_token_secret`: signs the access-token exchange.
    pub secret: Secret,
    /// Whether Flickr confirmed the callback (`oauth_callback_confirmed=true`).
    pub callback_confirmed: bool,
}

impl fmt::Debug for RequestToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestToken")
            .field("token", &Abbrev(&self.token))
            .field("secret", &self.secret)
            .field("callback_confirmed", &self.callback_confirmed)
            .finish()
    }
}

/// The outcome of the dance: an access token and the user who granted it.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessTokenReply {
    /// The access token and its secret; pass it to [`Credentials::with_token`].
    pub token: AccessToken,
    /// The user's NSID.
    pub user_nsid: UserId,
    /// The user's screen name.
    pub username: String,
    /// The user's full name (may be empty).
    pub fullname: String,
}

impl fmt::Debug for AccessTokenReply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessTokenReply")
            .field("token", &self.token)
            .field("user_nsid", &self.user_nsid)
            .field("username", &self.username)
            .field("fullname", &self.fullname)
            .finish()
    }
}

/// Step one: asks Flickr for a request token.
///
/// `callback` is the URL Flickr redirects the user to after authorizing (with
/// `oauth_token` and `oauth_verifier` in its query); `None` means out-of-band
/// (`oob`): Flickr shows the user a code to type into the application.
pub async fn request_token(client: &Client, callback: Option<&str>) -> Result<RequestToken, Error> {
    const WHAT: &str = "oauth.request_token";
    let creds = consumer_only(client.credentials(), WHAT)?;
    let mut params = Params::new();
    params.push("oauth_callback", callback.unwrap_or("oob"));
    let reply = signed_get(
        client,
        WHAT,
        &client.endpoints().oauth_request_token,
        &creds,
        params,
    )
    .await?;
    Ok(RequestToken {
        token: required(&reply, WHAT, "oauth_token")?,
        secret: Secret::new(required(&reply, WHAT, "oauth_token_secret")?),
        callback_confirmed: reply.get("oauth_callback_confirmed") == Some("true"),
    })
}

/// Step two: the page where the user grants `perms` to the application.
///
/// [`Perms::None`] leaves out the `perms` parameter, so Flickr applies the
/// permission configured for the application.
pub fn authorize_url(endpoints: &Endpoints, token: &RequestToken, perms: Perms) -> Url {
    let mut url = endpoints.oauth_authorize.clone();
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("oauth_token", &token.token);
        if perms != Perms::None {
            query.append_pair("perms", perms.as_str());
        }
    }
    url
}

/// Step three: exchanges the request token and the verifier the user got
/// (or the callback received as `oauth_verifier`) for an access token.
pub async fn access_token(
    client: &Client,
    token: &RequestToken,
    verifier: &str,
) -> Result<AccessTokenReply, Error> {
    const WHAT: &str = "oauth.access_token";
    let creds = consumer_only(client.credentials(), WHAT)?.with_token(AccessToken {
        token: token.token.clone(),
        secret: token.secret.clone(),
    });
    let mut params = Params::new();
    params.push("oauth_verifier", verifier.trim());
    let reply = signed_get(
        client,
        WHAT,
        &client.endpoints().oauth_access_token,
        &creds,
        params,
    )
    .await?;
    Ok(AccessTokenReply {
        token: AccessToken {
            token: required(&reply, WHAT, "oauth_token")?,
            secret: Secret::new(required(&reply, WHAT, "oauth_token_secret")?),
        },
        user_nsid: UserId::new(required(&reply, WHAT, "user_nsid")?),
        username: reply.get("username").unwrap_or_default().to_owned(),
        fullname: reply.get("fullname").unwrap_or_default().to_owned(),
    })
}

/// The client's consumer key and secret, without any user token.
fn consumer_only(creds: &Credentials, what: &str) -> Result<Credentials, Error> {
    if !creds.can_sign() {
        return Err(Error::MissingCredentials {
            method: what.to_owned(),
            perms: Perms::None,
            missing: "the OAuth flow needs the consumer key and secret: build the client with \
                      Credentials::app(key, secret)"
                .to_owned(),
        });
    }
    Ok(creds.clone().without_token())
}

/// Signs `params` for a GET of `endpoint`, sends it once and decodes the form
/// reply (through the client's one request path).
async fn signed_get(
    client: &Client,
    what: &str,
    endpoint: &Url,
    creds: &Credentials,
    params: Params,
) -> Result<FormReply, Error> {
    client.oauth_get(what, endpoint, creds, params).await
}

fn required(reply: &FormReply, what: &str, name: &str) -> Result<String, Error> {
    match reply.get(name) {
        Some(v) if !v.is_empty() => Ok(v.to_owned()),
        _ => Err(Error::from(DecodeError {
            method: what.to_owned(),
            path: name.to_owned(),
            message: format!("the reply has no {name}"),
            body_excerpt: format!("{reply:?}"),
            unparsable: false,
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_replies_never_print_secrets() {
        let request = RequestToken {
            token: "72157626737672178-022bbd2f4c2f3432".into(),
            secret: Secret::new("fccb68c4e6103197"),
            callback_confirmed: true,
        };
        let access = AccessTokenReply {
            token: AccessToken::new("72157626737672178-aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"),
            user_nsid: UserId::new("21207597@N07"),
            username: "jamalfanaian".into(),
            fullname: "Jamal Fanaian".into(),
        };
        for text in [format!("{request:?}"), format!("{access:#?}")] {
            for secret in [
                "fccb68c4e6103197",
                "bbbbbbbbbbbbbbbb",
                "022bbd2f",
                "aaaaaaaa",
            ] {
                assert!(!text.contains(secret), "{secret} leaked in {text}");
            }
        }
    }

    #[test]
    fn authorize_url_carries_token_and_perms() {
        let endpoints = Endpoints::flickr();
        let token = RequestToken {
            token: "tok en".into(),
            secret: Secret::new("s"),
            callback_confirmed: true,
        };
        let url = authorize_url(&endpoints, &token, Perms::Delete);
        assert_eq!(
            url.as_str(),
            "https://www.flickr.com/services/oauth/authorize?oauth_token=tok+en&perms=delete"
        );
        assert!(!authorize_url(&endpoints, &token, Perms::None)
            .as_str()
            .contains("perms"));
    }
}
