//! The account export (`FakeFlickr::write_export`): Flickr's zip names and
//! member names, `per_zip` media to a zip, the metadata in the export's own
//! shapes spread over its parts, the media bytes the static host serves for
//! the originals, and each quirk of `ExportSpec` visible in the zips.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use flickr_testkit::{AccountSpec, ExportSpec, FakeFlickr, WrittenExport, ALICE};
use serde_json::Value;

const FIRST: u64 = flickr_testkit::FIRST_ACCOUNT_PHOTO_ID;

async fn fake() -> FakeFlickr {
    FakeFlickr::builder()
        .photos(30)
        .account(AccountSpec::default())
        .start()
        .await
        .expect("start fake server")
}

/// Every member of the zip at `path`, by name, in the zip's order.
fn members(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

/// Every metadata JSON file, by name, with the number of parts it is in.
fn metadata(w: &WrittenExport) -> BTreeMap<String, (Value, usize)> {
    let mut all: BTreeMap<String, (Value, usize)> = BTreeMap::new();
    for zip in &w.metadata_zips {
        for (name, bytes) in members(zip) {
            let value: Value = serde_json::from_slice(&bytes).unwrap();
            all.entry(name).or_insert((value, 0)).1 += 1;
        }
    }
    all
}

fn photo_json(w: &WrittenExport, id: u64) -> Value {
    metadata(w).remove(&format!("photo_{id}.json")).unwrap().0
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

#[tokio::test]
async fn zips_and_members_have_flickrs_names_and_sizes() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let mut spec = ExportSpec::default();
    spec.per_zip = 7;
    spec.metadata_parts = 3;
    let w = fake.write_export(ALICE, dir.path(), &spec).unwrap();
    let ids = fake.photos_of(ALICE);
    assert_eq!(w.photos, ids.len());

    // Metadata parts: one id and token, parts 1..=3.
    assert_eq!(w.metadata_zips.len(), 3);
    let first = file_name(&w.metadata_zips[0]);
    let prefix = first.strip_suffix("_part1.zip").unwrap();
    let (id, token) = prefix.split_once('_').unwrap();
    assert!(id.len() == 17 && id.starts_with("72157"), "{first}");
    assert!(
        token.len() == 12
            && token
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    );
    for (k, z) in w.metadata_zips.iter().enumerate() {
        assert_eq!(file_name(z), format!("{prefix}_part{}.zip", k + 1));
    }
    // Every photo's JSON exactly once over the parts, each part holding some.
    let all = metadata(&w);
    for id in &ids {
        assert_eq!(all[&format!("photo_{id}.json")].1, 1, "{id}");
    }
    for z in &w.metadata_zips {
        assert!(members(z).iter().any(|(n, _)| n.starts_with("photo_")));
    }
    let part1: Vec<String> = members(&w.metadata_zips[0])
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    for f in [
        "albums.json",
        "account_profile.json",
        "faves_part001.json",
        "contacts_part001.json",
        "photos_comments_part001.json",
        "galleries.json",
        "groups.json",
    ] {
        assert!(part1.iter().any(|n| n == f), "{f} in part 1");
    }

    // Media: data-download-1.., 7 to a zip, flat, in upload order.
    assert_eq!(w.media_zips.len(), ids.len().div_ceil(7));
    let mut order = Vec::new();
    for (k, z) in w.media_zips.iter().enumerate() {
        assert_eq!(file_name(z), format!("data-download-{}.zip", k + 1));
        let m = members(z);
        assert!(m.len() <= 7 && !m.is_empty());
        for (name, _) in m {
            assert!(!name.contains('/'), "{name}");
            order.push(name);
        }
    }
    let expected: Vec<&String> = ids.iter().map(|id| &w.media[id]).collect();
    assert_eq!(order.iter().collect::<Vec<_>>(), expected);

    // Each form of name.
    let p = |i: u64| fake.photo(FIRST + i).unwrap();
    assert_eq!(
        w.media[&(FIRST + 2)],
        format!("東京タワー_{}_o.gif", FIRST + 2)
    );
    assert_eq!(
        w.media[&(FIRST + 3)],
        format!("été-à-kyōto_{}_o.jpg", FIRST + 3)
    );
    assert_eq!(
        w.media[&(FIRST + 6)],
        format!("fish-amp-chips_{}_o.jpg", FIRST + 6)
    );
    assert_eq!(
        w.media[&(FIRST + 1)],
        format!("picture-1_{}_o.png", FIRST + 1)
    );
    let untitled = p(5);
    assert!(untitled.title.is_empty());
    assert_eq!(
        w.media[&untitled.id],
        format!("{}_{}_o.jpg", untitled.id, untitled.original_secret)
    );
    assert_eq!(p(9).media, "video");
    assert_eq!(w.media[&(FIRST + 9)], format!("clip-9_{}.mp4", FIRST + 9));
    assert!(p(19).title.is_empty() && p(19).media == "video");
    assert_eq!(w.media[&(FIRST + 19)], format!("{}.mp4", FIRST + 19));
}

#[tokio::test]
async fn media_are_the_originals_the_static_host_serves_even_for_free_accounts() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let w = fake
        .write_export(ALICE, dir.path(), &ExportSpec::default())
        .unwrap();
    let all = metadata(&w);
    let mut bytes_of = BTreeMap::new();
    for z in &w.media_zips {
        for (name, bytes) in members(z) {
            bytes_of.insert(name, bytes);
        }
    }
    let mut checked = (0, 0);
    for id in fake.photos_of(ALICE) {
        let p = fake.photo(id).unwrap();
        let bytes = &bytes_of[&w.media[&id]];
        let url = if p.media == "video" {
            checked.1 += 1;
            format!(
                "{}static/video/{id}/{}/orig.{}?s={}",
                fake.base_url(),
                p.original_secret,
                p.original_format,
                p.secret
            )
        } else {
            checked.0 += 1;
            all[&format!("photo_{id}.json")].0["original"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        assert_eq!(
            &fake.static_file(&url).expect("listed").bytes,
            bytes,
            "{id}"
        );
        if p.original_format == "jpg" && checked.0 < 20 {
            image::load_from_memory(bytes).expect("a real JPEG");
        }
    }
    assert!(checked.0 > 50 && checked.1 > 3);

    // A free account: the API lists no original, the export still has it.
    fake.set_pro(ALICE, false);
    let free = tempfile::tempdir().unwrap();
    let w2 = fake
        .write_export(ALICE, free.path(), &ExportSpec::default())
        .unwrap();
    let original = photo_json(&w2, FIRST)["original"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(fake.static_file(&original).is_none());
    for (a, b) in w.media_zips.iter().zip(&w2.media_zips) {
        assert_eq!(members(a), members(b));
    }
}

#[tokio::test]
async fn photo_json_has_the_exports_shapes() {
    let fake = fake().await;
    // A friends-only and a family-only photo: both "friend & family".
    fake.with_state(|s| {
        let p = s.photos.get_mut(&(FIRST + 10)).unwrap();
        (p.is_public, p.is_friend, p.is_family) = (false, true, false);
        let p = s.photos.get_mut(&(FIRST + 11)).unwrap();
        (p.is_public, p.is_friend, p.is_family) = (false, false, true);
        let p = s.photos.get_mut(&(FIRST + 12)).unwrap();
        (p.is_public, p.is_friend, p.is_family) = (false, false, false);
    });
    let dir = tempfile::tempdir().unwrap();
    let w = fake
        .write_export(ALICE, dir.path(), &ExportSpec::default())
        .unwrap();
    let j = photo_json(&w, FIRST);
    let p = fake.photo(FIRST).unwrap();
    assert_eq!(j["id"], FIRST.to_string());
    assert_eq!(j["name"], p.title);
    assert!(j["description"].as_str().unwrap().contains("<a href="));
    for key in [
        "count_views",
        "count_faves",
        "count_comments",
        "count_tags",
        "count_notes",
    ] {
        assert!(j[key].is_string(), "{key}: {}", j[key]);
    }
    assert_eq!(j["count_tags"], "3");
    assert_eq!(j["rotation"], 0);
    assert_eq!(j["date_taken"], p.date_taken);
    assert_eq!(j["date_imported"].as_str().unwrap().len(), 19);
    assert_eq!(
        j["photopage"],
        format!("https://www.flickr.com/photos/alice/{FIRST}/")
    );
    assert!(j["original"]
        .as_str()
        .unwrap()
        .ends_with(&format!("{FIRST}_{}_o.jpg", p.original_secret)));
    // i = 0 is geotagged: millionths of a degree, as strings, in a list.
    let (lat, lon, _) = p.geo.unwrap();
    assert_eq!(
        j["geo"][0]["latitude"],
        ((lat * 1e6).round() as i64).to_string()
    );
    assert_eq!(
        j["geo"][0]["longitude"],
        ((lon * 1e6).round() as i64).to_string()
    );
    assert_eq!(j["geo"][0]["accuracy"], "16");
    assert_eq!(photo_json(&w, FIRST + 1)["geo"], serde_json::json!([]));
    assert_eq!(j["license"], "All Rights Reserved");
    assert_eq!(photo_json(&w, FIRST + 1)["license"], "CC BY-NC-SA 2.0");
    assert_eq!(
        photo_json(&w, FIRST + 9)["license"],
        "Public Domain Dedication (CC0)"
    );
    assert_eq!(j["tags"][0]["tag"], "New York");
    assert_eq!(j["tags"][0]["user"], ALICE);
    assert_eq!(j["albums"], serde_json::json!([]));
    assert_eq!(j["privacy"], "public");
    assert_eq!(photo_json(&w, FIRST + 10)["privacy"], "friend & family");
    assert_eq!(photo_json(&w, FIRST + 11)["privacy"], "friend & family");
    assert_eq!(photo_json(&w, FIRST + 12)["privacy"], "private");
    assert_eq!(photo_json(&w, FIRST + 1)["safety"], "moderate");
    assert_eq!(photo_json(&w, FIRST + 1)["count_notes"], "1");
    // A video's `original` is a JPEG poster.
    assert!(photo_json(&w, FIRST + 9)["original"]
        .as_str()
        .unwrap()
        .ends_with("_o.jpg"));
    // Comments (the seed puts two on alice's first seeded photo), user as an NSID.
    let commented = fake
        .photos_of(ALICE)
        .into_iter()
        .find(|id| !fake.comments(*id).is_empty())
        .unwrap();
    let c = photo_json(&w, commented);
    assert_eq!(c["count_comments"], "2");
    assert_eq!(c["comments"].as_array().unwrap().len(), 2);
    for key in ["id", "date", "user", "comment", "url"] {
        assert!(c["comments"][0][key].is_string(), "{key}");
    }
    assert!(c["comments"][0]["user"].as_str().unwrap().contains("@N0"));

    let all = metadata(&w);
    let profile = &all["account_profile.json"].0;
    assert_eq!(profile["nsid"], ALICE);
    assert_eq!(profile["path_alias"], "alice");
    assert_eq!(profile["pro_user"], "yes");
    let faves = all["faves_part001.json"].0["faves"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(faves.len(), fake.favorites(ALICE).len());
    assert!(faves[0]["photo_url"]
        .as_str()
        .unwrap()
        .starts_with("https://www.flickr.com/photos/"));
    let contacts = all["contacts_part001.json"].0["contacts"]
        .as_object()
        .unwrap()
        .clone();
    assert_eq!(
        contacts["Bob Example"],
        "https://www.flickr.com/people/bob/"
    );
    assert_eq!(
        all["galleries.json"].0["galleries"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(all["groups.json"].0["groups"][0]["name"], "Loopback Pool");
}

#[tokio::test]
async fn albums_json_follows_the_photosets() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let w = fake
        .write_export(ALICE, dir.path(), &ExportSpec::default())
        .unwrap();
    let albums = metadata(&w)["albums.json"].0["albums"]
        .as_array()
        .unwrap()
        .clone();
    let sets: Vec<_> = fake.with_state(|s| {
        s.photosets
            .values()
            .filter(|s| s.owner == ALICE)
            .cloned()
            .collect()
    });
    assert_eq!(albums.len(), sets.len());
    for (a, s) in albums.iter().zip(&sets) {
        assert_eq!(a["id"], s.id.to_string());
        assert_eq!(a["title"], s.title);
        assert_eq!(a["photo_count"], s.photos.len().to_string());
        assert_eq!(a["created"], s.date_create.to_string());
        assert_eq!(a["last_updated"], s.date_update.to_string());
        assert_eq!(
            a["cover_photo"],
            format!("https://www.flickr.com/photos/alice/{}", s.primary)
        );
        let photos: Vec<String> = s.photos.iter().map(u64::to_string).collect();
        assert_eq!(a["photos"], serde_json::json!(photos));
    }
}

#[tokio::test]
async fn each_quirk_shows_in_the_zips() {
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let mut spec = ExportSpec::default();
    spec.per_zip = 20;
    spec.missing_media = vec![FIRST + 4];
    spec.without_metadata = vec![FIRST + 8];
    spec.duplicated = vec![FIRST + 13, FIRST + 20];
    spec.geo_as_object = true;
    spec.photo_albums_filled = true;
    spec.quirky_albums = true;
    spec.reuploaded = vec![FIRST + 14, FIRST + 5];
    spec.unknown_date = vec![FIRST + 15];
    let w = fake.write_export(ALICE, dir.path(), &spec).unwrap();
    let all = metadata(&w);
    let mut zips_of: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (k, z) in w.media_zips.iter().enumerate() {
        for (name, _) in members(z) {
            zips_of.entry(name).or_default().push(k);
        }
    }

    // Missing media: metadata, no file.
    assert!(all.contains_key(&format!("photo_{}.json", FIRST + 4)));
    assert!(!w.media.contains_key(&(FIRST + 4)));
    assert!(!zips_of.keys().any(|n| n.contains(&(FIRST + 4).to_string())));
    // Without metadata: a file, no JSON.
    assert!(!all.contains_key(&format!("photo_{}.json", FIRST + 8)));
    assert_eq!(zips_of[&w.media[&(FIRST + 8)]].len(), 1);
    // Duplicated: in two different zips.
    for id in [FIRST + 13, FIRST + 20] {
        let zips = &zips_of[&w.media[&id]];
        assert_eq!(zips.len(), 2, "{id}");
        assert_ne!(zips[0], zips[1]);
    }
    assert!(w.media_zips.iter().all(|z| members(z).len() <= 20));
    // Geo as an object.
    let geo = &all[&format!("photo_{FIRST}.json")].0["geo"];
    assert!(geo.is_object() && geo["latitude"].is_string(), "{geo}");
    // Per-photo albums filled.
    let albums = &all[&format!("photo_{FIRST}.json")].0["albums"];
    assert_eq!(
        albums[0]["id"],
        flickr_testkit::FIRST_ACCOUNT_ALBUM_ID.to_string()
    );
    assert_eq!(albums[0]["title"], "Album 1");
    assert!(albums[0]["url"].as_str().unwrap().contains("/albums/"));
    // Quirky albums: a "0" member and a catch-all list.
    let list = all["albums.json"].0["albums"].as_array().unwrap().clone();
    assert!(list[0]["photos"]
        .as_array()
        .unwrap()
        .contains(&Value::from("0")));
    let catch_all = list.last().unwrap();
    assert_eq!(catch_all["title"], "not in an album 1");
    assert!(catch_all["cover_photo"].as_str().unwrap().ends_with("/0"));
    assert!(!catch_all["photos"].as_array().unwrap().is_empty());
    // Re-uploaded names: the last id is the photo's.
    for id in [FIRST + 14, FIRST + 5] {
        let name = &w.media[&id];
        let stem = name.strip_suffix("_o.jpg").unwrap();
        let parts: Vec<&str> = stem.rsplitn(3, '_').collect();
        assert_eq!(parts[0], id.to_string(), "{name}");
        assert!(parts[1].len() == 11 && parts[1] != parts[0], "{name}");
    }
    // Unknown date taken.
    assert_eq!(
        all[&format!("photo_{}.json", FIRST + 15)].0["date_taken"],
        "0000-00-00 00:00:00"
    );
}
