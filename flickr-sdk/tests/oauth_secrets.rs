//! No secret appears in any `Debug` or `Display` output: every type that holds
//! a consumer secret, a token secret or a signature is formatted here, the
//! values taken from a real OAuth dance and real signed requests on loopback.

use std::io::Cursor;

use flickr_core::client::Client;
use flickr_core::credentials::{AccessToken, Credentials, Secret};
use flickr_core::fuzzing::{parse_form, FormReply};
use flickr_core::params::Params;
use flickr_core::registry::Verb;
use flickr_core::signer::sign_params;
use flickr_core::transport::HttpRequest;
use flickr_core::upload::{Replace, Upload};
use flickr_sdk::oauth::{access_token, check_token, request_token};
use flickr_testkit::oauth_server::{self, *};

const SECRETS: &[&str] = &[SECRET, TOKEN_SECRET, REQUEST_SECRET];

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

#[tokio::test]
async fn every_credential_holding_value_is_redacted() {
    let server = Server::start().await;
    let app = client(&server, Credentials::app(KEY, SECRET));
    let request = request_token(&app, None).await.unwrap();
    let access = access_token(&app, &request, VERIFIER).await.unwrap();
    let creds = app.credentials().clone().with_token(access.token.clone());
    let user = client(&server, creds.clone());
    let info = check_token(&user).await.unwrap();

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
    let bad = client(
        &server,
        Credentials::oauth(KEY, SECRET, TOKEN, "wrong-token-secret"),
    );
    let oauth_error = Upload::from_reader(Cursor::new(vec![0u8; 4]), 4)
        .send(&bad)
        .await
        .unwrap_err();
    let token_reply = parse_form(
        format!(
            "oauth_token={TOKEN}&oauth_token_secret={}",
            oauth_server::enc(TOKEN_SECRET)
        )
        .as_bytes(),
    );

    let outputs: Vec<(&str, String)> = vec![
        (
            "Secret",
            format!("{:?} {}", Secret::new(SECRET), Secret::new(SECRET)),
        ),
        (
            "Credentials::app",
            format!("{:?}", Credentials::app(KEY, SECRET)),
        ),
        ("Credentials::oauth", format!("{creds:?} {creds:#?}")),
        (
            "AccessToken",
            format!("{:?}", AccessToken::new(TOKEN, TOKEN_SECRET)),
        ),
        ("RequestToken", format!("{request:?} {request:#?}")),
        ("AccessTokenReply", format!("{access:?}")),
        ("TokenInfo", format!("{info:?}")),
        ("Client", format!("{user:?} {user:#?}")),
        (
            "ClientBuilder",
            format!(
                "{:?}",
                Client::builder()
                    .oauth(KEY, SECRET, TOKEN, TOKEN_SECRET)
                    .base_url(&server.base)
            ),
        ),
        ("signed HttpRequest", format!("{signed_request:?}")),
        (
            "Upload",
            format!("{:?}", Upload::from_path("a.jpg").title("t")),
        ),
        ("Replace", format!("{:?}", Replace::from_path("1", "a.jpg"))),
        ("Error::OAuth", format!("{oauth_error} {oauth_error:?}")),
        (
            "parsed token reply",
            format!("{:?}", FormReply { pairs: token_reply }),
        ),
    ];
    for (label, text) in &outputs {
        assert_no_secret(label, text, &[&signature, "wrong-token-secret"]);
    }
}
