//! 5 % of the API's and the static host's answers faulty: nothing lost.

use flickr_backup::{Backup, Report};
use flickr_testkit::{AccountSpec, FakeFlickr, Fault, STATIC_TARGET};

use crate::common::quick;
use crate::fixture::tree;

async fn backup(fake: &FakeFlickr, dir: &std::path::Path) -> Report {
    let backup = Backup::new(fake.client(), dir).options(quick());
    backup.run().await.unwrap()
}

#[tokio::test]
async fn five_percent_faults_on_api_and_static_host_lose_nothing() {
    // Thirty albums: enough API calls for a 5 % rate to hit some.
    let account = AccountSpec {
        albums: 30,
        album_size: 4,
        ..AccountSpec::default()
    };
    let fake = FakeFlickr::builder().photos(30).account(account).start();
    let fake = fake.await.unwrap();
    let clean = tempfile::tempdir().unwrap();
    let clean_report = backup(&fake, clean.path()).await;
    let clean_calls = clean_report.total_calls();
    assert!(clean_calls >= 40, "{clean_report:?}");
    let static_before = fake.static_requests_total();
    let api_before = fake.total_requests();

    let api_faults = vec![Fault::Status(500), Fault::unavailable(), Fault::Status(502)];
    fake.inject_every("*", 20, api_faults);
    let static_faults = vec![
        Fault::Status(503),
        Fault::Truncate,
        Fault::RateLimited { retry_after: 0 },
        Fault::Drop,
        Fault::Status(500),
    ];
    fake.inject_every(STATIC_TARGET, 20, static_faults);
    let dir = tempfile::tempdir().unwrap();
    let report = backup(&fake, dir.path()).await;
    fake.clear_faults();
    assert!(report.failed.is_empty(), "{report:?}");
    let files = report.files_fetched;
    let requests = fake.static_requests_total() - static_before;
    assert!(
        requests > files,
        "faults were hit: {requests} requests for {files} files"
    );
    let api = fake.total_requests() - api_before;
    assert!(
        api > clean_calls,
        "API faults were hit and retried: {api} requests for {clean_calls} calls"
    );
    assert_eq!(report.total_calls(), api, "retries are counted as requests");
    assert_eq!(
        tree(dir.path()),
        tree(clean.path()),
        "nothing lost, nothing different"
    );
}
