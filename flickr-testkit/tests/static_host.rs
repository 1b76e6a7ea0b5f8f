//! The static host: every URL the API lists serves deterministic bytes of
//! the announced length in the right format, anything else is a 404, requests
//! are counted per path, and the static host's own faults (429, 5xx,
//! truncated bodies) reach the client.

mod common;

use common::user_client;
use flickr_sdk::types::{Extra, MediaType};
use flickr_testkit::{AccountSpec, FakeFlickr, Fault};

async fn account_fake() -> FakeFlickr {
    FakeFlickr::builder()
        .photos(30)
        .account(AccountSpec::default())
        .start()
        .await
        .expect("start fake server")
}

async fn get(url: &str) -> (u16, Vec<u8>, Option<u64>) {
    let r = reqwest::get(url).await.expect("request");
    let status = r.status().as_u16();
    let len = r.content_length();
    let body = r.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
    (status, body, len)
}

fn signature_ok(ext: &str, b: &[u8]) -> bool {
    match ext {
        "jpg" => b.starts_with(&[0xFF, 0xD8, 0xFF]) && b.ends_with(&[0xFF, 0xD9]),
        "png" => b.starts_with(b"\x89PNG\r\n\x1a\n") && b.ends_with(&[0xAE, 0x42, 0x60, 0x82]),
        "gif" => b.starts_with(b"GIF89a") && b.ends_with(&[0x3B]),
        "mp4" => b.len() > 8 && &b[4..8] == b"ftyp",
        _ => false,
    }
}

#[tokio::test]
async fn listed_urls_serve_checked_bytes_and_others_are_404() {
    let fake = account_fake().await;
    let client = user_client(&fake);
    let page = client
        .photos()
        .search()
        .user_id("me")
        .per_page(500)
        .extras([
            Extra::UrlSq,
            Extra::UrlL,
            Extra::UrlO,
            Extra::OriginalFormat,
            Extra::Media,
        ])
        .send()
        .await
        .unwrap();
    // The account's 60, alice's 10 seeded public photos and her 5 private ones.
    assert_eq!(page.photos.len(), 60 + 10 + 5);
    let mut formats = std::collections::BTreeSet::new();
    let mut videos = 0;
    for p in &page.photos {
        for url in [&p.url_sq, &p.url_l, &p.url_o] {
            let url = url.as_deref().expect("listed");
            let ext = url.rsplit('.').next().unwrap();
            let (status, body, len) = get(url).await;
            assert_eq!(status, 200, "{url}");
            assert_eq!(len, Some(body.len() as u64), "{url}");
            assert!(
                signature_ok(ext, &body),
                "{url} does not look like a .{ext}"
            );
            formats.insert(ext.to_owned());
            // Deterministic: the fake's own view of the URL is the same bytes.
            assert_eq!(fake.static_file(url).unwrap().bytes, body);
        }
        if p.media.as_ref().is_some_and(|m| *m == MediaType::Video) {
            videos += 1;
            let info = client
                .video()
                .get_stream_info(p.id.clone(), p.secret.clone().unwrap())
                .send()
                .await
                .unwrap();
            for s in &info.streams {
                let url = s.url.as_deref().unwrap();
                let (status, body, _) = get(url).await;
                assert_eq!(status, 200, "{url}");
                assert_eq!(&body[4..8], b"ftyp", "{url}");
            }
        }
    }
    assert_eq!(videos, 6);
    assert!(formats.contains("png") && formats.contains("gif") && formats.contains("mp4"));

    // Not listed: a size above 1024 px built by hand, a wrong secret, a
    // video stream of a photo, a path that is no file.
    let p = &page.photos[0];
    let url_l = p.url_l.clone().unwrap();
    assert_eq!(
        get(&url_l
            .replace("_b.jpg", "_h.jpg")
            .replace("_l.jpg", "_h.jpg"))
        .await
        .0,
        404
    );
    let secret = p.secret.clone().unwrap();
    assert_eq!(get(&url_l.replace(&secret, "0000000000")).await.0, 404);
    assert_eq!(
        get(&format!("{}static/nothing", fake.base_url())).await.0,
        404
    );

    // A replaced photo's old URLs go dead; the new ones serve new bytes.
    let id: u64 = p.id.as_str().parse().unwrap();
    let before = get(&url_l).await.1;
    assert!(fake.replace_photo_file(id));
    assert_eq!(get(&url_l).await.0, 404);
    let again = client
        .photos()
        .search()
        .user_id("me")
        .per_page(500)
        .extras([Extra::UrlL])
        .send()
        .await
        .unwrap();
    let new_url = again
        .photos
        .iter()
        .find(|q| q.id == p.id)
        .and_then(|q| q.url_l.clone())
        .unwrap();
    let after = get(&new_url).await;
    assert_eq!(after.0, 200);
    assert_ne!(after.1, before);

    // A free account's photo (carol's): no original listed, and the URL
    // built by hand from its original secret answers 404.
    let carol = flickr_testkit::CAROL;
    let free = client
        .photos()
        .search()
        .user_id(carol)
        .per_page(5)
        .extras([Extra::UrlL, Extra::UrlO, Extra::OriginalFormat])
        .send()
        .await
        .unwrap();
    let f = &free.photos[0];
    assert!(f.url_o.is_none(), "no original listed for a free account");
    let large = f.url_l.clone().expect("1024 px is listed");
    assert_eq!(get(&large).await.0, 200);
    let by_hand = format!(
        "{}static/{}/{}_{}_o.{}",
        fake.base_url(),
        f.server.clone().unwrap(),
        f.id.as_str(),
        f.original_secret.clone().unwrap(),
        f.original_format.clone().unwrap()
    );
    assert_eq!(get(&by_hand).await.0, 404);

    // Counted per path, every attempt.
    let path = url::Url::parse(&url_l).unwrap().path().to_owned();
    assert_eq!(fake.static_requests()[&path], 3);
}

#[tokio::test]
async fn static_faults_reach_the_client() {
    let fake = account_fake().await;
    let p = fake.photo(flickr_testkit::FIRST_ACCOUNT_PHOTO_ID).unwrap();
    let url = format!(
        "{}static/{}/{}_{}_m.jpg",
        fake.base_url(),
        p.server,
        p.id,
        p.secret
    );
    fake.inject_static(Fault::RateLimited { retry_after: 7 }, 1);
    fake.inject_static(Fault::Status(503), 1);
    let r = reqwest::get(&url).await.unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["retry-after"], "7");
    assert_eq!(get(&url).await.0, 503);
    let (status, whole, _) = get(&url).await;
    assert_eq!(status, 200);

    // A truncated body: the length announced, half the bytes, then the connection ends.
    fake.inject_static(Fault::Truncate, 1);
    let r = reqwest::get(&url).await.unwrap();
    assert_eq!(r.content_length(), Some(whole.len() as u64));
    assert!(
        r.bytes().await.is_err(),
        "the client sees the body cut short"
    );

    // A dropped connection.
    fake.inject_static(Fault::Drop, 1);
    assert!(reqwest::get(&url).await.is_err());

    // Every 4th request fails, in turn.
    fake.inject_every(flickr_testkit::STATIC_TARGET, 4, vec![Fault::Status(500)]);
    let statuses: Vec<u16> =
        futures::future::join_all((0..8).map(|_| async { get(&url).await.0 })).await;
    assert_eq!(statuses.iter().filter(|s| **s == 500).count(), 2);
    fake.clear_faults();
    assert_eq!(get(&url).await.0, 200);
    assert_eq!(fake.static_requests_total(), 14);
}

#[tokio::test]
async fn the_account_has_albums_collections_galleries_and_favorites() {
    let fake = account_fake().await;
    let client = user_client(&fake);
    let me = fake.credentials().user_nsid;
    let sets = client
        .photosets()
        .get_list()
        .user_id(me.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(
        sets.photosets.len(),
        3 + 1,
        "the spec's three and the seed's one"
    );
    let tree = client
        .collections()
        .get_tree()
        .user_id(me.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(tree.collections.len(), 2);
    assert_eq!(
        tree.collections[0].collections.len(),
        1,
        "a nested collection"
    );
    assert!(tree.collections[0].sets[0]
        .title
        .as_deref()
        .unwrap()
        .starts_with("Album"));
    let galleries = client
        .galleries()
        .get_list("0")
        .user_id(me.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(galleries.galleries.len(), 2);
    let photos = client
        .galleries()
        .get_photos(galleries.galleries[0].id.clone().expect("an id"))
        .extras([Extra::UrlM])
        .send()
        .await
        .unwrap();
    assert_eq!(photos.photos.photos.len(), 4);
    assert!(photos
        .photos
        .photos
        .iter()
        .all(|p| p.owner.as_ref().is_some_and(|o| o.as_str() != me)));
    let faves = client
        .favorites()
        .get_list()
        .user_id(me.clone())
        .send()
        .await
        .unwrap();
    assert!(faves.photos.len() >= 6);

    // Deterministic across servers.
    let other = account_fake().await;
    assert_eq!(fake.photos_of(&me), other.photos_of(&me));
    assert_eq!(fake.galleries(), other.galleries());

    // Edits between runs.
    let added = fake.add_account_photos(2);
    let updated = client
        .photos()
        .recently_updated(flickr_sdk::DateValue::unix(flickr_testkit::now_unix() - 60))
        .send()
        .await
        .unwrap();
    let ids: Vec<String> = updated
        .photos
        .iter()
        .map(|p| p.id.as_str().to_owned())
        .collect();
    for id in &added {
        assert!(ids.contains(&id.to_string()));
    }
    assert!(fake.delete_photo(added[0]));
    assert!(fake.photo(added[0]).is_none());
}
