//! `flickr.urls.lookupUser` over HTTP: the user a URL names by path alias or
//! NSID, and Flickr's code 1 for a URL that names nobody the fake holds.

mod common;

use common::{key_client, small_fake};
use flickr_testkit::{BOB, CAROL};

#[tokio::test]
async fn a_url_names_its_user_by_alias_or_nsid() {
    let fake = small_fake().await;
    let client = key_client(&fake);
    for (url, nsid) in [
        ("https://www.flickr.com/photos/carol/", CAROL),
        ("https://www.flickr.com/people/bob/", BOB),
        ("https://www.flickr.com/photos/10000002@N00/albums", BOB),
    ] {
        let user = client.urls().lookup_user(url).send().await.unwrap();
        assert_eq!(user.id.as_ref().map(|i| i.as_str()), Some(nsid), "{url}");
    }
    for url in [
        "https://www.flickr.com/photos/nobody-here/",
        "https://www.flickr.com/groups/landscape/",
    ] {
        let err = client.urls().lookup_user(url).send().await.unwrap_err();
        assert_eq!(err.api_code(), Some(1), "{url}: {err}");
    }
}
