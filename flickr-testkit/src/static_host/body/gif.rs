//! GIF: the `image` crate's encoding (GIF89a), padded with comment
//! extensions (`21 FE`, data sub-blocks of at most 255 bytes, a zero
//! terminator) before the trailer (`3B`).

use image::codecs::gif::GifEncoder;
use image::ExtendedColorType;

use super::{picture, pieces, Filler, PICTURE_SIZE};

/// Introducer, label and terminator of an empty comment extension.
const EMPTY_COMMENT: usize = 3;
/// A sub-block: its length byte and 1..=255 bytes.
const MIN_SUB_BLOCK: usize = 2;
const MAX_SUB_BLOCK: usize = 256;

/// A GIF of `len` bytes (at least its smallest form).
pub(super) fn file(seed: u64, len: usize) -> Vec<u8> {
    let (w, h) = PICTURE_SIZE;
    let mut encoded = Vec::new();
    GifEncoder::new_with_speed(&mut encoded, 10)
        .encode(picture(seed).as_raw(), w, h, ExtendedColorType::Rgb8)
        .expect("encoding a small RGB image into memory cannot fail");
    // One comment extension at least; its sub-blocks take the rest. A
    // single byte more than an empty comment cannot be written as a
    // sub-block, so the smallest padding is an empty comment plus one
    // two-byte sub-block.
    let fixed = encoded.len();
    let padding = len.saturating_sub(fixed).max(EMPTY_COMMENT + MIN_SUB_BLOCK);
    let mut filler = Filler::new(seed ^ 0x0047_4946);
    let split = fixed - 1;
    let mut out = Vec::with_capacity(fixed + padding);
    out.extend_from_slice(&encoded[..split]);
    out.extend_from_slice(&[0x21, 0xFE]);
    for size in pieces(padding - EMPTY_COMMENT, MIN_SUB_BLOCK, MAX_SUB_BLOCK) {
        out.push((size - 1) as u8);
        out.extend_from_slice(&filler.bytes(size - 1));
    }
    out.push(0);
    out.extend_from_slice(&encoded[split..]);
    out
}
