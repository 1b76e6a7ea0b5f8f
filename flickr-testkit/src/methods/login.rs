//! Who is calling: `flickr.test.login`, `flickr.test.echo` and
//! `flickr.auth.oauth.checkToken`.

use serde_json::json;

use super::{content, obj, Answer, ApiFail, Call};
use crate::state::Token;

/// `flickr.test.login`.
pub(super) fn test_login(c: &mut Call<'_>) -> Answer {
    let nsid = c.viewer().unwrap_or_default().to_owned();
    let user = c.state.users.get(&nsid).cloned();
    let (username, alias) = user.map(|u| (u.username, u.path_alias)).unwrap_or_default();
    Ok(obj(json!({
        "user": {"id": nsid, "username": content(username), "path_alias": alias}
    })))
}

/// `flickr.test.echo`.
pub(super) fn test_echo(c: &mut Call<'_>) -> Answer {
    Ok(c.args
        .pairs
        .iter()
        .filter(|(k, _)| !k.starts_with("oauth_") && k != "stat")
        .map(|(k, v)| (k.clone(), content(v.clone())))
        .collect())
}

/// `flickr.auth.oauth.checkToken`.
pub(super) fn check_token(c: &mut Call<'_>) -> Answer {
    let token = c.args.get("oauth_token").unwrap_or_default();
    match c.state.tokens.get(token) {
        Some(Token::Access { user, perms, .. }) => {
            let u = c
                .state
                .users
                .get(user)
                .cloned()
                .unwrap_or_else(|| crate::state::User {
                    nsid: user.clone(),
                    username: String::new(),
                    realname: String::new(),
                    path_alias: String::new(),
                    pro: false,
                    can_download: true,
                });
            Ok(obj(json!({"oauth": {
                "token": content(token),
                "perms": content(perms.as_str()),
                "user": {"nsid": u.nsid, "username": u.username, "fullname": u.realname}
            }})))
        }
        _ => Err(ApiFail {
            code: 98,
            message: "Invalid token".to_owned(),
        }),
    }
}
