//! The generated response structs' hand-written `Serialize` impls
//! (`serde_members!`) give what serde's derive with
//! `skip_serializing_if` gave: the present members in field order under
//! their wire names, an absent optional member and an empty list left out,
//! and `serialize_struct`'s `len` counting exactly the members written
//! (serializers other than JSON rely on it; serde_test checks it).

use flickr_sdk::types::{AllContexts, PhotoPage};
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
