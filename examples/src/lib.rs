//! Shared helpers for the examples, and the tour behind `cargo run --example tour`
//! (in a library so the test suite runs it offline).
#![deny(missing_docs)]

pub mod tour;
