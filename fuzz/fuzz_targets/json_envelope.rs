//! JSON envelope + typed decode: `decode_body` into an untyped value and into
//! generated response types (directly, the fast path, and through the
//! registry's `decode_to_json`, as the CLI does).
#![no_main]

use flickr_sdk::types::{CommentList, Person, PhotoExif, PhotoInfo, PhotoPage, PhotosetList};
use flickr_core::fuzzing::{check_stat, decode_body, Ctx};
use flickr_core::registry::Perms;
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Search {
    photos: PhotoPage,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Info {
    photo: PhotoInfo,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct People {
    person: Person,
}

const METHODS: &[&str] = &[
    "flickr.photos.search",
    "flickr.photos.getInfo",
    "flickr.people.getInfo",
    "flickr.photos.getExif",
    "flickr.photosets.getList",
    "flickr.photos.comments.getList",
    "flickr.photos.getSizes",
];

fuzz_target!(|data: &[u8]| {
    let ctx = Ctx::new("flickr.fuzz", Perms::None);
    let _ = check_stat(ctx, data);
    let _ = decode_body::<Search>(ctx, data);
    let _ = decode_body::<Info>(ctx, data);
    let _ = decode_body::<People>(ctx, data);
    // Keep the other types linked in: they are reached through the registry.
    let _: Option<(CommentList, PhotoExif, PhotosetList)> = None;
    if let Ok(value) = decode_body::<Value>(ctx, data) {
        for method in METHODS {
            let _ = flickr_sdk::registry::decode_to_json(method, &value.to_string());
        }
    }
});
