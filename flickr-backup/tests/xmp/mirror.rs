//! One full mirror of alice's account, read by every case here (made
//! once, by the first that asks, and never changed).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use flickr_backup::Report;
use flickr_testkit::{Photo, ALICE, CAROL, FIRST_ACCOUNT_ALBUM_ID, FIRST_ACCOUNT_PHOTO_ID};
use serde_json::Value;

use crate::common::quick;
use crate::fixture::{
    exiftool, have_exiftool, id_of, is_media, license, list, media_path, sidecar, snapshot, text,
    tokyo, xmp_of, Server, Snapshot,
};

/// The mirror, its report, and its files as exiftool reads them.
struct Mirror {
    server: Server,
    dir: tempfile::TempDir,
    report: Report,
    files: Snapshot,
    /// Photos' and videos' files (not sidecars, manifests or album links).
    media: Vec<String>,
    xmp: OnceLock<BTreeMap<String, Value>>,
}

/// The mirror, when exiftool is here to read its XMP back (`None`: the
/// case is skipped, or fails under `FLICKR_REQUIRE_EXIFTOOL=1`).
fn read_back() -> Option<&'static Mirror> {
    tokyo();
    have_exiftool().then(mirror)
}

fn mirror() -> &'static Mirror {
    static MIRROR: OnceLock<Mirror> = OnceLock::new();
    MIRROR.get_or_init(|| {
        let server = Server::start();
        let dir = flickr_testkit::fixture_tempdir();
        let report = server.backup(dir.path(), quick());
        let files = snapshot(dir.path());
        let media = files.keys().filter(|k| is_media(k)).cloned().collect();
        let xmp = OnceLock::new();
        Mirror {
            server,
            dir,
            report,
            files,
            media,
            xmp,
        }
    })
}

impl Mirror {
    /// Every XMP sidecar as exiftool reads it, by its media file's path.
    fn xmp(&self) -> &BTreeMap<String, Value> {
        self.xmp.get_or_init(|| xmp_of(self.dir.path()))
    }

    /// Each media file with its photo on Flickr.
    fn photos(&self) -> impl Iterator<Item = (&str, u64, Photo)> {
        self.media.iter().map(|m| {
            let id = id_of(m);
            (m.as_str(), id, self.server.fake.photo(id).unwrap())
        })
    }
}

#[test]
fn every_media_file_has_one_xmp_sidecar() {
    tokyo();
    let m = mirror();
    for f in &m.media {
        assert!(
            m.files.contains_key(&format!("{f}.xmp")),
            "no XMP sidecar beside {f}"
        );
    }
    assert_eq!(
        m.files
            .keys()
            .filter(|k| k.ends_with(".xmp") && is_media(k.trim_end_matches(".xmp")))
            .count(),
        m.media.len(),
        "one XMP per media file (album folders hold links to them)"
    );
    if have_exiftool() {
        for f in &m.media {
            assert!(m.xmp().contains_key(f), "exiftool reads {f}.xmp");
        }
    }
}

#[test]
fn titles_descriptions_and_tags_read_back() {
    let Some(m) = read_back() else { return };
    for (f, _, p) in m.photos() {
        let x = &m.xmp()[f];
        let owner = m.server.fake.user(&p.owner).unwrap();
        // Flickr's titles can carry HTML entities; photo tools show the characters.
        let title = p.title.replace("&amp;", "&");
        assert_eq!(text(&x["XMP-dc:Title"]).unwrap_or_default(), title, "{f}");
        let description = if p.description.contains('<') {
            "Bold start\nline two, a link (https://example.org/?a=1&b=2)".to_owned()
        } else {
            p.description.clone()
        };
        assert_eq!(text(&x["XMP-dc:Description"]).unwrap(), description, "{f}");
        assert_eq!(list(&x["XMP-dc:Subject"]), p.clean_tags(), "{f}");
        assert_eq!(list(&x["XMP-dc:Creator"]), vec![owner.username], "{f}");
    }
    // The hard title, read back exactly.
    let hard = &m.xmp()[&media_path(&m.files, FIRST_ACCOUNT_PHOTO_ID)];
    assert_eq!(hard["XMP-dc:Title"], "Sunset <at> \"Café\" & friends 🌅");
}

#[test]
fn rights_licence_and_source() {
    let Some(m) = read_back() else { return };
    for (f, id, p) in m.photos() {
        let x = &m.xmp()[f];
        let owner = m.server.fake.user(&p.owner).unwrap();
        let license = license(&p);
        assert_eq!(text(&x["XMP-dc:Rights"]).unwrap(), license.name(), "{f}");
        assert_eq!(
            text(&x["XMP-xmpRights:WebStatement"]).unwrap(),
            license.url()
        );
        assert_eq!(
            text(&x["XMP-cc:License"]),
            license
                .is_creative_commons()
                .then(|| license.url().to_owned()),
            "{f}"
        );
        assert_eq!(
            text(&x["XMP-dc:Source"]).unwrap(),
            format!("https://www.flickr.com/photos/{}/{id}/", owner.path_alias)
        );
        assert_eq!(text(&x["XMP-flickr:Id"]).unwrap(), id.to_string());
    }
}

#[test]
fn dates_taken_at_their_granularity() {
    let Some(m) = read_back() else { return };
    for (f, _, p) in m.photos() {
        let x = &m.xmp()[f];
        // The date taken at its granularity, and nothing when unknown.
        let (date, time) = p.date_taken.split_once(' ').unwrap();
        let exif_date = date.replace('-', ":");
        let want = match (p.more.date_taken_unknown, p.more.date_taken_granularity) {
            (true, _) => None,
            (false, 0) => Some(format!("{exif_date} {time}")),
            (false, 4) => Some(exif_date[..7].to_owned()),
            (false, _) => Some(exif_date[..4].to_owned()),
        };
        assert_eq!(text(&x["XMP-exif:DateTimeOriginal"]), want, "{f}");
        assert_eq!(text(&x["XMP-photoshop:DateCreated"]), want, "{f}");
    }
}

#[test]
fn a_place_exactly_when_geotagged() {
    let Some(m) = read_back() else { return };
    for (f, _, p) in m.photos() {
        let x = &m.xmp()[f];
        // Never 0,0 for a photo without a place.
        match p.geo {
            Some((lat, lon, _)) => {
                let got = |k: &str| x[k].as_f64().unwrap();
                assert!((got("XMP-exif:GPSLatitude") - lat).abs() < 1e-6, "{f}");
                assert!((got("XMP-exif:GPSLongitude") - lon).abs() < 1e-6, "{f}");
            }
            None => assert!(x.get("XMP-exif:GPSLatitude").is_none(), "{f}: {x}"),
        }
    }
}

#[test]
fn albums_and_favorites_as_hierarchical_keywords() {
    let Some(m) = read_back() else { return };
    let albums: Vec<_> = (0..3)
        .filter_map(|a| m.server.fake.photoset(FIRST_ACCOUNT_ALBUM_ID + a))
        .collect();
    let favorites = m.server.fake.favorites(ALICE);
    for (f, id, _) in m.photos() {
        let x = &m.xmp()[f];
        let hier = list(&x["XMP-lr:HierarchicalSubject"]);
        let tags = list(&x["XMP-digiKam:TagsList"]);
        for a in albums.iter().filter(|a| a.photos.contains(&id)) {
            let album = format!("Flickr|Albums|{}", a.title);
            assert!(hier.contains(&album), "{f}: {hier:?}");
            let album = format!("Flickr/Albums/{}", a.title);
            assert!(tags.contains(&album), "{f}: {tags:?}");
        }
        let faved = favorites.contains(&id);
        assert_eq!(hier.contains(&"Flickr|Favorites".to_owned()), faved, "{f}");
    }
}

#[test]
fn a_free_accounts_files_say_which_size_and_why() {
    tokyo();
    let m = mirror();
    if have_exiftool() {
        for (f, _, p) in m.photos() {
            let capped = text(&m.xmp()[f]["XMP-flickr:SizeKept"]);
            assert_eq!(capped.as_deref(), (p.owner == CAROL).then_some("l"), "{f}");
        }
    }
    // The report and the JSON sidecar say which files are not originals, and why.
    let not_original = &m.report.not_original;
    let carols = m
        .media
        .iter()
        .filter(|f| f.starts_with(&format!("others/{CAROL}/")))
        .count();
    assert!(carols > 0);
    assert_eq!(not_original.len(), carols, "{:?}", m.report);
    for c in not_original {
        assert_eq!(c.size_kept, "l");
        assert!(c.reason.contains("no original"), "{c:?}");
        let s = sidecar(&m.files, &c.photo);
        assert_eq!(s["file"]["not_original"], c.reason.as_str());
    }
}

#[test]
fn file_dates_are_dates_taken_in_local_time() {
    let Some(m) = read_back() else { return };
    // Read in the run's zone: the clock reading Flickr shows.
    let args = ["-ext", "png", "-ext", "gif", "-ext", "mp4"];
    let args = [&args[..], &["-d", "%Y-%m-%d %H:%M:%S", "-FileModifyDate"]].concat();
    let mtimes = exiftool(m.dir.path(), "jpg", &args, "Asia/Tokyo");
    for (f, _, p) in m.photos() {
        // The date taken as local time, else the upload date.
        if p.more.date_taken_unknown {
            assert_eq!(m.files[f].mtime, p.date_upload, "{f}");
        } else {
            let got = text(&mtimes[f]["FileModifyDate"]).unwrap();
            assert_eq!(got, p.date_taken, "{f}");
        }
    }
}

#[test]
fn the_account_covers_every_case() {
    tokyo();
    let m = mirror();
    let favorites = m.server.fake.favorites(ALICE);
    let mut seen = BTreeSet::new();
    for (_, id, p) in m.photos() {
        seen.insert(
            match (p.more.date_taken_unknown, p.more.date_taken_granularity) {
                (true, _) => "unknown date",
                (false, 4) => "month",
                (false, 6) => "year",
                (false, 8) => "circa",
                _ => "full date",
            },
        );
        seen.insert(if p.geo.is_some() {
            "geotagged"
        } else {
            "no place"
        });
        seen.insert(if p.media == "video" { "video" } else { "photo" });
        if license(&p).is_creative_commons() {
            seen.insert("cc");
        }
        if favorites.contains(&id) {
            seen.insert("favorite");
        }
    }
    let expected = [
        "unknown date",
        "month",
        "year",
        "circa",
        "full date",
        "geotagged",
        "no place",
        "video",
        "photo",
        "cc",
        "favorite",
    ];
    assert_eq!(
        seen,
        expected.into_iter().collect(),
        "every case is covered"
    );
}
