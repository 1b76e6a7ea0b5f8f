//! REST XML: `<rsp>` converted to Flickr's JSON shape, then decoded.
#![no_main]

use flickr_core::envelope::{decode, read_rest, xml_to_value, Ctx, Root};
use flickr_core::registry::Perms;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let ctx = Ctx::new("flickr.fuzz", Perms::None);
    if let Ok(value) = xml_to_value(ctx, data) {
        let _ = flickr_sdk::registry::decode_to_json("flickr.photos.getInfo", &value.to_string());
        let _ = flickr_sdk::registry::decode_to_json("flickr.photos.search", &value.to_string());
    }
    let _ = decode_body::<Value>(ctx, data);
});

/// The envelope check, then the whole answer decoded: what a call does with a body.
fn decode_body<T: DeserializeOwned>(
    ctx: Ctx<'_>,
    body: &[u8],
) -> Result<T, flickr_core::error::Error> {
    let text = read_rest(ctx, &bytes::Bytes::copy_from_slice(body))?;
    decode(ctx, &text, Root::Whole)
}
