//! Each quirk of `ExportSpec`, visible in the zips.

use super::*;

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
