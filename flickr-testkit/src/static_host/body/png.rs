//! PNG: the `image` crate's encoding, padded with one private ancillary
//! chunk (`flLr`, which decoders skip) before `IEND`.

use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, ImageEncoder};

use super::{picture, Filler, PICTURE_SIZE};

/// Length, type and CRC of a chunk.
const CHUNK_OVERHEAD: usize = 12;
/// The `IEND` chunk: always the last 12 bytes.
const IEND_LEN: usize = 12;

/// A PNG of `len` bytes (at least its smallest form).
pub(super) fn file(seed: u64, len: usize) -> Vec<u8> {
    let (w, h) = PICTURE_SIZE;
    let mut encoded = Vec::new();
    PngEncoder::new(&mut encoded)
        .write_image(picture(seed).as_raw(), w, h, ExtendedColorType::Rgb8)
        .expect("encoding a small RGB image into memory cannot fail");
    let data_len = len.saturating_sub(encoded.len() + CHUNK_OVERHEAD);
    let data = Filler::new(seed ^ 0x0050_4E47).bytes(data_len);
    let split = encoded.len() - IEND_LEN;
    let mut out = Vec::with_capacity(encoded.len() + CHUNK_OVERHEAD + data_len);
    out.extend_from_slice(&encoded[..split]);
    out.extend_from_slice(&chunk(b"flLr", &data));
    out.extend_from_slice(&encoded[split..]);
    out
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = Vec::with_capacity(data.len() + CHUNK_OVERHEAD);
    c.extend_from_slice(
        &u32::try_from(data.len())
            .expect("chunk over 2 GiB")
            .to_be_bytes(),
    );
    c.extend_from_slice(kind);
    c.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    c.extend_from_slice(&crc.finalize().to_be_bytes());
    c
}
