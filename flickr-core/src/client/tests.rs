//! Unit tests of the request path's first step and the client builder.
use super::*;
use crate::registry::{MethodInfo, Perms};

/// The REST part of the request path up to the signed request.
fn prepare_rest(
    c: &Client,
    m: &'static MethodInfo,
    format: Format,
) -> Result<prepare::Prepared, Error> {
    let creds = c.credentials();
    let params = rest_params(creds, MethodRef::Known(m), Params::new(), format)?;
    prepare(
        creds,
        Outgoing {
            verb: m.verb,
            url: &c.endpoints().rest,
            params,
            file: None,
        },
    )
}

#[test]
fn params_are_rfc3986_encoded() {
    let p: Params = [("text", "a b+c&d=é~"), ("tags", "x")]
        .into_iter()
        .collect();
    assert_eq!(p.encode(), "text=a%20b%2Bc%26d%3D%C3%A9~&tags=x");
}

#[test]
fn builder_rejects_plain_http_and_conflicts() {
    let e = Client::builder()
        .api_key("k")
        .base_url("http://example.com")
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("https"), "{e}");
    let e = Client::builder()
        .base_url("http://127.0.0.1:1")
        .endpoints(Endpoints::flickr())
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("not both"));
    let c = Client::builder()
        .oauth("key", "SECRETVALUE", "tok", "TOKENSECRET")
        .build()
        .unwrap();
    let dbg = format!("{c:?}");
    assert!(
        !dbg.contains("SECRETVALUE") && !dbg.contains("TOKENSECRET"),
        "{dbg}"
    );
}

#[test]
fn missing_credentials_fail_before_sending() {
    static M: MethodInfo = MethodInfo {
        needs_login: true,
        needs_signing: true,
        perms: Perms::Delete,
        verb: Verb::Post,
        ..crate::registry::raw_method("flickr.photos.delete", Verb::Post)
    };
    let c = Client::builder().api_key("k").build().unwrap();
    let e = prepare_rest(&c, &M, Format::Json).err().unwrap();
    assert!(
        e.to_string()
            .contains("needs a token with `delete` permission"),
        "{e}"
    );
    static X: MethodInfo = crate::registry::raw_method("x", Verb::Get);
    let c = Client::builder().build().unwrap();
    let e = prepare_rest(&c, &X, Format::Json).err().unwrap();
    assert!(e.to_string().contains("API key"), "{e}");
}

#[test]
fn reads_use_the_query_and_writes_the_body() {
    let c = Client::builder()
        .oauth("key", "sec", "tok", "toksec")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    static ECHO: MethodInfo = crate::registry::raw_method("flickr.test.echo", Verb::Get);
    static WRITE: MethodInfo = crate::registry::raw_method("flickr.x.y", Verb::Post);
    let get = prepare_rest(&c, &ECHO, Format::Json).ok().unwrap();
    let q = get.request.url.query().unwrap_or("").to_owned();
    for part in [
        "method=flickr.test.echo",
        "api_key=key",
        "format=json",
        "nojsoncallback=1",
        "oauth_signature=",
    ] {
        assert!(q.contains(part), "{q}");
    }
    assert!(get.base_string.is_some());
    let post = prepare_rest(&c, &WRITE, Format::Rest).ok().unwrap();
    assert!(post.request.url.query().is_none());
    assert!(
        matches!(&post.request.body, crate::transport::Body::Form(f) if f.contains("format=rest") && !f.contains("nojsoncallback"))
    );
}
