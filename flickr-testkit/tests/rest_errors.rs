//! Each of Flickr's generic error codes, provoked over real HTTP and mapped
//! by the public client to its typed variant; formats and argument checks.

mod common;

use common::{key_client, small_fake, user_client};
use flickr_core::client::{CallOptions, Format, MethodRef};
use flickr_core::error::Error;
use flickr_core::params::Params;
use flickr_core::registry::{Perms, Verb};
use flickr_core::retry::RetryPolicy;
use flickr_sdk::error::GenericError;
use flickr_sdk::photos::{DeleteError, GetInfoError, SearchError};
use flickr_sdk::test::{EchoError, LoginError};
use flickr_testkit::{FakeFlickr, Fault};

/// The typed kind of an API error, or a panic naming what came instead.
fn kind<T: std::fmt::Debug, E: std::fmt::Debug>(r: Result<T, Error<E>>) -> E {
    match r {
        Err(Error::Api(e)) => e.kind,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn client_with(
    fake: &FakeFlickr,
    key: &str,
    secret: &str,
    token: &str,
    token_secret: &str,
) -> flickr_sdk::Client {
    flickr_sdk::Client::builder()
        .oauth(key, secret, token, token_secret)
        .base_url(&fake.base_url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn wrong_consumer_secret_is_invalid_signature_96() {
    let fake = small_fake().await;
    let c = fake.credentials();
    let good = user_client(&fake);
    assert!(good.test().login().send().await.is_ok());
    let bad = client_with(
        &fake,
        &c.api_key,
        "not-the-secret",
        &c.oauth_token,
        &c.oauth_token_secret,
    );
    assert_eq!(
        kind(bad.test().login().send().await),
        LoginError::Generic(GenericError::InvalidSignature)
    );
    let bad = client_with(
        &fake,
        &c.api_key,
        &c.api_secret,
        &c.oauth_token,
        "not-the-token-secret",
    );
    assert_eq!(
        kind(bad.test().login().send().await),
        LoginError::Generic(GenericError::InvalidSignature)
    );
}

#[tokio::test]
async fn unsigned_call_with_a_token_is_missing_signature_97() {
    let fake = small_fake().await;
    let mut params = Params::new();
    params.push("oauth_token", fake.credentials().oauth_token);
    let r = key_client(&fake)
        .core()
        .call::<serde_json::Value>(
            &flickr_sdk::registry::TEST_ECHO,
            params,
            &CallOptions::new(),
        )
        .await
        .map_err(Error::typed::<EchoError>);
    // test.echo lists no 97 of its own: the catch-all keeps the code.
    assert_eq!(flickr_core::error::MethodError::code(&kind(r)), 97);
    // A method that must be signed, called without a signature.
    let r = key_client(&fake)
        .core()
        .call::<serde_json::Value>(
            MethodRef::named("flickr.test.login", Verb::Get),
            Params::new(),
            &CallOptions::new(),
        )
        .await;
    assert_eq!(r.unwrap_err().api_code(), Some(97));
}

#[tokio::test]
async fn unknown_token_is_login_failed_98() {
    let fake = small_fake().await;
    let c = fake.credentials();
    let bad = client_with(
        &fake,
        &c.api_key,
        &c.api_secret,
        "72157-not-issued",
        "whatever",
    );
    assert_eq!(
        kind(bad.test().login().send().await),
        LoginError::Generic(GenericError::LoginFailed)
    );
}

#[tokio::test]
async fn token_without_delete_perms_is_insufficient_permissions_99() {
    let fake = small_fake().await;
    let c = fake.credentials();
    let (token, secret) = fake.issue_token(&c.user_nsid, Perms::Write);
    let writer = client_with(&fake, &c.api_key, &c.api_secret, &token, &secret);
    let mine = fake.with_state(|s| {
        s.photos
            .values()
            .find(|p| p.owner == c.user_nsid)
            .map(|p| p.id)
            .unwrap()
    });
    assert_eq!(
        kind(writer.photos().delete(mine.to_string()).send().await),
        DeleteError::Generic(GenericError::InsufficientPermissions)
    );
    assert!(fake.photo(mine).is_some(), "the photo must survive");
    // The same call with the delete token works.
    user_client(&fake)
        .photos()
        .delete(mine.to_string())
        .send()
        .await
        .unwrap();
    assert!(fake.photo(mine).is_none());
}

#[tokio::test]
async fn unknown_api_key_is_invalid_api_key_100() {
    let fake = small_fake().await;
    let c = fake.credentials();
    let bad = client_with(
        &fake,
        "unknown-key",
        &c.api_secret,
        &c.oauth_token,
        &c.oauth_token_secret,
    );
    assert_eq!(
        kind(bad.photos().search().text("cat").send().await),
        SearchError::Generic(GenericError::InvalidApiKey)
    );
    let nokey = reqwest::get(format!(
        "{}services/rest/?method=flickr.test.echo&format=json&nojsoncallback=1",
        fake.base_url()
    ))
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert!(nokey.contains("\"code\":100"), "{nokey}");
}

#[tokio::test]
async fn injected_105_is_service_unavailable() {
    let fake = small_fake().await;
    fake.inject("flickr.photos.search", Fault::unavailable(), 1);
    let c = fake.credentials();
    let client = client_with(
        &fake,
        &c.api_key,
        &c.api_secret,
        &c.oauth_token,
        &c.oauth_token_secret,
    );
    assert_eq!(
        kind(client.photos().search().text("cat").send().await),
        SearchError::Generic(GenericError::ServiceUnavailable)
    );
}

#[tokio::test]
async fn unknown_method_is_112_and_names_are_case_insensitive() {
    let fake = small_fake().await;
    let client = key_client(&fake);
    let e = client
        .call::<serde_json::Value>(
            MethodRef::named("flickr.photos.doesNotExist", Verb::Get),
            Params::new(),
            &CallOptions::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.api_code(), Some(112));
    let echo = client
        .call::<serde_json::Value>(
            MethodRef::named("FLICKR.TEST.ECHO", Verb::Get),
            [("hello", "world")].into(),
            &CallOptions::new(),
        )
        .await
        .unwrap();
    assert_eq!(echo["hello"]["_content"], "world");
    assert_eq!(fake.requests("flickr.test.echo"), 1);
}

#[tokio::test]
async fn missing_required_arguments_use_the_documented_code_or_name_the_argument() {
    let fake = small_fake().await;
    let client = user_client(&fake);
    // photos.getInfo without photo_id: Flickr's "1: Photo not found".
    let e = client
        .call::<serde_json::Value>(
            MethodRef::named("flickr.photos.getInfo", Verb::Get),
            Params::new(),
            &CallOptions::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.api_code(), Some(1));
    let e = e.typed::<GetInfoError>();
    assert_eq!(kind::<(), _>(Err(e)), GetInfoError::PhotoNotFound);
    // photos.addTags without tags: no documented code fits, a clear generic failure.
    let id = fake.public_photo_ids()[0].to_string();
    let e = client
        .call::<serde_json::Value>(
            MethodRef::named("flickr.photos.addTags", Verb::Post),
            [("photo_id", id.as_str())].into(),
            &CallOptions::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.api_code(), Some(flickr_testkit::INVALID_ARGUMENT));
    assert!(e.to_string().contains("`tags`"), "{e}");
}

#[tokio::test]
async fn json_jsonp_and_rest_formats() {
    let fake = small_fake().await;
    let base = fake.base_url();
    let key = fake.credentials().api_key;
    let get = |q: &str| {
        let url = format!("{base}services/rest/?method=flickr.test.echo&api_key={key}&{q}");
        async move {
            let r = reqwest::get(url).await.unwrap();
            let ct = r.headers()["content-type"].to_str().unwrap().to_owned();
            (ct, r.text().await.unwrap())
        }
    };
    let (ct, body) = get("format=json&nojsoncallback=1").await;
    assert!(ct.starts_with("application/json"), "{ct}");
    assert!(
        body.starts_with('{') && body.ends_with(",\"stat\":\"ok\"}"),
        "{body}"
    );
    let (_, body) = get("format=json").await;
    assert!(
        body.starts_with("jsonFlickrApi({") && body.ends_with(')'),
        "{body}"
    );
    let (ct, body) = get("format=rest").await;
    assert!(ct.starts_with("text/xml"), "{ct}");
    assert!(
        body.contains("<rsp stat=\"ok\">") && body.contains("<method>flickr.test.echo</method>"),
        "{body}"
    );
    let (_, body) = get("format=yaml").await;
    assert!(body.contains("code=\"111\""), "{body}");
}

#[tokio::test]
async fn typed_calls_decode_from_rest_xml_too() {
    let fake = small_fake().await;
    let c = fake.credentials();
    let client = flickr_sdk::Client::builder()
        .oauth(c.api_key, c.api_secret, c.oauth_token, c.oauth_token_secret)
        .base_url(&fake.base_url())
        .format(Format::Rest)
        .build()
        .unwrap();
    let page = client
        .photos()
        .search()
        .user_id("me")
        .extras([
            flickr_sdk::types::Extra::Tags,
            flickr_sdk::types::Extra::UrlM,
        ])
        .per_page(10)
        .send()
        .await
        .unwrap();
    assert_eq!(page.photos.len(), 10);
    assert!(page.total > 10);
    let login = client.test().login().send().await.unwrap();
    let _ = format!("{login:?}");
}
