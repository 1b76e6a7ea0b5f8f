//! The scalar readers against every form Flickr writes a value in.

use super::*;
use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq, Default)]
struct T {
    #[serde(default, deserialize_with = "super::opt_i64")]
    n: Option<i64>,
    #[serde(default, deserialize_with = "super::opt_f64")]
    f: Option<f64>,
    #[serde(default, deserialize_with = "super::opt_bool")]
    b: Option<bool>,
    #[serde(default, deserialize_with = "super::opt_string")]
    s: Option<String>,
}

fn t(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

fn err(json: &str) -> String {
    serde_json::from_str::<T>(json).unwrap_err().to_string()
}

#[test]
fn numbers_as_numbers_strings_and_content() {
    // "total":"98" next to "page":1 (photos.search), "count":{"_content":"12"} (people.getInfo).
    assert_eq!(t(r#"{"n":"98"}"#).n, Some(98));
    assert_eq!(t(r#"{"n":1}"#).n, Some(1));
    assert_eq!(t(r#"{"n":{"_content":"12"}}"#).n, Some(12));
    assert_eq!(t(r#"{"n":{"_content":12}}"#).n, Some(12));
    assert_eq!(t(r#"{"n":-3}"#).n, Some(-3));
    assert_eq!(t(r#"{"n":"2.0"}"#).n, Some(2));
    assert_eq!(t(r#"{"n":""}"#).n, None);
    assert_eq!(t(r#"{"n":null}"#).n, None);
    assert_eq!(t(r#"{}"#).n, None);
}

#[test]
fn words_in_number_fields_are_errors_naming_the_value() {
    // "remaining":"lots" (a recorded people.getUploadStatus quirk).
    let e = err(r#"{"n":"lots"}"#);
    assert!(e.contains("\"lots\"") && e.contains("integer"), "{e}");
    assert!(err(r#"{"n":"1.5"}"#).contains("1.5"));
    assert!(err(r#"{"f":"NaN"}"#).contains("NaN"));
    assert!(err(r#"{"n":[1]}"#).contains("sequence"));
    assert!(err(r#"{"n":18446744073709551615}"#).contains("18446744073709551615"));
}

#[test]
fn floats_from_strings_and_zero_ints() {
    // latitude "23.340000" in XML, latitude 0 (int) when absent in JSON.
    assert_eq!(t(r#"{"f":"23.340000"}"#).f, Some(23.34));
    assert_eq!(t(r#"{"f":0}"#).f, Some(0.0));
    assert_eq!(t(r#"{"f":-122.419415}"#).f, Some(-122.419415));
    assert_eq!(t(r#"{"f":""}"#).f, None);
}

#[test]
fn booleans_in_every_form() {
    for (json, want) in [
        (r#"{"b":1}"#, Some(true)),
        (r#"{"b":0}"#, Some(false)),
        (r#"{"b":"1"}"#, Some(true)),
        (r#"{"b":"0"}"#, Some(false)),
        (r#"{"b":true}"#, Some(true)),
        (r#"{"b":"false"}"#, Some(false)),
        (r#"{"b":""}"#, None),
        (r#"{"b":{"_content":"1"}}"#, Some(true)),
    ] {
        assert_eq!(t(json).b, want, "{json}");
    }
    assert!(err(r#"{"b":2}"#).contains("boolean"));
    assert!(err(r#"{"b":"yes"}"#).contains("yes"));
}

#[test]
fn strings_unwrap_content_and_accept_numbers() {
    // "title":{"_content":"Robot"} (photos.getInfo), "server":"7090" vs "farm":8.
    assert_eq!(
        t(r#"{"s":{"_content":"Robot"}}"#).s.as_deref(),
        Some("Robot")
    );
    assert_eq!(
        t(r#"{"s":{"type":"photopage","_content":"https://x/"}}"#)
            .s
            .as_deref(),
        Some("https://x/")
    );
    assert_eq!(t(r#"{"s":8}"#).s.as_deref(), Some("8"));
    assert_eq!(
        t(r#"{"s":"Janko Marohni\u0107"}"#).s.as_deref(),
        Some("Janko Marohnić")
    );
    assert_eq!(t(r#"{"s":""}"#).s, None);
    assert_eq!(t(r#"{"s":null}"#).s, None);
    #[derive(Deserialize)]
    struct R {
        #[serde(deserialize_with = "super::string")]
        s: String,
        #[serde(deserialize_with = "super::id_string")]
        id: String,
    }
    let r: R = serde_json::from_str(r#"{"s":null,"id":7093101501}"#).unwrap();
    assert_eq!((r.s.as_str(), r.id.as_str()), ("", "7093101501"));
    assert!(serde_json::from_str::<R>(r#"{"s":"","id":null}"#).is_err());
    // All-digit secrets stay strings, leading zeros and all.
    let r: R = serde_json::from_str(r#"{"s":"0123","id":"0042"}"#).unwrap();
    assert_eq!((r.s.as_str(), r.id.as_str()), ("0123", "0042"));
}

#[test]
fn required_helpers_reject_empty_values() {
    #[derive(Debug, Deserialize)]
    struct R {
        #[serde(deserialize_with = "super::i64")]
        _n: i64,
    }
    let e = serde_json::from_str::<R>(r#"{"_n":""}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("empty value"), "{e}");
    let r: R = serde_json::from_str(r#"{"_n":"817"}"#).unwrap();
    assert_eq!(r._n, 817);
    #[derive(Debug, Deserialize)]
    struct U {
        #[serde(deserialize_with = "super::i64")]
        n: i64,
        #[serde(deserialize_with = "super::f64")]
        f: f64,
        #[serde(deserialize_with = "super::bool")]
        b: bool,
    }
    let u: U = serde_json::from_str(r#"{"n":"5","f":"1.5","b":"1"}"#).unwrap();
    assert_eq!((u.n, u.f, u.b), (5, 1.5, true));
    assert!(serde_json::from_str::<U>(r#"{"n":"lots","f":1,"b":1}"#).is_err());
}

#[test]
fn text_newtype_unwraps_content() {
    let t: Text = serde_json::from_str(r#"{"_content":"Robot"}"#).unwrap();
    assert_eq!(&*t, "Robot");
    let t: Text = serde_json::from_str(r#""plain""#).unwrap();
    assert_eq!(t.to_string(), "plain");
}
