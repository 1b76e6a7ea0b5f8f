//! Open enums for response fields whose values come from a documented set.
//!
//! Flickr adds values over time (a new media kind, a new activity event, a
//! new place type), and a client built today must still read tomorrow's
//! answers. So a response field typed with a spec enum decodes as
//! [`Open<E>`]: [`Open::Known`] for a value the spec lists, [`Open::Unknown`]
//! with the wire text kept verbatim for anything else. Decoding never fails
//! on a new value, and re-serializing writes the same text back.
//!
//! Argument enums stay closed (`Copy`, one variant per documented value):
//! what we send must be a value Flickr documents.
//!
//! The generated enums implement [`WireEnum`], the table between wire text
//! and variants that [`Open`] needs.
//!
//! ```
//! use flickr_core::open_enum::{Open, WireEnum};
//!
//! #[derive(Debug, Clone, Copy, PartialEq, Eq)]
//! enum Media { Photo, Video }
//!
//! impl WireEnum for Media {
//!     const TYPE_NAME: &'static str = "Media";
//!     const WIRE_VALUES: &'static [&'static str] = &["photo", "video"];
//!     fn from_wire(wire: &str) -> Option<Media> {
//!         match wire { "photo" => Some(Media::Photo), "video" => Some(Media::Video), _ => None }
//!     }
//!     fn as_str(self) -> &'static str {
//!         match self { Media::Photo => "photo", Media::Video => "video" }
//!     }
//! }
//!
//! let known: Open<Media> = serde_json::from_str(r#""video""#).unwrap();
//! assert_eq!(known, Media::Video);
//! let new: Open<Media> = serde_json::from_str(r#""hologram""#).unwrap();
//! assert!(new.is_unknown());
//! assert_eq!(new.as_str(), "hologram");
//! assert_eq!(serde_json::to_string(&new).unwrap(), r#""hologram""#);
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::hash::{Hash, Hasher};

/// A closed set of documented wire values: the generated spec enums.
///
/// The table goes both ways: [`from_wire`](WireEnum::from_wire) finds the
/// variant for a wire text, [`as_str`](WireEnum::as_str) gives it back, so
/// `E::from_wire(e.as_str()) == Some(e)` for every variant.
pub trait WireEnum: Copy + Eq + fmt::Debug + 'static {
    /// The enum's name in the spec, for messages.
    const TYPE_NAME: &'static str;
    /// Every wire value, in the spec's order.
    const WIRE_VALUES: &'static [&'static str];
    /// The variant for a wire value, or `None` for a value not in the spec.
    fn from_wire(wire: &str) -> Option<Self>;
    /// The value as Flickr spells it.
    fn as_str(self) -> &'static str;
    /// Whether Flickr writes the values as JSON numbers (license ids,
    /// safety levels, …): an [`Open`] of such an enum then serializes a
    /// value whose text is an integer as that number, known or not, so a
    /// decoded answer re-serializes with the numbers it came with.
    const NUMERIC: bool = false;
}

/// A response value from a documented set that may have grown since: a
/// known variant, or the wire text of a value the spec does not list.
///
/// Values compare, hash and display by their wire text, so an
/// `Unknown("photo")` built by hand equals `Known(Media::Photo)`; decoding
/// (and [`Open::from_wire`]) always picks `Known` when it can. It serializes
/// as the wire text (as a number for a [`WireEnum::NUMERIC`] enum whose text
/// is an integer) and deserializes from a string, a number (its text) or
/// Flickr's `{"_content": …}` wrapper.
#[derive(Debug, Clone)]
pub enum Open<E> {
    /// A value the spec lists.
    Known(E),
    /// A value the spec does not list (yet), exactly as Flickr wrote it.
    Unknown(String),
}

impl<E: WireEnum> Open<E> {
    /// `Known` for a listed wire value, otherwise `Unknown` with the text.
    pub fn from_wire(wire: &str) -> Open<E> {
        E::from_wire(wire).map_or_else(|| Open::Unknown(wire.to_owned()), Open::Known)
    }

    /// Like [`Open::from_wire`], reusing the string for an unknown value.
    pub fn from_wire_string(wire: String) -> Open<E> {
        E::from_wire(&wire).map_or(Open::Unknown(wire), Open::Known)
    }

    /// The known variant, or `None` for a value the spec does not list.
    pub fn known(&self) -> Option<E> {
        match self {
            Open::Known(e) => Some(*e),
            Open::Unknown(_) => None,
        }
    }

    /// The value as Flickr spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Open::Known(e) => e.as_str(),
            Open::Unknown(s) => s,
        }
    }

    /// Whether the value is one the spec does not list.
    pub fn is_unknown(&self) -> bool {
        matches!(self, Open::Unknown(_))
    }

    /// Whether the value is one the spec lists.
    pub fn is_known(&self) -> bool {
        !self.is_unknown()
    }
}

impl<E: WireEnum> From<E> for Open<E> {
    fn from(e: E) -> Open<E> {
        Open::Known(e)
    }
}

impl<E: WireEnum> PartialEq for Open<E> {
    fn eq(&self, other: &Open<E>) -> bool {
        self.as_str() == other.as_str()
    }
}

impl<E: WireEnum> Eq for Open<E> {}

impl<E: WireEnum> Hash for Open<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl<E: WireEnum> PartialEq<E> for Open<E> {
    fn eq(&self, other: &E) -> bool {
        self.as_str() == other.as_str()
    }
}

impl<E: WireEnum> PartialEq<str> for Open<E> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl<E: WireEnum> PartialEq<&str> for Open<E> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl<E: WireEnum> fmt::Display for Open<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<E: WireEnum> Serialize for Open<E> {
    /// The wire text; for a [`WireEnum::NUMERIC`] enum, a value whose text
    /// is an integer is written as that number.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = self.as_str();
        if E::NUMERIC {
            // Only text that is the number's own spelling ("07" and "+7"
            // stay text, so re-serializing never changes what was read).
            match text.parse::<i64>() {
                Ok(n) if n.to_string() == text => return s.serialize_i64(n),
                _ => {}
            }
        }
        s.serialize_str(text)
    }
}

impl<'de, E: WireEnum> Deserialize<'de> for Open<E> {
    /// Reads with [`crate::de::string`]: a string, a number's text or
    /// `{"_content": …}`; `null` reads as `Unknown("")`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Open<E>, D::Error> {
        crate::de::string(d).map(Open::from_wire_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    enum Perm {
        Read,
        Write,
        Two,
    }

    impl WireEnum for Perm {
        const TYPE_NAME: &'static str = "Perm";
        const WIRE_VALUES: &'static [&'static str] = &["read", "write", "2"];
        fn from_wire(wire: &str) -> Option<Perm> {
            match wire {
                "read" => Some(Perm::Read),
                "write" => Some(Perm::Write),
                "2" => Some(Perm::Two),
                _ => None,
            }
        }
        fn as_str(self) -> &'static str {
            match self {
                Perm::Read => "read",
                Perm::Write => "write",
                Perm::Two => "2",
            }
        }
    }

    fn parse(json: &str) -> Open<Perm> {
        serde_json::from_str(json).unwrap()
    }

    #[derive(Debug, Deserialize, Serialize)]
    struct Holder {
        #[serde(default, deserialize_with = "crate::de::opt_open")]
        perms: Option<Open<Perm>>,
    }

    #[test]
    fn known_value() {
        let v = parse(r#""write""#);
        assert_eq!(v.known(), Some(Perm::Write));
        assert!(v.is_known() && !v.is_unknown());
        assert_eq!(v, Perm::Write);
        assert_eq!(v, "write");
        assert_eq!(v.as_str(), "write");
        assert_eq!(v.to_string(), "write");
        assert_eq!(format!("{v:?}"), "Known(Write)");
    }

    #[test]
    fn unknown_value_is_kept_verbatim() {
        let v = parse(r#""  Delete-All ""#);
        assert!(v.is_unknown());
        assert_eq!(v.known(), None);
        assert_eq!(v.as_str(), "  Delete-All ");
        assert_ne!(v, Perm::Read);
        assert_eq!(format!("{v:?}"), r#"Unknown("  Delete-All ")"#);
    }

    #[test]
    fn numbers_and_content_wrappers_read_as_their_text() {
        assert_eq!(parse("2").known(), Some(Perm::Two));
        assert_eq!(parse(r#""2""#).known(), Some(Perm::Two));
        assert_eq!(parse(r#"{"_content": "read"}"#).known(), Some(Perm::Read));
        let v = parse("7");
        assert!(v.is_unknown());
        assert_eq!(v.as_str(), "7");
    }

    #[test]
    fn serialization_round_trips_the_wire_text() {
        for json in [
            r#""read""#,
            r#""write""#,
            r#""2""#,
            r#""hologram""#,
            r#""""#,
        ] {
            let v = parse(json);
            let out = serde_json::to_string(&v).unwrap();
            assert_eq!(out, json);
            assert_eq!(parse(&out), v);
        }
        assert_eq!(serde_json::to_string(&parse("2")).unwrap(), r#""2""#);
    }

    #[test]
    fn optional_fields_read_empty_as_absent() {
        let read = |json: &str| serde_json::from_str::<Holder>(json).unwrap().perms;
        assert_eq!(read("{}"), None);
        assert_eq!(read(r#"{"perms": null}"#), None);
        assert_eq!(read(r#"{"perms": ""}"#), None);
        assert_eq!(read(r#"{"perms": "read"}"#), Some(Open::Known(Perm::Read)));
        assert_eq!(
            read(r#"{"perms": "admin"}"#),
            Some(Open::Unknown("admin".into()))
        );
        let h = Holder {
            perms: Some(Open::Unknown("admin".into())),
        };
        assert_eq!(serde_json::to_string(&h).unwrap(), r#"{"perms":"admin"}"#);
    }

    #[test]
    fn equality_and_hash_follow_the_wire_text() {
        let by_hand: Open<Perm> = Open::Unknown("read".into());
        assert_eq!(by_hand, Open::Known(Perm::Read));
        assert_eq!(Open::<Perm>::from_wire("read"), Open::Known(Perm::Read));
        assert_eq!(Open::<Perm>::from(Perm::Read), Perm::Read);
        let set: HashSet<Open<Perm>> = [by_hand, Open::Known(Perm::Read), parse(r#""x""#)]
            .into_iter()
            .collect();
        assert_eq!(set.len(), 2);
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Level {
        Safe,
        Restricted,
    }

    impl WireEnum for Level {
        const TYPE_NAME: &'static str = "Level";
        const WIRE_VALUES: &'static [&'static str] = &["1", "3"];
        const NUMERIC: bool = true;
        fn from_wire(wire: &str) -> Option<Level> {
            match wire {
                "1" => Some(Level::Safe),
                "3" => Some(Level::Restricted),
                _ => None,
            }
        }
        fn as_str(self) -> &'static str {
            match self {
                Level::Safe => "1",
                Level::Restricted => "3",
            }
        }
    }

    #[test]
    fn numeric_enums_decode_from_numbers_and_numeric_strings() {
        let level = |json: &str| serde_json::from_str::<Open<Level>>(json).unwrap();
        assert_eq!(level("1").known(), Some(Level::Safe));
        assert_eq!(level(r#""3""#).known(), Some(Level::Restricted));
        assert_eq!(level(r#"{"_content": 3}"#).known(), Some(Level::Restricted));
        let new = level("17");
        assert!(new.is_unknown());
        assert_eq!(new.as_str(), "17");
        assert_eq!(level(r#""17""#), new);
    }

    #[test]
    fn numeric_enums_serialize_as_numbers() {
        let out = |v: Open<Level>| serde_json::to_string(&v).unwrap();
        assert_eq!(out(Open::Known(Level::Safe)), "1");
        assert_eq!(out(Open::Known(Level::Restricted)), "3");
        // An id the spec does not list (yet) is still written as a number,
        // whether it came as a number or as a string.
        assert_eq!(out(serde_json::from_str("17").unwrap()), "17");
        assert_eq!(out(serde_json::from_str(r#""17""#).unwrap()), "17");
        assert_eq!(out(Open::Unknown("-2".into())), "-2");
        // Text that is not an integer stays text.
        assert_eq!(out(Open::Unknown("1.5".into())), r#""1.5""#);
        assert_eq!(out(Open::Unknown("07".into())), r#""07""#);
        assert_eq!(out(Open::Unknown("".into())), r#""""#);
        // A string enum keeps writing numeric text as a string.
        assert_eq!(serde_json::to_string(&parse("2")).unwrap(), r#""2""#);
    }

    #[test]
    fn wrong_shapes_are_errors() {
        assert!(serde_json::from_str::<Open<Perm>>(r#"["read", "write"]"#).is_err());
    }
}
