//! Public members for archive tests (`Builder::users`): the lists an
//! archiver walks answer in Flickr's shapes (decoded by flickr-sdk's
//! generated types) and agree with the accessors that name the expected
//! sets; unknown ids get Flickr's codes; hiding a member, deleting an album
//! and editing a photo show through the API.

mod common;

use common::key_client;
use flickr_sdk::types::Extra;
use flickr_testkit::{FakeFlickr, MEMBER_PHOTOS};

async fn members_fake(n: usize) -> FakeFlickr {
    FakeFlickr::builder()
        .photos(30)
        .users(n)
        .start()
        .await
        .expect("start fake server")
}

fn ids(photos: &[flickr_sdk::types::Photo]) -> Vec<u64> {
    photos
        .iter()
        .map(|p| p.id.as_str().parse().unwrap())
        .collect()
}

#[tokio::test]
async fn members_albums_galleries_pools_and_institutions() {
    let fake = members_fake(4).await;
    let client = key_client(&fake);
    let users = fake.users();
    assert_eq!(users.len(), 4);
    assert_eq!(fake.groups().len(), 3);
    assert_eq!(fake.member_albums().len(), 8);
    assert_eq!(fake.member_galleries().len(), 4);

    let inst = client.commons().get_institutions().send().await.unwrap();
    let nsids: Vec<&str> = inst.institutions.iter().map(|i| i.nsid.as_str()).collect();
    assert_eq!(
        nsids,
        users[..2].iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert_eq!(fake.institutions(), users[..2].to_vec());

    for nsid in &users {
        let person = client
            .people()
            .get_info(nsid.as_str())
            .send()
            .await
            .unwrap();
        let alias = person.path_alias.clone().expect("path alias");
        let found = client
            .urls()
            .lookup_user(format!("https://www.flickr.com/photos/{alias}/"))
            .send()
            .await
            .unwrap();
        assert_eq!(found.id.as_ref().map(|i| i.as_str()), Some(nsid.as_str()));

        // The whole photostream in one page of 500, newest first, with extras.
        let page = client
            .people()
            .get_public_photos(nsid.as_str())
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
        assert_eq!(page.total, MEMBER_PHOTOS as i64);
        assert_eq!(ids(&page.photos), fake.public_photos_of(nsid));
        let videos = page
            .photos
            .iter()
            .filter(|p| format!("{:?}", p.media).contains("Video"))
            .count();
        assert_eq!(videos, MEMBER_PHOTOS / 10, "every 10th a video");
        let uploads: Vec<i64> = page.photos.iter().map(|p| p.date_upload.unwrap()).collect();
        let years = (uploads[0] - uploads[uploads.len() - 1]) / 31_536_000;
        assert!(years >= 4, "uploads over {years} years");
        let licenses: std::collections::BTreeSet<String> = page
            .photos
            .iter()
            .map(|p| format!("{:?}", p.license))
            .collect();
        assert_eq!(licenses.len(), 11, "licences 0 to 10");
        assert!(page
            .photos
            .iter()
            .all(|p| p.last_update.unwrap() >= p.date_upload.unwrap()));

        // The same photos through photos.search, by upload-date window and page.
        let mid = uploads[50];
        let newer = client
            .photos()
            .search()
            .user_id(nsid.as_str())
            .min_upload_date(mid)
            .per_page(20)
            .page(2)
            .send()
            .await
            .unwrap();
        assert_eq!(newer.total, 51);
        assert_eq!(
            ids(&newer.photos),
            fake.public_photos_of(nsid)[20..40].to_vec()
        );

        let albums = client
            .photosets()
            .get_list()
            .user_id(nsid.as_str())
            .send()
            .await
            .unwrap();
        let album_ids: Vec<u64> = albums
            .photosets
            .iter()
            .map(|s| s.id.as_str().parse().unwrap())
            .collect();
        assert_eq!(album_ids, fake.albums_of(nsid));
        assert_eq!(album_ids.len(), 2);
        for album in album_ids {
            let set = client
                .photosets()
                .get_photos(album.to_string(), nsid.as_str())
                .extras([Extra::LastUpdate, Extra::UrlO])
                .send()
                .await
                .unwrap();
            assert_eq!(ids(&set.photos), fake.photoset_photos(album).unwrap());
        }

        let galleries = client
            .galleries()
            .get_list("0")
            .user_id(nsid.as_str())
            .send()
            .await
            .unwrap();
        assert_eq!(galleries.galleries.len(), 1);
    }

    for gallery in fake.member_galleries() {
        let page = client
            .galleries()
            .get_photos(gallery.to_string())
            .extras([Extra::OwnerName])
            .send()
            .await
            .unwrap();
        let listed = ids(&page.photos.photos);
        assert_eq!(listed, fake.gallery_photos(gallery).unwrap());
        assert!(!listed.is_empty());
        let curator = fake.galleries()[&gallery].owner.clone();
        assert!(page
            .photos
            .photos
            .iter()
            .all(|p| p.owner.as_ref().unwrap().as_str() != curator));
    }

    for group in fake.groups() {
        let info = client
            .groups()
            .get_info(group.as_str())
            .send()
            .await
            .unwrap();
        assert_eq!(info.id.as_ref().map(|g| g.as_str()), Some(group.as_str()));
        assert!(info.name.is_some());
        let mut listed = Vec::new();
        let mut owners = std::collections::BTreeSet::new();
        for page in 1.. {
            let p = client
                .groups()
                .pools()
                .get_photos(group.as_str())
                .extras([Extra::DateUpload])
                .per_page(25)
                .page(page)
                .send()
                .await
                .unwrap();
            for photo in &p.photos {
                owners.insert(photo.owner.clone().unwrap());
                assert!(photo
                    .owner_name
                    .as_deref()
                    .is_some_and(|n| n.starts_with("Member ")));
            }
            listed.extend(ids(&p.photos));
            if page >= p.pages {
                break;
            }
        }
        assert_eq!(listed, fake.pool_photos(&group));
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

#[tokio::test]
async fn hiding_a_member_deleting_an_album_and_editing_show_through() {
    let fake = members_fake(3).await;
    let client = key_client(&fake);
    let users = fake.users();
    let (gone, kept) = (users[1].clone(), users[0].clone());
    let gone_album = fake.albums_of(&gone)[0];
    let group = fake.groups()[0].clone();
    let pool_before = fake.pool_photos(&group);
    let gone_photos = fake.public_photos_of(&gone);
    assert!(pool_before.iter().any(|id| gone_photos.contains(id)));

    assert!(fake.hide_user(&gone));
    assert!(!fake.hide_user("99@N99"));
    assert_eq!(
        client
            .people()
            .get_info(gone.as_str())
            .send()
            .await
            .unwrap_err()
            .api_code(),
        Some(5)
    );
    assert_eq!(
        client
            .people()
            .get_public_photos(gone.as_str())
            .send()
            .await
            .unwrap_err()
            .api_code(),
        Some(1)
    );
    assert_eq!(
        client
            .photos()
            .search()
            .user_id(gone.as_str())
            .send()
            .await
            .unwrap_err()
            .api_code(),
        Some(2)
    );
    assert_eq!(
        client
            .photosets()
            .get_list()
            .user_id(gone.as_str())
            .send()
            .await
            .unwrap_err()
            .api_code(),
        Some(1)
    );
    let album = client
        .photosets()
        .get_photos(gone_album.to_string(), kept.as_str())
        .send()
        .await;
    assert_eq!(album.unwrap_err().api_code(), Some(1));
    assert!(fake.public_photos_of(&gone).is_empty());
    assert_eq!(fake.photoset_photos(gone_album), None);
    let pool_after = fake.pool_photos(&group);
    assert!(pool_after.iter().all(|id| !gone_photos.contains(id)));
    let pool = client
        .groups()
        .pools()
        .get_photos(group.as_str())
        .per_page(500)
        .send()
        .await
        .unwrap();
    assert_eq!(ids(&pool.photos), pool_after);
    for gallery in fake.member_galleries() {
        if let Some(expected) = fake.gallery_photos(gallery) {
            assert!(expected.iter().all(|id| !gone_photos.contains(id)));
        }
    }

    let album = fake.albums_of(&kept)[1];
    assert!(fake.delete_photoset(album));
    assert!(!fake.delete_photoset(album));
    let err = client
        .photosets()
        .get_photos(album.to_string(), kept.as_str())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.api_code(), Some(1));
    assert_eq!(fake.albums_of(&kept).len(), 1);

    let photo = fake.public_photos_of(&kept)[3];
    let before = fake.photo(photo).unwrap().last_update;
    assert!(fake.edit_photo(photo, "Edited"));
    let page = client
        .people()
        .get_public_photos(kept.as_str())
        .extras([Extra::LastUpdate])
        .per_page(500)
        .send()
        .await
        .unwrap();
    let listed = page
        .photos
        .iter()
        .find(|p| p.id.as_str() == photo.to_string())
        .unwrap();
    assert!(listed.last_update.unwrap() > before);
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
