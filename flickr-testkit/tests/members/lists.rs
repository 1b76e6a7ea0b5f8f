//! The lists an archiver walks, read from one four-member server
//! ([`world`](super::world)), and Flickr's codes for unknown ids.

use super::*;

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
