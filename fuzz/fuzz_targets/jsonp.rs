//! JSONP: `unwrap_jsonp` and the decode of what it leaves.
#![no_main]

use flickr_core::envelope::{decode, read_rest, unwrap_jsonp, Ctx, Root};
use flickr_core::registry::Perms;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let inner = unwrap_jsonp(data);
    assert!(inner.len() <= data.len());
    let ctx = Ctx::new("flickr.fuzz", Perms::None);
    let mut wrapped = b"jsonFlickrApi(".to_vec();
    wrapped.extend_from_slice(data);
    wrapped.extend_from_slice(b");");
    let _ = decode_body::<Value>(ctx, &wrapped);
    let _ = decode_body::<Value>(ctx, inner);
});

/// The envelope check, then the whole answer decoded: what a call does with a body.
fn decode_body<T: DeserializeOwned>(
    ctx: Ctx<'_>,
    body: &[u8],
) -> Result<T, flickr_core::error::Error> {
    let text = read_rest(ctx, &bytes::Bytes::copy_from_slice(body))?;
    decode(ctx, &text, Root::Whole)
}
