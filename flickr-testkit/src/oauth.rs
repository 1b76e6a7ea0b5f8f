//! Flickr's OAuth 1.0a endpoints: request tokens, the authorize page
//! (auto-approving or scripted) and the access-token exchange.
//!
//! Refusals are form-encoded like Flickr's (`oauth_problem=signature_invalid&debug_sbs=…`,
//! HTTP 401; `parameter_absent` with `oauth_parameters_absent`, HTTP 400).

use http::{header, Request, StatusCode};
use hyper::body::Incoming;
use sha2::{Digest, Sha256};

use flickr_core::registry::Perms;
use flickr_core::signer;

use crate::auth::param;
use crate::request::read_params;
use crate::shared::{fault_for, DropConnection, FaultAction, Shared};
use crate::state::{State, Token};
use crate::wire::{self, Reply};

/// A fresh, unguessable-enough string of `len` hex digits.
pub fn random_hex(state: &mut State, len: usize) -> String {
    let n = state.fresh_id();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let digest = Sha256::digest(format!("{n}:{nanos}:{:p}", state as *const State).as_bytes());
    let mut hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex.truncate(len.min(64));
    hex
}

/// A fresh token in Flickr's shape: `72157…-hex16`.
pub fn fresh_token(state: &mut State) -> (String, String) {
    let n = state.fresh_id();
    let token = format!("72157{n}-{}", random_hex(state, 16));
    let secret = random_hex(state, 16);
    (token, secret)
}

fn problem(status: StatusCode, pairs: &[(&str, &str)]) -> Reply {
    wire::form(status, pairs)
}

/// Checks the OAuth parameters common to both token steps and the signature.
/// `token_secret` is looked up from `oauth_token` by `secret_of`.
// The error is the ready answer, built at most once per request: boxing it buys nothing.
#[allow(clippy::result_large_err)]
fn verify(
    state: &mut State,
    verb: &str,
    url: &str,
    params: &[(String, String)],
    required: &[&str],
    token_secret: &str,
) -> Result<(), Reply> {
    let absent: Vec<&str> = required
        .iter()
        .copied()
        .filter(|k| param(params, k).is_none_or(str::is_empty))
        .collect();
    if !absent.is_empty() {
        return Err(problem(
            StatusCode::BAD_REQUEST,
            &[
                ("oauth_problem", "parameter_absent"),
                ("oauth_parameters_absent", &absent.join("&")),
            ],
        ));
    }
    let key = param(params, "oauth_consumer_key").unwrap_or_default();
    let Some(consumer_secret) = state.consumers.get(key).cloned() else {
        return Err(problem(
            StatusCode::UNAUTHORIZED,
            &[("oauth_problem", "consumer_key_unknown")],
        ));
    };
    if param(params, "oauth_signature_method") != Some("HMAC-SHA1") {
        return Err(problem(
            StatusCode::BAD_REQUEST,
            &[("oauth_problem", "signature_method_rejected")],
        ));
    }
    let signed = signer::sign_all(
        verb,
        url,
        params.iter().map(|(k, v)| (k, v)),
        &consumer_secret,
        token_secret,
    );
    let sent = param(params, "oauth_signature").unwrap_or_default();
    match signed {
        Ok(s) if s.signature == sent => {}
        Ok(s) => {
            // Flickr appends its base string as it is (not encoded again).
            return Err(wire::response(
                StatusCode::UNAUTHORIZED,
                "text/plain; charset=utf-8",
                format!(
                    "oauth_problem=signature_invalid&debug_sbs={}",
                    s.base_string
                ),
            ));
        }
        Err(_) => {
            return Err(problem(
                StatusCode::UNAUTHORIZED,
                &[("oauth_problem", "signature_invalid")],
            ))
        }
    }
    let nonce = format!(
        "{key}:{}:{}",
        param(params, "oauth_timestamp").unwrap_or_default(),
        param(params, "oauth_nonce").unwrap_or_default()
    );
    if !state.nonces.insert(nonce) {
        return Err(problem(
            StatusCode::UNAUTHORIZED,
            &[("oauth_problem", "nonce_used")],
        ));
    }
    Ok(())
}

const SIGNED: &[&str] = &[
    "oauth_consumer_key",
    "oauth_nonce",
    "oauth_timestamp",
    "oauth_signature_method",
    "oauth_signature",
];

async fn faulted(shared: &Shared, target: &str) -> Result<Option<Reply>, DropConnection> {
    match fault_for(shared, target, false).await {
        FaultAction::Continue | FaultAction::DropAfter => Ok(None),
        FaultAction::Respond(r) => Ok(Some(r)),
        FaultAction::Api(_, message) => Ok(Some(problem(
            StatusCode::SERVICE_UNAVAILABLE,
            &[
                ("oauth_problem", "service_unavailable"),
                ("message", &message),
            ],
        ))),
        FaultAction::Drop => Err(DropConnection),
    }
}

/// `GET|POST /services/oauth/request_token`.
pub async fn request_token(
    shared: &Shared,
    req: Request<Incoming>,
) -> Result<Reply, DropConnection> {
    shared.state().count("oauth.request_token");
    if let Some(r) = faulted(shared, "oauth.request_token").await? {
        return Ok(r);
    }
    let rx = match read_params(shared, req).await {
        Ok(rx) => rx,
        Err(r) => return Ok(r),
    };
    let mut state = shared.state();
    let mut required = SIGNED.to_vec();
    required.push("oauth_callback");
    if let Err(r) = verify(&mut state, &rx.verb, &rx.url, &rx.params, &required, "") {
        return Ok(r);
    }
    let (token, secret) = fresh_token(&mut state);
    state.tokens.insert(
        token.clone(),
        Token::Request {
            secret: secret.clone(),
            consumer_key: param(&rx.params, "oauth_consumer_key")
                .unwrap_or_default()
                .to_owned(),
            callback: param(&rx.params, "oauth_callback")
                .unwrap_or("oob")
                .to_owned(),
            approved: None,
            requested_perms: None,
        },
    );
    Ok(wire::form(
        StatusCode::OK,
        &[
            ("oauth_callback_confirmed", "true"),
            ("oauth_token", &token),
            ("oauth_token_secret", &secret),
        ],
    ))
}

/// Approves request token `token` for `user` with `perms`; returns the verifier.
pub fn approve(state: &mut State, token: &str, user: &str, perms: Perms) -> Option<String> {
    let digits = random_hex(state, 12);
    let verifier: String = digits
        .bytes()
        .map(|b| char::from(b'0' + (b % 10)))
        .collect::<Vec<char>>()
        .chunks(3)
        .take(3)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-");
    match state.tokens.get_mut(token) {
        Some(Token::Request { approved, .. }) if approved.is_none() => {
            *approved = Some((user.to_owned(), perms, verifier.clone()));
            Some(verifier)
        }
        _ => None,
    }
}

/// `GET /services/oauth/authorize?oauth_token=…&perms=…`: the page where the user
/// says yes. With auto-approve on (the default) it approves as the default
/// user at once: a callback gets a 302 with `oauth_token` and
/// `oauth_verifier`; out-of-band shows the verifier on the page.
pub async fn authorize(shared: &Shared, req: Request<Incoming>) -> Result<Reply, DropConnection> {
    shared.state().count("oauth.authorize");
    let rx = match read_params(shared, req).await {
        Ok(rx) => rx,
        Err(r) => return Ok(r),
    };
    let token = param(&rx.params, "oauth_token")
        .unwrap_or_default()
        .to_owned();
    let perms = param(&rx.params, "perms").and_then(Perms::parse);
    let mut state = shared.state();
    let callback = match state.tokens.get_mut(&token) {
        Some(Token::Request {
            callback,
            approved: None,
            requested_perms,
            ..
        }) => {
            *requested_perms = perms;
            callback.clone()
        }
        _ => {
            return Ok(wire::response(
                StatusCode::BAD_REQUEST,
                "text/html; charset=utf-8",
                "<html><body><h1>Oops!</h1><p>The request token is invalid or already used.</p></body></html>",
            ))
        }
    };
    if !state.auto_approve {
        return Ok(wire::response(
            StatusCode::OK,
            "text/html; charset=utf-8",
            format!(
                "<html><body><p>Waiting for the user to approve {} (scripted: FakeFlickr::approve).</p></body></html>",
                wire::escape(&token)
            ),
        ));
    }
    let user = state.default_user.clone();
    let granted = perms.unwrap_or(Perms::Read);
    let Some(verifier) = approve(&mut state, &token, &user, granted) else {
        return Ok(wire::response(
            StatusCode::BAD_REQUEST,
            "text/plain; charset=utf-8",
            "invalid token",
        ));
    };
    if callback != "oob" {
        let sep = if callback.contains('?') { '&' } else { '?' };
        let location = format!(
            "{callback}{sep}oauth_token={}&oauth_verifier={}",
            wire::enc(&token),
            wire::enc(&verifier)
        );
        let mut resp = wire::response(StatusCode::FOUND, "text/plain; charset=utf-8", "");
        if let Ok(v) = header::HeaderValue::from_str(&location) {
            resp.headers_mut().insert(header::LOCATION, v);
        }
        return Ok(resp);
    }
    Ok(wire::response(
        StatusCode::OK,
        "text/html; charset=utf-8",
        format!(
            "<html><body><p>You have authorized the application ({granted}).</p>\
             <p>Verification code: <span id=\"verifier\">{verifier}</span></p></body></html>"
        ),
    ))
}

/// `GET|POST /services/oauth/access_token`: exchanges an approved request token.
pub async fn access_token(
    shared: &Shared,
    req: Request<Incoming>,
) -> Result<Reply, DropConnection> {
    shared.state().count("oauth.access_token");
    if let Some(r) = faulted(shared, "oauth.access_token").await? {
        return Ok(r);
    }
    let rx = match read_params(shared, req).await {
        Ok(rx) => rx,
        Err(r) => return Ok(r),
    };
    let mut state = shared.state();
    let token = param(&rx.params, "oauth_token")
        .unwrap_or_default()
        .to_owned();
    let key = param(&rx.params, "oauth_consumer_key").unwrap_or_default();
    let (secret, approved) = match state.tokens.get(&token) {
        Some(Token::Request {
            secret,
            consumer_key,
            approved,
            ..
        }) if consumer_key == key => (secret.clone(), approved.clone()),
        _ if token.is_empty() => (String::new(), None),
        _ => {
            return Ok(problem(
                StatusCode::UNAUTHORIZED,
                &[("oauth_problem", "token_rejected")],
            ))
        }
    };
    let mut required = SIGNED.to_vec();
    required.extend(["oauth_token", "oauth_verifier"]);
    if let Err(r) = verify(
        &mut state, &rx.verb, &rx.url, &rx.params, &required, &secret,
    ) {
        return Ok(r);
    }
    let Some((user, perms, verifier)) = approved else {
        return Ok(problem(
            StatusCode::UNAUTHORIZED,
            &[("oauth_problem", "permission_denied")],
        ));
    };
    if param(&rx.params, "oauth_verifier") != Some(verifier.as_str()) {
        return Ok(problem(
            StatusCode::UNAUTHORIZED,
            &[("oauth_problem", "verifier_invalid")],
        ));
    }
    state.tokens.remove(&token);
    let (access, access_secret) = fresh_token(&mut state);
    state.tokens.insert(
        access.clone(),
        Token::Access {
            secret: access_secret.clone(),
            consumer_key: key.to_owned(),
            user: user.clone(),
            perms,
        },
    );
    let (username, fullname) = state
        .users
        .get(&user)
        .map(|u| (u.username.clone(), u.realname.clone()))
        .unwrap_or_default();
    Ok(wire::form(
        StatusCode::OK,
        &[
            ("fullname", &fullname),
            ("oauth_token", &access),
            ("oauth_token_secret", &access_secret),
            ("user_nsid", &user),
            ("username", &username),
        ],
    ))
}
