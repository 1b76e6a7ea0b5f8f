//! The account export (`FakeFlickr::write_export`): Flickr's zip names and
//! member names, `per_zip` media to a zip, the metadata in the export's own
//! shapes spread over its parts, the media bytes the static host serves for
//! the originals, and each quirk of `ExportSpec` visible in the zips.
//!
//! Each export is written once to a temporary directory and read back into
//! memory ([`Export`]); the cases that check one export share it.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use flickr_testkit::{AccountSpec, ExportSpec, FakeFlickr, ALICE};
use serde_json::Value;
use tokio::runtime::Runtime;

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

/// One zip of an export: its file name and its members.
struct Zip {
    name: String,
    members: Vec<(String, Vec<u8>)>,
}

/// An export read back into memory (a `WrittenExport` with its zips' contents).
struct Export {
    metadata_zips: Vec<Zip>,
    media_zips: Vec<Zip>,
    media: BTreeMap<u64, String>,
    photos: usize,
}

/// Writes alice's export with `spec` to a temporary directory and reads it back.
fn export(fake: &FakeFlickr, spec: &ExportSpec) -> Export {
    let dir = flickr_testkit::fixture_tempdir();
    let w = fake.write_export(ALICE, dir.path(), spec).unwrap();
    let read = |paths: &[std::path::PathBuf]| {
        paths
            .iter()
            .map(|p| Zip {
                name: p.file_name().unwrap().to_string_lossy().into_owned(),
                members: members(p),
            })
            .collect()
    };
    Export {
        metadata_zips: read(&w.metadata_zips),
        media_zips: read(&w.media_zips),
        media: w.media,
        photos: w.photos,
    }
}

/// Every metadata JSON file, by name, with the number of parts it is in.
fn metadata(w: &Export) -> BTreeMap<String, (Value, usize)> {
    let mut all: BTreeMap<String, (Value, usize)> = BTreeMap::new();
    for zip in &w.metadata_zips {
        for (name, bytes) in &zip.members {
            let value: Value = serde_json::from_slice(bytes).unwrap();
            all.entry(name.clone()).or_insert((value, 0)).1 += 1;
        }
    }
    all
}

fn photo_json(w: &Export, id: u64) -> Value {
    metadata(w).remove(&format!("photo_{id}.json")).unwrap().0
}

/// A server and an export of it, made once for the cases that read them.
struct Exported {
    /// Serves `fake` for as long as the tests run.
    _runtime: Runtime,
    fake: FakeFlickr,
    w: Export,
    /// Every metadata JSON file of `w`.
    all: BTreeMap<String, (Value, usize)>,
}

impl Exported {
    /// Starts an account server, lets `prepare` change it, then exports.
    fn new(prepare: impl FnOnce(&FakeFlickr), spec: ExportSpec) -> Exported {
        let runtime = Runtime::new().expect("runtime");
        let fake = runtime.block_on(fake());
        prepare(&fake);
        let w = export(&fake, &spec);
        let all = metadata(&w);
        Exported {
            _runtime: runtime,
            fake,
            w,
            all,
        }
    }

    fn photo(&self, id: u64) -> &Value {
        &self.all[&format!("photo_{id}.json")].0
    }
}

/// Alice's export in 7-media zips and three metadata parts.
fn in_parts() -> &'static Exported {
    static IN_PARTS: OnceLock<Exported> = OnceLock::new();
    IN_PARTS.get_or_init(|| {
        let mut spec = ExportSpec::default();
        spec.per_zip = 7;
        spec.metadata_parts = 3;
        Exported::new(|_| {}, spec)
    })
}

#[test]
fn the_export_counts_every_photo() {
    let e = in_parts();
    assert_eq!(e.w.photos, e.fake.photos_of(ALICE).len());
}

#[test]
fn the_metadata_comes_in_three_parts() {
    assert_eq!(in_parts().w.metadata_zips.len(), 3);
}

/// `ID_TOKEN`, the metadata parts' common prefix.
fn metadata_prefix(w: &Export) -> &str {
    w.metadata_zips[0].name.strip_suffix("_part1.zip").unwrap()
}

#[test]
fn metadata_parts_share_an_album_like_id_and_a_12_character_token() {
    let w = &in_parts().w;
    let first = &w.metadata_zips[0].name;
    let (id, token) = metadata_prefix(w).split_once('_').unwrap();
    assert!(id.len() == 17 && id.starts_with("72157"), "{first}");
    assert!(
        token.len() == 12
            && token
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    );
}

#[test]
fn metadata_parts_are_numbered_from_1() {
    let w = &in_parts().w;
    let prefix = metadata_prefix(w);
    for (k, z) in w.metadata_zips.iter().enumerate() {
        assert_eq!(z.name, format!("{prefix}_part{}.zip", k + 1));
    }
}

#[test]
fn every_photos_json_is_in_exactly_one_part() {
    let e = in_parts();
    for id in &e.fake.photos_of(ALICE) {
        assert_eq!(e.all[&format!("photo_{id}.json")].1, 1, "{id}");
    }
}

#[test]
fn every_metadata_part_holds_some_photos_json() {
    for z in &in_parts().w.metadata_zips {
        assert!(z.members.iter().any(|(n, _)| n.starts_with("photo_")));
    }
}

#[test]
fn part_1_holds_the_account_wide_files() {
    let part1: Vec<&String> = in_parts().w.metadata_zips[0]
        .members
        .iter()
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
        assert!(part1.iter().any(|n| *n == f), "{f} in part 1");
    }
}

#[test]
fn media_fill_one_zip_per_7_photos() {
    let e = in_parts();
    assert_eq!(
        e.w.media_zips.len(),
        e.fake.photos_of(ALICE).len().div_ceil(7)
    );
}

#[test]
fn media_zips_are_named_data_download_from_1() {
    for (k, z) in in_parts().w.media_zips.iter().enumerate() {
        assert_eq!(z.name, format!("data-download-{}.zip", k + 1));
    }
}

#[test]
fn each_media_zip_holds_1_to_7_files() {
    for z in &in_parts().w.media_zips {
        let m = &z.members;
        assert!(m.len() <= 7 && !m.is_empty());
    }
}

#[test]
fn media_zips_are_flat() {
    for z in &in_parts().w.media_zips {
        for (name, _) in &z.members {
            assert!(!name.contains('/'), "{name}");
        }
    }
}

#[test]
fn media_are_in_upload_order() {
    let e = in_parts();
    let order: Vec<&String> =
        e.w.media_zips
            .iter()
            .flat_map(|z| z.members.iter().map(|(n, _)| n))
            .collect();
    let ids = e.fake.photos_of(ALICE);
    let expected: Vec<&String> = ids.iter().map(|id| &e.w.media[id]).collect();
    assert_eq!(order, expected);
}

#[test]
fn a_japanese_title_names_the_file_as_it_is() {
    assert_eq!(
        in_parts().w.media[&(FIRST + 2)],
        format!("東京タワー_{}_o.gif", FIRST + 2)
    );
}

#[test]
fn an_accented_title_is_lowercased_and_dashed_keeping_its_accents() {
    assert_eq!(
        in_parts().w.media[&(FIRST + 3)],
        format!("été-à-kyōto_{}_o.jpg", FIRST + 3)
    );
}

#[test]
fn an_html_entity_in_a_title_is_spelled_out() {
    assert_eq!(
        in_parts().w.media[&(FIRST + 6)],
        format!("fish-amp-chips_{}_o.jpg", FIRST + 6)
    );
}

#[test]
fn a_plain_title_names_a_png_original() {
    assert_eq!(
        in_parts().w.media[&(FIRST + 1)],
        format!("picture-1_{}_o.png", FIRST + 1)
    );
}

#[test]
fn an_untitled_photo_is_named_by_its_id_and_original_secret() {
    let e = in_parts();
    let untitled = e.fake.photo(FIRST + 5).unwrap();
    assert!(untitled.title.is_empty());
    assert_eq!(
        e.w.media[&untitled.id],
        format!("{}_{}_o.jpg", untitled.id, untitled.original_secret)
    );
}

#[test]
fn a_titled_video_is_named_by_its_title_and_id() {
    let e = in_parts();
    assert_eq!(e.fake.photo(FIRST + 9).unwrap().media, "video");
    assert_eq!(e.w.media[&(FIRST + 9)], format!("clip-9_{}.mp4", FIRST + 9));
}

#[test]
fn an_untitled_video_is_named_by_its_id() {
    let e = in_parts();
    let p = e.fake.photo(FIRST + 19).unwrap();
    assert!(p.title.is_empty() && p.media == "video");
    assert_eq!(e.w.media[&(FIRST + 19)], format!("{}.mp4", FIRST + 19));
}

#[tokio::test]
async fn media_are_the_originals_the_static_host_serves_even_for_free_accounts() {
    let fake = fake().await;
    let w = export(&fake, &ExportSpec::default());
    let all = metadata(&w);
    let mut bytes_of = BTreeMap::new();
    for z in &w.media_zips {
        for (name, bytes) in z.members.iter().cloned() {
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
    let w2 = export(&fake, &ExportSpec::default());
    let original = photo_json(&w2, FIRST)["original"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(fake.static_file(&original).is_none());
    for (a, b) in w.media_zips.iter().zip(&w2.media_zips) {
        assert_eq!(a.members, b.members);
    }
}

/// Alice's export after making her 11th photo friends-only, her 12th
/// family-only and her 13th private.
fn shaped() -> &'static Exported {
    static SHAPED: OnceLock<Exported> = OnceLock::new();
    SHAPED.get_or_init(|| {
        let prepare = |fake: &FakeFlickr| {
            fake.with_state(|s| {
                let p = s.photos.get_mut(&(FIRST + 10)).unwrap();
                (p.is_public, p.is_friend, p.is_family) = (false, true, false);
                let p = s.photos.get_mut(&(FIRST + 11)).unwrap();
                (p.is_public, p.is_friend, p.is_family) = (false, false, true);
                let p = s.photos.get_mut(&(FIRST + 12)).unwrap();
                (p.is_public, p.is_friend, p.is_family) = (false, false, false);
            })
        };
        Exported::new(prepare, ExportSpec::default())
    })
}

#[test]
fn photo_json_gives_the_id_as_a_string() {
    assert_eq!(shaped().photo(FIRST)["id"], FIRST.to_string());
}

#[test]
fn photo_json_names_the_photo_by_its_title() {
    let e = shaped();
    assert_eq!(e.photo(FIRST)["name"], e.fake.photo(FIRST).unwrap().title);
}

#[test]
fn photo_json_keeps_the_descriptions_html() {
    let j = shaped().photo(FIRST);
    assert!(j["description"].as_str().unwrap().contains("<a href="));
}

#[test]
fn photo_json_gives_counts_as_strings() {
    let j = shaped().photo(FIRST);
    for key in [
        "count_views",
        "count_faves",
        "count_comments",
        "count_tags",
        "count_notes",
    ] {
        assert!(j[key].is_string(), "{key}: {}", j[key]);
    }
}

#[test]
fn photo_json_counts_the_three_tags() {
    assert_eq!(shaped().photo(FIRST)["count_tags"], "3");
}

#[test]
fn photo_json_gives_rotation_as_a_number() {
    assert_eq!(shaped().photo(FIRST)["rotation"], 0);
}

#[test]
fn photo_json_gives_the_photos_date_taken() {
    let e = shaped();
    assert_eq!(
        e.photo(FIRST)["date_taken"],
        e.fake.photo(FIRST).unwrap().date_taken
    );
}

#[test]
fn photo_json_gives_date_imported_as_a_19_character_date() {
    let j = shaped().photo(FIRST);
    assert_eq!(j["date_imported"].as_str().unwrap().len(), 19);
}

#[test]
fn photo_json_links_the_photos_flickr_page() {
    assert_eq!(
        shaped().photo(FIRST)["photopage"],
        format!("https://www.flickr.com/photos/alice/{FIRST}/")
    );
}

#[test]
fn photo_json_links_the_original_by_its_secret() {
    let e = shaped();
    let p = e.fake.photo(FIRST).unwrap();
    assert!(e.photo(FIRST)["original"]
        .as_str()
        .unwrap()
        .ends_with(&format!("{FIRST}_{}_o.jpg", p.original_secret)));
}

#[test]
fn geo_is_a_list_with_millionths_of_a_degree_as_strings() {
    // i = 0 is geotagged.
    let e = shaped();
    let (lat, lon, _) = e.fake.photo(FIRST).unwrap().geo.unwrap();
    let j = e.photo(FIRST);
    assert_eq!(
        j["geo"][0]["latitude"],
        ((lat * 1e6).round() as i64).to_string()
    );
    assert_eq!(
        j["geo"][0]["longitude"],
        ((lon * 1e6).round() as i64).to_string()
    );
}

#[test]
fn geo_gives_the_accuracy_as_a_string() {
    assert_eq!(shaped().photo(FIRST)["geo"][0]["accuracy"], "16");
}

#[test]
fn a_photo_without_geo_has_an_empty_geo_list() {
    assert_eq!(shaped().photo(FIRST + 1)["geo"], serde_json::json!([]));
}

#[test]
fn licenses_are_spelled_out() {
    let e = shaped();
    assert_eq!(e.photo(FIRST)["license"], "All Rights Reserved");
    assert_eq!(e.photo(FIRST + 1)["license"], "CC BY-NC-SA 2.0");
    assert_eq!(
        e.photo(FIRST + 9)["license"],
        "Public Domain Dedication (CC0)"
    );
}

#[test]
fn tags_give_the_raw_tag_and_its_author() {
    let j = shaped().photo(FIRST);
    assert_eq!(j["tags"][0]["tag"], "New York");
    assert_eq!(j["tags"][0]["user"], ALICE);
}

#[test]
fn photo_json_lists_no_albums_by_default() {
    assert_eq!(shaped().photo(FIRST)["albums"], serde_json::json!([]));
}

#[test]
fn a_public_photo_is_public() {
    assert_eq!(shaped().photo(FIRST)["privacy"], "public");
}

#[test]
fn friends_only_and_family_only_are_both_friend_and_family() {
    let e = shaped();
    assert_eq!(e.photo(FIRST + 10)["privacy"], "friend & family");
    assert_eq!(e.photo(FIRST + 11)["privacy"], "friend & family");
}

#[test]
fn a_private_photo_is_private() {
    assert_eq!(shaped().photo(FIRST + 12)["privacy"], "private");
}

#[test]
fn the_safety_level_is_spelled_out() {
    assert_eq!(shaped().photo(FIRST + 1)["safety"], "moderate");
}

#[test]
fn photo_json_counts_the_note() {
    assert_eq!(shaped().photo(FIRST + 1)["count_notes"], "1");
}

#[test]
fn a_videos_original_is_a_jpeg_poster() {
    assert!(shaped().photo(FIRST + 9)["original"]
        .as_str()
        .unwrap()
        .ends_with("_o.jpg"));
}

/// The JSON of alice's commented photo (the seed puts two comments on her
/// first seeded photo).
fn commented(e: &Exported) -> &Value {
    let id = e
        .fake
        .photos_of(ALICE)
        .into_iter()
        .find(|id| !e.fake.comments(*id).is_empty())
        .unwrap();
    e.photo(id)
}

#[test]
fn a_commented_photo_lists_and_counts_its_two_comments() {
    let c = commented(shaped());
    assert_eq!(c["count_comments"], "2");
    assert_eq!(c["comments"].as_array().unwrap().len(), 2);
}

#[test]
fn comment_fields_are_strings() {
    let c = commented(shaped());
    for key in ["id", "date", "user", "comment", "url"] {
        assert!(c["comments"][0][key].is_string(), "{key}");
    }
}

#[test]
fn a_comments_user_is_an_nsid() {
    let c = commented(shaped());
    assert!(c["comments"][0]["user"].as_str().unwrap().contains("@N0"));
}

#[test]
fn the_profile_gives_alices_nsid_alias_and_pro_status() {
    let profile = &shaped().all["account_profile.json"].0;
    assert_eq!(profile["nsid"], ALICE);
    assert_eq!(profile["path_alias"], "alice");
    assert_eq!(profile["pro_user"], "yes");
}

#[test]
fn faves_list_every_favorite() {
    let e = shaped();
    let faves = e.all["faves_part001.json"].0["faves"].as_array().unwrap();
    assert_eq!(faves.len(), e.fake.favorites(ALICE).len());
}

#[test]
fn faves_link_to_flickr_photo_pages() {
    let faves = shaped().all["faves_part001.json"].0["faves"]
        .as_array()
        .unwrap();
    assert!(faves[0]["photo_url"]
        .as_str()
        .unwrap()
        .starts_with("https://www.flickr.com/photos/"));
}

#[test]
fn contacts_map_names_to_profile_urls() {
    let contacts = shaped().all["contacts_part001.json"].0["contacts"]
        .as_object()
        .unwrap();
    assert_eq!(
        contacts["Bob Example"],
        "https://www.flickr.com/people/bob/"
    );
}

#[test]
fn galleries_json_lists_the_two_galleries() {
    assert_eq!(
        shaped().all["galleries.json"].0["galleries"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn groups_json_names_the_pool() {
    assert_eq!(
        shaped().all["groups.json"].0["groups"][0]["name"],
        "Loopback Pool"
    );
}

#[tokio::test]
async fn albums_json_follows_the_photosets() {
    let fake = fake().await;
    let w = export(&fake, &ExportSpec::default());
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

/// Alice's export with every quirk of `ExportSpec`, 20 media to a zip.
fn quirky() -> &'static Exported {
    static QUIRKY: OnceLock<Exported> = OnceLock::new();
    QUIRKY.get_or_init(|| {
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
        Exported::new(|_| {}, spec)
    })
}

/// The media zips (by index) each media member is in.
fn zips_of(w: &Export) -> BTreeMap<&str, Vec<usize>> {
    let mut zips_of: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, z) in w.media_zips.iter().enumerate() {
        for (name, _) in &z.members {
            zips_of.entry(name).or_default().push(k);
        }
    }
    zips_of
}

#[test]
fn a_photo_with_missing_media_keeps_its_json() {
    assert!(quirky()
        .all
        .contains_key(&format!("photo_{}.json", FIRST + 4)));
}

#[test]
fn a_photo_with_missing_media_has_no_file() {
    let w = &quirky().w;
    assert!(!w.media.contains_key(&(FIRST + 4)));
    assert!(!zips_of(w)
        .keys()
        .any(|n| n.contains(&(FIRST + 4).to_string())));
}

#[test]
fn a_photo_without_metadata_has_one_file_but_no_json() {
    let e = quirky();
    assert!(!e.all.contains_key(&format!("photo_{}.json", FIRST + 8)));
    assert_eq!(zips_of(&e.w)[e.w.media[&(FIRST + 8)].as_str()].len(), 1);
}

#[test]
fn a_duplicated_file_is_in_two_different_zips() {
    let w = &quirky().w;
    let zips_of = zips_of(w);
    for id in [FIRST + 13, FIRST + 20] {
        let zips = &zips_of[w.media[&id].as_str()];
        assert_eq!(zips.len(), 2, "{id}");
        assert_ne!(zips[0], zips[1]);
    }
}

#[test]
fn duplicates_keep_each_zip_within_per_zip() {
    assert!(quirky().w.media_zips.iter().all(|z| z.members.len() <= 20));
}

#[test]
fn geo_can_be_an_object() {
    let geo = &quirky().photo(FIRST)["geo"];
    assert!(geo.is_object() && geo["latitude"].is_string(), "{geo}");
}

#[test]
fn photo_json_can_list_its_albums() {
    let albums = &quirky().photo(FIRST)["albums"];
    assert_eq!(
        albums[0]["id"],
        flickr_testkit::FIRST_ACCOUNT_ALBUM_ID.to_string()
    );
    assert_eq!(albums[0]["title"], "Album 1");
    assert!(albums[0]["url"].as_str().unwrap().contains("/albums/"));
}

fn quirky_albums() -> &'static Vec<Value> {
    quirky().all["albums.json"].0["albums"].as_array().unwrap()
}

#[test]
fn a_quirky_album_lists_a_0_member() {
    assert!(quirky_albums()[0]["photos"]
        .as_array()
        .unwrap()
        .contains(&Value::from("0")));
}

#[test]
fn a_catch_all_album_lists_photos_in_no_album() {
    let catch_all = quirky_albums().last().unwrap();
    assert_eq!(catch_all["title"], "not in an album 1");
    assert!(catch_all["cover_photo"].as_str().unwrap().ends_with("/0"));
    assert!(!catch_all["photos"].as_array().unwrap().is_empty());
}

#[test]
fn a_reuploaded_files_name_ends_in_the_photos_id() {
    let w = &quirky().w;
    for id in [FIRST + 14, FIRST + 5] {
        let name = &w.media[&id];
        let stem = name.strip_suffix("_o.jpg").unwrap();
        let parts: Vec<&str> = stem.rsplitn(3, '_').collect();
        assert_eq!(parts[0], id.to_string(), "{name}");
        assert!(parts[1].len() == 11 && parts[1] != parts[0], "{name}");
    }
}

#[test]
fn an_unknown_date_taken_is_all_zeros() {
    assert_eq!(
        quirky().photo(FIRST + 15)["date_taken"],
        "0000-00-00 00:00:00"
    );
}
