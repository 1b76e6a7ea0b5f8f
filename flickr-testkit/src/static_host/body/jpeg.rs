//! JPEG: a baseline image from the `image` crate's encoder, with (for every
//! third seed) an EXIF APP1 segment, padded with COM segments placed after
//! the APP segments, so the file still ends in EOI (`FF D9`).

use image::codecs::jpeg::JpegEncoder;
use image::ExtendedColorType;

use super::{exif, picture, pieces, Filler, PICTURE_SIZE};

/// The most a COM segment holds: its length field counts itself.
const MAX_COM_PAYLOAD: usize = 65_533;
/// Marker and length field of a segment.
const SEGMENT_HEAD: usize = 4;

/// A JPEG of `len` bytes (at least its smallest form).
pub(super) fn file(seed: u64, len: usize) -> Vec<u8> {
    let (w, h) = PICTURE_SIZE;
    let mut encoded = Vec::new();
    JpegEncoder::new_with_quality(&mut encoded, 85)
        .encode(picture(seed).as_raw(), w, h, ExtendedColorType::Rgb8)
        .expect("encoding a small RGB image into memory cannot fail");
    let split = after_app_segments(&encoded);
    let app1 = exif::for_seed(seed).map(|tiff| segment(0xE1, &tiff));
    let app1 = app1.unwrap_or_default();
    // One COM segment at least, so any length from the smallest on is reachable.
    let fixed = encoded.len() + app1.len();
    let padding = len.saturating_sub(fixed).max(SEGMENT_HEAD);
    let mut filler = Filler::new(seed ^ 0x4A50_4547);
    let mut out = Vec::with_capacity(fixed + padding);
    out.extend_from_slice(&encoded[..split]);
    out.extend_from_slice(&app1);
    for size in pieces(padding, SEGMENT_HEAD, SEGMENT_HEAD + MAX_COM_PAYLOAD) {
        out.extend_from_slice(&segment(0xFE, &filler.bytes(size - SEGMENT_HEAD)));
    }
    out.extend_from_slice(&encoded[split..]);
    out
}

/// `FF marker`, the big-endian length (payload + 2), the payload.
fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let field = u16::try_from(payload.len() + 2).expect("segment payload over 65,533 bytes");
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&field.to_be_bytes());
    s.extend_from_slice(payload);
    s
}

/// The offset just past SOI and the APPn segments that follow it.
fn after_app_segments(jpeg: &[u8]) -> usize {
    let mut at = 2;
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF && (0xE0..=0xEF).contains(&jpeg[at + 1]) {
        at += 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
    }
    at
}
