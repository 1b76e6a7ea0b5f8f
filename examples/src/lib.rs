//! This package holds the flickr-rs examples, one file each in `examples/`
//! that a user can copy whole: `cargo run --example tour` (the offline
//! tour), and `oauth_login`, `search_paging`, `upload_progress`, `errors`
//! and `largest_size` (one task each). Each runs against Flickr with the
//! `FLICKR_*` variables set and against a loopback Flickr started
//! in-process without them, and carries its own test (`cargo test -p
//! flickr-examples`). The library itself is empty: Cargo needs a target
//! besides the examples.
