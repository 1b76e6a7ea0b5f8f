//! Hostile answer bodies: JSON envelopes, typed fields, JSONP and XML.

use super::*;
use crate::support::Reply;

pub fn cases() -> Vec<Case> {
    use Via::*;
    use Want::*;
    vec![
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
    ]
}
