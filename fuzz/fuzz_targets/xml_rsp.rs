//! REST XML: `<rsp>` converted to Flickr's JSON shape, then decoded.
#![no_main]

use flickr_core::fuzzing::{decode_body, xml_to_value, Ctx};
use flickr_core::registry::Perms;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let ctx = Ctx::new("flickr.fuzz", Perms::None);
    if let Ok(value) = xml_to_value(ctx, data) {
        let _ = flickr_sdk::registry::decode_to_json("flickr.photos.getInfo", &value.to_string());
        let _ = flickr_sdk::registry::decode_to_json("flickr.photos.search", &value.to_string());
    }
    let _ = decode_body::<Value>(ctx, data);
});
