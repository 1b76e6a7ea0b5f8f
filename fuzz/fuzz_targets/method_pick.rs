//! The method an input is decoded as: its first byte picks one of
//! `flickr_sdk::registry::METHODS` (every method of the API, sorted by name),
//! so each execution runs one typed decoder and the fuzzer explores all of
//! them. `scripts/fuzz-seed.sh` gives each recorded answer the byte of the
//! method it was recorded for (the same order: the spec's method names,
//! sorted bytewise).

use flickr_core::registry::MethodInfo;
use flickr_sdk::registry::METHODS;

/// The method the first byte picks and the rest of the input (`None` for an
/// empty input).
pub fn pick(data: &[u8]) -> Option<(&'static MethodInfo, &[u8])> {
    let (&first, body) = data.split_first()?;
    Some((METHODS[usize::from(first) % METHODS.len()], body))
}
