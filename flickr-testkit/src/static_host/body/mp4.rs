//! MP4, M4V and MOV: a structurally valid ISO-BMFF file (`ftyp`, a `moov`
//! holding a version-0 `mvhd` with a timescale and a duration, then an
//! `mdat` of deterministic bytes that takes the rest of the length). There
//! is no track: readers of the container see a movie's duration, but
//! nothing decodes frames from it.

use super::Filler;

/// `ftyp` (24) + `moov` with `mvhd` (116) + an empty `mdat` (8).
const SMALLEST: usize = 24 + 116 + 8;
/// Movie time units per second.
const TIMESCALE: u32 = 1_000;

/// The file of `len` bytes (at least its smallest form).
pub(super) fn file(ext: &str, seed: u64, len: usize) -> Vec<u8> {
    let len = len.max(SMALLEST);
    let mut out = Vec::with_capacity(len);
    let brand: &[u8; 4] = if ext == "mov" { b"qt  " } else { b"isom" };
    let mut ftyp = Vec::new();
    ftyp.extend_from_slice(brand);
    ftyp.extend_from_slice(&0x200u32.to_be_bytes());
    ftyp.extend_from_slice(brand);
    ftyp.extend_from_slice(if ext == "mov" { b"qt  " } else { b"mp41" });
    push_box(&mut out, b"ftyp", &ftyp);
    let mut moov = Vec::new();
    push_box(&mut moov, b"mvhd", &mvhd(duration_ms(seed)));
    push_box(&mut out, b"moov", &moov);
    let rest = len - out.len() - 8;
    push_box(&mut out, b"mdat", &Filler::new(seed).bytes(rest));
    out
}

/// The movie's length for `seed`: 5 to 65 seconds, in [`TIMESCALE`] units.
pub(super) fn duration_ms(seed: u64) -> u32 {
    5_000 + (seed % 60_000) as u32
}

fn push_box(out: &mut Vec<u8>, kind: &[u8; 4], body: &[u8]) {
    let size = u32::try_from(body.len() + 8).expect("box over 4 GiB");
    out.extend_from_slice(&size.to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(body);
}

/// A version-0 movie header: no times set, the unit matrix, rate and volume 1.
fn mvhd(duration: u32) -> Vec<u8> {
    let mut b = Vec::with_capacity(100);
    b.extend_from_slice(&[0, 0, 0, 0]); // version, flags
    b.extend_from_slice(&0u32.to_be_bytes()); // creation time
    b.extend_from_slice(&0u32.to_be_bytes()); // modification time
    b.extend_from_slice(&TIMESCALE.to_be_bytes());
    b.extend_from_slice(&duration.to_be_bytes());
    b.extend_from_slice(&0x0001_0000u32.to_be_bytes()); // rate 1.0
    b.extend_from_slice(&0x0100u16.to_be_bytes()); // volume 1.0
    b.extend_from_slice(&[0; 10]); // reserved
    for v in [0x0001_0000u32, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000] {
        b.extend_from_slice(&v.to_be_bytes());
    }
    b.extend_from_slice(&[0; 24]); // pre-defined
    b.extend_from_slice(&2u32.to_be_bytes()); // next track id
    b
}
