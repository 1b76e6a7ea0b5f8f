//! REST XML: the first byte picks one method of the whole API
//! (`method_pick`); the rest is its `<rsp>` answer, converted to Flickr's
//! JSON shape (`xml_to_value`, which also reads `stat`, `code` and `msg`) and
//! decoded into the method's generated response type through the registry
//! (`decode_to_json`), as a call reads an XML answer. One typed decoder per
//! execution.
#![no_main]

mod method_pick;

use flickr_core::fuzzing::{xml_to_value, Called};
use flickr_sdk::registry::decode_to_json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((method, body)) = method_pick::pick(data) else {
        return;
    };
    if let Ok(value) = xml_to_value(Called::new(method.name, method.perms), body) {
        let decoded = decode_to_json(method.name, &value.to_string());
        assert!(decoded.is_some(), "{} has no decoder", method.name);
    }
});
