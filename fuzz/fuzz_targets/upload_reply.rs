//! Upload and replace answers (XML `<rsp>` with `<photoid>` or `<ticketid>`),
//! at the status the first byte picks.
#![no_main]

use bytes::Bytes;
use flickr_core::fuzzing::decode_upload;
use flickr_core::transport::HttpResponse;
use libfuzzer_sys::fuzz_target;

const STATUSES: [u16; 8] = [200, 200, 200, 302, 401, 404, 500, 503];

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        Some((s, rest)) if *s >= 0xf8 => (STATUSES[usize::from(*s & 7)], rest),
        _ => (200, data),
    };
    let resp = HttpResponse {
        status,
        headers: vec![("location".into(), "https://evil.example/x?a=b".into())],
        body: Bytes::copy_from_slice(body),
    };
    let _ = decode_upload("upload", &resp, "https://up.flickr.com/services/upload/");
    let _ = decode_upload("replace", &resp, "https://up.flickr.com/services/replace/");
});
