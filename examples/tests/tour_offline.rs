//! The README's main command works offline: the tour's whole body runs
//! against the in-process loopback Flickr.

#[tokio::test]
async fn the_offline_tour_succeeds() {
    let mut out = Vec::new();
    flickr_examples::tour::offline(&mut out)
        .await
        .expect("the tour fails");
    let text = String::from_utf8(out).unwrap();
    for needle in [
        "authorized as alice",
        "flickr.test.login",
        "page 2 of",
        "views from",
        "progress: ",
        "100%",
        "replaced photo",
        "handled GetInfoError::PhotoNotFound",
        "Tour complete",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}
