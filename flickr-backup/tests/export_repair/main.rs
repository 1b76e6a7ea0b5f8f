//! Flickr's export of an account the loopback Flickr serves, read through
//! the library: offline ([`flickr_backup::Backup::from_export`]) it gives
//! the same files as the API backup of the same account; with a client and
//! [`flickr_backup::Options::from_export`] it is repaired: only the
//! originals the export lacks are downloaded (the static host's request log
//! says so), the API's newer titles win, the export's own data stays, and
//! a later plain run continues from there fetching nothing.

#[path = "../common/mod.rs"]
mod common;
mod fixture;

use std::collections::BTreeSet;

use fixture::{
    albums, later, media, media_ids, offline, repaired, sidecar, via_api, world, EDITED,
    EDITED_TITLE,
};

#[test]
fn offline_makes_no_call_and_names_what_the_export_lacks() {
    let w = world();
    let r = &offline().report;
    assert_eq!(r.total_calls(), 0, "{r:?}");
    let e = r
        .export
        .as_ref()
        .expect("an export run reports on its export");
    let reported: BTreeSet<String> = e.missing_media.iter().cloned().collect();
    assert_eq!(reported, w.missing);
    assert!(
        e.problems
            .iter()
            .any(|p| p.member.as_deref() == Some(w.member.as_str())),
        "the damaged member by name: {:?}",
        e.problems
    );
    assert_eq!(e.duplicates.len(), 2, "{:?}", e.duplicates);
}

#[test]
fn offline_equals_the_api_backup_but_for_what_the_export_lacks() {
    let (w, x, a) = (world(), &offline().tree, &via_api().tree);
    let mut want = media(a);
    want.retain(|k, _| !w.missing.iter().any(|m| k.contains(&format!("/{m}."))));
    want.retain(|k, _| !k.contains(&format!("/{}.", w.corrupt)));
    assert_eq!(
        media(x),
        want,
        "the export's files are the API backup's, byte for byte"
    );
    for id in &w.missing {
        let s = sidecar(x, id);
        assert!(s["file"].is_null(), "{id} has its sidecar, without a file");
    }
}

#[test]
fn offline_albums_are_the_apis_in_its_order() {
    let (x, a) = (&offline().tree, &via_api().tree);
    assert!(!albums(a).is_empty());
    assert_eq!(albums(x), albums(a), "albums.json's order is the API's");
}

#[test]
fn offline_titles_dates_tags_and_places_are_the_apis() {
    let (x, a) = (&offline().tree, &via_api().tree);
    let mut geotagged = 0;
    for id in media_ids(x, "") {
        let (from_x, from_a) = (sidecar(x, &id), sidecar(a, &id));
        for key in ["title", "datetaken", "tags", "media"] {
            assert_eq!(from_x["flickr"][key], from_a["flickr"][key], "{id} {key}");
        }
        let lat = from_a["flickr"]["latitude"].as_f64().unwrap_or(0.0);
        if lat != 0.0 {
            geotagged += 1;
            for key in ["latitude", "longitude"] {
                let (ex, api) = (
                    from_x["flickr"][key].as_f64().unwrap(),
                    from_a["flickr"][key].as_f64().unwrap(),
                );
                assert!(
                    (ex - api).abs() < 1e-6,
                    "{id} {key}: {ex} from the export, {api} from the API"
                );
            }
        }
    }
    assert!(geotagged > 0);
}

#[test]
fn a_key_downloads_only_what_the_export_lacks() {
    let (w, r) = (world(), repaired());
    // Favorites' and galleries' photos by other members are not in the
    // member's export: those and the missing ones are all that is fetched.
    let others = media_ids(&via_api().tree, "others/");
    assert!(!others.is_empty());
    let mut want: BTreeSet<String> = w.missing.union(&others).cloned().collect();
    // The damaged member is downloaded instead.
    want.insert(w.corrupt.to_string());
    assert_eq!(r.fetched, want, "only what the export lacks");
    assert_eq!(r.report.files_fetched, want.len() as u64);
    let e = r.report.export.as_ref().expect("the export's report");
    assert!(e.files_copied > 40, "{e:?}");
}

#[test]
fn the_repaired_mirror_has_the_api_backups_files() {
    let (t, a) = (&repaired().tree, &via_api().tree);
    assert_eq!(
        media_ids(t, ""),
        media_ids(a, ""),
        "every file, as the API backup has them"
    );
    // The edit moved nothing: the same bytes at the same paths.
    assert_eq!(media(t), media(a));
}

#[test]
fn the_apis_newer_titles_win() {
    let s = sidecar(&repaired().tree, &EDITED.to_string());
    assert_eq!(s["flickr"]["title"], EDITED_TITLE, "the API's title wins");
}

#[test]
fn the_exports_own_data_stays() {
    let t = &repaired().tree;
    let s = sidecar(t, &EDITED.to_string());
    assert!(s["export"].is_object(), "the export's record is kept");
    assert!(t.contains_key("export/account_profile.json"));
}

#[test]
fn a_later_plain_run_fetches_nothing_and_verify_agrees() {
    let l = later();
    assert_eq!(l.report.files_fetched, 0, "{:?}", l.report);
    assert!(l.fetched.is_empty(), "{:?}", l.fetched);
    assert!(l.verify.is_clean(), "{:?}", l.verify);
}
