//! The bytes behind the static-host URLs the API hands out: image sizes
//! (`{base}static/{server}/{id}_{secret}_{suffix}.jpg`, originals as
//! `{id}_{originalsecret}_o.{originalformat}`) and video streams
//! (`{base}static/video/{id}/{originalsecret}/{kind}.{ext}?s={secret}`).
//!
//! A URL resolves only if the API would list it for that photo now (the
//! very URL `flickr.photos.getSizes`, the `url_*` extras or
//! `flickr.video.getStreamInfo` give): a replaced photo's old URLs go dead,
//! a free account's original and sizes above 1024 px do not exist, a size
//! with its own secret cannot be guessed. Everything else is a 404, as on
//! Flickr. The content is deterministic per (photo, size, secret), has a
//! length that grows with the pixel count, and starts (and ends) the way its
//! format does, so a client can check what it received.

use crate::methods::listed_sizes;
use crate::methods::video::streams_of;
use crate::state::{Photo, State};

/// A file the static host serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// The photo (or video) it belongs to.
    pub photo_id: u64,
    /// The size suffix (`sq` … `o`) or video stream kind (`orig`, `720p`, …).
    pub variant: String,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// The whole body.
    pub bytes: Vec<u8>,
}

/// What `path` (with `query`, for video streams) serves today, if anything;
/// `base` is the server's base URL (`http://127.0.0.1:PORT/`).
pub fn resolve(state: &State, base: &str, path: &str, query: Option<&str>) -> Option<StaticFile> {
    let rest = path.strip_prefix("/static/")?;
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        ["video", id, original_secret, file] => {
            let p = state.photos.get(&id.parse::<u64>().ok()?)?;
            let (kind, ext) = file.rsplit_once('.')?;
            let secret = query?
                .split('&')
                .find_map(|kv| kv.strip_prefix("s="))
                .unwrap_or_default();
            let ok = p.media == "video"
                && p.original_secret == *original_secret
                && p.secret == secret
                && streams_of(state, p).any(|k| k == kind)
                && ext == video_ext(p, kind);
            ok.then(|| StaticFile {
                photo_id: p.id,
                variant: kind.to_owned(),
                content_type: content_type(ext),
                bytes: body(ext, seed(p, kind), video_len(p, kind)),
            })
        }
        [_server, file] => {
            let (stem, ext) = file.rsplit_once('.')?;
            let id = stem.split('_').next()?;
            let p = state.photos.get(&id.parse::<u64>().ok()?)?;
            let size = listed_sizes(base, state, p)
                .into_iter()
                .find(|s| url::Url::parse(&s.url).is_ok_and(|u| u.path() == path))?;
            Some(StaticFile {
                photo_id: p.id,
                variant: size.suffix.to_owned(),
                content_type: content_type(ext),
                bytes: body(
                    ext,
                    seed(p, size.suffix),
                    image_len(size.width, size.height),
                ),
            })
        }
        _ => None,
    }
}

fn video_ext<'a>(p: &'a Photo, kind: &str) -> &'a str {
    if kind == "orig" {
        &p.original_format
    } else {
        "mp4"
    }
}

/// A few hundred bytes for a thumbnail, ~12 KB for a 12-megapixel original:
/// big enough to exercise streaming, small enough for 10,000-photo accounts.
fn image_len(w: u32, h: u32) -> usize {
    600 + (w as usize * h as usize) / 1000
}

fn video_len(p: &Photo, kind: &str) -> usize {
    let base = match kind {
        "orig" => 48_000,
        "1080p" => 40_000,
        "720p" => 30_000,
        "360p" => 16_000,
        "288p" => 12_000,
        _ => 8_000,
    };
    base + (p.id % 997) as usize
}

fn seed(p: &Photo, variant: &str) -> u64 {
    // FNV-1a over what identifies the bytes: a new secret means new content.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in
        p.id.to_le_bytes()
            .iter()
            .chain(p.secret.as_bytes())
            .chain(p.original_secret.as_bytes())
            .chain(variant.as_bytes())
    {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        _ => "application/octet-stream",
    }
}

/// `len` bytes that open and close like a file of type `ext` (JPEG SOI/EOI,
/// PNG signature/IEND, GIF header/trailer, an MP4 `ftyp` box), with
/// deterministic filler from `seed` between.
pub fn body(ext: &str, seed: u64, len: usize) -> Vec<u8> {
    let (head, tail): (&[u8], &[u8]) = match ext {
        "jpg" | "jpeg" => (
            &[
                0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0,
            ],
            &[0xFF, 0xD9],
        ),
        "png" => (
            &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A],
            &[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82],
        ),
        "gif" => (b"GIF89a", &[0x3B]),
        "mp4" | "m4v" | "mov" => (
            &[
                0, 0, 0, 0x18, b'f', b't', b'y', b'p', b'i', b's', b'o', b'm', 0, 0, 2, 0, b'i',
                b's', b'o', b'm', b'm', b'p', b'4', b'1',
            ],
            &[],
        ),
        _ => (&[], &[]),
    };
    let len = len.max(head.len() + tail.len());
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(head);
    let mut state = seed;
    while out.len() < len - tail.len() {
        // splitmix64
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        let room = len - tail.len() - out.len();
        out.extend_from_slice(&z.to_le_bytes()[..room.min(8)]);
    }
    out.extend_from_slice(tail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_have_their_length_and_signature() {
        let jpg = body("jpg", 7, 1000);
        assert_eq!(jpg.len(), 1000);
        assert_eq!(&jpg[..3], &[0xFF, 0xD8, 0xFF]);
        assert_eq!(&jpg[998..], &[0xFF, 0xD9]);
        assert_eq!(jpg, body("jpg", 7, 1000));
        assert_ne!(jpg, body("jpg", 8, 1000));
        let png = body("png", 1, 100);
        assert_eq!(&png[1..4], b"PNG");
        assert!(png.ends_with(&[0xAE, 0x42, 0x60, 0x82]));
        assert!(body("gif", 1, 50).starts_with(b"GIF89a"));
        assert_eq!(&body("mp4", 1, 500)[4..8], b"ftyp");
        assert_eq!(
            body("jpg", 1, 3).len(),
            13,
            "never shorter than head and tail"
        );
    }
}
