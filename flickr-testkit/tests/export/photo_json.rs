//! Each photo's JSON and the account's files in the export's own shapes.

use super::*;

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
