//! Paged methods whose answer carries more than the page: the page type
//! reads its page from a field (`page_in` in the spec), so `.items()` walks
//! the pages and `.send()` keeps the siblings (a gallery's own info beside
//! its photos, the Explore date beside the interesting photos).

use bytes::Bytes;
use flickr_core::retry::RetryPolicy;
use flickr_core::transport::{HttpRequest, HttpResponse, Transport};
use flickr_sdk::Client;
use futures::future::BoxFuture;
use futures::TryStreamExt;
use std::sync::Arc;
use std::sync::Mutex;

/// Answers page `n` of 3 (one photo each), with `sibling` beside the page.
#[derive(Debug)]
struct ThreePages {
    sibling: &'static str,
    asked: Mutex<Vec<i64>>,
}

impl Transport for ThreePages {
    fn send(
        &self,
        req: HttpRequest,
    ) -> BoxFuture<'_, Result<HttpResponse, flickr_core::error::TransportError>> {
        let page: i64 = req
            .url
            .query_pairs()
            .find(|(k, _)| k == "page")
            .map_or(1, |(_, v)| v.parse().unwrap());
        self.asked.lock().unwrap().push(page);
        let body = format!(
            r#"{{{},"photos":{{"page":{page},"pages":3,"perpage":1,"total":3,"photo":[{{"id":"{}","title":"p"}}]}},"stat":"ok"}}"#,
            self.sibling,
            100 + page
        );
        let resp = HttpResponse {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: Bytes::from(body),
        };
        Box::pin(async move { Ok(resp) })
    }
}

fn client(sibling: &'static str) -> (Client, Arc<ThreePages>) {
    let transport = Arc::new(ThreePages {
        sibling,
        asked: Mutex::new(Vec::new()),
    });
    let client = Client::builder()
        .api_key("key")
        .transport(transport.clone())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    (client, transport)
}

#[tokio::test]
async fn gallery_photos_page_through_and_keep_the_gallery() {
    let (client, transport) =
        client(r#""gallery":{"id":"1-72157","owner":"1@N01","title":"Sunsets","count_photos":3}"#);
    let first = client
        .galleries()
        .get_photos("1-72157")
        .send()
        .await
        .unwrap();
    let gallery = first.gallery.expect("the gallery beside the page");
    assert_eq!(gallery.title.as_deref(), Some("Sunsets"));
    assert_eq!(gallery.count_photos, Some(3));
    assert_eq!((first.photos.page, first.photos.pages), (1, 3));

    let photos: Vec<_> = client
        .galleries()
        .get_photos("1-72157")
        .items()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = photos.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["101", "102", "103"]);
    assert_eq!(*transport.asked.lock().unwrap(), [1, 1, 2, 3]);
}

#[tokio::test]
async fn explore_pages_through_and_keeps_its_date() {
    let (client, _) =
        client(r#""extra":{"explore_date":"2024-04-27","next_prelude_interval":51884}"#);
    let pages: Vec<_> = client
        .interestingness()
        .get_list()
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    let extra = pages[2].extra.as_ref().expect("the explore info");
    assert_eq!(extra.explore_date.as_deref(), Some("2024-04-27"));
    assert_eq!(extra.next_prelude_interval, Some(51884));
}
