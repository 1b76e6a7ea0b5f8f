//! Identifier newtypes. Flickr ids travel as strings (even all-digit ones,
//! whose leading zeros and size must survive), so each kind wraps a `String`
//! and converts from strings and integers.

use crate::params::ToParam;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id as Flickr wrote it.
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            /// The id as Flickr writes it.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Unwraps the id.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({:?})"), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }

        impl From<&String> for $name {
            fn from(s: &String) -> Self {
                $name(s.clone())
            }
        }

        impl From<&$name> for $name {
            fn from(id: &$name) -> Self {
                id.clone()
            }
        }

        impl From<u64> for $name {
            fn from(n: u64) -> Self {
                $name(n.to_string())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ToParam for $name {
            fn to_param(&self) -> String {
                self.0.clone()
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::de::id_string(d).map($name)
            }
        }
    )*};
}

id_type! {
    /// A photo or video id, e.g. `"53410986372"`.
    PhotoId;
    /// A photoset (album) id.
    PhotosetId;
    /// A user's NSID, e.g. `"12037949754@N01"`.
    UserId;
    /// A group's NSID, e.g. `"34427469792@N01"`.
    GroupId;
    /// A gallery id, e.g. `"72157617483228192"` or `"6065-72157617483228192"`.
    GalleryId;
    /// A collection id.
    CollectionId;
    /// A Flickr places id, e.g. `"kH8dLOubBZRvX_YZ"`.
    PlaceId;
    /// A Where On Earth id, e.g. `"2459115"`.
    WoeId;
    /// A comment id.
    CommentId;
    /// A note id.
    NoteId;
    /// A discussion topic id.
    TopicId;
    /// A discussion reply id.
    ReplyId;
    /// A tag id (the id of one tag on one photo).
    TagId;
    /// An asynchronous upload ticket id.
    TicketId;
    /// A location suggestion id.
    SuggestionId;
    /// A testimonial id.
    TestimonialId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_their_text_and_accept_numbers() {
        assert_eq!(PhotoId::from(53410986372u64).as_str(), "53410986372");
        assert_eq!(
            UserId::from("12037949754@N01").to_param(),
            "12037949754@N01"
        );
        let id: PhotoId = serde_json::from_str("\"0123\"").unwrap();
        assert_eq!(id.as_str(), "0123");
        let id: PhotoId = serde_json::from_str("42").unwrap();
        assert_eq!(id.as_str(), "42");
    }
}

#[cfg(test)]
mod opt_id_tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        #[serde(default, deserialize_with = "crate::de::opt_id")]
        place_id: Option<PlaceId>,
    }

    #[test]
    fn empty_ids_are_none() {
        let h: Holder = serde_json::from_str(r#"{"place_id": ""}"#).unwrap();
        assert_eq!(h.place_id, None);
        let h: Holder = serde_json::from_str(r#"{}"#).unwrap();
        assert_eq!(h.place_id, None);
        let h: Holder = serde_json::from_str(r#"{"place_id": "kH8dLOubBZRvX_YZ"}"#).unwrap();
        assert_eq!(h.place_id, Some(PlaceId::from("kH8dLOubBZRvX_YZ")));
    }
}
