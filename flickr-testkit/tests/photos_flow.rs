//! Signed reads and writes against the in-memory Flickr, and paging a
//! 2,000-photo search to the end with the generated builder.
//!
//! The search cases share one server no case changes ([`searched`]); the
//! signed writes run once, in order, on their own server ([`signed`]) and
//! each case checks one recorded step.

mod common;

use std::collections::HashSet;
use std::fmt::Debug;
use std::future::Future;
use std::sync::OnceLock;

use common::{key_client, small_fake, user_client};
use flickr_core::client::{CallOptions, MethodRef};
use flickr_sdk::types::Extra;
use flickr_testkit::FakeFlickr;
use futures::StreamExt;
use tokio::runtime::Runtime;

#[tokio::test]
async fn paging_a_2000_photo_search_to_the_end() {
    let fake = FakeFlickr::builder().photos(2_000).start().await.unwrap();
    let client = key_client(&fake);
    let expected = fake.public_photo_ids();
    assert_eq!(expected.len(), 2_000);

    // Page by page with the builder.
    let mut seen = Vec::new();
    let mut page = 1;
    loop {
        let p = client
            .photos()
            .search()
            .min_upload_date(flickr_sdk::DateValue::unix(0))
            .extras([Extra::DateUpload, Extra::Tags, Extra::UrlM])
            .per_page(250)
            .page(page)
            .send()
            .await
            .unwrap();
        assert_eq!(p.total, 2_000);
        assert_eq!(p.pages, 8);
        seen.extend(
            p.photos
                .iter()
                .map(|ph| ph.id.as_str().parse::<u64>().unwrap()),
        );
        if page >= p.pages {
            break;
        }
        page += 1;
    }
    assert_eq!(seen, expected, "every public photo once, newest first");

    // And through the generated item stream.
    let items: Vec<_> = client
        .photos()
        .search()
        .min_upload_date(flickr_sdk::DateValue::unix(0))
        .per_page(500)
        .items()
        .collect()
        .await;
    let ids: HashSet<String> = items
        .into_iter()
        .map(|r| r.unwrap().id.as_str().to_owned())
        .collect();
    assert_eq!(ids.len(), 2_000);
    assert_eq!(fake.requests("flickr.photos.search"), 8 + 4);
}

/// A small server no case changes, with an anonymous client and alice's.
struct Searched {
    runtime: Runtime,
    fake: FakeFlickr,
    anon: flickr_sdk::Client,
    alice: flickr_sdk::Client,
}

impl Searched {
    fn run<F: Future>(&self, f: F) -> F::Output {
        self.runtime.block_on(f)
    }
}

fn searched() -> &'static Searched {
    static SEARCHED: OnceLock<Searched> = OnceLock::new();
    SEARCHED.get_or_init(|| {
        let runtime = Runtime::new().expect("runtime");
        let (fake, anon, alice) = runtime.block_on(async {
            let fake = small_fake().await;
            let (anon, alice) = (key_client(&fake), user_client(&fake));
            (fake, anon, alice)
        });
        Searched {
            runtime,
            fake,
            anon,
            alice,
        }
    })
}

#[test]
fn a_tag_search_finds_only_photos_with_the_tag() {
    let s = searched();
    let by_tag = s
        .run(
            s.anon
                .photos()
                .search()
                .tags(["qwirkle"])
                .per_page(500)
                .extras([Extra::Tags])
                .send(),
        )
        .unwrap();
    assert!(by_tag.total > 0);
    for p in &by_tag.photos {
        assert!(
            p.tags.as_deref().unwrap_or_default().contains("qwirkle"),
            "{p:?}"
        );
    }
}

#[test]
fn a_text_search_finds_only_titles_with_the_word() {
    let s = searched();
    let by_text = s
        .run(
            s.anon
                .photos()
                .search()
                .text("lighthouse")
                .per_page(500)
                .send(),
        )
        .unwrap();
    for p in &by_text.photos {
        assert!(p
            .title
            .as_deref()
            .unwrap_or_default()
            .to_lowercase()
            .contains("lighthouse"));
    }
}

#[test]
fn only_the_owner_finds_her_five_private_photos() {
    let s = searched();
    let nsid = s.fake.credentials().user_nsid;
    let public_mine = s
        .run(
            s.anon
                .photos()
                .search()
                .user_id(nsid.as_str())
                .per_page(500)
                .send(),
        )
        .unwrap();
    let all_mine = s
        .run(s.alice.photos().search().user_id("me").per_page(500).send())
        .unwrap();
    assert_eq!(all_mine.total, public_mine.total + 5);
}

#[test]
fn a_user_search_finds_only_that_users_photos() {
    let s = searched();
    let nsid = s.fake.credentials().user_nsid;
    let public_mine = s
        .run(
            s.anon
                .photos()
                .search()
                .user_id(nsid.as_str())
                .per_page(500)
                .send(),
        )
        .unwrap();
    assert!(public_mine
        .photos
        .iter()
        .all(|p| p.owner.as_ref().map(|o| o.as_str()) == Some(nsid.as_str())));
}

#[test]
fn a_search_without_parameters_answers_code_3() {
    let s = searched();
    // Flickr refuses parameterless searches.
    let e = s.run(s.anon.photos().search().send()).unwrap_err();
    assert_eq!(e.api_code(), Some(3));
}

/// A read's response as its `Debug` text (it decoded), or the error.
fn decoded<T: Debug, E: Debug>(r: Result<T, E>) -> Result<String, String> {
    r.map(|v| format!("{v:?}")).map_err(|e| format!("{e:?}"))
}

/// Flickr's code of a call that must fail (`None` if it succeeded).
fn code<T, E>(r: Result<T, flickr_sdk::Error<E>>) -> Option<u32> {
    r.err().and_then(|e| e.api_code())
}

/// The signed reads and writes on one of alice's public photos, run once in
/// this order on their own server, with what each step showed.
struct Signed {
    tagged: Tagged,
    commented: Commented,
    faved: Faved,
    album: Album,
    deleted: Deleted,
}

struct Tagged {
    after_add: Option<Vec<String>>,
    after_quoted: Option<Vec<String>>,
    title: Option<String>,
    info: Result<String, String>,
    sizes: Result<String, String>,
}

struct Commented {
    last: Option<String>,
    list: Result<String, String>,
}

struct Faved {
    own_code: Option<u32>,
    theirs: u64,
    after_add: Vec<u64>,
    list: Result<String, String>,
    after_remove: Vec<u64>,
}

struct Album {
    created: Result<String, String>,
    expected: Vec<u64>,
    photos: Option<Vec<u64>>,
    list: Result<String, String>,
    listed_photos: Result<String, String>,
}

struct Deleted {
    left: bool,
    info_code: Option<u32>,
}

fn signed() -> &'static Signed {
    static SIGNED: OnceLock<Signed> = OnceLock::new();
    SIGNED.get_or_init(|| {
        Runtime::new().expect("runtime").block_on(async {
            let fake = small_fake().await;
            let client = user_client(&fake);
            let nsid = fake.credentials().user_nsid;
            let mine = fake
                .with_state(|s| {
                    s.photos
                        .values()
                        .find(|p| p.owner == nsid && p.is_public)
                        .map(|p| p.id)
                })
                .unwrap();
            Signed {
                tagged: tag_and_rename(&fake, &client, mine).await,
                commented: comment(&fake, &client, mine).await,
                faved: fave(&fake, &client, mine).await,
                album: make_album(&fake, &client, mine).await,
                deleted: delete(&fake, &client, mine).await,
            }
        })
    })
}

async fn tag_and_rename(fake: &FakeFlickr, client: &flickr_sdk::Client, mine: u64) -> Tagged {
    let id = mine.to_string();
    client
        .photos()
        .add_tags(id.clone(), ["harbour", "goldenhour"])
        .send()
        .await
        .unwrap();
    let after_add = fake.photo(mine).map(|p| p.tags);
    client
        .call::<serde_json::Value>(
            MethodRef::named("flickr.photos.addTags", flickr_core::registry::Verb::Post),
            [("photo_id", id.as_str()), ("tags", "\"blue hour\"")].into(),
            &CallOptions::new(),
        )
        .await
        .unwrap();
    let after_quoted = fake.photo(mine).map(|p| p.tags);
    client
        .photos()
        .set_meta(id.clone())
        .title("Renamed")
        .description("New words")
        .send()
        .await
        .unwrap();
    Tagged {
        after_add,
        after_quoted,
        title: fake.photo(mine).map(|p| p.title),
        info: decoded(client.photos().get_info(id.clone()).send().await),
        sizes: decoded(client.photos().get_sizes(id).send().await),
    }
}

async fn comment(fake: &FakeFlickr, client: &flickr_sdk::Client, mine: u64) -> Commented {
    let comments = client.photos().comments();
    let added = comments.add_comment(mine.to_string(), "Nice one");
    added.send().await.unwrap();
    Commented {
        last: fake.comments(mine).last().map(|c| c.text.clone()),
        list: decoded(comments.get_list(mine.to_string()).send().await),
    }
}

async fn fave(fake: &FakeFlickr, client: &flickr_sdk::Client, mine: u64) -> Faved {
    let nsid = fake.credentials().user_nsid;
    let theirs = fake
        .with_state(|s| s.photos.values().find(|p| p.owner != nsid).map(|p| p.id))
        .unwrap();
    let own_code = code(client.favorites().add(mine.to_string()).send().await);
    let added = client.favorites().add(theirs.to_string());
    added.send().await.unwrap();
    let after_add = fake.favorites(&nsid);
    let list = decoded(client.favorites().get_list().send().await);
    let removed = client.favorites().remove(theirs.to_string());
    removed.send().await.unwrap();
    Faved {
        own_code,
        theirs,
        after_add,
        list,
        after_remove: fake.favorites(&nsid),
    }
}

async fn make_album(fake: &FakeFlickr, client: &flickr_sdk::Client, mine: u64) -> Album {
    let nsid = fake.credentials().user_nsid;
    let sets = client.photosets();
    let created = decoded(sets.create("Trip", mine.to_string()).send().await);
    let set = fake
        .with_state(|s| {
            s.photosets
                .values()
                .find(|x| x.title == "Trip")
                .map(|x| x.id)
        })
        .unwrap();
    let other_mine = fake
        .with_state(|s| {
            s.photos
                .values()
                .filter(|p| p.owner == nsid)
                .nth(1)
                .map(|p| p.id)
        })
        .unwrap();
    let add = sets.add_photo(set.to_string(), other_mine.to_string());
    add.send().await.unwrap();
    Album {
        created,
        expected: vec![mine, other_mine],
        photos: fake.photoset(set).map(|s| s.photos),
        list: decoded(sets.get_list().send().await),
        listed_photos: decoded(sets.get_photos(set.to_string(), nsid.as_str()).send().await),
    }
}

async fn delete(fake: &FakeFlickr, client: &flickr_sdk::Client, mine: u64) -> Deleted {
    client
        .photos()
        .delete(mine.to_string())
        .send()
        .await
        .unwrap();
    Deleted {
        left: fake.photo(mine).is_some(),
        info_code: code(client.photos().get_info(mine.to_string()).send().await),
    }
}

#[test]
fn add_tags_stores_the_new_tags() {
    let tags = signed().tagged.after_add.as_ref().unwrap();
    assert!(tags.iter().any(|t| t == "goldenhour"), "{tags:?}");
}

#[test]
fn a_quoted_phrase_is_one_tag() {
    // Flickr's tag syntax.
    let tags = signed().tagged.after_quoted.as_ref().unwrap();
    assert!(tags.iter().any(|t| t == "blue hour"));
}

#[test]
fn set_meta_renames_the_photo() {
    assert_eq!(signed().tagged.title.as_deref().unwrap(), "Renamed");
}

#[test]
fn a_signed_get_info_decodes() {
    signed().tagged.info.as_ref().unwrap();
}

#[test]
fn a_signed_get_sizes_decodes() {
    signed().tagged.sizes.as_ref().unwrap();
}

#[test]
fn add_comment_stores_the_comment() {
    assert_eq!(signed().commented.last.as_deref().unwrap(), "Nice one");
}

#[test]
fn the_comment_list_decodes() {
    signed().commented.list.as_ref().unwrap();
}

#[test]
fn faving_your_own_photo_answers_code_2() {
    assert_eq!(signed().faved.own_code, Some(2));
}

#[test]
fn faving_someone_elses_photo_adds_it_to_your_favorites() {
    let faved = &signed().faved;
    assert!(faved.after_add.contains(&faved.theirs));
}

#[test]
fn the_favorites_list_decodes() {
    signed().faved.list.as_ref().unwrap();
}

#[test]
fn removing_a_favorite_drops_it() {
    let faved = &signed().faved;
    assert!(!faved.after_remove.contains(&faved.theirs));
}

#[test]
fn creating_an_album_decodes() {
    signed().album.created.as_ref().unwrap();
}

#[test]
fn add_photo_appends_to_the_album() {
    let album = &signed().album;
    assert_eq!(album.photos.as_ref().unwrap(), &album.expected);
}

#[test]
fn the_album_list_decodes() {
    signed().album.list.as_ref().unwrap();
}

#[test]
fn the_albums_photos_decode() {
    signed().album.listed_photos.as_ref().unwrap();
}

#[test]
fn delete_removes_the_photo() {
    assert!(!signed().deleted.left);
}

#[test]
fn a_deleted_photo_answers_code_1() {
    assert_eq!(signed().deleted.info_code, Some(1));
}

#[tokio::test]
async fn stats_referrers_and_echo() {
    let fake = small_fake().await;
    let client = user_client(&fake);
    let page = client
        .stats()
        .get_photostream_referrers(flickr_sdk::DateValue::ymd(2024, 5, 1), "flickr.com")
        .send()
        .await
        .unwrap();
    let _ = format!("{page:?}");
    let e = client
        .stats()
        .get_photostream_referrers(flickr_sdk::DateValue::ymd(2024, 5, 1), "example.invalid")
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.api_code(), Some(5));
    let echo = client
        .call::<serde_json::Value>(
            MethodRef::named("flickr.test.echo", flickr_core::registry::Verb::Get),
            [("text", "día 1 & more")].into(),
            &CallOptions::new(),
        )
        .await
        .unwrap();
    assert_eq!(echo["text"]["_content"], "día 1 & more");
}
