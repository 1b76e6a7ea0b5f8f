//! Flickr's wire quirks, handled once, for the generated response types.
//!
//! Flickr writes the same field differently from method to method and even
//! within one response: numbers as numbers or strings (`"total": "817"` next
//! to `"page": 1`), booleans as `0`/`1`, `"0"`/`"1"` or `true`/`false`, text
//! wrapped as `{"_content": "..."}`, `""` or `null` for absent values, one
//! object where a list is expected (and always, in XML turned into JSON),
//! `0` for an absent latitude. Each helper here accepts every form seen in the
//! recorded responses and nothing vaguer: a word in a number field
//! (`"remaining": "lots"`) is an error naming the value, never a silent `None`.
//!
//! Use with `#[serde(default, deserialize_with = "de::opt_i64")]`; the
//! generated response types call them through flickr-sdk's `serde_members!`
//! (`opt per_page via opt_i64`), one seed type per helper.
//! The helpers are visitors over the input (no `serde_json::Value` in between)
//! since they run for every field of every photo of a 500-photo page.
//!
//! One file per concern: `visitor` (the one visitor every scalar helper
//! runs, and how each target type reads each JSON form), `scalars`
//! (numbers, booleans, text and ids), `dates` (Unix times and Flickr's date
//! forms), `lists` (one-or-many lists and optional objects) and `typed`
//! (optional open enums and ids). Every helper is re-exported here; the
//! module is private, and the generated bindings reach it as
//! `flickr_core::__private::de`. `members` is the rest of what the
//! generated structs' serde impls call (per-member serialization, the
//! member-reading seeds), so all decode support for the generated types
//! lives here; flickr-sdk's macros only expand to calls of it.

mod dates;
mod lists;
// The generated response structs' serde impls (`serde_members!`) call it;
// with few namespace features on, some of it goes unused.
#[allow(dead_code)]
pub mod members;
mod scalars;
mod typed;
mod visitor;

pub use dates::{date, opt_date};
pub use lists::{list, opt_struct};
pub use scalars::{
    bool, f64, i64, id_string, opt_bool, opt_f64, opt_i64, opt_string, string, Text,
};
pub use typed::{opt_id, opt_open};
