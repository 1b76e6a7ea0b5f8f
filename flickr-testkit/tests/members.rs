//! Public members for archive tests (`Builder::users`): the lists an
//! archiver walks answer in Flickr's shapes (decoded by flickr-sdk's
//! generated types) and agree with the accessors that name the expected
//! sets; unknown ids get Flickr's codes; hiding a member, deleting an album
//! and editing a photo show through the API.
//!
//! The read-only cases share one four-member server ([`world`]); hiding,
//! deleting and editing run once, in order, on their own server
//! ([`show_through`]) and each case checks one recorded step.

mod common;

use std::collections::BTreeSet;
use std::future::Future;
use std::sync::OnceLock;

use common::key_client;
use flickr_sdk::types::{Extra, Photo};
use flickr_testkit::{FakeFlickr, MEMBER_PHOTOS};
use tokio::runtime::Runtime;

async fn members_fake(n: usize) -> FakeFlickr {
    FakeFlickr::builder()
        .photos(30)
        .users(n)
        .start()
        .await
        .expect("start fake server")
}

fn ids(photos: &[Photo]) -> Vec<u64> {
    photos
        .iter()
        .map(|p| p.id.as_str().parse().unwrap())
        .collect()
}

/// Four members, three groups; no case changes this server.
struct World {
    runtime: Runtime,
    fake: FakeFlickr,
    client: flickr_sdk::Client,
}

impl World {
    fn run<F: Future>(&self, f: F) -> F::Output {
        self.runtime.block_on(f)
    }

    /// A member's whole photostream in one page of 500, newest first,
    /// with extras: the total and the photos.
    async fn photostream(&self, nsid: &str) -> (i64, Vec<Photo>) {
        let page = self
            .client
            .people()
            .get_public_photos(nsid)
            .extras([
                Extra::DateUpload,
                Extra::LastUpdate,
                Extra::License,
                Extra::Media,
                Extra::UrlO,
            ])
            .per_page(500)
            .send()
            .await
            .unwrap();
        (page.total, page.photos)
    }

    /// The album ids `photosets.getList` gives for a member.
    async fn album_list(&self, nsid: &str) -> Vec<u64> {
        let albums = self
            .client
            .photosets()
            .get_list()
            .user_id(nsid)
            .send()
            .await
            .unwrap();
        albums
            .photosets
            .iter()
            .map(|s| s.id.as_str().parse().unwrap())
            .collect()
    }

    /// A gallery's photos with their owners.
    async fn gallery(&self, gallery: u64) -> Vec<Photo> {
        let page = self
            .client
            .galleries()
            .get_photos(gallery.to_string())
            .extras([Extra::OwnerName])
            .send()
            .await
            .unwrap();
        page.photos.photos
    }

    /// A group's pool, walked in pages of 25.
    async fn pool(&self, group: &str) -> Vec<Photo> {
        let mut listed = Vec::new();
        for page in 1.. {
            let p = self
                .client
                .groups()
                .pools()
                .get_photos(group)
                .extras([Extra::DateUpload])
                .per_page(25)
                .page(page)
                .send()
                .await
                .unwrap();
            listed.extend(p.photos);
            if page >= p.pages {
                break;
            }
        }
        listed
    }
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let runtime = Runtime::new().expect("runtime");
        let (fake, client) = runtime.block_on(async {
            let fake = members_fake(4).await;
            let client = key_client(&fake);
            (fake, client)
        });
        World {
            runtime,
            fake,
            client,
        }
    })
}

#[test]
fn four_members_bring_three_groups_eight_albums_and_four_galleries() {
    let fake = &world().fake;
    assert_eq!(fake.users().len(), 4);
    assert_eq!(fake.groups().len(), 3);
    assert_eq!(fake.member_albums().len(), 8);
    assert_eq!(fake.member_galleries().len(), 4);
}

#[test]
fn the_first_two_members_are_the_commons_institutions() {
    let w = world();
    let users = w.fake.users();
    let inst = w.run(w.client.commons().get_institutions().send()).unwrap();
    let nsids: Vec<&str> = inst.institutions.iter().map(|i| i.nsid.as_str()).collect();
    assert_eq!(
        nsids,
        users[..2].iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert_eq!(w.fake.institutions(), users[..2].to_vec());
}

#[test]
fn each_members_path_alias_looks_up_their_nsid() {
    let w = world();
    for nsid in &w.fake.users() {
        let found = w.run(async {
            let person = w
                .client
                .people()
                .get_info(nsid.as_str())
                .send()
                .await
                .unwrap();
            let alias = person.path_alias.clone().expect("path alias");
            w.client
                .urls()
                .lookup_user(format!("https://www.flickr.com/photos/{alias}/"))
                .send()
                .await
                .unwrap()
        });
        assert_eq!(found.id.as_ref().map(|i| i.as_str()), Some(nsid.as_str()));
    }
}

#[test]
fn each_photostream_is_one_page_of_every_public_photo_newest_first() {
    let w = world();
    for nsid in &w.fake.users() {
        let (total, photos) = w.run(w.photostream(nsid));
        assert_eq!(total, MEMBER_PHOTOS as i64);
        assert_eq!(ids(&photos), w.fake.public_photos_of(nsid));
    }
}

#[test]
fn every_tenth_member_photo_is_a_video() {
    let w = world();
    for nsid in &w.fake.users() {
        let (_, photos) = w.run(w.photostream(nsid));
        let videos = photos
            .iter()
            .filter(|p| format!("{:?}", p.media).contains("Video"))
            .count();
        assert_eq!(videos, MEMBER_PHOTOS / 10, "every 10th a video");
    }
}

#[test]
fn each_members_uploads_span_at_least_four_years() {
    let w = world();
    for nsid in &w.fake.users() {
        let (_, photos) = w.run(w.photostream(nsid));
        let uploads: Vec<i64> = photos.iter().map(|p| p.date_upload.unwrap()).collect();
        let years = (uploads[0] - uploads[uploads.len() - 1]) / 31_536_000;
        assert!(years >= 4, "uploads over {years} years");
    }
}

#[test]
fn each_photostream_uses_all_eleven_licences() {
    let w = world();
    for nsid in &w.fake.users() {
        let (_, photos) = w.run(w.photostream(nsid));
        let licenses: BTreeSet<String> =
            photos.iter().map(|p| format!("{:?}", p.license)).collect();
        assert_eq!(licenses.len(), 11, "licences 0 to 10");
    }
}

#[test]
fn no_member_photo_was_updated_before_its_upload() {
    let w = world();
    for nsid in &w.fake.users() {
        let (_, photos) = w.run(w.photostream(nsid));
        assert!(photos
            .iter()
            .all(|p| p.last_update.unwrap() >= p.date_upload.unwrap()));
    }
}

#[test]
fn search_pages_a_members_photos_from_an_upload_date() {
    let w = world();
    for nsid in &w.fake.users() {
        let newer = w.run(async {
            let (_, photos) = w.photostream(nsid).await;
            let mid = photos[50].date_upload.unwrap();
            w.client
                .photos()
                .search()
                .user_id(nsid.as_str())
                .min_upload_date(mid)
                .per_page(20)
                .page(2)
                .send()
                .await
                .unwrap()
        });
        assert_eq!(newer.total, 51);
        assert_eq!(
            ids(&newer.photos),
            w.fake.public_photos_of(nsid)[20..40].to_vec()
        );
    }
}

#[test]
fn each_member_lists_their_two_albums() {
    let w = world();
    for nsid in &w.fake.users() {
        let album_ids = w.run(w.album_list(nsid));
        assert_eq!(album_ids, w.fake.albums_of(nsid));
        assert_eq!(album_ids.len(), 2);
    }
}

#[test]
fn each_members_albums_list_their_photos() {
    let w = world();
    for nsid in &w.fake.users() {
        for album in w.run(w.album_list(nsid)) {
            let set = w
                .run(
                    w.client
                        .photosets()
                        .get_photos(album.to_string(), nsid.as_str())
                        .extras([Extra::LastUpdate, Extra::UrlO])
                        .send(),
                )
                .unwrap();
            assert_eq!(ids(&set.photos), w.fake.photoset_photos(album).unwrap());
        }
    }
}

#[test]
fn each_member_lists_one_gallery() {
    let w = world();
    for nsid in &w.fake.users() {
        let galleries = w
            .run(
                w.client
                    .galleries()
                    .get_list("0")
                    .user_id(nsid.as_str())
                    .send(),
            )
            .unwrap();
        assert_eq!(galleries.galleries.len(), 1);
    }
}

#[test]
fn each_gallery_lists_its_photos() {
    let w = world();
    for gallery in w.fake.member_galleries() {
        let listed = ids(&w.run(w.gallery(gallery)));
        assert_eq!(listed, w.fake.gallery_photos(gallery).unwrap());
        assert!(!listed.is_empty());
    }
}

#[test]
fn no_gallery_shows_its_curators_own_photos() {
    let w = world();
    for gallery in w.fake.member_galleries() {
        let photos = w.run(w.gallery(gallery));
        let curator = w.fake.galleries()[&gallery].owner.clone();
        assert!(photos
            .iter()
            .all(|p| p.owner.as_ref().unwrap().as_str() != curator));
    }
}

#[test]
fn each_group_answers_get_info_with_its_id_and_a_name() {
    let w = world();
    for group in w.fake.groups() {
        let info = w
            .run(w.client.groups().get_info(group.as_str()).send())
            .unwrap();
        assert_eq!(info.id.as_ref().map(|g| g.as_str()), Some(group.as_str()));
        assert!(info.name.is_some());
    }
}

#[test]
fn walking_a_pools_pages_lists_the_whole_pool_in_order() {
    let w = world();
    for group in w.fake.groups() {
        let listed = ids(&w.run(w.pool(&group)));
        assert_eq!(listed, w.fake.pool_photos(&group));
    }
}

#[test]
fn pool_photos_name_their_member_owners() {
    let w = world();
    for group in w.fake.groups() {
        for photo in w.run(w.pool(&group)) {
            assert!(photo
                .owner_name
                .as_deref()
                .is_some_and(|n| n.starts_with("Member ")));
        }
    }
}

#[test]
fn a_pool_mixes_photos_of_all_four_members() {
    let w = world();
    for group in w.fake.groups() {
        let owners: BTreeSet<_> = w
            .run(w.pool(&group))
            .into_iter()
            .map(|p| p.owner.unwrap())
            .collect();
        assert_eq!(owners.len(), 4, "a pool mixes several members");
    }
}

#[tokio::test]
async fn pool_photos_carry_owner_ownername_and_dateadded() {
    let fake = members_fake(2).await;
    let group = &fake.groups()[0];
    let url = format!(
        "{}services/rest/?method=flickr.groups.pools.getPhotos&group_id={group}&per_page=3&api_key={}&format=json&nojsoncallback=1",
        fake.base_url(),
        fake.credentials().api_key
    );
    let v: serde_json::Value =
        serde_json::from_str(&reqwest::get(url).await.unwrap().text().await.unwrap()).unwrap();
    let photos = v["photos"]["photo"].as_array().unwrap();
    assert_eq!(photos.len(), 3, "{v}");
    for p in photos {
        for key in ["owner", "ownername", "dateadded"] {
            assert!(
                p[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} in {p}"
            );
        }
    }
}

#[tokio::test]
async fn unknown_ids_give_flickrs_codes() {
    let fake = members_fake(1).await;
    let client = key_client(&fake);
    let member = fake.users()[0].clone();
    macro_rules! code {
        ($call:expr) => {
            $call.send().await.unwrap_err().api_code()
        };
    }
    let group = fake.groups()[0].clone();
    assert_eq!(code!(client.groups().get_info("1@N01")), Some(1));
    assert_eq!(code!(client.groups().pools().get_photos("1@N01")), Some(1));
    let other_user = client.groups().pools().get_photos(group.as_str());
    assert_eq!(code!(other_user.user_id("99@N99")), Some(3));
    assert_eq!(code!(client.people().get_info("99@N99")), Some(1));
    assert_eq!(code!(client.people().get_public_photos("99@N99")), Some(1));
    let unknown_album = client
        .photosets()
        .get_photos("72157000000000099", member.as_str());
    assert_eq!(code!(unknown_album), Some(1));
    assert_eq!(
        code!(client.photosets().get_list().user_id("99@N99")),
        Some(1)
    );
    assert_eq!(
        code!(client.galleries().get_photos("72157000000000099")),
        Some(1)
    );
}

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
