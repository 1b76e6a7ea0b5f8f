//! Choosing a size from what Flickr lists, over loopback HTTP: a Pro
//! account's photos list the original and the large sizes; a free account's
//! photos (Flickr's rule since 2025-05-15) list nothing above 1024 px and no
//! original, and the helper falls back instead of building a URL that fails.

use flickr_sdk::links::PhotoSource;
use flickr_sdk::sizes::Size;
use flickr_sdk::sizes::{url_extras, AvailableSizes, NoSize, Want};
use flickr_sdk::Client;
use flickr_testkit::{FakeFlickr, Photo};
use flickr_testkit::{ALICE, CAROL};

fn key_client(fake: &FakeFlickr) -> Client {
    Client::builder()
        .api_key(fake.credentials().api_key)
        .base_url(&fake.base_url())
        .build()
        .unwrap()
}

fn first_photo_of(fake: &FakeFlickr, owner: &str) -> Photo {
    fake.public_photo_ids()
        .into_iter()
        .filter_map(|id| fake.photo(id))
        .find(|p| p.owner == owner)
        .unwrap_or_else(|| panic!("no public photo of {owner}"))
}

async fn listed_in_search(client: &Client, owner: &str, id: u64) -> AvailableSizes {
    let page = client
        .photos()
        .search()
        .user_id(owner)
        .extras(url_extras())
        .per_page(500)
        .send()
        .await
        .unwrap();
    let photo = page
        .photos
        .iter()
        .find(|p| p.id.as_str() == id.to_string())
        .expect("photo in its owner's search");
    AvailableSizes::from_photo(photo)
}

#[tokio::test]
async fn a_pro_account_lists_the_original_and_large_sizes() {
    let fake = FakeFlickr::builder().photos(12).start().await.unwrap();
    let client = key_client(&fake);
    let photo = first_photo_of(&fake, ALICE);

    let sizes = AvailableSizes::fetch(&client, photo.id.to_string())
        .await
        .unwrap();
    let largest = sizes.largest().unwrap();
    assert_eq!(largest.size, Size::Original);
    assert_eq!(largest.dimensions, Some(photo.original_size));
    assert!(sizes.get(Size::Large2048).is_some(), "{sizes:?}");
    // The extras of a list call give the same sizes as getSizes, at no call of their own.
    assert_eq!(listed_in_search(&client, ALICE, photo.id).await, sizes);
    // No size above the original (4000 px): Flickr does not upscale.
    assert!(sizes.get(Size::XLarge4K).is_none());
}

#[tokio::test]
async fn a_free_account_lists_nothing_above_1024_px_and_the_helper_falls_back() {
    let fake = FakeFlickr::builder().photos(12).start().await.unwrap();
    let client = key_client(&fake);
    let photo = first_photo_of(&fake, CAROL);

    let sizes = AvailableSizes::fetch(&client, photo.id.to_string())
        .await
        .unwrap();
    assert_eq!(
        listed_in_search(&client, CAROL, photo.id).await,
        sizes,
        "extras and getSizes disagree"
    );
    let largest = sizes.largest().unwrap();
    assert_eq!(largest.size, Size::Large1024);
    let (w, h) = largest.dimensions.unwrap();
    assert_eq!(w.max(h), 1024);
    assert!(sizes.listed().iter().all(|l| l.size <= Size::Large1024));

    // "The original, or the largest offered instead."
    assert_eq!(
        sizes.pick(Want::Prefer(Size::Original)).unwrap().size,
        Size::Large1024
    );
    assert_eq!(
        sizes.pick(Want::AtMost(Size::Large2048)).unwrap().size,
        Size::Large1024
    );
    match sizes.pick(Want::Exactly(Size::Original)) {
        Err(NoSize::NotListed { listed, .. }) => assert!(!listed.contains(&Size::Original)),
        other => panic!("expected NotListed, got {other:?}"),
    }
}

/// Flickr still hands out `originalsecret` for a free account's photo, and a
/// URL built from it is refused by the static host: only listed URLs work.
#[tokio::test]
async fn a_hand_built_original_url_of_a_free_account_is_refused() {
    let fake = FakeFlickr::builder().photos(12).start().await.unwrap();
    let photo = first_photo_of(&fake, CAROL);
    let built = PhotoSource::new(photo.id.to_string(), &photo.server, &photo.secret)
        .original(&photo.original_secret, &photo.original_format)
        .url(Size::Original)
        .unwrap();
    // The same path on the loopback static host.
    let path = built
        .split_once(".staticflickr.com/")
        .map(|(_, path)| path)
        .unwrap();
    let url = format!("{}static/{path}", fake.base_url());
    let status = reqwest::get(&url).await.unwrap().status();
    assert_eq!(status, reqwest::StatusCode::NOT_FOUND, "{url}");

    // What the helper picks instead is served.
    let client = key_client(&fake);
    let sizes = AvailableSizes::fetch(&client, photo.id.to_string())
        .await
        .unwrap();
    let picked = sizes.pick(Want::Prefer(Size::Original)).unwrap();
    let answer = reqwest::get(&picked.url).await.unwrap();
    assert_eq!(answer.status(), reqwest::StatusCode::OK, "{}", picked.url);
    let bytes = answer.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xFF, 0xD8]), "not a JPEG");
}
