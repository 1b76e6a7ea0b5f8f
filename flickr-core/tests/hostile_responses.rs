//! The hostile-response suite: malformed or surprising answers served over
//! loopback, each with the error it must produce (kind and a piece of the
//! message). Every case also checks that the call neither panicked nor hung,
//! that no secret reached the error's Display or Debug text, and that a
//! second host (the target of the redirect cases) never saw a request.
//!
//! The table is documented in RELIABILITY.md at the repository root; keep
//! the two in step.

mod support;

use bytes::Bytes;
use flickr_core::client::{CallOptions, Client};
use flickr_core::credentials::Secret;
use flickr_core::error::{Error, TransportErrorKind};
use flickr_core::oauth::{self, RequestToken};
use flickr_core::params::Params;
use flickr_core::retry::RetryPolicy;
use flickr_core::upload::Upload;
use serde::Deserialize;
use serde_json::Value;
use std::time::Duration;
use support::{methods, Reply, TestServer};

const PHOTO: &[u8] = b"\xff\xd8\xff\xe0 not really a jpeg";
const SECRET: &str = "CONSUMER-SECRET-xyz";
const TOKEN_SECRET: &str = "TOKEN-SECRET-abc";

/// A typed response with the usual Flickr quirk deserializers.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Page {
    photos: Photos,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Photos {
    #[serde(deserialize_with = "flickr_core::__private::de::u32")]
    page: u32,
    #[serde(deserialize_with = "flickr_core::__private::de::i64")]
    total: i64,
    #[serde(default, deserialize_with = "flickr_core::__private::de::list")]
    photo: Vec<Photo>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Photo {
    #[serde(deserialize_with = "flickr_core::__private::de::id_string")]
    id: String,
    #[serde(default, deserialize_with = "flickr_core::__private::de::opt_f64")]
    latitude: Option<f64>,
}

/// Which request meets the answer.
#[derive(Clone, Copy, Debug)]
enum Via {
    /// A signed GET decoded as an untyped JSON value.
    Read,
    /// A signed GET decoded into [`Page`].
    Typed,
    /// A signed POST (a write), decoded as a JSON value.
    Write,
    /// A photo upload (multipart POST, XML answer).
    Upload,
    /// OAuth step one (form-encoded answer).
    RequestToken,
    /// OAuth step three (form-encoded answer).
    AccessToken,
}

/// The outcome a case must produce.
#[derive(Clone, Copy, Debug)]
enum Want {
    /// Success; the message substring is looked for in the decoded value's JSON.
    Ok,
    Decode,
    Api(u32),
    Http(u16),
    Transport(TransportErrorKind),
    Timeout,
    OAuth,
}

struct Case {
    name: &'static str,
    via: Via,
    /// The answer; gets the base URL of the second host (for redirects).
    reply: Box<dyn Fn(&str) -> Reply + Send + Sync>,
    want: Want,
    /// A substring of the error message (or of the value's JSON for `Want::Ok`).
    msg: &'static str,
    /// Call timeout; generous unless the case is about timing out.
    timeout: Duration,
}

fn case(
    name: &'static str,
    via: Via,
    reply: impl Fn(&str) -> Reply + Send + Sync + 'static,
    want: Want,
    msg: &'static str,
) -> Case {
    Case {
        name,
        via,
        reply: Box::new(reply),
        want,
        msg,
        timeout: Duration::from_secs(20),
    }
}

fn json(body: &'static str) -> impl Fn(&str) -> Reply + Send + Sync {
    move |_| Reply::json(body)
}

fn raw(status: u16, body: &'static [u8]) -> impl Fn(&str) -> Reply + Send + Sync {
    move |_| {
        Reply::bytes(status, Bytes::from_static(body)).header("content-type", "application/json")
    }
}

fn xml(body: &'static str) -> impl Fn(&str) -> Reply + Send + Sync {
    move |_| Reply::xml(body)
}

fn form(status: u16, body: &'static str) -> impl Fn(&str) -> Reply + Send + Sync {
    move |_| Reply::status(status, body).header("content-type", "text/plain; charset=utf-8")
}

/// A gzip member header followed by deflate bytes: what a server sends with
/// `Content-Encoding: gzip`. reqwest's `gzip` feature is off, so the client
/// must see these bytes as they are and never inflate them.
fn gzip_bomb_like() -> Bytes {
    let mut b = vec![0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff];
    // Deflate of a long run of zeros repeats the same few bytes.
    b.extend(
        std::iter::repeat([0xed, 0xc1, 0x01, 0x0d])
            .take(4096)
            .flatten(),
    );
    Bytes::from(b)
}

const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rsp stat="ok"><photo id="1" title="&lol9;"><description>&lol9;</description></photo></rsp>"#;

const XXE: &str = r#"<?xml version="1.0"?>
<!DOCTYPE rsp [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rsp stat="ok"><photo id="1"><title>&xxe;</title></photo></rsp>"#;

fn cases() -> Vec<Case> {
    use Via::*;
    use Want::*;
    let slow = Duration::from_millis(400);
    let mut v = vec![
        // ---- JSON envelopes ----
        case(
            "truncated JSON",
            Read,
            json(r#"{"photos":{"page":1,"photo":[{"id":"1"#),
            Decode,
            "the JSON is truncated",
        ),
        case(
            "truncated JSON ending like stat=ok",
            Typed,
            json(r#"{"photos":{"page":1,"total":"stat":"ok"}"#),
            Decode,
            "could not decode the response of flickr.test.read",
        ),
        case(
            "invalid UTF-8 in a string",
            Read,
            raw(200, b"{\"title\":\"\xff\xfe\xfd\",\"stat\":\"ok\"}"),
            Decode,
            "invalid unicode code point",
        ),
        case(
            "invalid UTF-8 after stat",
            Read,
            raw(200, b"{\"stat\":\"ok\",\"title\":\"\xc3\x28\"}"),
            Decode,
            "invalid unicode code point",
        ),
        case(
            "invalid UTF-8 in an ignored field of stat=fail",
            Read,
            raw(200, b"{\"title\":\"\xc3\x28\",\"stat\":\"fail\"}"),
            Decode,
            "stat=fail without an error code",
        ),
        case(
            "lone surrogate escape",
            Read,
            json(r#"{"title":"\ud800","stat":"ok"}"#),
            Decode,
            "unexpected end of hex escape",
        ),
        case(
            "raw control character in a string",
            Read,
            json("{\"title\":\"a\u{1}b\",\"stat\":\"fail\"}"),
            Decode,
            "control character",
        ),
        case(
            "NUL bytes after the JSON",
            Read,
            raw(200, b"{\"stat\":\"ok\"}\0\0\0"),
            Decode,
            "trailing characters",
        ),
        case(
            "NUL byte before the JSON",
            Read,
            raw(200, b"\0{\"stat\":\"ok\"}"),
            Decode,
            "not a Flickr API response",
        ),
        case(
            "BOM-prefixed JSON is accepted",
            Read,
            raw(
                200,
                b"\xEF\xBB\xBF{\"photos\":{\"page\":1},\"stat\":\"ok\"}",
            ),
            Ok,
            "\"page\":1",
        ),
        case(
            "empty body with 200",
            Read,
            json(""),
            Decode,
            "the response body is empty",
        ),
        case(
            "whitespace-only body",
            Read,
            json(" \r\n\t "),
            Decode,
            "the response body is empty",
        ),
        case(
            "204 No Content",
            Read,
            |_| Reply::status(204, ""),
            Decode,
            "the response body is empty",
        ),
        case(
            "plain text with 200",
            Read,
            |_| Reply::status(200, "Service Unavailable"),
            Decode,
            "not a Flickr API response",
        ),
        case(
            "top-level JSON array",
            Read,
            json("[1,2,3]"),
            Decode,
            "not a Flickr API response",
        ),
        case(
            "stat missing",
            Read,
            json(r#"{"photos":{"page":1}}"#),
            Decode,
            "no `stat` field",
        ),
        case(
            "stat of the wrong type",
            Read,
            json(r#"{"stat":{"ok":true}}"#),
            Decode,
            "no `stat` field",
        ),
        case(
            "unknown stat value",
            Read,
            json(r#"{"stat":"maybe"}"#),
            Decode,
            "unknown stat \"maybe\"",
        ),
        case(
            "stat=fail without code",
            Read,
            json(r#"{"stat":"fail","message":"Sorry"}"#),
            Decode,
            "stat=fail without an error code (message: \"Sorry\")",
        ),
        case(
            "stat=fail code as a string",
            Read,
            json(r#"{"stat":"fail","code":"105","message":"busy"}"#),
            Api(105),
            "Flickr error 105: busy",
        ),
        case(
            "stat=fail code not a number",
            Read,
            json(r#"{"stat":"fail","code":"abc"}"#),
            Decode,
            "non-numeric error code \"abc\"",
        ),
        case(
            "stat=fail code huge",
            Read,
            json(r#"{"stat":"fail","code":99999999999999999999999,"message":"x"}"#),
            Decode,
            "non-numeric error code",
        ),
        case(
            "stat=fail code negative",
            Read,
            json(r#"{"stat":"fail","code":-1,"message":"x"}"#),
            Decode,
            "non-numeric error code \"-1\"",
        ),
        case(
            "stat=fail code fractional",
            Read,
            json(r#"{"stat":"fail","code":1.5,"message":"x"}"#),
            Decode,
            "non-numeric error code \"1.5\"",
        ),
        case(
            "stat=fail with HTTP 500",
            Read,
            |_| {
                Reply::status(
                    500,
                    r#"{"stat":"fail","code":105,"message":"Service currently unavailable"}"#,
                )
            },
            Api(105),
            "Service currently unavailable",
        ),
        case(
            "duplicate stat keys",
            Read,
            json(r#"{"stat":"fail","stat":"ok","code":1}"#),
            Decode,
            "duplicate field `stat`",
        ),
        case(
            "number out of range",
            Read,
            json(r#"{"n":1e999999,"stat":"ok"}"#),
            Decode,
            "number out of range",
        ),
        // ---- typed fields ----
        case(
            "huge number in an i64 field",
            Typed,
            json(r#"{"photos":{"page":1,"total":"99999999999999999999999"},"stat":"ok"}"#),
            Decode,
            "at `photos.total`",
        ),
        case(
            "negative number in a u32 field",
            Typed,
            json(r#"{"photos":{"page":-3,"total":1},"stat":"ok"}"#),
            Decode,
            "at `photos.page`",
        ),
        case(
            "u32 field overflowing",
            Typed,
            json(r#"{"photos":{"page":4294967296,"total":1},"stat":"ok"}"#),
            Decode,
            "at `photos.page`",
        ),
        case(
            "NaN in a float field",
            Typed,
            json(
                r#"{"photos":{"page":1,"total":1,"photo":[{"id":"1","latitude":"NaN-ish"}]},"stat":"ok"}"#,
            ),
            Decode,
            "at `photos.photo[0].latitude`",
        ),
        case(
            "object where an id belongs",
            Typed,
            json(r#"{"photos":{"page":1,"total":1,"photo":[{"id":{"x":1}}]},"stat":"ok"}"#),
            Decode,
            "at `photos.photo[0].id`",
        ),
        case(
            "required object missing",
            Typed,
            json(r#"{"stat":"ok"}"#),
            Decode,
            "missing field `photos`",
        ),
        case(
            "100k nested arrays",
            Read,
            |_| {
                Reply::json(format!(
                    "{{\"stat\":\"ok\",\"x\":{}{}}}",
                    "[".repeat(100_000),
                    "]".repeat(100_000)
                ))
            },
            Decode,
            "recursion limit exceeded",
        ),
        case(
            "100k unclosed arrays",
            Read,
            |_| Reply::json(format!("{{\"x\":{}", "[".repeat(100_000))),
            Decode,
            "the JSON is truncated",
        ),
        case(
            "100k nested objects",
            Read,
            |_| {
                Reply::json(format!(
                    "{{\"stat\":\"ok\",\"a\":{}1{}}}",
                    "{\"a\":".repeat(100_000),
                    "}".repeat(100_000)
                ))
            },
            Decode,
            "recursion limit exceeded",
        ),
        case(
            "5 MB string under the cap is fine",
            Read,
            |_| {
                Reply::json(format!(
                    "{{\"title\":\"{}\",\"stat\":\"ok\"}}",
                    "x".repeat(5 << 20)
                ))
            },
            Ok,
            "xxxxxxxx",
        ),
        // ---- JSONP ----
        case(
            "JSONP with garbage inside",
            Read,
            json("jsonFlickrApi(alert(1))"),
            Decode,
            "the body is not valid JSON",
        ),
        case(
            "JSONP truncated",
            Read,
            json(r#"jsonFlickrApi({"stat":"ok","photos":{"#),
            Decode,
            "the JSON is truncated",
        ),
        case(
            "JSONP with trailing script",
            Read,
            json(r#"jsonFlickrApi({"stat":"ok"}); fetch('//evil')"#),
            Decode,
            "trailing characters",
        ),
        case(
            "JSONP with another callback",
            Read,
            json(r#"evil({"stat":"ok"})"#),
            Decode,
            "not a Flickr API response",
        ),
        case(
            "JSONP well formed is accepted",
            Read,
            json(r#"jsonFlickrApi({"photos":{"page":2},"stat":"ok"});"#),
            Ok,
            "\"page\":2",
        ),
        // ---- XML ----
        case(
            "XML unterminated",
            Read,
            xml(r#"<rsp stat="ok"><photos page="1">"#),
            Decode,
            "the XML is truncated",
        ),
        case(
            "XML mismatched end tag",
            Read,
            xml(r#"<rsp stat="ok"><photos></photo></rsp>"#),
            Decode,
            "the body is not valid XML",
        ),
        case(
            "XML unknown entity kept as text",
            Read,
            xml(r#"<rsp stat="ok"><title>a&bogus;b</title></rsp>"#),
            Ok,
            "a&bogus;b",
        ),
        case(
            "XML billion laughs is not expanded",
            Read,
            xml(BILLION_LAUGHS),
            Ok,
            "&lol9;",
        ),
        case(
            "XML external entity is not resolved",
            Read,
            xml(XXE),
            Ok,
            "&xxe;",
        ),
        case(
            "XML nested 10k deep",
            Read,
            |_| Reply::xml(format!("<rsp stat=\"ok\">{}", "<a>".repeat(10_000))),
            Decode,
            "XML nested deeper than 128 levels",
        ),
        case(
            "XML two roots",
            Read,
            xml(r#"<rsp stat="ok"></rsp><rsp stat="fail"/>"#),
            Decode,
            "more than one root element",
        ),
        case(
            "XML root is not rsp",
            Read,
            xml(r#"<error>nope</error>"#),
            Decode,
            "got another XML document (<error>)",
        ),
        case(
            "XML rsp without stat",
            Read,
            xml(r#"<rsp><photo id="1"/></rsp>"#),
            Decode,
            "no `stat` field",
        ),
        case(
            "XML stat=fail without err",
            Read,
            xml(r#"<rsp stat="fail"></rsp>"#),
            Decode,
            "stat=fail without an error code",
        ),
        case(
            "XML err code not a number",
            Read,
            xml(r#"<rsp stat="fail"><err code="x1" msg="m"/></rsp>"#),
            Decode,
            "non-numeric error code \"x1\"",
        ),
        case(
            "XML bad attribute",
            Read,
            xml(r#"<rsp stat="ok"><photo id=1/></rsp>"#),
            Decode,
            "bad attribute in <photo>",
        ),
        case(
            "XML text outside the root",
            Read,
            xml(r#"<rsp stat="ok"></rsp>trailing"#),
            Decode,
            "text outside the root element",
        ),
        // ---- HTTP level ----
        case(
            "HTML page with 200",
            Read,
            |_| {
                Reply::status(
                    200,
                    "<!DOCTYPE html><html><title>Captive portal</title></html>",
                )
                .header("content-type", "text/html")
            },
            Decode,
            "got an HTML page",
        ),
        case(
            "HTML page with 503",
            Read,
            |_| {
                Reply::status(
                    503,
                    "<html><head><title>503 Service Unavailable</title></head></html>",
                )
                .header("content-type", "text/html")
            },
            Http(503),
            "<title>503 Service Unavailable</title>",
        ),
        case(
            "HTML page with 500 on a write",
            Write,
            |_| Reply::status(500, "<html><body>oops</body></html>"),
            Http(500),
            "flickr.test.write got HTTP 500",
        ),
        case(
            "401 with an HTML page",
            Read,
            |_| Reply::status(401, "<html>denied</html>"),
            Http(401),
            "the credentials were refused",
        ),
        case(
            "429 with Retry-After",
            Read,
            |_| Reply::status(429, "slow down").header("retry-after", "30"),
            Http(429),
            "Flickr is rate limiting this key",
        ),
        case(
            "429 with an HTML page",
            Read,
            |_| {
                Reply::status(
                    429,
                    "<html><head><title>429 Too Many Requests</title></head></html>",
                )
                .header("content-type", "text/html")
                .header("retry-after", "12")
            },
            Http(429),
            "Flickr is rate limiting this key",
        ),
        case(
            "429 with a stat=fail envelope is still a rate limit",
            Read,
            |_| {
                Reply::status(
                    429,
                    r#"{"stat":"fail","code":105,"message":"Service currently unavailable"}"#,
                )
                .header("retry-after", "3")
            },
            Http(429),
            "Flickr is rate limiting this key",
        ),
        case(
            "stat=fail code 201 (API not available)",
            Read,
            json(r#"{"stat":"fail","code":201,"message":"API not available"}"#),
            Api(201),
            "API not available",
        ),
        case(
            "stat=fail code 0",
            Read,
            json(
                r#"{"stat":"fail","code":0,"message":"Sorry, the Flickr API service is not currently available."}"#,
            ),
            Api(0),
            "not currently available",
        ),
        case(
            "valid JSON under a wrong content type",
            Read,
            |_| {
                Reply::status(200, r#"{"photos":{"page":3},"stat":"ok"}"#)
                    .header("content-type", "image/jpeg")
            },
            Ok,
            "\"page\":3",
        ),
        case(
            "gzip body is not inflated",
            Read,
            |_| {
                Reply::bytes(200, gzip_bomb_like())
                    .header("content-encoding", "gzip")
                    .header("content-type", "application/json")
            },
            Decode,
            "not a Flickr API response",
        ),
        case(
            "100 MB body stopped by the cap",
            Read,
            |_| Reply::repeat(200, vec![b' '; 1 << 20], 100),
            Transport(TransportErrorKind::BodyTooLarge),
            "exceeds the 8388608 byte cap",
        ),
        case(
            "100 MB JSON string stopped by the cap",
            Read,
            |_| {
                Reply::repeat(200, vec![b'x'; 1 << 20], 100)
                    .header("content-type", "application/json")
            },
            Transport(TransportErrorKind::BodyTooLarge),
            "response too large",
        ),
        case(
            "redirect of a read to another host",
            Read,
            |other| {
                Reply::status(302, "").header("location", &format!("{other}/steal?oauth_token=T"))
            },
            Http(302),
            "redirects are not followed",
        ),
        case(
            "redirect of a write to another host",
            Write,
            |other| Reply::status(307, "").header("location", &format!("{other}/steal")),
            Http(307),
            "redirects are not followed",
        ),
        case(
            "redirect of an upload to another host",
            Upload,
            |other| Reply::status(308, "").header("location", &format!("{other}/steal")),
            Http(308),
            "redirects are not followed",
        ),
        // ---- uploads ----
        case(
            "upload XML without photoid",
            Upload,
            xml("<rsp stat=\"ok\">\n</rsp>"),
            Decode,
            "the answer has neither <photoid> nor <ticketid>",
        ),
        case(
            "upload with an empty photoid",
            Upload,
            xml("<rsp stat=\"ok\"><photoid></photoid></rsp>"),
            Decode,
            "at `photoid`: empty <photoid>",
        ),
        case(
            "upload answered with JSON",
            Upload,
            json(r#"{"stat":"ok","photoid":"1"}"#),
            Decode,
            "expected an XML <rsp> answer",
        ),
        case(
            "upload stat=fail",
            Upload,
            xml(r#"<rsp stat="fail"><err code="3" msg="General upload failure"/></rsp>"#),
            Api(3),
            "General upload failure",
        ),
        case(
            "upload truncated XML",
            Upload,
            xml("<rsp stat=\"ok\"><photoid>12"),
            Decode,
            "truncated",
        ),
        case(
            "upload HTML 502",
            Upload,
            |_| Reply::status(502, "<html><title>Bad Gateway</title></html>"),
            Http(502),
            "upload got HTTP 502",
        ),
        // ---- OAuth form replies ----
        case(
            "request_token without the token secret",
            RequestToken,
            form(200, "oauth_callback_confirmed=true&oauth_token=T"),
            Decode,
            "the reply has no oauth_token_secret",
        ),
        case(
            "request_token answered with JSON",
            RequestToken,
            json(r#"{"stat":"ok"}"#),
            Decode,
            "expected a form-encoded reply",
        ),
        case(
            "request_token empty reply",
            RequestToken,
            form(200, ""),
            Decode,
            "expected a form-encoded reply",
        ),
        case(
            "request_token invalid UTF-8 and escapes",
            RequestToken,
            |_| {
                Reply::bytes(
                    200,
                    Bytes::from_static(b"oauth_token=%ff%fe\xff&oauth_token_secret=%zz"),
                )
            },
            Ok,
            "",
        ),
        case(
            "access_token without user_nsid",
            AccessToken,
            form(200, "oauth_token=T&oauth_token_secret=S&username=u"),
            Decode,
            "the reply has no user_nsid",
        ),
        case(
            "access_token oauth_problem with 200",
            AccessToken,
            form(200, "oauth_problem=token_rejected"),
            OAuth,
            "token_rejected",
        ),
        case(
            "access_token HTML 500",
            AccessToken,
            |_| Reply::status(500, "<html>oops</html>"),
            Http(500),
            "got HTTP 500",
        ),
    ];
    v.push(Case {
        timeout: slow,
        ..case(
            "headers never come (slow server)",
            Read,
            |_| Reply::json(r#"{"stat":"ok"}"#).delay(Duration::from_secs(30)),
            Timeout,
            "flickr.test.read timed out",
        )
    });
    v.push(Case {
        timeout: slow,
        ..case(
            "slowloris trickle",
            Read,
            |_| {
                Reply::trickle(
                    200,
                    (0..300).map(|_| Bytes::from_static(b" ")).collect(),
                    Duration::from_millis(100),
                )
            },
            Timeout,
            "timed out",
        )
    });
    v.push(Case {
        timeout: slow,
        ..case(
            "slowloris trickle on an upload",
            Upload,
            |_| {
                Reply::trickle(
                    200,
                    (0..300).map(|_| Bytes::from_static(b" ")).collect(),
                    Duration::from_millis(100),
                )
            },
            Timeout,
            "timed out",
        )
    });
    v
}

/// Runs one case; `Err` describes a failed expectation.
async fn run(case: &Case) -> Result<(), String> {
    let other = TestServer::start().await;
    let server = TestServer::start().await;
    server.set_default((case.reply)(&other.base()));
    let client = Client::builder()
        .oauth("key", SECRET, "token", TOKEN_SECRET)
        .base_url(&server.base())
        .retry_policy(RetryPolicy::none())
        .timeout(case.timeout)
        .max_body(8 << 20)
        .build()
        .map_err(|e| format!("build: {e}"))?;
    let outcome: Result<Value, Error> = match case.via {
        Via::Read => {
            client
                .call::<Value>(&methods::READ, Params::new(), &CallOptions::new())
                .await
        }
        Via::Write => {
            client
                .call::<Value>(&methods::WRITE, Params::new(), &CallOptions::new())
                .await
        }
        Via::Typed => client
            .call::<Page>(&methods::READ, Params::new(), &CallOptions::new())
            .await
            .map(|p| Value::String(format!("{p:?}"))),
        Via::Upload => Upload::from_reader(PHOTO, PHOTO.len() as u64)
            .title("t")
            .timeout(case.timeout)
            .send(&client)
            .await
            .map(|r| Value::String(format!("{r:?}"))),
        Via::RequestToken => oauth::request_token(&client, None)
            .await
            .map(|r| Value::String(format!("{r:?}"))),
        Via::AccessToken => {
            let rt = RequestToken {
                token: "req-token".into(),
                secret: Secret::new("REQUEST-SECRET-q"),
                callback_confirmed: true,
            };
            oauth::access_token(&client, &rt, "123-456")
                .await
                .map(|r| Value::String(format!("{r:?}")))
        }
    };
    if other.count() != 0 {
        return Err("the second host received a request".into());
    }
    let err = match (outcome, case.want) {
        (Ok(v), Want::Ok) => {
            let text = v.to_string();
            if std::env::var_os("HOSTILE_PRINT").is_some() {
                eprintln!(
                    "CASE\t{}\t{:?}\t{:?}\t{}",
                    case.name,
                    case.via,
                    case.want,
                    excerpt(&text)
                );
            }
            return if text.contains(case.msg) {
                Ok(())
            } else {
                Err(format!("value lacks {:?}: {}", case.msg, excerpt(&text)))
            };
        }
        (Ok(v), want) => {
            return Err(format!(
                "expected {want:?}, got Ok({})",
                excerpt(&v.to_string())
            ))
        }
        (Err(e), Want::Ok) => return Err(format!("expected Ok, got {e}")),
        (Err(e), _) => e,
    };
    let kind_ok = match (&err, case.want) {
        (Error::Decode(_), Want::Decode) => true,
        (Error::Api(a), Want::Api(code)) => a.code == code,
        (Error::Http(h), Want::Http(status)) => h.status == status,
        (Error::Transport(t), Want::Transport(kind)) => t.kind == kind,
        (Error::Timeout(_), Want::Timeout) => true,
        (Error::OAuth(_), Want::OAuth) => true,
        _ => false,
    };
    let text = err.to_string();
    let debug = format!("{err:?}");
    if std::env::var_os("HOSTILE_PRINT").is_some() {
        eprintln!(
            "CASE\t{}\t{:?}\t{:?}\t{}",
            case.name,
            case.via,
            case.want,
            excerpt(&text)
        );
    }
    if !kind_ok {
        return Err(format!("expected {:?}, got {debug}", case.want));
    }
    if !text.contains(case.msg) {
        return Err(format!("message lacks {:?}: {text}", case.msg));
    }
    for t in [&text, &debug] {
        if t.contains(SECRET) || t.contains(TOKEN_SECRET) || t.contains("REQUEST-SECRET-q") {
            return Err(format!("a secret leaked: {t}"));
        }
        if t.contains("oauth_signature=") || t.contains("oauth_signature%3D") {
            return Err(format!("a signature leaked: {t}"));
        }
    }
    if text.len() > 4096 {
        return Err(format!("message is {} bytes long", text.len()));
    }
    Ok(())
}

fn excerpt(s: &str) -> String {
    s.chars().take(300).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_hostile_answer_gets_its_documented_error() {
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut names = std::collections::HashSet::new();
    for c in &cases {
        assert!(names.insert(c.name), "duplicate case name {}", c.name);
    }
    // Each case runs in its own task (a panic is caught and reported by
    // name) under an outer limit far above any case's own timeout.
    let cases: Vec<std::sync::Arc<Case>> = cases.into_iter().map(std::sync::Arc::new).collect();
    let mut tasks = Vec::new();
    for c in &cases {
        let c = c.clone();
        tasks.push(tokio::spawn(async move {
            tokio::time::timeout(Duration::from_secs(120), run(&c)).await
        }));
    }
    let mut failures = Vec::new();
    for (c, task) in cases.iter().zip(tasks) {
        match task.await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(why))) => failures.push(format!("{}: {why}", c.name)),
            Ok(Err(_)) => failures.push(format!("{}: hung", c.name)),
            Err(e) => failures.push(format!("{}: panicked: {e}", c.name)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
