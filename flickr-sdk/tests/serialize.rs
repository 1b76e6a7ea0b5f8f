//! The generated response structs' hand-written `Serialize` impls
//! (`serde_members!`) give what serde's derive with
//! `skip_serializing_if` gave: the present members in field order under
//! their wire names, an absent optional member and an empty list left out,
//! and `serialize_struct`'s `len` counting exactly the members written
//! (serializers other than JSON rely on it; serde_test checks it).
//!
//! The spec's `datetime` members are `DateValue`s, read by flickr-core's
//! date reader and written back as their wire text (a Unix time as a
//! number), so a decoded answer serialized and decoded again is equal.

use flickr_sdk::types::{AllContexts, PhotoCountList, PhotoPage};
use flickr_sdk::DateValue;
use serde_test::{assert_ser_tokens, Token};

#[test]
fn absent_members_and_empty_lists_are_left_out_and_not_counted() {
    // `per_page` absent (`None`), `photo` absent (an empty list).
    let page: PhotoPage =
        serde_json::from_str(r#"{"page":"2","pages":7,"total":"130"}"#).expect("decodes");
    assert_ser_tokens(
        &page,
        &[
            Token::Struct {
                name: "PhotoPage",
                len: 3,
            },
            Token::Str("page"),
            Token::I64(2),
            Token::Str("pages"),
            Token::I64(7),
            Token::Str("total"),
            Token::I64(130),
            Token::StructEnd,
        ],
    );
    assert_eq!(
        serde_json::to_string(&page).expect("serializes"),
        r#"{"page":2,"pages":7,"total":130}"#
    );
}

#[test]
fn present_members_are_written_under_their_wire_names() {
    let page: PhotoPage =
        serde_json::from_str(r#"{"page":1,"pages":1,"perpage":"100","total":0}"#).expect("decodes");
    assert_ser_tokens(
        &page,
        &[
            Token::Struct {
                name: "PhotoPage",
                len: 4,
            },
            Token::Str("page"),
            Token::I64(1),
            Token::Str("pages"),
            Token::I64(1),
            Token::Str("perpage"),
            Token::Some,
            Token::I64(100),
            Token::Str("total"),
            Token::I64(0),
            Token::StructEnd,
        ],
    );
}

#[test]
fn a_present_list_is_written_and_an_empty_one_left_out() {
    let contexts: AllContexts = serde_json::from_str(
        r#"{"set":[{"id":"72157","title":"Trip","view_count":"3"}],"pool":[]}"#,
    )
    .expect("decodes");
    assert_ser_tokens(
        &contexts,
        &[
            Token::Struct {
                name: "AllContexts",
                len: 1,
            },
            Token::Str("set"),
            Token::Seq { len: Some(1) },
            Token::Struct {
                name: "ContextSet",
                len: 3,
            },
            Token::Str("id"),
            Token::Str("72157"),
            Token::Str("title"),
            Token::Some,
            Token::Str("Trip"),
            Token::Str("view_count"),
            Token::Some,
            Token::I64(3),
            Token::StructEnd,
            Token::SeqEnd,
            Token::StructEnd,
        ],
    );
    assert_eq!(
        serde_json::to_string(&contexts).expect("serializes"),
        r#"{"set":[{"id":"72157","title":"Trip","view_count":3}]}"#
    );
}

/// Decodes `json`, serializes the value, checks the text is `written`,
/// decodes that again and checks it equals the first value, which it gives.
fn round_trip<T>(json: &str, written: &str) -> T
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let value: T = serde_json::from_str(json).expect("decodes");
    let text = serde_json::to_string(&value).expect("serializes");
    assert_eq!(text, written);
    let again: T = serde_json::from_str(&text).expect("decodes again");
    assert_eq!(again, value);
    value
}

#[test]
fn dates_are_written_as_their_wire_text_and_read_back_equal() {
    // A datetime, MySQL's zero date ("no date": `None`, left out) and a date.
    let page: PhotoPage = round_trip(
        r#"{"page":1,"pages":1,"total":3,"photo":[
            {"id":"1","datetaken":"2011-03-27 14:21:21","datetakengranularity":"0"},
            {"id":"2","datetaken":"0000-00-00 00:00:00","datetakenunknown":"1"},
            {"id":"3","datetaken":"2011-03-27"}]}"#,
        concat!(
            r#"{"page":1,"pages":1,"total":3,"photo":["#,
            r#"{"id":"1","datetaken":"2011-03-27 14:21:21","datetakengranularity":0},"#,
            r#"{"id":"2","datetakenunknown":true},"#,
            r#"{"id":"3","datetaken":"2011-03-27"}]}"#,
        ),
    );
    let taken: Vec<_> = page.photos.iter().map(|p| p.date_taken).collect();
    assert_eq!(
        taken,
        [
            Some(DateValue::datetime(2011, 3, 27, 14, 21, 21)),
            None,
            Some(DateValue::ymd(2011, 3, 27)),
        ]
    );

    // `flickr.photos.getCounts`: Unix times (as text or as a number) for
    // upload dates, datetimes for taken dates.
    let counts: PhotoCountList = round_trip(
        r#"{"photocount":[
            {"count":"3","fromdate":"1093566950","todate":1093653350},
            {"count":0,"fromdate":"2012-03-01 00:00:00","todate":"2012-04-01 00:00:00"}]}"#,
        concat!(
            r#"{"photocount":["#,
            r#"{"count":3,"fromdate":1093566950,"todate":1093653350},"#,
            r#"{"count":0,"fromdate":"2012-03-01 00:00:00","todate":"2012-04-01 00:00:00"}]}"#,
        ),
    );
    let (first, second) = (&counts.counts[0], &counts.counts[1]);
    assert_eq!(first.from_date, Some(DateValue::unix(1_093_566_950)));
    assert_eq!(first.to_date, Some(DateValue::unix(1_093_653_350)));
    assert_eq!(
        second.from_date,
        Some(DateValue::datetime(2012, 3, 1, 0, 0, 0))
    );

    // One token each, for serializers other than JSON too.
    let datetime = [Token::Some, Token::Str("2011-03-27 14:21:21")];
    assert_ser_tokens(&page.photos[0].date_taken, &datetime);
    assert_ser_tokens(&first.from_date, &[Token::Some, Token::I64(1_093_566_950)]);
}
