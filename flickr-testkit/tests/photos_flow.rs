//! Signed reads and writes against the in-memory Flickr, and paging a
//! 2,000-photo search to the end with the generated builder.

mod common;

use std::collections::HashSet;

use common::{key_client, small_fake, user_client};
use flickr_core::client::{CallOptions, MethodRef};
use flickr_sdk::types::Extra;
use flickr_testkit::FakeFlickr;
use futures::StreamExt;

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

#[tokio::test]
async fn search_filters_text_tags_user_and_privacy() {
    let fake = small_fake().await;
    let anon = key_client(&fake);
    let alice = user_client(&fake);
    let nsid = fake.credentials().user_nsid;

    let by_tag = anon
        .photos()
        .search()
        .tags(["qwirkle"])
        .per_page(500)
        .extras([Extra::Tags])
        .send()
        .await
        .unwrap();
    assert!(by_tag.total > 0);
    for p in &by_tag.photos {
        assert!(
            p.tags.as_deref().unwrap_or_default().contains("qwirkle"),
            "{p:?}"
        );
    }
    let by_text = anon
        .photos()
        .search()
        .text("lighthouse")
        .per_page(500)
        .send()
        .await
        .unwrap();
    for p in &by_text.photos {
        assert!(p
            .title
            .as_deref()
            .unwrap_or_default()
            .to_lowercase()
            .contains("lighthouse"));
    }
    // Private photos are only visible to their owner.
    let public_mine = anon
        .photos()
        .search()
        .user_id(nsid.as_str())
        .per_page(500)
        .send()
        .await
        .unwrap();
    let all_mine = alice
        .photos()
        .search()
        .user_id("me")
        .per_page(500)
        .send()
        .await
        .unwrap();
    assert_eq!(all_mine.total, public_mine.total + 5);
    assert!(public_mine
        .photos
        .iter()
        .all(|p| p.owner.as_ref().map(|o| o.as_str()) == Some(nsid.as_str())));
    // Flickr refuses parameterless searches.
    let e = anon.photos().search().send().await.unwrap_err();
    assert_eq!(e.api_code(), Some(3));
}

#[tokio::test]
async fn signed_reads_and_writes_change_the_server_state() {
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
    let theirs = fake
        .with_state(|s| s.photos.values().find(|p| p.owner != nsid).map(|p| p.id))
        .unwrap();
    let id = mine.to_string();

    // Tags and meta.
    client
        .photos()
        .add_tags(id.clone(), ["harbour", "goldenhour"])
        .send()
        .await
        .unwrap();
    let photo = fake.photo(mine).unwrap();
    assert!(
        photo.tags.iter().any(|t| t == "goldenhour"),
        "{:?}",
        photo.tags
    );
    // Flickr's tag syntax: a quoted phrase is one tag.
    client
        .call::<serde_json::Value>(
            MethodRef::named("flickr.photos.addTags", flickr_core::registry::Verb::Post),
            [("photo_id", id.as_str()), ("tags", "\"blue hour\"")].into(),
            &CallOptions::new(),
        )
        .await
        .unwrap();
    assert!(fake
        .photo(mine)
        .unwrap()
        .tags
        .iter()
        .any(|t| t == "blue hour"));
    client
        .photos()
        .set_meta(id.clone())
        .title("Renamed")
        .description("New words")
        .send()
        .await
        .unwrap();
    assert_eq!(fake.photo(mine).unwrap().title, "Renamed");
    let info = client.photos().get_info(id.clone()).send().await.unwrap();
    let _ = format!("{info:?}");
    let sizes = client.photos().get_sizes(id.clone()).send().await.unwrap();
    let _ = format!("{sizes:?}");

    // Comments.
    client
        .photos()
        .comments()
        .add_comment(id.clone(), "Nice one")
        .send()
        .await
        .unwrap();
    assert_eq!(fake.comments(mine).last().unwrap().text, "Nice one");
    let comments = client
        .photos()
        .comments()
        .get_list(id.clone())
        .send()
        .await
        .unwrap();
    let _ = format!("{comments:?}");

    // Favorites: someone else's photo only.
    let e = client.favorites().add(id.clone()).send().await.unwrap_err();
    assert_eq!(e.api_code(), Some(2));
    client
        .favorites()
        .add(theirs.to_string())
        .send()
        .await
        .unwrap();
    assert!(fake.favorites(&nsid).contains(&theirs));
    let faves = client.favorites().get_list().send().await.unwrap();
    let _ = format!("{faves:?}");
    client
        .favorites()
        .remove(theirs.to_string())
        .send()
        .await
        .unwrap();
    assert!(!fake.favorites(&nsid).contains(&theirs));

    // Albums.
    let created = client
        .photosets()
        .create("Trip", id.clone())
        .send()
        .await
        .unwrap();
    let _ = format!("{created:?}");
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
    client
        .photosets()
        .add_photo(set.to_string(), other_mine.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(fake.photoset(set).unwrap().photos, vec![mine, other_mine]);
    let list = client.photosets().get_list().send().await.unwrap();
    let _ = format!("{list:?}");
    let photos = client
        .photosets()
        .get_photos(set.to_string(), nsid.as_str())
        .send()
        .await
        .unwrap();
    let _ = format!("{photos:?}");

    // Delete.
    client.photos().delete(id.clone()).send().await.unwrap();
    assert!(fake.photo(mine).is_none());
    let e = client.photos().get_info(id).send().await.unwrap_err();
    assert_eq!(e.api_code(), Some(1));
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
