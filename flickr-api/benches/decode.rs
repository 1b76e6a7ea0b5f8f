//! Decoding a 500-photo `flickr.photos.search` page with every extra
//! (about 1 MB; see data/README.md) three ways over the same bytes:
//!
//! - `serde_json/plain_struct`: serde_json into a plain derived struct whose
//!   field types match the wire types of this page (the reference);
//! - `flickr_core/envelope_typed`: the client's envelope path
//!   (`envelope::decode_body`: stat check, fast path) into the typed struct
//!   generated code uses, every quirky field through a `flickr_core::de` helper
//!   (numeric strings to integers, 0/1 to bool, dates parsed, `_content`
//!   unwrapped);
//! - `serde_json/value`: an untyped `serde_json::Value`, for context.
//!
//! Run: `cargo bench -p flickr-core --bench decode`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use flickr_core::de;
use flickr_core::envelope::{decode_body, Ctx};
use flickr_core::error::ErrorCode;
use flickr_core::ids::{PhotoId, UserId};
use flickr_core::registry::Perms;
use flickr_core::values::DateValue;
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

// ---- ours: the typed shape generated code uses ----

#[derive(Deserialize)]
#[allow(dead_code)]
struct Response {
    photos: Page,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Page {
    #[serde(deserialize_with = "de::u32")]
    page: u32,
    #[serde(deserialize_with = "de::u32")]
    pages: u32,
    #[serde(deserialize_with = "de::u32")]
    perpage: u32,
    #[serde(deserialize_with = "de::u64")]
    total: u64,
    #[serde(default, deserialize_with = "de::list")]
    photo: Vec<Photo>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Photo {
    id: PhotoId,
    owner: UserId,
    #[serde(deserialize_with = "de::string")]
    secret: String,
    #[serde(deserialize_with = "de::string")]
    server: String,
    #[serde(default, deserialize_with = "de::opt_u32")]
    farm: Option<u32>,
    #[serde(default, deserialize_with = "de::string")]
    title: String,
    #[serde(default, deserialize_with = "de::opt_bool")]
    ispublic: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    isfriend: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    isfamily: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_string")]
    description: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    license: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_unix_time")]
    dateupload: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_date")]
    datetaken: Option<DateValue>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    datetakengranularity: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    datetakenunknown: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_string")]
    ownername: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    iconserver: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    iconfarm: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_string")]
    originalsecret: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    originalformat: Option<String>,
    #[serde(default, deserialize_with = "de::opt_unix_time")]
    lastupdate: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_f64")]
    latitude: Option<f64>,
    #[serde(default, deserialize_with = "de::opt_f64")]
    longitude: Option<f64>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    accuracy: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    context: Option<u32>,
    #[serde(default, deserialize_with = "de::string")]
    tags: String,
    #[serde(default, deserialize_with = "de::string")]
    machine_tags: String,
    #[serde(default, deserialize_with = "de::opt_u32")]
    o_width: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    o_height: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u64")]
    views: Option<u64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    media: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    media_status: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pathalias: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    place_id: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    woeid: Option<String>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    geo_is_family: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    geo_is_friend: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    geo_is_contact: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    geo_is_public: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_sq: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    height_sq: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    width_sq: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_q: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    height_q: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    width_q: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_t: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    height_t: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    width_t: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_s: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    height_s: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    width_s: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_n: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    height_n: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    width_n: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_m: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    height_m: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    width_m: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_z: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    height_z: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    width_z: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_c: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    height_c: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    width_c: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_l: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    height_l: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    width_l: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_h: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    height_h: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    width_h: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_k: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    height_k: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    width_k: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_o: Option<String>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    height_o: Option<u32>,
    #[serde(default, deserialize_with = "de::opt_u32")]
    width_o: Option<u32>,
}

fn typed(bytes: &[u8]) -> Response {
    decode_body::<Response, ErrorCode>(Ctx::new("flickr.photos.search", Perms::None), bytes)
        .expect("typed decode")
}

fn decode(c: &mut Criterion) {
    // Both must decode everything before their speed means anything.
    let r: RefResponse = serde_json::from_slice(PAGE).expect("reference decode");
    let t = typed(PAGE);
    assert_eq!(r.photos.photo.len(), 500);
    assert_eq!(t.photos.photo.len(), 500);
    assert_eq!(t.photos.total, 2500);
    assert!(t
        .photos
        .photo
        .iter()
        .all(|p| p.url_m.is_some() && p.width_m.is_some() && p.datetaken.is_some()));

    let mut g = c.benchmark_group("decode_500_photo_page");
    g.throughput(Throughput::Bytes(PAGE.len() as u64));
    g.bench_function("serde_json/plain_struct", |b| {
        b.iter(|| {
            black_box(serde_json::from_slice::<RefResponse>(black_box(PAGE)).expect("decode"))
        })
    });
    g.bench_function("flickr_core/envelope_typed", |b| {
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
