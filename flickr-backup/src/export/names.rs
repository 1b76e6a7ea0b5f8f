//! Which photo a media file of the export is, from its name alone. Flickr
//! names them `<slug>_<id>_o.<ext>` (a titled photo),
//! `<id>_<originalsecret>_o.<ext>` (an untitled one), `<slug>_<id>.<ext>`
//! (a video: no `_o`), `<oldslug>_<oldid>_<id>_o.<ext>` (a re-uploaded
//! Flickr download: the last id is the photo's), and a few legacy files
//! have no extension. A slug can hold a number that looks like an id, so
//! the name gives candidates, the likeliest first, and the metadata's ids
//! decide ([`identify`]).

/// The name without folders (a member name never becomes a path).
pub(crate) fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// The extension, lowercased, when the name has one.
pub(crate) fn extension(name: &str) -> Option<String> {
    let base = base_name(name);
    let (stem, ext) = base.rsplit_once('.')?;
    let plain = !stem.is_empty()
        && !ext.is_empty()
        && ext.len() <= 5
        && ext.chars().all(|c| c.is_ascii_alphanumeric());
    plain.then(|| ext.to_ascii_lowercase())
}

/// The name's stem: no folders, no extension, no `_o`.
fn stem(name: &str) -> &str {
    let base = base_name(name);
    let stem = match extension(base) {
        Some(ext) => &base[..base.len() - ext.len() - 1],
        None => base,
    };
    stem.strip_suffix("_o").unwrap_or(stem)
}

fn is_id(token: &str) -> bool {
    (5..=20).contains(&token.len()) && token.chars().all(|c| c.is_ascii_digit())
}

fn is_secret(token: &str) -> bool {
    token.len() == 10 && token.chars().all(|c| c.is_ascii_hexdigit())
}

/// The ids the name may carry, the likeliest first: the last number, then
/// the others from the right.
pub(crate) fn candidates(name: &str) -> Vec<&str> {
    stem(name).rsplit('_').filter(|t| is_id(t)).collect()
}

/// The photo id of media file `name`: the first candidate `known` (the
/// metadata has it); else the likeliest reading of the name alone (the
/// first number of `<id>_<secret>`, or the last number), marked as not
/// matched. `None` when the name holds no id at all.
pub(crate) fn identify(name: &str, known: impl Fn(&str) -> bool) -> Option<(String, bool)> {
    let found = candidates(name);
    if let Some(id) = found.iter().find(|c| known(c)) {
        return Some(((*id).to_owned(), true));
    }
    let tokens: Vec<&str> = stem(name).split('_').collect();
    let guess = match tokens.as_slice() {
        [id, secret] if is_id(id) && is_secret(secret) => Some(*id),
        _ => found.first().copied(),
    };
    guess.map(|id| (id.to_owned(), false))
}

/// Media file extensions that are videos.
const VIDEO: [&str; 14] = [
    "mp4", "mov", "3gp", "3g2", "avi", "m4v", "mpg", "mpeg", "wmv", "mts", "m2ts", "webm", "mkv",
    "ogv",
];

/// Whether a file with extension `ext` is a video (the export has no video
/// flag: the file's type is what tells).
pub(crate) fn is_video_ext(ext: &str) -> bool {
    VIDEO.contains(&ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id_of(name: &str, known: &[&str]) -> Option<(String, bool)> {
        identify(name, |c| known.contains(&c))
    }

    #[test]
    fn the_three_forms_and_the_reupload() {
        // memento-mori's real export: titled and untitled photos.
        assert_eq!(
            id_of("img_5871_101631362_o.jpg", &["101631362"]),
            Some(("101631362".into(), true))
        );
        assert_eq!(
            id_of("52759384619_be0461e77c_o.jpg", &["52759384619"]),
            Some(("52759384619".into(), true))
        );
        // A video has no `_o`.
        assert_eq!(
            id_of("vid1234_1234567890.mov", &["1234567890"]),
            Some(("1234567890".into(), true))
        );
        // A re-upload carries the old id and the new: the last is the photo's.
        assert_eq!(
            id_of(
                "sunset_52759384619_53012345678_o.jpg",
                &["52759384619", "53012345678"]
            ),
            Some(("53012345678".into(), true))
        );
    }

    #[test]
    fn a_number_in_the_slug_does_not_win_over_the_metadata() {
        // The title holds a number that looks like an id; only one is known.
        assert_eq!(
            id_of("born_19990101_in_2001_53000000001_o.jpg", &["53000000001"]),
            Some(("53000000001".into(), true))
        );
        // An all-digit secret: the id the metadata knows wins.
        assert_eq!(
            id_of("52759384619_1234567890_o.jpg", &["52759384619"]),
            Some(("52759384619".into(), true))
        );
    }

    #[test]
    fn unknown_files_get_their_likeliest_id_and_odd_names_none() {
        assert_eq!(
            id_of("52759384619_be0461e77c_o.jpg", &[]),
            Some(("52759384619".into(), false))
        );
        assert_eq!(
            id_of("café-au-lait_101631362_o.jpg", &[]),
            Some(("101631362".into(), false))
        );
        assert_eq!(
            id_of("東京タワー_53000000007_o.png", &["53000000007"]),
            Some(("53000000007".into(), true))
        );
        assert_eq!(id_of("notes.txt", &[]), None);
        // Folders never count, nor do `..` parts.
        assert_eq!(
            id_of("../../etc/53000000001_o.jpg", &["53000000001"]),
            Some(("53000000001".into(), true))
        );
    }

    #[test]
    fn extensions() {
        assert_eq!(extension("a_1_o.JPG").as_deref(), Some("jpg"));
        assert_eq!(extension("legacy_101631362_o"), None);
        assert_eq!(extension("dir.d/name"), None);
        assert!(is_video_ext("mov") && !is_video_ext("jpg"));
    }
}
