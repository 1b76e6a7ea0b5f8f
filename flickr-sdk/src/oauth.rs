//! The OAuth 1.0a dance (flickr-core's) and, with the `auth`
//! feature, [`check_token`]: which user and permission an access token
//! stands for, through the generated `flickr.auth.oauth.checkToken`.
//!
//! ```no_run
//! # async fn run() -> Result<(), flickr_sdk::Error> {
//! use flickr_sdk::registry::Perms;
//! use flickr_sdk::{oauth, Client, Credentials};
//! let app = Client::builder().credentials(Credentials::app("KEY", "SECRET")).build()?;
//! let request = oauth::request_token(&app, None).await?;          // out-of-band: Flickr shows a code
//! println!("open {}", oauth::authorize_url(app.endpoints(), &request, Perms::Write));
//! let verifier = "123-456-789";                                    // typed in by the user
//! let access = oauth::access_token(&app, &request, verifier).await?;
//! let user = Client::builder()
//!     .credentials(app.credentials().clone().with_token(access.token))
//!     .build()?;
//! # #[cfg(feature = "auth")] {
//! let info = oauth::check_token(&user).await?;
//! println!("authorized as {} with `{}` permission", info.username, info.perms);
//! # }
//! # let _ = user; Ok(()) }
//! ```

pub use flickr_core::oauth::*;

#[cfg(feature = "auth")]
use flickr_core::{
    client::Client,
    credentials::Abbrev,
    error::{DecodeError, Error},
    ids::UserId,
    registry::Perms,
};
#[cfg(feature = "auth")]
use std::fmt;

/// What `flickr.auth.oauth.checkToken` says about the client's access token.
#[cfg(feature = "auth")]
#[cfg_attr(docsrs, doc(cfg(feature = "auth")))]
#[derive(Clone, PartialEq, Eq)]
pub struct TokenInfo {
    /// The token that was checked.
    pub token: String,
    /// The permission it grants.
    pub perms: Perms,
    /// The user's NSID.
    pub user_nsid: UserId,
    /// The user's screen name.
    pub username: String,
    /// The user's full name (may be empty).
    pub fullname: String,
}

#[cfg(feature = "auth")]
impl fmt::Debug for TokenInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenInfo")
            .field("token", &Abbrev(&self.token))
            .field("perms", &self.perms)
            .field("user_nsid", &self.user_nsid)
            .field("username", &self.username)
            .field("fullname", &self.fullname)
            .finish()
    }
}

/// Asks Flickr which user and permission the client's access token stands for.
///
/// Takes the runtime client; a [`crate::Client`] derefs to it. Without an
/// access token this is [`Error::MissingCredentials`] and nothing is sent;
/// a permission Flickr names but this crate does not know is an
/// [`Error::Decode`] at `oauth.perms`.
#[cfg(feature = "auth")]
#[cfg_attr(docsrs, doc(cfg(feature = "auth")))]
pub async fn check_token(client: &Client) -> Result<TokenInfo, Error> {
    let method = crate::auth::oauth::CheckToken::METHOD.name;
    let Some(token) = client.credentials().token() else {
        return Err(Error::MissingCredentials {
            method: method.to_owned(),
            perms: Perms::None,
            missing:
                "there is no access token to check: build the client with Credentials::oauth(...)"
                    .to_owned(),
        });
    };
    let reply = crate::Client::from(client.clone())
        .auth()
        .oauth()
        .check_token(token.token.as_str())
        .send()
        .await
        .map_err(Error::untyped)?;
    let decode_error =
        |path: &str, message: String| Error::from(DecodeError::new(method, path, message));
    let perms_text = reply.perms.as_ref().map(|p| p.as_str()).unwrap_or("");
    let perms = Perms::parse(perms_text)
        .ok_or_else(|| decode_error("oauth.perms", format!("unknown permission {perms_text:?}")))?;
    let token = reply
        .token
        .ok_or_else(|| decode_error("oauth.token", "the reply has no token".to_owned()))?;
    let user = reply
        .user
        .ok_or_else(|| decode_error("oauth.user", "the reply has no user".to_owned()))?;
    let user_nsid = user
        .nsid
        .ok_or_else(|| decode_error("oauth.user.nsid", "the reply has no user NSID".to_owned()))?;
    Ok(TokenInfo {
        token,
        perms,
        user_nsid,
        username: user.username.unwrap_or_default(),
        fullname: user.full_name.unwrap_or_default(),
    })
}

#[cfg(all(test, feature = "auth"))]
mod tests {
    use super::*;

    #[test]
    fn token_info_never_prints_the_token() {
        let info = TokenInfo {
            token: "72157626737672178-cccccccccccccccc".into(),
            perms: Perms::Write,
            user_nsid: UserId::new("21207597@N07"),
            username: "jamalfanaian".into(),
            fullname: String::new(),
        };
        for text in [format!("{info:?}"), format!("{info:#?}")] {
            assert!(!text.contains("cccccccc"), "the token leaked in {text}");
            assert!(text.contains("jamalfanaian"), "{text}");
        }
    }
}
