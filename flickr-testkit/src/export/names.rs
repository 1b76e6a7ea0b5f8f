//! The names in an account export: the zips' (`72157…_<token>_partN.zip`,
//! `data-download-N.zip`) and the media files' inside them
//! (`<slug>_<id>_o.jpg`, `<id>_<originalsecret>_o.jpg`, `<slug>_<id>.mp4`,
//! `<oldslug>_<oldid>_<id>_o.jpg`).

use crate::state::Photo;

/// The name of metadata part `part` (from 1) of `nsid`'s export: a
/// 17-digit id starting `72157` and a 12-character lowercase token, both
/// derived from the NSID, so the same member's export has the same names.
pub fn metadata_zip(nsid: &str, part: usize) -> String {
    let h = fnv(nsid.as_bytes());
    let digits = h % 1_000_000_000_000;
    let mut token = String::with_capacity(12);
    let mut x = h.rotate_left(17) ^ 0x5eed;
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    for _ in 0..12 {
        token.push(char::from(ALNUM[(x % 36) as usize]));
        x = (x / 36) ^ fnv(&x.to_le_bytes());
    }
    format!("72157{digits:012}_{token}_part{part}.zip")
}

/// The name of media zip `n` (from 1).
pub fn media_zip(n: usize) -> String {
    format!("data-download-{n}.zip")
}

/// The member name of `p`'s original: `<slug>_<id>_o.<ext>` for a titled
/// photo, `<id>_<originalsecret>_o.<ext>` for an untitled one (or one whose
/// title has no letter or digit), `<slug>_<id>.<ext>` or `<id>.<ext>` for a
/// video (no `_o`), and with `reuploaded` the form of a Flickr download
/// uploaded again: `<oldslug>_<oldid>_<id>_o.<ext>`.
pub fn media_file(p: &Photo, reuploaded: bool) -> String {
    let ext = &p.original_format;
    let slug = slug(&p.title);
    if reuploaded {
        let old_slug = if slug.is_empty() { "img" } else { &slug };
        return format!("{old_slug}_{}_{}_o.{ext}", old_id(p.id), p.id);
    }
    match (p.media == "video", slug.is_empty()) {
        (true, true) => format!("{}.{ext}", p.id),
        (true, false) => format!("{slug}_{}.{ext}", p.id),
        (false, true) => format!("{}_{}_o.{ext}", p.id, p.original_secret),
        (false, false) => format!("{slug}_{}_o.{ext}", p.id),
    }
}

/// The id a re-uploaded photo had before: another 11-digit id.
fn old_id(id: u64) -> u64 {
    40_000_000_000 + id % 10_000_000_000
}

/// Flickr's file-name form of a title: lowercase, spaces to hyphens,
/// letters and digits of every script, `-` and `_` kept, everything else
/// dropped (an entity such as `&amp;` leaves its letters); runs of hyphens
/// become one and none is left at either end.
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = if c.is_whitespace() { '-' } else { c };
        if c.is_alphanumeric() || c == '_' || (c == '-' && !out.ends_with('-') && !out.is_empty()) {
            out.push(c);
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_of_every_script() {
        assert_eq!(slug("IMG_5871"), "img_5871");
        assert_eq!(slug("Été à Kyōto"), "été-à-kyōto");
        assert_eq!(slug("東京タワー"), "東京タワー");
        assert_eq!(slug("Fish &amp; chips"), "fish-amp-chips");
        assert_eq!(
            slug("Sunset <at> \"Café\" & friends 🌅"),
            "sunset-at-café-friends"
        );
        assert_eq!(slug("🌅"), "");
    }

    #[test]
    fn metadata_zip_names_have_flickrs_shape() {
        let name = metadata_zip("10000001@N00", 2);
        let (id, rest) = name.split_once('_').unwrap();
        assert_eq!(id.len(), 17);
        assert!(id.starts_with("72157") && id.bytes().all(|b| b.is_ascii_digit()));
        let (token, part) = rest.split_once('_').unwrap();
        assert_eq!(token.len(), 12);
        assert!(token
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        assert_eq!(part, "part2.zip");
        assert_eq!(metadata_zip("10000001@N00", 2), name);
    }
}
