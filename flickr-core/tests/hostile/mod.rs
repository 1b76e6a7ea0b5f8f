//! The hostile-response table: what each case sends, which request meets it,
//! and the error it must produce. The cases are split by layer: answer
//! bodies (`bodies.rs`: JSON, typed fields, JSONP, XML) and the transport
//! around them (`transport.rs`: HTTP, uploads, OAuth forms, slow servers).

mod bodies;
mod transport;

use crate::support::Reply;
use bytes::Bytes;
use flickr_core::error::TransportErrorKind;
use serde::Deserialize;
use std::time::Duration;

pub const PHOTO: &[u8] = b"\xff\xd8\xff\xe0 not really a jpeg";
pub const SECRET: &str = "CONSUMER-SECRET-xyz";
pub const TOKEN_SECRET: &str = "TOKEN-SECRET-abc";

/// A typed response with the usual Flickr quirk deserializers.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Page {
    pub photos: Photos,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Photos {
    #[serde(deserialize_with = "flickr_core::__private::de::i64")]
    pub page: i64,
    #[serde(deserialize_with = "flickr_core::__private::de::i64")]
    pub total: i64,
    #[serde(default, deserialize_with = "flickr_core::__private::de::list")]
    pub photo: Vec<Photo>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Photo {
    #[serde(deserialize_with = "flickr_core::__private::de::id_string")]
    pub id: String,
    #[serde(default, deserialize_with = "flickr_core::__private::de::opt_f64")]
    pub latitude: Option<f64>,
}

/// Which request meets the answer.
#[derive(Clone, Copy, Debug)]
pub enum Via {
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
pub enum Want {
    /// Success; the message substring is looked for in the decoded value's JSON.
    Ok,
    Decode,
    Api(u32),
    Http(u16),
    Transport(TransportErrorKind),
    Timeout,
    OAuth,
}

pub struct Case {
    pub name: &'static str,
    pub via: Via,
    /// The answer; gets the base URL of the second host (for redirects).
    pub reply: Box<dyn Fn(&str) -> Reply + Send + Sync>,
    pub want: Want,
    /// A substring of the error message (or of the value's JSON for `Want::Ok`).
    pub msg: &'static str,
    /// Call timeout; generous unless the case is about timing out.
    pub timeout: Duration,
}

pub fn case(
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

pub fn json(body: &'static str) -> impl Fn(&str) -> Reply + Send + Sync {
    move |_| Reply::json(body)
}

pub fn raw(status: u16, body: &'static [u8]) -> impl Fn(&str) -> Reply + Send + Sync {
    move |_| {
        Reply::bytes(status, Bytes::from_static(body)).header("content-type", "application/json")
    }
}

pub fn xml(body: &'static str) -> impl Fn(&str) -> Reply + Send + Sync {
    move |_| Reply::xml(body)
}

pub fn form(status: u16, body: &'static str) -> impl Fn(&str) -> Reply + Send + Sync {
    move |_| Reply::status(status, body).header("content-type", "text/plain; charset=utf-8")
}

/// A gzip member header followed by deflate bytes: what a server sends with
/// `Content-Encoding: gzip`. reqwest's `gzip` feature is off, so the client
/// must see these bytes as they are and never inflate them.
pub fn gzip_bomb_like() -> Bytes {
    let mut b = vec![0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff];
    // Deflate of a long run of zeros repeats the same few bytes.
    b.extend(
        std::iter::repeat([0xed, 0xc1, 0x01, 0x0d])
            .take(4096)
            .flatten(),
    );
    Bytes::from(b)
}

pub const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
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

pub const XXE: &str = r#"<?xml version="1.0"?>
<!DOCTYPE rsp [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rsp stat="ok"><photo id="1"><title>&xxe;</title></photo></rsp>"#;

/// Every case, bodies first.
pub fn cases() -> Vec<Case> {
    let mut v = bodies::cases();
    v.extend(transport::cases());
    v
}
