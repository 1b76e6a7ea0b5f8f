//! Form-encoded OAuth replies: `parse_form` and `decode_form` (with
//! `oauth_problem`, `debug_sbs`, at any status).
#![no_main]

use bytes::Bytes;
use flickr_core::fuzzing::{decode_form, parse_form};
use flickr_core::transport::HttpResponse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse_form(data);
    for status in [200, 401] {
        let resp = HttpResponse {
            status,
            headers: Vec::new(),
            body: Bytes::copy_from_slice(data),
        };
        if let Ok(reply) = decode_form("oauth.access_token", &resp, "https://www.flickr.com/") {
            let _ = format!("{reply:?}");
            let _ = reply.get("oauth_token");
        }
    }
});
