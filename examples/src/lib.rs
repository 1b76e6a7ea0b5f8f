//! Shared helpers for the examples, the tour behind `cargo run --example tour`
//! and the one-task examples' logic (in a library so the test suite runs
//! them against the loopback Flickr).
#![deny(missing_docs)]

pub mod env;
pub mod errors;
pub mod largest_size;
pub mod oauth_login;
pub mod search_paging;
pub mod tour;
pub mod upload_progress;
