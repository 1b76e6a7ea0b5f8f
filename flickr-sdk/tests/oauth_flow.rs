//! The OAuth 1.0a dance and `checkToken` over real HTTP against a loopback
//! server that checks every signature with its own implementation.

use flickr_core::credentials::Credentials;
use flickr_core::error::Error;
use flickr_core::registry::Perms;
use flickr_sdk::oauth::{access_token, authorize_url, check_token, request_token};
use flickr_testkit::oauth_server::*;
use std::sync::atomic::Ordering;

#[tokio::test]
async fn the_whole_dance_yields_a_working_access_token() {
    let server = Server::start().await;
    let app = client(&server, Credentials::app(KEY, SECRET));

    let request = request_token(&app, None).await.unwrap();
    assert_eq!(request.token, REQUEST_TOKEN);
    assert_eq!(request.secret.expose(), REQUEST_SECRET);
    assert!(request.callback_confirmed);

    let url = authorize_url(app.endpoints(), &request, Perms::Write);
    assert_eq!(url.path(), "/services/oauth/authorize");
    let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    assert_eq!(
        query,
        vec![
            ("oauth_token".into(), REQUEST_TOKEN.into()),
            ("perms".into(), "write".into())
        ]
    );

    let access = access_token(&app, &request, &format!(" {VERIFIER}\n"))
        .await
        .unwrap();
    assert_eq!(access.token.token, TOKEN);
    assert_eq!(access.token.secret.expose(), TOKEN_SECRET);
    assert_eq!(access.user_nsid.as_str(), USER_NSID);
    assert_eq!(access.username, "jamalf");
    assert_eq!(access.fullname, "Jamal Fänian");

    let user = client(&server, app.credentials().clone().with_token(access.token));
    let info = check_token(&user).await.unwrap();
    assert_eq!(info.token, TOKEN);
    assert_eq!(info.perms, Perms::Write);
    assert_eq!(info.user_nsid.as_str(), USER_NSID);
    assert_eq!(
        (info.username.as_str(), info.fullname.as_str()),
        ("jamalf", "Jamal F")
    );
    assert_eq!(server.shared.requests.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_callback_url_with_reserved_characters_is_signed_correctly() {
    let server = Server::start().await;
    let app = client(&server, Credentials::app(KEY, SECRET));
    let request = request_token(&app, Some("http://127.0.0.1:9/done?next=/a b&x=é+~"))
        .await
        .unwrap();
    assert_eq!(request.token, REQUEST_TOKEN);
}

#[tokio::test]
async fn a_bad_signature_shows_flickrs_and_our_base_string() {
    let server = Server::start().await;
    let wrong = "NOT-the-consumer-secret";
    let app = client(&server, Credentials::app(KEY, wrong));
    let err = request_token(&app, None).await.unwrap_err();
    let Error::OAuth(oauth) = &err else {
        panic!("expected an OAuth error, got {err:?}")
    };
    assert_eq!(oauth.problem, "signature_invalid");
    assert_eq!(oauth.status, Some(401));
    let theirs = oauth.debug_sbs.as_deref().expect("Flickr's debug_sbs");
    let ours = oauth.base_string.as_deref().expect("our base string");
    // The secret was wrong, not the base string: both sides built the same one.
    assert_eq!(theirs, ours);
    assert!(ours.starts_with("GET&http%3A%2F%2F127.0.0.1%3A"), "{ours}");
    let text = err.to_string();
    assert!(
        text.contains("Flickr's base string") && text.contains("our base string"),
        "{text}"
    );
    assert!(
        !text.contains(wrong) && !format!("{err:?}").contains(wrong),
        "the secret leaked: {text}"
    );
}

#[tokio::test]
async fn a_wrong_verifier_is_an_oauth_error_with_advice() {
    let server = Server::start().await;
    let app = client(&server, Credentials::app(KEY, SECRET));
    let request = request_token(&app, None).await.unwrap();
    let err = access_token(&app, &request, "000-000-000")
        .await
        .unwrap_err();
    let Error::OAuth(oauth) = &err else {
        panic!("expected an OAuth error, got {err:?}")
    };
    assert_eq!(oauth.problem, "verifier_invalid");
    assert!(err.to_string().contains("authorize again"), "{err}");
}

#[tokio::test]
async fn the_flow_needs_a_consumer_secret_and_sends_nothing_without_one() {
    let server = Server::start().await;
    let app = client(&server, Credentials::api_key(KEY));
    let err = request_token(&app, None).await.unwrap_err();
    assert!(matches!(err, Error::MissingCredentials { .. }), "{err:?}");
    assert!(err.to_string().contains("Credentials::app"), "{err}");
    let err = check_token(&app).await.unwrap_err();
    assert!(matches!(err, Error::MissingCredentials { .. }), "{err:?}");
    assert_eq!(server.shared.requests.load(Ordering::SeqCst), 0);
}
