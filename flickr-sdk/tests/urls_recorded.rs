//! The URL helpers against the URL forms in real recorded Flickr responses:
//! the `url_*` extras of photo lists (checked against the same photo's
//! `id`/`server`/`secret`/`originalsecret`/`originalformat`) and the
//! `photos.getSizes` sources (checked against their labels), one fact per
//! case over bodies read once.

use flickr_sdk::links::{PhotoSource, SourceUrl};
use flickr_sdk::sizes::{SecretKind, Size};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

/// Every recorded body, read once per test binary.
fn recorded() -> &'static [(String, String)] {
    static RECORDED: OnceLock<Vec<(String, String)>> = OnceLock::new();
    RECORDED.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/recorded");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("recorded fixtures") {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".xml") || name.ends_with(".json") {
                let text = std::fs::read_to_string(&path).unwrap().replace("\\/", "/");
                out.push((name, text));
            }
        }
        out.sort();
        out
    })
}

/// `name="value"` (XML) and `"name":"value"` / `"name": "value"` (JSON) pairs inside `element`.
fn attributes(element: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let bytes = element.as_bytes();
    let mut i = 0;
    while let Some(q) = element[i..].find('"') {
        let start = i + q + 1;
        let Some(len) = element[start..].find('"') else {
            break;
        };
        let value = &element[start..start + len];
        // The name is the word before `="` or before `":"`.
        let before = element[..i + q].trim_end();
        let (name, is_value) = if let Some(b) = before.strip_suffix('=') {
            (
                b.rsplit(|c: char| c.is_whitespace() || c == '<')
                    .next()
                    .unwrap_or(""),
                true,
            )
        } else if let Some(b) = before.strip_suffix(':') {
            let b = b.trim_end().strip_suffix('"').unwrap_or("");
            (b.rsplit('"').next().unwrap_or(""), true)
        } else {
            ("", false)
        };
        if is_value && !name.is_empty() {
            out.entry(name.to_owned())
                .or_insert_with(|| value.to_owned());
        }
        i = start + len + 1;
        if i >= bytes.len() {
            break;
        }
    }
    out
}

/// XML `<photo …>` elements and JSON photo objects (`{"id": …}` without nested objects).
fn photo_elements(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut out = Vec::new();
    for chunk in text.split("<photo ").skip(1) {
        if let Some(end) = chunk.find('>') {
            out.push(attributes(&chunk[..end]));
        }
    }
    for chunk in text.split('{').skip(1) {
        let end = chunk.find(['}', '{']).unwrap_or(chunk.len());
        let attrs = attributes(&chunk[..end]);
        if attrs.contains_key("id") && attrs.contains_key("secret") {
            out.push(attrs);
        }
    }
    out
}

type Attributes = BTreeMap<String, String>;

/// Every listed photo with an `id`, a `server` and a `secret`, by file.
fn listed_photos() -> &'static [(String, Attributes)] {
    static PHOTOS: OnceLock<Vec<(String, Attributes)>> = OnceLock::new();
    PHOTOS.get_or_init(|| {
        let mut out = Vec::new();
        for (file, text) in recorded() {
            for photo in photo_elements(text) {
                if ["id", "server", "secret"]
                    .iter()
                    .all(|k| photo.contains_key(*k))
                {
                    out.push((file.clone(), photo));
                }
            }
        }
        out
    })
}

/// One `url_*` extra pointing at staticflickr.com.
struct Extra {
    file: &'static str,
    photo: &'static Attributes,
    name: &'static str,
    value: &'static str,
}

impl Extra {
    fn id(&self) -> &'static str {
        &self.photo["id"]
    }

    /// The size its name stands for.
    fn size(&self) -> Size {
        let (file, name) = (self.file, self.name);
        Size::from_extra(name).unwrap_or_else(|| panic!("{file}: unknown extra {name}"))
    }

    fn parsed(&self) -> SourceUrl {
        let (file, name, value) = (self.file, self.name, self.value);
        SourceUrl::parse(value).unwrap_or_else(|e| panic!("{file}: {name}={value}: {e}"))
    }

    /// The original listed with its own secret (the `original_format` extra).
    fn is_direct_original(&self) -> bool {
        self.size().secret_kind() == SecretKind::Original
            && self.photo.contains_key("originalsecret")
    }

    /// Large sizes have their own secret, which only the URL itself reveals;
    /// so does the original when the list lacks the `original_format` extra.
    /// Then the URL must rebuild from what it teaches; otherwise from the
    /// photo's own attributes.
    fn rebuilt(&self) -> String {
        let photo = self.photo;
        let mut source = PhotoSource::new(&photo["id"], &photo["server"], &photo["secret"]);
        if let (Some(os), Some(of)) = (photo.get("originalsecret"), photo.get("originalformat")) {
            source = source.original(os, of);
        }
        let size = self.size();
        let built = if size.secret_kind() == SecretKind::Photo || self.is_direct_original() {
            source.url(size)
        } else {
            source.learn(&self.parsed()).url(size)
        };
        let (file, name) = (self.file, self.name);
        built.unwrap_or_else(|e| panic!("{file}: {name}: {e}"))
    }
}

/// Every `url_*` extra to staticflickr.com of a photo whose server is not 0.
fn extras() -> Vec<Extra> {
    let mut out = Vec::new();
    for (file, photo) in listed_photos() {
        if photo["server"] == "0" {
            continue;
        }
        for (name, value) in photo {
            if name.starts_with("url_") && value.contains("staticflickr.com") {
                out.push(Extra {
                    file,
                    photo,
                    name,
                    value,
                });
            }
        }
    }
    out
}

#[test]
fn photos_listed_with_server_0_build_no_url_and_the_recordings_have_some() {
    let mut zero_servers = 0;
    for (_, photo) in listed_photos() {
        if photo["server"] == "0" {
            // Flickr lists some videos with server 0 while their url_* use a real server.
            assert!(
                PhotoSource::new(&photo["id"], &photo["server"], &photo["secret"])
                    .url(Size::Small240)
                    .is_err()
            );
            zero_servers += 1;
        }
    }
    assert!(zero_servers > 0, "the recordings include server=0 videos");
}

#[test]
fn every_url_extra_names_a_known_size() {
    for extra in extras() {
        extra.size();
    }
}

#[test]
fn every_url_extra_parses_to_its_size_and_its_photos_id() {
    for extra in extras() {
        let (file, name, value) = (extra.file, extra.name, extra.value);
        let parsed = extra.parsed();
        assert_eq!(parsed.size, extra.size(), "{file}: {name}={value}");
        assert_eq!(parsed.id, extra.id(), "{file}: {value}");
    }
}

#[test]
fn every_url_extra_rebuilds_exactly_from_its_photo_or_what_it_teaches() {
    for extra in extras() {
        let (file, name) = (extra.file, extra.name);
        assert_eq!(
            extra.rebuilt(),
            extra.parsed().canonical(),
            "{file}: {name}"
        );
    }
}

#[test]
fn the_common_sizes_are_each_listed_as_extras_more_than_ten_times() {
    let mut checked = BTreeMap::<Size, usize>::new();
    for extra in extras() {
        *checked.entry(extra.size()).or_default() += 1;
    }
    // The recordings carry these extras; each must have been checked many times.
    for size in [
        Size::Square75,
        Size::Square150,
        Size::Thumbnail100,
        Size::Small240,
        Size::Medium500,
        Size::Large1024,
        Size::Original,
    ] {
        assert!(
            checked.get(&size).copied().unwrap_or(0) > 10,
            "{size}: {checked:?}"
        );
    }
}

#[test]
fn more_than_ten_originals_rebuild_from_their_listed_original_secret() {
    let direct_originals = extras().iter().filter(|e| e.is_direct_original()).count();
    assert!(direct_originals > 10, "{direct_originals}");
}

/// A recording's (label, source) pairs whose label names a photo size.
type Sources = Vec<(String, String)>;

/// The photo sources of every `photos.getSizes` recording that lists any.
fn get_sizes_sources() -> &'static [(String, Sources)] {
    static SOURCES: OnceLock<Vec<(String, Sources)>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let mut out = Vec::new();
        for (file, text) in recorded() {
            if !file.starts_with("flickr.photos.getSizes__") {
                continue;
            }
            let chunks: Vec<&str> = if file.ends_with(".xml") {
                text.split("<size ")
                    .skip(1)
                    .map(|c| c.split('>').next().unwrap_or(""))
                    .collect()
            } else {
                text.split('{')
                    .skip(1)
                    .map(|c| c.split('}').next().unwrap_or(""))
                    .collect()
            };
            let mut sources = Vec::new();
            for chunk in chunks {
                let attrs = attributes(chunk);
                let (Some(label), Some(src)) = (attrs.get("label"), attrs.get("source")) else {
                    continue;
                };
                if attrs.get("media").map(String::as_str) == Some("video")
                    && !src.contains("staticflickr.com")
                {
                    continue; // video players and streams are not photo sources
                }
                if Size::from_label(label).is_none() {
                    continue; // video sizes ("Site MP4", …)
                }
                sources.push((label.clone(), src.clone()));
            }
            if !sources.is_empty() {
                out.push((file.clone(), sources));
            }
        }
        out
    })
}

/// A recording's sources, parsed.
fn parsed_sources(file: &str, sources: &[(String, String)]) -> Vec<SourceUrl> {
    sources
        .iter()
        .map(|(_, src)| SourceUrl::parse(src).unwrap_or_else(|e| panic!("{file}: {src}: {e}")))
        .collect()
}

/// One PhotoSource built from every URL of a recording.
fn learned_from(entries: &[SourceUrl]) -> PhotoSource {
    let first = &entries[0];
    let mut photo = PhotoSource::new(&first.id, &first.server, "unknown");
    for e in entries {
        photo = photo.learn(e);
    }
    photo
}

#[test]
fn every_get_sizes_source_parses_to_the_size_its_label_names() {
    for (file, sources) in get_sizes_sources() {
        for (label, src) in sources {
            let size = Size::from_label(label).unwrap();
            let parsed = SourceUrl::parse(src).unwrap_or_else(|e| panic!("{file}: {src}: {e}"));
            assert_eq!(parsed.size, size, "{file}: {label} {src}");
        }
    }
}

#[test]
fn a_photo_learned_from_its_get_sizes_sources_rebuilds_every_one_exactly() {
    for (file, sources) in get_sizes_sources() {
        let entries = parsed_sources(file, sources);
        let photo = learned_from(&entries);
        for e in &entries {
            assert_eq!(photo.url(e.size).unwrap(), e.canonical(), "{file}");
        }
    }
}

#[test]
fn a_size_get_sizes_did_not_list_has_no_url_unless_its_secret_is_the_photos() {
    for (file, sources) in get_sizes_sources() {
        let entries = parsed_sources(file, sources);
        let photo = learned_from(&entries);
        for size in Size::ALL {
            if !entries.iter().any(|e| e.size == size) && size.secret_kind() != SecretKind::Photo {
                assert!(
                    photo.url(size).is_err(),
                    "{file}: {size} should need its own secret"
                );
            }
        }
    }
}

#[test]
fn at_least_ten_get_sizes_recordings_list_photo_sources() {
    let files = get_sizes_sources().len();
    assert!(files >= 10, "only {files} getSizes recordings with sources");
}

#[test]
fn get_sizes_recordings_include_the_large_original_and_medium_sizes() {
    let mut sizes_seen = BTreeSet::new();
    for (file, sources) in get_sizes_sources() {
        sizes_seen.extend(parsed_sources(file, sources).iter().map(|e| e.size));
    }
    for size in [
        Size::Large1600,
        Size::Large2048,
        Size::Original,
        Size::Medium500,
    ] {
        assert!(sizes_seen.contains(&size), "{size} never seen in getSizes");
    }
}

#[test]
fn every_recorded_static_url_parses_and_canonicalises() {
    let mut n = 0;
    for (file, text) in recorded() {
        for piece in text.split("staticflickr.com/").skip(1) {
            let end = piece.find(['"', '<', ' ', '\'']).unwrap_or(piece.len());
            let path = &piece[..end];
            if !path.ends_with(".jpg") && !path.ends_with(".png") && !path.ends_with(".gif") {
                continue;
            }
            if path.contains("buddyicons") || path.matches('/').count() != 1 {
                continue; // buddy icons and other static files are not photo sources
            }
            let url = format!("https://live.staticflickr.com/{path}");
            let parsed = SourceUrl::parse(&url).unwrap_or_else(|e| panic!("{file}: {url}: {e}"));
            assert_eq!(parsed.canonical(), url, "{file}");
            n += 1;
        }
    }
    assert!(n > 1000, "{n}");
}
