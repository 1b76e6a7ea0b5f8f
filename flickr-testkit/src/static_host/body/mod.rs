//! Real files of an exact length: what the static host serves and the
//! account export holds. Each format is a file its decoders open (a small
//! image whose colours come from the seed, or an ISO-BMFF skeleton for
//! videos), padded to the length asked for with what the format lets a
//! writer add without changing the picture: JPEG comment segments, a
//! private PNG chunk, GIF comment extensions, an MP4 `mdat` box.
//!
//! A length shorter than the smallest such file gives the smallest file
//! instead; the lengths the static host asks for are above it.

mod exif;
mod gif;
mod jpeg;
mod mp4;
mod png;

use image::{Rgb, RgbImage};

/// Width and height of the pictures inside image files: not square, so an
/// EXIF orientation that turns them is observable.
pub const PICTURE_SIZE: (u32, u32) = (24, 16);

/// `len` bytes (or [`min_len`], if more) forming a file of type `ext`
/// (`jpg`/`jpeg`, `png`, `gif`, `mp4`/`m4v`/`mov`; anything else is
/// deterministic filler), different for each `seed`.
pub fn body(ext: &str, seed: u64, len: usize) -> Vec<u8> {
    match ext {
        "jpg" | "jpeg" => jpeg::file(seed, len),
        "png" => png::file(seed, len),
        "gif" => gif::file(seed, len),
        "mp4" | "m4v" | "mov" => mp4::file(ext, seed, len),
        _ => Filler::new(seed).bytes(len),
    }
}

/// The shortest file [`body`] makes for `ext` and `seed`.
#[cfg(test)]
pub fn min_len(ext: &str, seed: u64) -> usize {
    body(ext, seed, 0).len()
}

/// The picture inside image files: a diagonal gradient between two colours
/// drawn from `seed`, with a light square in one corner so a turned image
/// does not look like the original.
pub fn picture(seed: u64) -> RgbImage {
    let mut f = Filler::new(seed);
    let a = f.next().to_le_bytes();
    let b = f.next().to_le_bytes();
    let (w, h) = PICTURE_SIZE;
    RgbImage::from_fn(w, h, |x, y| {
        if x < 4 && y < 4 {
            return Rgb([250, 250, 250]);
        }
        let t = (x + y) * 255 / (w + h - 2);
        let mix = |i: usize| ((u32::from(a[i]) * (255 - t) + u32::from(b[i]) * t) / 255) as u8;
        Rgb([mix(0), mix(1), mix(2)])
    })
}

/// splitmix64: deterministic bytes for padding and pictures.
pub struct Filler(u64);

impl Filler {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Filler {
        Filler(seed)
    }

    /// The next 64 bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// The next `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let z = self.next().to_le_bytes();
            let room = n - out.len();
            out.extend_from_slice(&z[..room.min(8)]);
        }
        out
    }
}

/// Splits `total` bytes into as few pieces as possible, each within
/// `min..=max` (`total` must be 0 or at least `min`), sizes as even as can be.
fn pieces(total: usize, min: usize, max: usize) -> Vec<usize> {
    if total == 0 {
        return Vec::new();
    }
    let n = total.div_ceil(max);
    let (each, extra) = (total / n, total % n);
    debug_assert!(
        each >= min,
        "{total} bytes cannot be split into pieces of {min}..={max}"
    );
    (0..n).map(|i| each + usize::from(i < extra)).collect()
}

#[cfg(test)]
mod tests;
