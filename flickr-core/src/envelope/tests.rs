//! Unit tests of the envelope readers.

use super::*;
use crate::error::ErrorCode;
use crate::ids::{PhotoId, TicketId};
use crate::transport::HttpResponse;
use serde::Deserialize;

fn ctx() -> Called<'static> {
    Called::new("flickr.test.echo", Perms::None)
}

#[derive(Debug, Deserialize, PartialEq)]
struct Page {
    photos: Photos,
}
#[derive(Debug, Deserialize, PartialEq)]
struct Photos {
    #[serde(deserialize_with = "crate::de::i64")]
    total: i64,
    #[serde(default, deserialize_with = "crate::de::list")]
    photo: Vec<Photo>,
}
#[derive(Debug, Deserialize, PartialEq)]
struct Photo {
    #[serde(deserialize_with = "crate::de::id_string")]
    id: String,
    #[serde(default, deserialize_with = "crate::de::opt_string")]
    title: Option<String>,
}

#[test]
fn json_fast_and_slow_paths_agree() {
    let fast = br#"{"photos":{"total":"2","photo":[{"id":"1","title":"a"},{"id":2,"title":""}]},"stat":"ok"}"#;
    let slow = br#"{"stat":"ok","photos":{"total":2,"photo":[{"id":"1","title":"a"},{"id":2,"title":""}]}}"#;
    let a: Page = decode_body(ctx(), fast).unwrap();
    let b: Page = decode_body(ctx(), slow).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.photos.photo[1].id, "2");
}

#[test]
fn jsonp_is_unwrapped() {
    let body = br#"jsonFlickrApi({"photos":{"total":"0","photo":[]},"stat":"ok"});"#;
    let p: Page = decode_body(ctx(), body).unwrap();
    assert_eq!(p.photos.total, 0);
    assert_eq!(unwrap_jsonp(b" jsonFlickrApi({}) "), b"{}");
}

#[test]
fn stat_fail_is_an_api_error() {
    let body = br#"{"stat":"fail","code":112,"message":"Method \"flickr.fakeMethod\" not found"}"#;
    let e = decode_body::<Value>(ctx(), body).unwrap_err();
    match e {
        Error::Api(a) => {
            assert_eq!((a.code, a.kind), (112, ErrorCode(112)));
            assert_eq!(a.message, "Method \"flickr.fakeMethod\" not found");
        }
        other => panic!("{other:?}"),
    }
    let e =
        decode_body::<Value>(ctx(), br#"{"stat":"fail","code":"105","message":"x"}"#).unwrap_err();
    assert_eq!(e.api_code(), Some(105));
}

#[test]
fn malformed_envelopes_are_named() {
    let cases: &[(&[u8], &str)] = &[
        (br#"{"photos":{}}"#, "no `stat` field"),
        (
            br#"{"stat":"fail","message":"x"}"#,
            "stat=fail without an error code",
        ),
        (br#"{"stat":"fail","code":"abc"}"#, "non-numeric error code"),
        (br#"{"stat":"weird"}"#, "unknown stat"),
        (br#"{"stat":"ok","pho"#, "truncated"),
        (b"", "empty"),
        (b"Service Unavailable", "not a Flickr API response"),
        (
            br#"{"stat":"fail","message":"Sorry","code":201},"#,
            "not valid JSON",
        ),
        (
            b"<!DOCTYPE html><html><head><title>Oops</title></head><body></body></html>",
            "an HTML page",
        ),
        (b"<rsp stat=\"ok\"><a>", "truncated"),
        (b"<rsp stat=\"ok\"></rsp><rsp/>", "more than one root"),
    ];
    for (body, want) in cases {
        let e = decode_body::<Value>(ctx(), body).unwrap_err();
        assert!(matches!(e, Error::Decode(_)), "{e:?}");
        assert!(
            e.to_string().contains(want),
            "{}: {e}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn decode_errors_name_the_json_path() {
    let body = br#"{"photos":{"total":"2","photo":[{"id":"1"},{"id":"2","title":[1]},{"id":3}]},"stat":"ok"}"#;
    let e = decode_body::<Page>(ctx(), body).unwrap_err();
    let Error::Decode(d) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(d.path, "photos.photo[1].title");
    assert!(e.to_string().contains("at `photos.photo[1].title`"), "{e}");
    let body = br#"{"photos":{"total":"lots","photo":[]},"stat":"ok"}"#;
    let e = decode_body::<Page>(ctx(), body).unwrap_err();
    let Error::Decode(d) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(d.path, "photos.total");
    assert!(d.message.contains("\"lots\""), "{}", d.message);
}

#[test]
fn xml_takes_flickrs_json_shape() {
    let xml = br#"<?xml version="1.0" encoding="utf-8" ?>
<rsp stat="ok">
<photo id="5628095432" secret="678f9b91c1">
	<owner nsid="24573443@N04" username="boncey_test" />
	<title>Robot &amp; friend</title>
	<description />
	<comments>1</comments>
	<tags>
		<tag id="t1" raw="green">green</tag>
		<tag id="t2" raw="grn">grn</tag>
	</tags>
	<urls><url type="photopage">https://www.flickr.com/photos/boncey_test/5628095432/</url></urls>
</photo>
</rsp>"#;
    let v = xml_to_value(ctx(), xml).unwrap();
    let want = serde_json::json!({"photo": {
        "id": "5628095432", "secret": "678f9b91c1",
        "owner": {"nsid": "24573443@N04", "username": "boncey_test"},
        "title": {"_content": "Robot & friend"},
        "description": {"_content": ""},
        "comments": {"_content": "1"},
        "tags": {"tag": [
            {"id": "t1", "raw": "green", "_content": "green"},
            {"id": "t2", "raw": "grn", "_content": "grn"}]},
        "urls": {"url": {"type": "photopage", "_content": "https://www.flickr.com/photos/boncey_test/5628095432/"}}
    }});
    assert_eq!(v, want);
}

#[test]
fn xml_and_json_decode_into_the_same_struct() {
    let xml = br#"<rsp stat="ok"><photos page="1" total="2"><photo id="1" title="a"/><photo id="2" title=""/></photos></rsp>"#;
    let json = br#"{"photos":{"page":1,"total":"2","photo":[{"id":"1","title":"a"},{"id":"2","title":""}]},"stat":"ok"}"#;
    let a: Page = decode_body(ctx(), xml).unwrap();
    let b: Page = decode_body(ctx(), json).unwrap();
    assert_eq!(a, b);
}

#[test]
fn xml_errors() {
    let fail = br#"<rsp stat="fail"><err code="100" msg="Invalid API Key (Key has invalid format)" /></rsp>"#;
    let e = decode_body::<Value>(ctx(), fail).unwrap_err();
    assert_eq!(e.api_code(), Some(100));
    assert!(e.to_string().contains("Invalid API Key"));
    let deep = format!("<rsp stat=\"ok\">{}", "<a>".repeat(10_000));
    let e = decode_body::<Value>(ctx(), deep.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("deeper than"), "{e}");
    let e = decode_body::<Value>(ctx(), br#"<rsp stat="fail"></rsp>"#).unwrap_err();
    assert!(e.to_string().contains("without an error code"), "{e}");
}

fn resp(status: u16, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![],
        body: Bytes::from(body.to_owned()),
    }
}

#[test]
fn upload_replies() {
    let ok = resp(200, "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"ok\">\n<photoid>8303069725</photoid>\n</rsp>\n");
    assert_eq!(
        decode_upload("upload", &ok, "u").unwrap(),
        UploadReply::Photo {
            id: PhotoId::new("8303069725"),
            secret: None,
            original_secret: None
        }
    );
    let rep = resp(200, "<rsp stat=\"ok\">\n<photoid secret=\"4c7cf4c150\" originalsecret=\"2f77799763\">10100736393</photoid>\n</rsp>");
    assert_eq!(
        decode_upload("replace", &rep, "u").unwrap(),
        UploadReply::Photo {
            id: PhotoId::new("10100736393"),
            secret: Some("4c7cf4c150".into()),
            original_secret: Some("2f77799763".into())
        }
    );
    let t = resp(
        200,
        "<rsp stat=\"ok\">\n<ticketid>78701040-72157636215117185</ticketid>\n</rsp>",
    );
    assert_eq!(
        decode_upload("upload", &t, "u").unwrap(),
        UploadReply::Ticket(TicketId::new("78701040-72157636215117185"))
    );
    let f = resp(
        200,
        "<rsp stat=\"fail\">\n\t<err code=\"2\" msg=\"No photo specified\" />\n</rsp>",
    );
    let e = decode_upload("replace", &f, "u").unwrap_err();
    assert_eq!(e.api_code(), Some(2));
    let o = resp(401, "oauth_problem=token_rejected");
    assert!(
        matches!(decode_upload("upload", &o, "u").unwrap_err(), Error::OAuth(p) if p.problem == "token_rejected")
    );
}

#[test]
fn form_replies_and_oauth_problems() {
    let ok = resp(200, "fullname=Flickypedia%20Bot&oauth_token=TOK&oauth_token_secret=SEC&user_nsid=199561775%40N05&username=flickypedia");
    let r = decode_form("oauth.access_token", &ok, "u").unwrap();
    assert_eq!(r.get("user_nsid"), Some("199561775@N05"));
    assert_eq!(r.get("fullname"), Some("Flickypedia Bot"));
    let dbg = format!("{r:?}");
    assert!(!dbg.contains("SEC") && !dbg.contains("TOK"), "{dbg}");
    let bad = resp(
        401,
        "oauth_problem=signature_invalid&debug_sbs=GET&http%3A%2F%2Fwww.flickr.com%2Fservices%2Foauth%2Frequest_token&oauth_callback%3Doob",
    );
    let Error::OAuth(e) = decode_form("oauth.request_token", &bad, "u").unwrap_err() else {
        panic!()
    };
    assert_eq!(e.problem, "signature_invalid");
    assert_eq!(e.status, Some(401));
    assert_eq!(e.debug_sbs.as_deref(), Some("GET&http%3A%2F%2Fwww.flickr.com%2Fservices%2Foauth%2Frequest_token&oauth_callback%3Doob"));
    let absent = resp(
        400,
        "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_token",
    );
    let e = decode_form("flickr.test.login", &absent, "u").unwrap_err();
    assert!(e.to_string().contains("missing: oauth_token"), "{e}");
    let html = resp(200, "<html>hi</html>");
    assert!(matches!(
        decode_form("x", &html, "u").unwrap_err(),
        Error::Decode(_)
    ));
}

#[test]
fn non_2xx_answers() {
    let mut r = resp(503, "<html><head><title>503 Service Unavailable</title></head><body>No server is available</body></html>");
    r.headers.push(("retry-after".into(), "7".into()));
    let e =
        decode_response::<Value>(ctx(), &r, "https://api.flickr.com/services/rest/").unwrap_err();
    let Error::Http(h) = &e else { panic!("{e:?}") };
    assert_eq!(h.status, 503);
    assert_eq!(h.retry_after, Some(std::time::Duration::from_secs(7)));
    assert!(
        h.body_excerpt
            .starts_with("<title>503 Service Unavailable</title>"),
        "{}",
        h.body_excerpt
    );
    let mut r = resp(302, "");
    r.headers.push((
        "location".into(),
        "https://evil.example/x?oauth_token=T".into(),
    ));
    let e = decode_response::<Value>(ctx(), &r, "u").unwrap_err();
    let s = e.to_string();
    assert!(
        s.contains("redirecting to https://evil.example/x") && !s.contains("oauth_token"),
        "{s}"
    );
    let r = resp(
        500,
        r#"{"stat":"fail","code":105,"message":"Service currently unavailable"}"#,
    );
    assert_eq!(
        decode_response::<Value>(ctx(), &r, "u")
            .unwrap_err()
            .api_code(),
        Some(105)
    );
}
