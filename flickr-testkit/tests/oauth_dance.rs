//! The full OAuth 1.0a dance against the loopback Flickr through `flickr_sdk::oauth`:
//! request token → authorize → access token → signed calls with the new token.

mod common;

use common::{app_client, small_fake};
use flickr_core::credentials::Credentials;
use flickr_core::error::Error;
use flickr_core::registry::Perms;
use flickr_sdk::oauth;

#[tokio::test]
async fn full_dance_out_of_band_then_signed_calls() {
    let fake = small_fake().await;
    fake.set_auto_approve(false);
    let app = app_client(&fake);
    let request = oauth::request_token(app.core(), None).await.unwrap();
    assert!(request.callback_confirmed);
    let url = oauth::authorize_url(app.endpoints(), &request, Perms::Write);
    assert!(url.as_str().starts_with(&fake.base_url()), "{url}");
    // The user approves (scripted), Flickr shows the verifier.
    let verifier = fake.approve(&request.token, Perms::Write).expect("approve");
    let access = oauth::access_token(app.core(), &request, &verifier)
        .await
        .unwrap();
    assert_eq!(access.user_nsid.as_str(), fake.credentials().user_nsid);
    assert_eq!(access.username, "alice");

    let user: flickr_sdk::Client = flickr_sdk::Client::builder()
        .credentials(app.credentials().clone().with_token(access.token.clone()))
        .base_url(&fake.base_url())
        .build()
        .unwrap();
    let info = oauth::check_token(user.core()).await.unwrap();
    assert_eq!(info.perms, Perms::Write);
    assert_eq!(info.user_nsid.as_str(), fake.credentials().user_nsid);
    user.test().login().send().await.unwrap();

    // The request token was used up: exchanging it again is refused.
    let again = oauth::access_token(app.core(), &request, &verifier)
        .await
        .unwrap_err();
    assert!(
        matches!(again, Error::OAuth(ref e) if e.problem == "token_rejected"),
        "{again}"
    );
    // The write token cannot delete.
    let nsid = fake.credentials().user_nsid;
    let owner_photo = fake
        .with_state(|s| s.photos.values().find(|p| p.owner == nsid).map(|p| p.id))
        .unwrap();
    let e = user
        .photos()
        .delete(owner_photo.to_string())
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.api_code(), Some(99));
}

#[tokio::test]
async fn authorize_page_auto_approves_and_redirects_to_the_callback() {
    let fake = small_fake().await;
    let app = app_client(&fake);
    let request = oauth::request_token(app.core(), Some("http://127.0.0.1:9/callback"))
        .await
        .unwrap();
    let url = oauth::authorize_url(app.endpoints(), &request, Perms::Read);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let resp = http.get(url.as_str()).send().await.unwrap();
    assert_eq!(resp.status(), 302);
    let location = url::Url::parse(resp.headers()["location"].to_str().unwrap()).unwrap();
    let verifier = location
        .query_pairs()
        .find(|(k, _)| k == "oauth_verifier")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let access = oauth::access_token(app.core(), &request, &verifier)
        .await
        .unwrap();
    let user: flickr_sdk::Client = flickr_sdk::Client::builder()
        .credentials(app.credentials().clone().with_token(access.token))
        .base_url(&fake.base_url())
        .build()
        .unwrap();
    assert_eq!(
        oauth::check_token(user.core()).await.unwrap().perms,
        Perms::Read
    );
}

#[tokio::test]
async fn wrong_secret_and_wrong_verifier_are_refused_like_flickr() {
    let fake = small_fake().await;
    let c = fake.credentials();
    let wrong: flickr_sdk::Client = flickr_sdk::Client::builder()
        .credentials(Credentials::app(c.api_key.clone(), "wrong-secret"))
        .base_url(&fake.base_url())
        .build()
        .unwrap();
    match oauth::request_token(wrong.core(), None).await.unwrap_err() {
        Error::OAuth(e) => {
            assert_eq!(e.problem, "signature_invalid");
            // Flickr's debug_sbs equals the base string we signed: only the secret was wrong.
            assert!(e.debug_sbs.is_some());
            assert_eq!(e.debug_sbs, e.base_string);
        }
        other => panic!("expected signature_invalid, got {other}"),
    }
    let app = app_client(&fake);
    let request = oauth::request_token(app.core(), None).await.unwrap();
    fake.approve(&request.token, Perms::Read).unwrap();
    match oauth::access_token(app.core(), &request, "000-000-000")
        .await
        .unwrap_err()
    {
        Error::OAuth(e) => assert_eq!(e.problem, "verifier_invalid"),
        other => panic!("expected verifier_invalid, got {other}"),
    }
}
