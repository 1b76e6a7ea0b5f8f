//! The error type's messages, causes and retry classification.

use super::*;

#[test]
fn usage_errors_say_what_was_wrong_before_anything_was_sent() {
    let e: Error = Error::InvalidArgument {
        method: "flickr.photos.search".into(),
        arg: "per_page".into(),
        reason: "must be at most 500".into(),
    };
    assert_eq!(
        e.to_string(),
        "invalid argument `per_page` for flickr.photos.search: must be at most 500 (nothing was sent)"
    );
    let e: Error = Error::MissingCredentials {
        method: "flickr.photos.delete".into(),
        perms: Perms::Delete,
        missing: "the client has no OAuth access token".into(),
    };
    assert!(e
        .to_string()
        .contains("needs a token with `delete` permission"));
    let e: Error = Error::config("bad");
    assert_eq!(e.to_string(), "invalid client configuration: bad");
}

#[test]
fn http_and_timeout_errors_say_what_and_where_and_are_retried() {
    let e: Error = Error::from(HttpError {
        status: 503,
        what: "flickr.photos.search".into(),
        url: "https://api.flickr.com/services/rest/".into(),
        body_excerpt: "<title>503 Service Unavailable</title>".into(),
        retry_after: None,
        location: None,
    });
    assert!(e.to_string().starts_with(
        "flickr.photos.search got HTTP 503 from https://api.flickr.com/services/rest/"
    ));
    assert!(e.is_retryable());
    let e: Error =
        TransportError::new(TransportErrorKind::Timeout, "x", "http://127.0.0.1/").into();
    assert!(matches!(e, Error::Timeout(_)));
    assert!(e.to_string().contains("timed out"));
}

#[test]
fn decode_and_oauth_errors_say_where_and_show_both_base_strings() {
    let e: Error = Error::from(DecodeError {
        method: "m".into(),
        path: "photos.total".into(),
        message: "invalid value".into(),
        body_excerpt: String::new(),
        unparsable: false,
    });
    assert!(e
        .to_string()
        .contains("could not decode the response of m at `photos.total`: invalid value"));
    let e: Error = Error::from(OAuthError {
        what: "flickr.test.login".into(),
        status: Some(401),
        problem: "signature_invalid".into(),
        message: None,
        debug_sbs: Some("GET&x".into()),
        base_string: Some("GET&y".into()),
    });
    let s = e.to_string();
    assert!(
        s.contains("signature_invalid")
            && s.contains("Flickr's base string: GET&x")
            && s.contains("our base string: GET&y")
    );
}

#[test]
fn typed_and_untyped_round_trip() {
    #[derive(Debug, PartialEq)]
    struct Typed(u32);
    impl MethodError for Typed {
        fn from_code(code: u32, _: &str) -> Self {
            Typed(code + 1000)
        }
        fn code(&self) -> u32 {
            self.0 - 1000
        }
    }
    let e: Error = Error::Api(ApiError {
        method: "m".into(),
        code: 7,
        message: "x".into(),
        kind: ErrorCode(7),
        needed_perms: Perms::None,
        had_token: true,
    });
    let t: Error<Typed> = e.typed();
    assert!(matches!(&t, Error::Api(a) if a.kind == Typed(1007)));
    assert_eq!(t.untyped().api_code(), Some(7));
}
