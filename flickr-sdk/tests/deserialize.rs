//! The generated response structs' hand-written `Deserialize` impls
//! (`serde_members!`) read what serde's derive read, with the same errors:
//! each case is decoded into a generated type and into a twin struct derived
//! with the attributes the generator used to write, and the two must agree.
//! The one intended difference, an array, has its own test.

use flickr_sdk::__private::de;
use flickr_sdk::types::{PhotoPage, SizeEntry};
use serde::Deserialize;

/// `PhotoPage` as serde's derive read it before its impls were written by hand (under the same
/// name, which the errors carry).
mod derived {
    use super::*;

    #[derive(Debug, Deserialize)]
    pub struct PhotoPage {
        #[serde(deserialize_with = "de::i64")]
        pub page: i64,
        #[serde(deserialize_with = "de::i64")]
        pub pages: i64,
        #[serde(
            rename = "perpage",
            alias = "per_page",
            default,
            deserialize_with = "de::opt_i64"
        )]
        pub per_page: Option<i64>,
        #[serde(deserialize_with = "de::i64")]
        pub total: i64,
        #[serde(rename = "photo", default, deserialize_with = "de::list")]
        pub photos: Vec<flickr_sdk::types::Photo>,
    }
}

/// What both read: the members, the photos' ids and titles.
type Read = (i64, i64, Option<i64>, i64, Vec<(String, Option<String>)>);

fn generated(json: &str) -> Result<Read, String> {
    let p: PhotoPage = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let photos = p.photos.iter().map(|p| (p.id.to_string(), p.title.clone()));
    Ok((p.page, p.pages, p.per_page, p.total, photos.collect()))
}

fn derived(json: &str) -> Result<Read, String> {
    let p: derived::PhotoPage = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let photos = p.photos.iter().map(|p| (p.id.to_string(), p.title.clone()));
    Ok((p.page, p.pages, p.per_page, p.total, photos.collect()))
}

#[test]
fn the_hand_impl_reads_what_the_derive_read() {
    let cases = [
        // In order, out of order, under the alias.
        r#"{"page":1,"pages":"2","perpage":100,"total":"130","photo":[{"id":"5","title":"a"}]}"#,
        r#"{"photo":{"id":"5"},"total":3,"per_page":"7","pages":1,"page":"1"}"#,
        // Members the type does not have, of every JSON kind, are skipped.
        r#"{"page":1,"x":{"y":[1,{"z":null}]},"pages":1,"w":"s","total":0,"v":[],"u":2.5}"#,
        // Optional members left out or null; an empty list in XML's forms.
        r#"{"page":1,"pages":1,"total":0,"perpage":null,"photo":""}"#,
        r#"{"page":1,"pages":1,"total":0,"photo":{}}"#,
        // Errors: a required member left out, a member given twice (also
        // once under its name and once under its alias), a bad value.
        r#"{"page":1,"total":0}"#,
        r#"{"page":1,"pages":1,"page":2,"total":0}"#,
        r#"{"page":1,"pages":1,"total":0,"perpage":1,"per_page":2}"#,
        r#"{"page":1,"pages":1,"total":"lots"}"#,
        r#"{"page":1,"pages":1,"total":0,"photo":[{"title":"no id"}]}"#,
        // Not an object at all.
        r#""text""#,
        "7",
        "null",
        // Malformed JSON inside the object.
        r#"{"page":1,"pages":1,"#,
    ];
    for json in cases {
        assert_eq!(generated(json), derived(json), "{json}");
    }
    // The cases do reach each error.
    let errors: Vec<String> = cases.iter().filter_map(|j| generated(j).err()).collect();
    for expected in [
        "missing field `pages`",
        "duplicate field `page`",
        "duplicate field `perpage`",
        "missing field `id`",
        "expected struct PhotoPage",
    ] {
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "no error says {expected:?}: {errors:?}"
        );
    }
}

#[test]
fn an_empty_array_is_an_object_with_no_members_and_any_other_array_is_refused() {
    // PHP writes an empty object as `[]`: a struct with only optional members
    // reads it as no members, as the derive did.
    let entry: SizeEntry = serde_json::from_str("[]").expect("decodes");
    assert_eq!(entry.label, None);
    assert_eq!(entry.width, None);
    // With a required member, the error names it (the derive said "invalid
    // length 0, expected struct PhotoPage with 5 elements").
    let err = serde_json::from_str::<PhotoPage>("[]").unwrap_err();
    assert!(err.to_string().starts_with("missing field `page`"), "{err}");
    // A non-empty array is refused rather than read by position.
    for json in [r#"[1,2,3,4]"#, r#"["Small"]"#, "[{}]"] {
        let err = serde_json::from_str::<SizeEntry>(json).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("invalid type: sequence, expected struct SizeEntry"),
            "{json}: {err}"
        );
    }
}

#[test]
fn any_deserializer_works_not_only_json_text() {
    // `serde_json::Value` drives the impl through another `MapAccess`.
    let value = serde_json::json!({"total": 3, "pages": "1", "page": 1, "perpage": "2"});
    let page: PhotoPage = serde_json::from_value(value).expect("decodes");
    assert_eq!(
        (page.page, page.pages, page.per_page, page.total),
        (1, 1, Some(2), 3)
    );
    let err = serde_json::from_value::<PhotoPage>(serde_json::json!({"page": 1})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `pages`");
}
