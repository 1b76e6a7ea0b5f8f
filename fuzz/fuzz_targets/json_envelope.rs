//! JSON envelope + typed decode: the first byte picks one method of the whole
//! API (`method_pick`); the rest is its answer, checked for `stat` as a call
//! checks it (`check_stat`) and decoded into the method's generated response
//! type at its root through the registry (`decode_to_json`: the client's
//! `envelope::decode`, then the typed value serialised back to JSON, as the
//! CLI prints it). One typed decoder per execution.
#![no_main]

mod method_pick;

use flickr_core::fuzzing::{check_stat, Called};
use flickr_sdk::registry::decode_to_json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((method, body)) = method_pick::pick(data) else {
        return;
    };
    let _ = check_stat(Called::new(method.name, method.perms), body);
    if let Ok(json) = std::str::from_utf8(body) {
        let decoded = decode_to_json(method.name, json);
        assert!(decoded.is_some(), "{} has no decoder", method.name);
    }
});
