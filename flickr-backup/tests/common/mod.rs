//! What the backup's tests share: options whose file retries wait at
//! loopback speed. Clients come from `FakeFlickr::client`, which retries at
//! loopback speed too.

#![allow(dead_code)]

use std::time::Duration;

use flickr_backup::Options;

/// The default options, with file downloads retried after 5 ms doubling to
/// 50 ms (the loopback static host answers at once).
pub fn quick() -> Options {
    let defaults = Options::default();
    let retry = defaults
        .file_retry
        .with_delays(Duration::from_millis(5), Duration::from_millis(50));
    defaults.file_retry(retry)
}
