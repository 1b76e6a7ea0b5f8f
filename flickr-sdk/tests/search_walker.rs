//! `Search::walk_by_upload_date` against the loopback Flickr, which caps a
//! search at 4,000 results the way Flickr does (pages past the cap repeat the
//! last page within it): plain paging stops at the cap, the walker returns
//! every matching photo exactly once, oldest first.

use std::collections::HashSet;

use flickr_sdk::{Client, DateValue};
use flickr_testkit::FakeFlickr;
use flickr_testkit::SEARCH_RESULT_CAP;
use futures::TryStreamExt;

/// More public photos than one search can reach.
const PHOTOS: usize = 4_600;

#[tokio::test]
async fn the_walker_reaches_every_photo_past_the_cap_and_plain_paging_does_not() {
    let fake = FakeFlickr::builder().photos(PHOTOS).start().await.unwrap();
    let public: HashSet<String> = fake.public_photo_ids().iter().map(u64::to_string).collect();
    assert!(
        public.len() as i64 > SEARCH_RESULT_CAP,
        "the fake holds only {} public photos",
        public.len()
    );
    // Signed-out: the search sees exactly the public photos.
    let client = Client::builder()
        .api_key(fake.credentials().api_key)
        .base_url(&fake.base_url())
        .build()
        .unwrap();
    // The seeded uploads reach back before 2004, the walker's default start.
    let search = || {
        client
            .photos()
            .search()
            .min_upload_date(DateValue::unix(1))
            .per_page(500)
    };

    let first = search().send().await.unwrap();
    assert_eq!(first.total, public.len() as i64, "total is not capped");

    let plain: Vec<_> = search().items().try_collect().await.unwrap();
    let plain_ids: HashSet<&str> = plain.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(plain.len() as i64, SEARCH_RESULT_CAP, "plain paging");
    assert_eq!(
        plain_ids.len(),
        plain.len(),
        "plain paging repeated a photo"
    );

    let walked: Vec<_> = search().walk_by_upload_date().try_collect().await.unwrap();
    let walked_ids: HashSet<String> = walked.iter().map(|p| p.id.as_str().to_owned()).collect();
    assert_eq!(
        walked.len(),
        walked_ids.len(),
        "the walker repeated a photo"
    );
    assert_eq!(walked_ids, public, "the walker missed or invented photos");

    let uploads: Vec<i64> = walked
        .iter()
        .map(|p| {
            fake.photo(p.id.as_str().parse().unwrap())
                .unwrap()
                .date_upload
        })
        .collect();
    assert!(uploads.windows(2).all(|w| w[0] <= w[1]), "not oldest first");
}
