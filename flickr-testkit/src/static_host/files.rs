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
//! length that grows with the pixel count, and is a real file of its format
//! (a small picture its decoders open, see [`body`]), so a client can check
//! what it received.

pub use super::body::body;
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

/// The original of `p` as its owner uploaded it (the `o` size of a photo,
/// the `orig` stream of a video): the very bytes the static host serves for
/// it when listed, and the same bytes when not (a free account's original,
/// which the account export still holds). Returns the file's extension and
/// its bytes.
pub fn original(p: &Photo) -> (&str, Vec<u8>) {
    let ext = p.original_format.as_str();
    let bytes = if p.media == "video" {
        body(ext, seed(p, "orig"), video_len(p, "orig"))
    } else {
        let (w, h) = p.original_size;
        body(ext, seed(p, "o"), image_len(w, h))
    };
    (ext, bytes)
}

fn video_ext<'a>(p: &'a Photo, kind: &str) -> &'a str {
    if kind == "orig" {
        &p.original_format
    } else {
        "mp4"
    }
}

/// About a kilobyte for a thumbnail, ~13 KB for a 12-megapixel original:
/// big enough to exercise streaming, small enough for 10,000-photo accounts.
/// The base is above the smallest real file of every format (a JPEG with
/// EXIF is under 1 KB), so the length depends on the size alone.
fn image_len(w: u32, h: u32) -> usize {
    1_200 + (w as usize * h as usize) / 1000
}

fn video_len(p: &Photo, kind: &str) -> usize {
    video_len_base(kind) + (p.id % 997) as usize
}

fn video_len_base(kind: &str) -> usize {
    match kind {
        "orig" => 48_000,
        "1080p" => 40_000,
        "720p" => 30_000,
        "360p" => 16_000,
        "288p" => 12_000,
        _ => 8_000,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::static_host::body::min_len;

    #[test]
    fn the_smallest_size_asked_for_fits_every_format() {
        let mut most = 0;
        for seed in 0..300u64 {
            for ext in ["jpg", "png", "gif"] {
                most = most.max(min_len(ext, seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
            }
        }
        assert!(image_len(75, 75) >= most, "{most}");
        assert!(video_len_base("mobile") >= min_len("mp4", 1));
    }
}
