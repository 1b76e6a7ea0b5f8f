//! Hiding a member, deleting an album and editing a photo show through the
//! API: the steps run once, in order ([`show_through`]), and each case
//! checks one recorded step.

use super::*;

/// Flickr's code of a call that must fail (`None` if it succeeded).
fn code<T, E>(r: Result<T, flickr_sdk::Error<E>>) -> Option<u32> {
    r.err().and_then(|e| e.api_code())
}

/// What hiding member 2, then deleting member 1's second album, then
/// editing member 1's fourth photo showed, recorded once on a
/// three-member server.
struct ShowThrough {
    gone_photos: Vec<u64>,
    pool_before: Vec<u64>,
    hid_member: bool,
    hid_unknown: bool,
    profile_code: Option<u32>,
    photostream_code: Option<u32>,
    search_code: Option<u32>,
    album_list_code: Option<u32>,
    album_code: Option<u32>,
    photos_left: Vec<u64>,
    album_left: Option<Vec<u64>>,
    pool_after: Vec<u64>,
    pool_listed: Vec<u64>,
    galleries_after: Vec<Option<Vec<u64>>>,
    deleted_once: bool,
    deleted_twice: bool,
    deleted_album_code: Option<u32>,
    albums_left: usize,
    edited: bool,
    update_before: i64,
    edited_listed: Option<Photo>,
}

fn show_through() -> &'static ShowThrough {
    static SHOWN: OnceLock<ShowThrough> = OnceLock::new();
    SHOWN.get_or_init(|| {
        Runtime::new()
            .expect("runtime")
            .block_on(record_show_through())
    })
}

async fn record_show_through() -> ShowThrough {
    let fake = members_fake(3).await;
    let client = key_client(&fake);
    let users = fake.users();
    let (gone, kept) = (users[1].clone(), users[0].clone());
    let gone_album = fake.albums_of(&gone)[0];
    let group = fake.groups()[0].clone();
    let pool_before = fake.pool_photos(&group);
    let gone_photos = fake.public_photos_of(&gone);

    let hid_member = fake.hide_user(&gone);
    let hid_unknown = fake.hide_user("99@N99");
    let people = client.people();
    let profile_code = code(people.get_info(gone.as_str()).send().await);
    let photostream_code = code(people.get_public_photos(gone.as_str()).send().await);
    let search_code = code(client.photos().search().user_id(gone.as_str()).send().await);
    let album_list = client.photosets().get_list().user_id(gone.as_str());
    let album_list_code = code(album_list.send().await);
    let album = client
        .photosets()
        .get_photos(gone_album.to_string(), kept.as_str());
    let album_code = code(album.send().await);
    let photos_left = fake.public_photos_of(&gone);
    let album_left = fake.photoset_photos(gone_album);
    let pool_after = fake.pool_photos(&group);
    let pool = client.groups().pools().get_photos(group.as_str());
    let pool_listed = ids(&pool.per_page(500).send().await.unwrap().photos);
    let galleries_after = fake
        .member_galleries()
        .into_iter()
        .map(|g| fake.gallery_photos(g))
        .collect();

    let album = fake.albums_of(&kept)[1];
    let deleted_once = fake.delete_photoset(album);
    let deleted_twice = fake.delete_photoset(album);
    let deleted = client
        .photosets()
        .get_photos(album.to_string(), kept.as_str());
    let deleted_album_code = code(deleted.send().await);
    let albums_left = fake.albums_of(&kept).len();

    let photo = fake.public_photos_of(&kept)[3];
    let update_before = fake.photo(photo).unwrap().last_update;
    let edited = fake.edit_photo(photo, "Edited");
    let page = client
        .people()
        .get_public_photos(kept.as_str())
        .extras([Extra::LastUpdate])
        .per_page(500)
        .send()
        .await
        .unwrap();
    let edited_listed = page
        .photos
        .into_iter()
        .find(|p| p.id.as_str() == photo.to_string());

    ShowThrough {
        gone_photos,
        pool_before,
        hid_member,
        hid_unknown,
        profile_code,
        photostream_code,
        search_code,
        album_list_code,
        album_code,
        photos_left,
        album_left,
        pool_after,
        pool_listed,
        galleries_after,
        deleted_once,
        deleted_twice,
        deleted_album_code,
        albums_left,
        edited,
        update_before,
        edited_listed,
    }
}

#[test]
fn the_member_to_hide_had_photos_in_a_pool() {
    let s = show_through();
    assert!(s.pool_before.iter().any(|id| s.gone_photos.contains(id)));
}

#[test]
fn hide_user_hides_a_member_but_not_an_unknown_id() {
    let s = show_through();
    assert!(s.hid_member);
    assert!(!s.hid_unknown);
}

#[test]
fn a_hidden_members_profile_answers_code_5() {
    assert_eq!(show_through().profile_code, Some(5));
}

#[test]
fn a_hidden_members_photostream_answers_code_1() {
    assert_eq!(show_through().photostream_code, Some(1));
}

#[test]
fn searching_a_hidden_members_photos_answers_code_2() {
    assert_eq!(show_through().search_code, Some(2));
}

#[test]
fn a_hidden_members_album_list_answers_code_1() {
    assert_eq!(show_through().album_list_code, Some(1));
}

#[test]
fn a_hidden_members_album_answers_code_1() {
    assert_eq!(show_through().album_code, Some(1));
}

#[test]
fn the_fake_keeps_no_photos_of_a_hidden_member() {
    assert!(show_through().photos_left.is_empty());
}

#[test]
fn the_fake_keeps_no_album_of_a_hidden_member() {
    assert_eq!(show_through().album_left, None);
}

#[test]
fn pools_drop_a_hidden_members_photos() {
    let s = show_through();
    assert!(s.pool_after.iter().all(|id| !s.gone_photos.contains(id)));
}

#[test]
fn the_pool_listed_after_hiding_is_the_fakes() {
    let s = show_through();
    assert_eq!(s.pool_listed, s.pool_after);
}

#[test]
fn galleries_drop_a_hidden_members_photos() {
    let s = show_through();
    for expected in s.galleries_after.iter().flatten() {
        assert!(expected.iter().all(|id| !s.gone_photos.contains(id)));
    }
}

#[test]
fn delete_photoset_deletes_an_album_once() {
    let s = show_through();
    assert!(s.deleted_once);
    assert!(!s.deleted_twice);
}

#[test]
fn a_deleted_album_answers_code_1() {
    assert_eq!(show_through().deleted_album_code, Some(1));
}

#[test]
fn the_member_keeps_one_album_after_a_deletion() {
    assert_eq!(show_through().albums_left, 1);
}

#[test]
fn an_edit_raises_last_update_in_the_photostream() {
    let s = show_through();
    let listed = s.edited_listed.as_ref().unwrap();
    assert!(listed.last_update.unwrap() > s.update_before);
}

#[test]
fn an_edit_shows_its_new_title_in_the_photostream() {
    let s = show_through();
    assert!(s.edited);
    let listed = s.edited_listed.as_ref().unwrap();
    assert_eq!(listed.title.as_deref(), Some("Edited"));
}

#[tokio::test]
async fn without_members_the_seed_is_unchanged() {
    let plain = FakeFlickr::builder().photos(30).start().await.unwrap();
    let none = FakeFlickr::builder()
        .photos(30)
        .users(0)
        .start()
        .await
        .unwrap();
    assert!(plain.users().is_empty() && plain.groups().is_empty());
    assert_eq!(plain.photo_count(), none.photo_count());
    // commons.getInstitutions still answers Flickr's documented example.
    let inst = key_client(&plain)
        .commons()
        .get_institutions()
        .send()
        .await
        .unwrap();
    assert!(!inst.institutions.is_empty());
    assert!(inst
        .institutions
        .iter()
        .all(|i| !i.nsid.as_str().ends_with("@N02") || !i.nsid.as_str().starts_with("3000000")));

    // The same number of members gives the same world.
    let (a, b) = (members_fake(2).await, members_fake(2).await);
    assert_eq!(a.users(), b.users());
    for id in a.public_photos_of(&a.users()[1]) {
        assert_eq!(a.photo(id), b.photo(id));
    }
    assert_eq!(a.group(&a.groups()[2]), b.group(&b.groups()[2]));
}

#[tokio::test]
async fn static_files_and_the_download_setting() {
    let fake = members_fake(3).await;
    let client = key_client(&fake);
    // Member 3 forbids downloads; members 1 and 2 allow them.
    for (nsid, allowed) in fake.users().iter().zip([true, true, false]) {
        let photos = fake.public_photos_of(nsid);
        let sizes = client
            .photos()
            .get_sizes(photos[0].to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(sizes.can_download, Some(allowed), "{nsid}");
        // A photo and a video: the static host serves real files for both.
        for id in [photos[0], photos[photos.len() - 10]] {
            let sizes = client
                .photos()
                .get_sizes(id.to_string())
                .send()
                .await
                .unwrap();
            let largest = sizes.sizes.last().unwrap().source.clone().unwrap();
            let body = reqwest::get(&largest).await.unwrap().bytes().await.unwrap();
            let jpeg = body.starts_with(&[0xFF, 0xD8]);
            let mp4 = body.get(4..8) == Some(b"ftyp".as_slice());
            assert!(
                jpeg || mp4 || body.starts_with(b"\x89PNG") || body.starts_with(b"GIF"),
                "{largest}"
            );
        }
    }
}
