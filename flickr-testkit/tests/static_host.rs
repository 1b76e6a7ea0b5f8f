//! The static host: every URL the API lists serves deterministic bytes of
//! the announced length in the right format, anything else is a 404, requests
//! are counted per path, and the static host's own faults (429, 5xx,
//! truncated bodies) reach the client; the account's albums, collections,
//! galleries and favorites are listed, alike on every server.
//!
//! The listed-URL steps run once, in order, on their own server
//! ([`listed`]) and each case checks one recorded step; the account's
//! read-only cases share one server ([`account`]); a case that changes a
//! server has its own.

mod common;

use std::collections::BTreeSet;
use std::future::Future;
use std::sync::OnceLock;

use common::user_client;
use flickr_sdk::types::{Extra, MediaType};
use flickr_testkit::{AccountSpec, FakeFlickr, Fault};
use tokio::runtime::Runtime;

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

/// One listed URL fetched, with what the fake says it serves there.
struct Fetched {
    url: String,
    status: u16,
    len: Option<u64>,
    body: Vec<u8>,
    served: Option<Vec<u8>>,
}

impl Fetched {
    fn ext(&self) -> &str {
        self.url.rsplit('.').next().unwrap()
    }
}

/// What the static host answered, step by step in this order, on its own
/// server: every listed URL, URLs never listed, a replaced photo's URLs, a
/// free account's original, and the request count of one path.
struct Listed {
    photos: usize,
    /// Each photo's square, large and original URL (`None`: not listed).
    fetched: Vec<[Option<Fetched>; 3]>,
    videos: usize,
    /// Each video stream's URL, status and body.
    streams: Vec<(String, u16, Vec<u8>)>,
    above_1024_status: u16,
    wrong_secret_status: u16,
    no_file_status: u16,
    replaced: bool,
    old_url_status: u16,
    before: Vec<u8>,
    new_url: (u16, Vec<u8>),
    free_url_o: Option<String>,
    free_large_status: Option<u16>,
    free_by_hand_status: u16,
    url_l_requests: Option<u64>,
}

fn listed() -> &'static Listed {
    static LISTED: OnceLock<Listed> = OnceLock::new();
    LISTED.get_or_init(|| Runtime::new().expect("runtime").block_on(record_listed()))
}

async fn record_listed() -> Listed {
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
    let mut fetched = Vec::new();
    let mut streams = Vec::new();
    let mut videos = 0;
    for p in &page.photos {
        let mut sizes = [None, None, None];
        for (slot, url) in sizes.iter_mut().zip([&p.url_sq, &p.url_l, &p.url_o]) {
            if let Some(url) = url {
                let (status, body, len) = get(url).await;
                let served = fake.static_file(url).map(|f| f.bytes);
                let url = url.clone();
                *slot = Some(Fetched {
                    url,
                    status,
                    len,
                    body,
                    served,
                });
            }
        }
        fetched.push(sizes);
        if p.media.as_ref().is_some_and(|m| *m == MediaType::Video) {
            videos += 1;
            let info = client
                .video()
                .get_stream_info(p.id.clone(), p.secret.clone().unwrap())
                .send()
                .await
                .unwrap();
            for s in &info.streams {
                let url = s.url.clone().unwrap();
                let (status, body, _) = get(&url).await;
                streams.push((url, status, body));
            }
        }
    }

    // Not listed: a size above 1024 px built by hand, a wrong secret, a
    // path that is no file.
    let p = &page.photos[0];
    let url_l = p.url_l.clone().unwrap();
    let above_1024 = url_l
        .replace("_b.jpg", "_h.jpg")
        .replace("_l.jpg", "_h.jpg");
    let above_1024_status = get(&above_1024).await.0;
    let secret = p.secret.clone().unwrap();
    let wrong_secret_status = get(&url_l.replace(&secret, "0000000000")).await.0;
    let no_file_status = get(&format!("{}static/nothing", fake.base_url())).await.0;

    // A replaced photo's URLs.
    let id: u64 = p.id.as_str().parse().unwrap();
    let before = get(&url_l).await.1;
    let replaced = fake.replace_photo_file(id);
    let old_url_status = get(&url_l).await.0;
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
    let (status, body, _) = get(&new_url).await;

    // A free account's photo (carol's).
    let free = client
        .photos()
        .search()
        .user_id(flickr_testkit::CAROL)
        .per_page(5)
        .extras([Extra::UrlL, Extra::UrlO, Extra::OriginalFormat])
        .send()
        .await
        .unwrap();
    let f = &free.photos[0];
    let free_large_status = match &f.url_l {
        Some(large) => Some(get(large).await.0),
        None => None,
    };
    let by_hand = format!(
        "{}static/{}/{}_{}_o.{}",
        fake.base_url(),
        f.server.clone().unwrap(),
        f.id.as_str(),
        f.original_secret.clone().unwrap(),
        f.original_format.clone().unwrap()
    );
    let free_by_hand_status = get(&by_hand).await.0;

    let path = url::Url::parse(&url_l).unwrap().path().to_owned();
    Listed {
        photos: page.photos.len(),
        fetched,
        videos,
        streams,
        above_1024_status,
        wrong_secret_status,
        no_file_status,
        replaced,
        old_url_status,
        before,
        new_url: (status, body),
        free_url_o: f.url_o.clone(),
        free_large_status,
        free_by_hand_status,
        url_l_requests: fake.static_requests().get(&path).copied(),
    }
}

/// Every listed URL fetched.
fn every_fetched() -> impl Iterator<Item = &'static Fetched> {
    listed().fetched.iter().flatten().flatten()
}

#[test]
fn the_search_lists_the_accounts_and_alices_public_and_private_photos() {
    // The account's 60, alice's 10 seeded public photos and her 5 private ones.
    assert_eq!(listed().photos, 60 + 10 + 5);
}

#[test]
fn every_photo_lists_its_square_large_and_original_urls() {
    for sizes in &listed().fetched {
        for f in sizes {
            f.as_ref().expect("listed");
        }
    }
}

#[test]
fn every_listed_url_answers_200() {
    for f in every_fetched() {
        assert_eq!(f.status, 200, "{}", f.url);
    }
}

#[test]
fn every_listed_url_announces_its_bodys_length() {
    for f in every_fetched() {
        assert_eq!(f.len, Some(f.body.len() as u64), "{}", f.url);
    }
}

#[test]
fn every_listed_url_serves_its_formats_signature() {
    for f in every_fetched() {
        let ext = f.ext();
        assert!(
            signature_ok(ext, &f.body),
            "{} does not look like a .{ext}",
            f.url
        );
    }
}

#[test]
fn every_listed_url_serves_the_fakes_own_bytes() {
    // Deterministic: the fake's own view of the URL is the same bytes.
    for f in every_fetched() {
        assert_eq!(f.served.as_ref().unwrap(), &f.body);
    }
}

#[test]
fn the_account_lists_six_videos() {
    assert_eq!(listed().videos, 6);
}

#[test]
fn every_video_stream_serves_an_mp4() {
    for (url, status, body) in &listed().streams {
        assert_eq!(*status, 200, "{url}");
        assert_eq!(&body[4..8], b"ftyp", "{url}");
    }
}

#[test]
fn listed_urls_include_png_gif_and_mp4() {
    let formats: BTreeSet<&str> = every_fetched().map(Fetched::ext).collect();
    assert!(formats.contains("png") && formats.contains("gif") && formats.contains("mp4"));
}

#[test]
fn a_size_above_1024_px_built_by_hand_is_404() {
    assert_eq!(listed().above_1024_status, 404);
}

#[test]
fn a_wrong_secret_is_404() {
    assert_eq!(listed().wrong_secret_status, 404);
}

#[test]
fn a_path_that_is_no_file_is_404() {
    assert_eq!(listed().no_file_status, 404);
}

#[test]
fn a_replaced_photos_old_url_goes_dead() {
    let l = listed();
    assert!(l.replaced);
    assert_eq!(l.old_url_status, 404);
}

#[test]
fn a_replaced_photos_new_url_serves_new_bytes() {
    let l = listed();
    assert_eq!(l.new_url.0, 200);
    assert_ne!(l.new_url.1, l.before);
}

#[test]
fn a_free_accounts_photo_lists_no_original() {
    assert!(
        listed().free_url_o.is_none(),
        "no original listed for a free account"
    );
}

#[test]
fn a_free_accounts_large_size_is_listed_and_served() {
    let status = listed().free_large_status.expect("1024 px is listed");
    assert_eq!(status, 200);
}

#[test]
fn a_free_accounts_original_built_by_hand_is_404() {
    assert_eq!(listed().free_by_hand_status, 404);
}

#[test]
fn the_static_host_counts_every_request_per_path() {
    assert_eq!(listed().url_l_requests, Some(3));
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

/// The account's server, which no case changes, and alice's client.
struct Account {
    runtime: Runtime,
    fake: FakeFlickr,
    client: flickr_sdk::Client,
    me: String,
}

impl Account {
    fn run<F: Future>(&self, f: F) -> F::Output {
        self.runtime.block_on(f)
    }

    /// The account's collections, as `flickr.collections.getTree` answers.
    fn collection_tree(&self) -> flickr_sdk::types::CollectionTree {
        self.run(
            self.client
                .collections()
                .get_tree()
                .user_id(self.me.clone())
                .send(),
        )
        .unwrap()
    }

    /// The first of the account's galleries: its photos.
    fn first_gallery(&self) -> Vec<flickr_sdk::types::Photo> {
        self.run(async {
            let galleries = self
                .client
                .galleries()
                .get_list("0")
                .user_id(self.me.clone())
                .send()
                .await
                .unwrap();
            let photos = self
                .client
                .galleries()
                .get_photos(galleries.galleries[0].id.clone().expect("an id"))
                .extras([Extra::UrlM])
                .send()
                .await
                .unwrap();
            photos.photos.photos
        })
    }
}

fn account() -> &'static Account {
    static ACCOUNT: OnceLock<Account> = OnceLock::new();
    ACCOUNT.get_or_init(|| {
        let runtime = Runtime::new().expect("runtime");
        let (fake, client) = runtime.block_on(async {
            let fake = account_fake().await;
            let client = user_client(&fake);
            (fake, client)
        });
        let me = fake.credentials().user_nsid;
        Account {
            runtime,
            fake,
            client,
            me,
        }
    })
}

#[test]
fn the_account_lists_the_specs_three_albums_and_the_seeds_one() {
    let a = account();
    let sets = a
        .run(a.client.photosets().get_list().user_id(a.me.clone()).send())
        .unwrap();
    assert_eq!(
        sets.photosets.len(),
        3 + 1,
        "the spec's three and the seed's one"
    );
}

#[test]
fn the_collection_tree_has_two_top_level_collections() {
    let a = account();
    let tree = a.collection_tree();
    assert_eq!(tree.collections.len(), 2);
}

#[test]
fn the_first_collection_nests_a_collection() {
    let a = account();
    let tree = a.collection_tree();
    assert_eq!(
        tree.collections[0].collections.len(),
        1,
        "a nested collection"
    );
}

#[test]
fn the_first_collection_holds_an_album() {
    let a = account();
    let tree = a.collection_tree();
    assert!(tree.collections[0].sets[0]
        .title
        .as_deref()
        .unwrap()
        .starts_with("Album"));
}

#[test]
fn the_account_has_two_galleries() {
    let a = account();
    let galleries = a
        .run(
            a.client
                .galleries()
                .get_list("0")
                .user_id(a.me.clone())
                .send(),
        )
        .unwrap();
    assert_eq!(galleries.galleries.len(), 2);
}

#[test]
fn a_gallery_shows_four_photos() {
    assert_eq!(account().first_gallery().len(), 4);
}

#[test]
fn a_gallery_shows_only_other_members_photos() {
    let a = account();
    assert!(a
        .first_gallery()
        .iter()
        .all(|p| p.owner.as_ref().is_some_and(|o| o.as_str() != a.me)));
}

#[test]
fn the_account_has_at_least_six_favorites() {
    let a = account();
    let faves = a
        .run(a.client.favorites().get_list().user_id(a.me.clone()).send())
        .unwrap();
    assert!(faves.photos.len() >= 6);
}

#[test]
fn two_servers_seed_the_same_account_photos() {
    let a = account();
    let other = a.run(account_fake());
    assert_eq!(a.fake.photos_of(&a.me), other.photos_of(&a.me));
}

#[test]
fn two_servers_seed_the_same_galleries() {
    let a = account();
    let other = a.run(account_fake());
    assert_eq!(a.fake.galleries(), other.galleries());
}

#[tokio::test]
async fn photos_added_between_runs_are_recently_updated() {
    let fake = account_fake().await;
    let client = user_client(&fake);
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
}

#[tokio::test]
async fn a_photo_added_between_runs_can_be_deleted() {
    let fake = account_fake().await;
    let added = fake.add_account_photos(2);
    assert!(fake.delete_photo(added[0]));
    assert!(fake.photo(added[0]).is_none());
}
