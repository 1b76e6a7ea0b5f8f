//! JSONP: `unwrap_jsonp` and the decode of what it leaves.
#![no_main]

use flickr_core::fuzzing::{decode_body, unwrap_jsonp, Called};
use flickr_core::registry::Perms;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let inner = unwrap_jsonp(data);
    assert!(inner.len() <= data.len());
    let ctx = Called::new("flickr.fuzz", Perms::None);
    let mut wrapped = b"jsonFlickrApi(".to_vec();
    wrapped.extend_from_slice(data);
    wrapped.extend_from_slice(b");");
    let _ = decode_body::<Value>(ctx, &wrapped);
    let _ = decode_body::<Value>(ctx, inner);
});
