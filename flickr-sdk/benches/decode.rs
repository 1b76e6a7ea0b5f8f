//! Decoding a 500-photo `flickr.photos.search` page with every extra
//! (about 1 MB; see data/README.md) three ways over the same bytes:
//!
//! - `serde_json/plain_struct`: serde_json into a plain derived struct whose
//!   field types match the wire types of this page (the reference);
//! - `flickr_sdk/generated_typed`: the client's envelope path
//!   (`envelope::read_rest` then `envelope::decode` at the `photos` member: stat check, fast path) into the generated
//!   `flickr_sdk::types::PhotoPage`, every quirky field through a
//!   `flickr_core::de` helper (numeric strings to integers, 0/1 to bool,
//!   `_content` unwrapped);
//! - `serde_json/value`: an untyped `serde_json::Value`, for context.
//!
//! Run: `cargo bench -p flickr-sdk --bench decode`.

use bytes::Bytes;
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use flickr_core::__private::envelope::{self, read_rest, Called, Root};
use flickr_core::registry::Perms;
use flickr_sdk::types::PhotoPage;
use serde::Deserialize;

const PAGE: &[u8] = include_bytes!("data/photos_search_500.json");

// ---- reference: plain derived struct, wire types ----

#[derive(Deserialize)]
#[allow(dead_code)]
struct RefResponse {
    photos: RefPage,
    stat: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct RefPage {
    page: u32,
    pages: u32,
    perpage: u32,
    total: String,
    photo: Vec<RefPhoto>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct RefContent {
    _content: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct RefPhoto {
    id: String,
    owner: String,
    secret: String,
    server: String,
    farm: u32,
    title: String,
    ispublic: u8,
    isfriend: u8,
    isfamily: u8,
    description: RefContent,
    license: String,
    dateupload: String,
    datetaken: String,
    datetakengranularity: String,
    ownername: String,
    iconserver: String,
    iconfarm: u32,
    #[serde(default)]
    originalsecret: Option<String>,
    #[serde(default)]
    originalformat: Option<String>,
    lastupdate: String,
    latitude: f64,
    longitude: f64,
    accuracy: String,
    context: u8,
    tags: String,
    machine_tags: String,
    #[serde(default)]
    o_width: Option<String>,
    #[serde(default)]
    o_height: Option<String>,
    views: String,
    media: String,
    media_status: String,
    pathalias: Option<String>,
    #[serde(default)]
    place_id: Option<String>,
    #[serde(default)]
    woeid: Option<String>,
    #[serde(default)]
    geo_is_family: Option<u8>,
    #[serde(default)]
    geo_is_friend: Option<u8>,
    #[serde(default)]
    geo_is_contact: Option<u8>,
    #[serde(default)]
    geo_is_public: Option<u8>,
    #[serde(default)]
    url_sq: Option<String>,
    #[serde(default)]
    height_sq: Option<u32>,
    #[serde(default)]
    width_sq: Option<u32>,
    #[serde(default)]
    url_q: Option<String>,
    #[serde(default)]
    height_q: Option<String>,
    #[serde(default)]
    width_q: Option<String>,
    #[serde(default)]
    url_t: Option<String>,
    #[serde(default)]
    height_t: Option<String>,
    #[serde(default)]
    width_t: Option<String>,
    #[serde(default)]
    url_s: Option<String>,
    #[serde(default)]
    height_s: Option<String>,
    #[serde(default)]
    width_s: Option<String>,
    #[serde(default)]
    url_n: Option<String>,
    #[serde(default)]
    height_n: Option<String>,
    #[serde(default)]
    width_n: Option<String>,
    #[serde(default)]
    url_m: Option<String>,
    #[serde(default)]
    height_m: Option<String>,
    #[serde(default)]
    width_m: Option<String>,
    #[serde(default)]
    url_z: Option<String>,
    #[serde(default)]
    height_z: Option<String>,
    #[serde(default)]
    width_z: Option<String>,
    #[serde(default)]
    url_c: Option<String>,
    #[serde(default)]
    height_c: Option<String>,
    #[serde(default)]
    width_c: Option<String>,
    #[serde(default)]
    url_l: Option<String>,
    #[serde(default)]
    height_l: Option<String>,
    #[serde(default)]
    width_l: Option<String>,
    #[serde(default)]
    url_h: Option<String>,
    #[serde(default)]
    height_h: Option<String>,
    #[serde(default)]
    width_h: Option<String>,
    #[serde(default)]
    url_k: Option<String>,
    #[serde(default)]
    height_k: Option<String>,
    #[serde(default)]
    width_k: Option<String>,
    #[serde(default)]
    url_o: Option<String>,
    #[serde(default)]
    height_o: Option<String>,
    #[serde(default)]
    width_o: Option<String>,
}

// ---- ours: the generated response type, through the client's envelope path ----

/// What the generated `Search::send` decodes: the envelope's `photos` member.
struct Response {
    photos: PhotoPage,
}

// Not inlined, so a profiler can attribute the decode to it
// (`valgrind --tool=callgrind --toggle-collect='*typed*'`).
#[inline(never)]
fn typed(bytes: &'static [u8]) -> Response {
    // As the client does: the envelope check, then the `photos` member.
    let ctx = Called::new("flickr.photos.search", Perms::None);
    let text = read_rest(ctx, &Bytes::from_static(bytes)).expect("stat=ok");
    let photos =
        envelope::decode::<PhotoPage>(ctx, &text, Root::Member("photos")).expect("typed decode");
    Response { photos }
}

fn decode(c: &mut Criterion) {
    // Both must decode everything before their speed means anything.
    let r: RefResponse = serde_json::from_slice(PAGE).expect("reference decode");
    let t = typed(PAGE);
    assert_eq!(r.photos.photo.len(), 500);
    assert_eq!(t.photos.photos.len(), 500);
    assert_eq!(t.photos.total, 2500);
    assert!(t
        .photos
        .photos
        .iter()
        .all(|p| p.url_m.is_some() && p.width_m.is_some() && p.date_taken.is_some()));

    let mut g = c.benchmark_group("decode_500_photo_page");
    g.throughput(Throughput::Bytes(PAGE.len() as u64));
    g.bench_function("serde_json/plain_struct", |b| {
        b.iter(|| {
            black_box(serde_json::from_slice::<RefResponse>(black_box(PAGE)).expect("decode"))
        })
    });
    g.bench_function("flickr_sdk/generated_typed", |b| {
        b.iter(|| black_box(typed(black_box(PAGE))))
    });
    g.bench_function("serde_json/value", |b| {
        b.iter(|| {
            black_box(serde_json::from_slice::<serde_json::Value>(black_box(PAGE)).expect("decode"))
        })
    });
    g.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
