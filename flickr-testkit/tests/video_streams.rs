//! `flickr.video.getStreamInfo` (a method Flickr's reflection does not list)
//! through the generated API over HTTP: a video's streams, and Flickr's code 1
//! for a photo, a wrong secret and an unknown id.

mod common;

use common::{key_client, small_fake};
use flickr_sdk::types::VideoStreams;
use flickr_testkit::{FakeFlickr, Photo};

/// Turns seeded photo `id` into a `.mov` video and asks for its streams.
async fn make_video_and_list_streams(
    fake: &FakeFlickr,
    client: &flickr_sdk::Client,
    id: u64,
) -> (Photo, VideoStreams) {
    fake.with_state(|s| {
        let v = s.photos.get_mut(&id).expect("seeded photo");
        v.media = "video".to_owned();
        v.original_format = "mov".to_owned();
    });
    let video = fake.photo(id).unwrap();
    let info = client
        .video()
        .get_stream_info(id.to_string(), video.secret.clone())
        .send()
        .await
        .unwrap();
    (video, info)
}

fn kinds(info: &VideoStreams) -> Vec<&str> {
    info.streams
        .iter()
        .map(|s| s.kind.as_deref().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn a_video_lists_its_streams_and_a_photo_is_refused() {
    let fake = small_fake().await;
    let client = key_client(&fake);
    let ids = fake.public_photo_ids();
    let (video_id, photo_id) = (ids[0], ids[1]);
    // The seed holds photos only; make one of them a video.
    let (video, info) = make_video_and_list_streams(&fake, &client, video_id).await;
    let photo = fake.photo(photo_id).unwrap();
    assert_eq!(photo.media, "photo");
    assert_eq!(
        kinds(&info),
        ["orig", "1080p", "720p", "360p", "288p", "mobile"]
    );
    let base = fake.base_url();
    for s in &info.streams {
        let url = s.url.as_deref().expect("every stream has a URL");
        assert!(
            url.starts_with(&format!("{base}static/video/{video_id}/")),
            "{url}"
        );
    }
    let orig = info.streams[0].url.as_deref().unwrap();
    assert!(orig.contains("/orig.mov?"), "{orig}");
    assert!(info.streams[1]
        .url
        .as_deref()
        .unwrap()
        .contains("/1080p.mp4?"));

    // A photo that is not a video, a wrong secret and an unknown id: code 1.
    let not_video = client
        .video()
        .get_stream_info(photo_id.to_string(), photo.secret.clone())
        .send()
        .await
        .unwrap_err();
    assert_eq!(not_video.api_code(), Some(1), "{not_video}");
    let wrong_secret = client
        .video()
        .get_stream_info(video_id.to_string(), "0000000000")
        .send()
        .await
        .unwrap_err();
    assert_eq!(wrong_secret.api_code(), Some(1), "{wrong_secret}");
    let unknown = client
        .video()
        .get_stream_info("1", video.secret.clone())
        .send()
        .await
        .unwrap_err();
    assert_eq!(unknown.api_code(), Some(1), "{unknown}");
    assert_eq!(fake.requests("flickr.video.getStreamInfo"), 4);
}

/// A free account's video lists no `orig` stream (the fake applies Flickr's
/// rule for originals to videos), and its `orig` URL is refused.
#[tokio::test]
async fn a_free_accounts_video_lists_no_original_stream() {
    let fake = small_fake().await;
    let client = key_client(&fake);
    let id = fake
        .public_photo_ids()
        .into_iter()
        .find(|id| {
            fake.photo(*id)
                .is_some_and(|p| p.owner == flickr_testkit::CAROL)
        })
        .expect("a photo of the free account");
    let (_, info) = make_video_and_list_streams(&fake, &client, id).await;
    assert_eq!(kinds(&info), ["1080p", "720p", "360p", "288p", "mobile"]);
    let listed = info.streams[0].url.as_deref().unwrap();
    let orig = listed.replace("/1080p.mp4?", "/orig.mov?");
    assert_ne!(orig, listed);
    assert_eq!(reqwest::get(listed).await.unwrap().status(), 200);
    assert_eq!(reqwest::get(&orig).await.unwrap().status(), 404, "{orig}");
}

#[test]
fn the_registry_marks_it_as_missing_from_reflection() {
    let m = flickr_sdk::registry::find("flickr.video.getStreamInfo").expect("registered");
    assert!(m.not_in_reflection.is_some());
    assert!(flickr_sdk::registry::METHODS
        .iter()
        .filter(|m| m.name != "flickr.video.getStreamInfo")
        .all(|m| m.not_in_reflection.is_none()));
}
