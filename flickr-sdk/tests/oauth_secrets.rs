//! No secret appears in any `Debug` or `Display` output: every type that holds
//! a consumer secret, a token secret or a signature is formatted here, one
//! case per type, the values taken from a real OAuth dance and real signed
//! requests on loopback.

use std::io::Cursor;

use flickr_core::client::Client;
use flickr_core::credentials::{AccessToken, Credentials, Secret};
use flickr_core::fuzzing::{parse_form, FormReply};
use flickr_core::params::Params;
use flickr_core::registry::Verb;
use flickr_core::signer::sign_params;
use flickr_core::transport::HttpRequest;
use flickr_core::upload::{Replace, Upload};
use flickr_sdk::oauth::{access_token, check_token, request_token, AccessTokenReply, RequestToken};
use flickr_testkit::oauth_server::{self, *};

/// The token secret the refused client holds.
const WRONG_TOKEN_SECRET: &str = "wrong-token-secret";

const SECRETS: &[&str] = &[SECRET, TOKEN_SECRET, REQUEST_SECRET, WRONG_TOKEN_SECRET];

fn assert_no_secret(label: &str, text: &str, extra: &[&str]) {
    for secret in SECRETS.iter().chain(extra) {
        assert!(!text.contains(secret), "{label} shows {secret:?}: {text}");
        let encoded = oauth_server::enc(secret);
        assert!(
            !text.contains(&encoded),
            "{label} shows {secret:?} encoded: {text}"
        );
    }
}

/// A real OAuth dance on loopback: the request token, the access token it
/// was traded for, and the user's credentials and client.
struct Dance {
    server: Server,
    request: RequestToken,
    access: AccessTokenReply,
    creds: Credentials,
    user: Client,
}

async fn dance() -> Dance {
    let server = Server::start().await;
    let app = client(&server, Credentials::app(KEY, SECRET));
    let request = request_token(&app, None).await.unwrap();
    let access = access_token(&app, &request, VERIFIER).await.unwrap();
    let creds = app.credentials().clone().with_token(access.token.clone());
    let user = client(&server, creds.clone());
    Dance {
        server,
        request,
        access,
        creds,
        user,
    }
}

#[test]
fn a_secret_shows_in_neither_debug_nor_display() {
    assert_no_secret(
        "Secret",
        &format!("{:?} {}", Secret::new(SECRET), Secret::new(SECRET)),
        &[],
    );
}

#[test]
fn app_credentials_debug_without_the_consumer_secret() {
    assert_no_secret(
        "Credentials::app",
        &format!("{:?}", Credentials::app(KEY, SECRET)),
        &[],
    );
}

#[tokio::test]
async fn credentials_holding_an_issued_token_debug_without_secrets() {
    let Dance { creds, .. } = dance().await;
    assert_no_secret("Credentials::oauth", &format!("{creds:?} {creds:#?}"), &[]);
}

#[test]
fn an_access_token_debugs_without_its_secret() {
    assert_no_secret(
        "AccessToken",
        &format!("{:?}", AccessToken::new(TOKEN, TOKEN_SECRET)),
        &[],
    );
}

#[tokio::test]
async fn an_issued_request_token_debugs_without_its_secret() {
    let Dance { request, .. } = dance().await;
    assert_no_secret("RequestToken", &format!("{request:?} {request:#?}"), &[]);
}

#[tokio::test]
async fn an_access_token_reply_debugs_without_its_secret() {
    let Dance { access, .. } = dance().await;
    assert_no_secret("AccessTokenReply", &format!("{access:?}"), &[]);
}

#[tokio::test]
async fn checked_token_info_debugs_without_secrets() {
    let Dance { user, .. } = dance().await;
    let info = check_token(&user).await.unwrap();
    assert_no_secret("TokenInfo", &format!("{info:?}"), &[]);
}

#[tokio::test]
async fn a_user_client_debugs_without_secrets() {
    let Dance { user, .. } = dance().await;
    assert_no_secret("Client", &format!("{user:?} {user:#?}"), &[]);
}

#[tokio::test]
async fn a_client_builder_debugs_without_secrets() {
    let server = Server::start().await;
    assert_no_secret(
        "ClientBuilder",
        &format!(
            "{:?}",
            Client::builder()
                .oauth(KEY, SECRET, TOKEN, TOKEN_SECRET)
                .base_url(&server.base)
        ),
        &[],
    );
}

#[tokio::test]
async fn a_signed_request_debugs_without_its_signature_or_secrets() {
    let Dance { server, creds, .. } = dance().await;
    let mut params: Params = [("method", "flickr.test.login")].into_iter().collect();
    sign_params(
        &creds,
        Verb::Post,
        &format!("{}/services/rest/", server.base),
        &mut params,
    )
    .unwrap();
    let signature = params.get("oauth_signature").unwrap().to_owned();
    let signed_request = HttpRequest::post_form(
        format!("{}/services/rest/", server.base).parse().unwrap(),
        params.encode(),
    );
    assert_no_secret(
        "signed HttpRequest",
        &format!("{signed_request:?}"),
        &[&signature],
    );
}

#[test]
fn an_upload_debugs_without_secrets() {
    assert_no_secret(
        "Upload",
        &format!("{:?}", Upload::from_path("a.jpg").title("t")),
        &[],
    );
}

#[test]
fn a_replace_debugs_without_secrets() {
    assert_no_secret(
        "Replace",
        &format!("{:?}", Replace::from_path("1", "a.jpg")),
        &[],
    );
}

#[tokio::test]
async fn an_oauth_refusal_shows_no_secret_in_display_or_debug() {
    let server = Server::start().await;
    let bad = client(
        &server,
        Credentials::oauth(KEY, SECRET, TOKEN, WRONG_TOKEN_SECRET),
    );
    let oauth_error = Upload::from_reader(Cursor::new(vec![0u8; 4]), 4)
        .send(&bad)
        .await
        .unwrap_err();
    assert_no_secret(
        "Error::OAuth",
        &format!("{oauth_error} {oauth_error:?}"),
        &[],
    );
}

#[test]
fn a_parsed_token_reply_debugs_without_its_secret() {
    let token_reply = parse_form(
        format!(
            "oauth_token={TOKEN}&oauth_token_secret={}",
            oauth_server::enc(TOKEN_SECRET)
        )
        .as_bytes(),
    );
    assert_no_secret(
        "parsed token reply",
        &format!("{:?}", FormReply { pairs: token_reply }),
        &[],
    );
}
