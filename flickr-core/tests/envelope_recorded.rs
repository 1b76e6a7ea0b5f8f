//! The envelope decoders against real recorded Flickr answers
//! (tests/fixtures/recorded, attribution in its SOURCES.md): every index
//! entry records a known outcome and every body ends in it (one case per
//! outcome), and photo lists in JSON and XML decode into one typed struct
//! with the quirk helpers.

use bytes::Bytes;
use flickr_core::__private::de;
use flickr_core::error::Error;
use flickr_core::fuzzing::{
    self as envelope, decode_body, decode_form, decode_upload, Called, UploadReply,
};
use flickr_core::registry::Perms;
use flickr_core::transport::HttpResponse;
use serde::Deserialize;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/recorded")
}

#[derive(Debug, Deserialize)]
struct Entry {
    file: String,
    method: String,
    endpoint: String,
    format: String,
    http_status: Option<u16>,
    stat: Option<String>,
    error_code: Option<Value>,
}

/// Every index entry, read once per test binary.
fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let index = std::fs::read_to_string(dir().join("index.jsonl")).expect("recorded fixtures");
        index
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    })
}

fn body(e: &Entry) -> Vec<u8> {
    std::fs::read(dir().join(&e.file)).unwrap()
}

fn code_of(e: &Entry) -> String {
    match &e.error_code {
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => String::new(),
    }
}

fn response(e: &Entry, body: Vec<u8>) -> HttpResponse {
    HttpResponse {
        status: e.http_status.unwrap_or(200),
        headers: vec![],
        body: Bytes::from(body),
    }
}

/// The outcome an index entry records, by endpoint, format and stat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    RestOk,
    RestFail,
    RestOAuthProblem,
    RestInvalidJson,
    UploadOk,
    UploadFail,
    FormFail,
    FormOk,
}

fn outcome(e: &Entry) -> Option<Outcome> {
    Some(
        match (e.endpoint.as_str(), e.format.as_str(), e.stat.as_deref()) {
            ("rest", "json" | "xml", Some("ok")) => Outcome::RestOk,
            ("rest", "json" | "xml", Some("fail")) => Outcome::RestFail,
            ("rest", "form", _) => Outcome::RestOAuthProblem,
            ("rest", "invalid-json", _) => Outcome::RestInvalidJson,
            ("upload" | "replace", "xml", Some("ok")) => Outcome::UploadOk,
            ("upload" | "replace", "xml", Some("fail")) => Outcome::UploadFail,
            (_, "form", Some("fail")) => Outcome::FormFail,
            (_, "form", Some("ok")) => Outcome::FormOk,
            _ => return None,
        },
    )
}

/// The entries recording `wanted` (there is at least one), with their bodies.
fn recorded(wanted: Outcome) -> Vec<(&'static Entry, Vec<u8>)> {
    let out: Vec<_> = entries()
        .iter()
        .filter(|e| outcome(e) == Some(wanted))
        .map(|e| (e, body(e)))
        .collect();
    assert!(!out.is_empty(), "no recording of {wanted:?}");
    out
}

#[test]
fn the_recordings_are_there_and_every_index_entry_has_a_known_outcome() {
    let entries = entries();
    assert!(entries.len() > 400, "fixtures missing: {}", entries.len());
    for e in entries {
        let label = &e.file;
        assert!(
            outcome(e).is_some(),
            "{label}: unexpected index entry {:?}",
            (e.endpoint.as_str(), e.format.as_str(), e.stat.as_deref())
        );
    }
}

#[test]
fn rest_successes_decode_to_objects_and_xml_ones_lose_their_stat() {
    for (e, raw) in recorded(Outcome::RestOk) {
        let label = &e.file;
        let resp = response(e, raw);
        let v = envelope::decode_response::<Value>(Called::new(&e.method, Perms::None), &resp, "u")
            .unwrap_or_else(|err| panic!("{label}: {err}"));
        assert!(v.is_object(), "{label}");
        if e.format == "xml" {
            assert!(v.get("stat").is_none(), "{label}: stat is removed from XML");
        }
    }
}

#[test]
fn rest_failures_carry_their_recorded_code_and_name_the_method() {
    for (e, raw) in recorded(Outcome::RestFail) {
        let label = &e.file;
        let resp = response(e, raw);
        let err =
            envelope::decode_response::<Value>(Called::new(&e.method, Perms::None), &resp, "u")
                .unwrap_err();
        assert_eq!(
            err.api_code().map(|c| c.to_string()),
            Some(code_of(e)),
            "{label}: {err}"
        );
        assert!(err.to_string().contains(&e.method), "{label}: {err}");
    }
}

#[test]
fn oauth_problems_from_rest_are_oauth_errors_with_their_recorded_problem() {
    for (e, raw) in recorded(Outcome::RestOAuthProblem) {
        let label = &e.file;
        let resp = response(e, raw);
        let err =
            envelope::decode_response::<Value>(Called::new(&e.method, Perms::None), &resp, "u")
                .unwrap_err();
        let Error::OAuth(o) = &err else {
            panic!("{label}: {err:?}")
        };
        assert_eq!(o.problem, code_of(e), "{label}");
    }
}

#[test]
fn invalid_json_from_rest_is_a_decode_error_saying_so() {
    for (e, raw) in recorded(Outcome::RestInvalidJson) {
        let label = &e.file;
        let err = decode_body::<Value>(Called::new(&e.method, Perms::None), &raw).unwrap_err();
        assert!(matches!(err, Error::Decode(_)), "{label}: {err:?}");
        assert!(err.to_string().contains("not valid JSON"), "{label}: {err}");
    }
}

#[test]
fn upload_and_replace_successes_give_a_numeric_photo_id_or_a_ticket() {
    for (e, raw) in recorded(Outcome::UploadOk) {
        let label = &e.file;
        let reply = decode_upload(&e.endpoint, &response(e, raw), "u")
            .unwrap_or_else(|err| panic!("{label}: {err}"));
        match reply {
            UploadReply::Photo { id, .. } => {
                assert!(id.as_str().bytes().all(|b| b.is_ascii_digit()), "{label}")
            }
            UploadReply::Ticket(t) => assert!(!t.as_str().is_empty(), "{label}"),
        }
    }
}

#[test]
fn upload_and_replace_failures_carry_their_recorded_code() {
    for (e, raw) in recorded(Outcome::UploadFail) {
        let label = &e.file;
        let err = decode_upload(&e.endpoint, &response(e, raw), "u").unwrap_err();
        assert_eq!(
            err.api_code().map(|c| c.to_string()),
            Some(code_of(e)),
            "{label}: {err}"
        );
    }
}

#[test]
fn refused_oauth_and_upload_forms_are_oauth_errors_with_their_recorded_problem() {
    for (e, raw) in recorded(Outcome::FormFail) {
        let label = &e.file;
        let resp = HttpResponse {
            status: e.http_status.unwrap_or(401),
            ..response(e, raw)
        };
        let err = match e.endpoint.as_str() {
            "upload" | "replace" => decode_upload(&e.endpoint, &resp, "u").unwrap_err(),
            _ => decode_form(&e.endpoint, &resp, "u").unwrap_err(),
        };
        let Error::OAuth(o) = &err else {
            panic!("{label}: {err:?}")
        };
        assert_eq!(o.problem, code_of(e), "{label}");
    }
}

#[test]
fn granted_oauth_forms_carry_a_token() {
    for (e, raw) in recorded(Outcome::FormOk) {
        let label = &e.file;
        let reply = decode_form(&e.endpoint, &response(e, raw), "u")
            .unwrap_or_else(|err| panic!("{label}: {err}"));
        assert!(reply.get("oauth_token").is_some(), "{label}");
    }
}

#[test]
fn signature_failures_keep_flickrs_base_string_whole() {
    let e = entries()
        .iter()
        .find(|e| {
            e.file
                .starts_with("flickr.photos.comments.addComment__fpa-2023")
                && e.format == "form"
        })
        .expect("fixture");
    let err = decode_form(&e.endpoint, &response(e, body(e)), "u").unwrap_err();
    let Error::OAuth(o) = &err else {
        panic!("{err:?}")
    };
    let sbs = o.debug_sbs.as_deref().unwrap();
    assert!(
        sbs.starts_with("POST&https%3A%2F%2Fapi.flickr.com%2Fservices%2Frest%2F&comment_text%3D"),
        "{sbs}"
    );
    assert!(sbs.ends_with("photo_id%3D53374767803"), "{sbs}");
}

/// A photo-list page as the generated types will see it: every extra the
/// recorded bodies carry, through the quirk helpers.
#[derive(Debug, Deserialize)]
struct PageOut {
    photos: PhotoPage,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct PhotoPage {
    #[serde(deserialize_with = "de::i64")]
    page: i64,
    #[serde(default, deserialize_with = "de::opt_i64")]
    pages: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    perpage: Option<i64>,
    #[serde(deserialize_with = "de::i64")]
    total: i64,
    #[serde(default, deserialize_with = "de::list")]
    photo: Vec<Photo>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Photo {
    id: flickr_core::ids::PhotoId,
    #[serde(default, deserialize_with = "de::opt_string")]
    owner: Option<String>,
    #[serde(deserialize_with = "de::string")]
    secret: String,
    #[serde(deserialize_with = "de::string")]
    server: String,
    #[serde(default, deserialize_with = "de::opt_i64")]
    farm: Option<i64>,
    #[serde(default, deserialize_with = "de::string")]
    title: String,
    #[serde(default, deserialize_with = "de::opt_bool")]
    ispublic: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    isfriend: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    isfamily: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_string")]
    license: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    description: Option<String>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    dateupload: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    lastupdate: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_date")]
    datetaken: Option<flickr_core::values::DateValue>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    datetakengranularity: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    datetakenunknown: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_string")]
    ownername: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    iconserver: Option<String>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    iconfarm: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    originalsecret: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    originalformat: Option<String>,
    #[serde(default, deserialize_with = "de::opt_f64")]
    latitude: Option<f64>,
    #[serde(default, deserialize_with = "de::opt_f64")]
    longitude: Option<f64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    accuracy: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    tags: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    machine_tags: Option<String>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    views: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    media: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    pathalias: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_m: Option<String>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    width_m: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    height_m: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    url_o: Option<String>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    width_o: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    height_o: Option<i64>,
}

#[test]
fn photo_pages_decode_from_json_and_xml_into_one_type() {
    let mut json = 0;
    let mut xml = 0;
    for e in entries() {
        let is_page = [
            "flickr.photos.search",
            "flickr.photos.getRecent",
            "flickr.interestingness.getList",
            "flickr.people.getPhotos",
            "flickr.people.getPublicPhotos",
            "flickr.groups.pools.getPhotos",
            "flickr.favorites.getList",
            "flickr.favorites.getPublicList",
        ]
        .contains(&e.method.as_str());
        if !is_page || e.stat.as_deref() != Some("ok") {
            continue;
        }
        let raw = body(e);
        let page: PageOut = decode_body::<_>(Called::new(&e.method, Perms::None), &raw)
            .unwrap_or_else(|err| panic!("{}: {err}", e.file));
        assert!(
            page.photos.total >= page.photos.photo.len() as i64 || page.photos.total == 0,
            "{}",
            e.file
        );
        for p in &page.photos.photo {
            assert!(!p.id.as_str().is_empty(), "{}", e.file);
        }
        if e.format == "json" {
            json += 1;
        } else {
            xml += 1;
        }
    }
    assert!(json >= 5 && xml >= 5, "json {json}, xml {xml}");
}
