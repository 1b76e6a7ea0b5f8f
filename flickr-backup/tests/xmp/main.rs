//! The mirror as a photo library: an XMP sidecar beside every photo and
//! video, read back by an independent reader (exiftool), file dates equal
//! to dates taken (read as local time), capped sizes said and healed, info,
//! people and contexts included, and an incremental run that changes
//! exactly the affected files.
//!
//! exiftool is Debian's `libimage-exiftool-perl`; `scripts/test.sh`
//! installs it and sets `FLICKR_REQUIRE_EXIFTOOL=1`, so a missing exiftool
//! fails there instead of skipping.
//!
//! Each group of cases shares one mirror, made once per test binary on the
//! runtime of its own loopback Flickr ([`fixture::Server`]); every case
//! first sets the zone of the runs ([`fixture::tokyo`]).

#![cfg(unix)]

#[path = "../common/mod.rs"]
mod common;
mod fixture;
mod include;
mod incremental;
mod mirror;
