//! Hostile transport: HTTP statuses and headers, uploads, OAuth form replies,
//! slow and trickling servers.

use super::*;
use crate::support::Reply;
use bytes::Bytes;
use std::time::Duration;

pub fn cases() -> Vec<Case> {
    use Via::*;
    use Want::*;
    let slow = Duration::from_millis(400);
    let mut v = vec![
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
