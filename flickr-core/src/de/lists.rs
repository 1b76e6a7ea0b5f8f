//! One-or-many lists (an array, a single item, or an empty value) and
//! optional objects (`""`, `[]`, `null` or `{}` for none).

use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    Visitor,
};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// A list: an array; a single object, string or number → a list of one;
/// missing, `""`, `null` and `{}` → empty.
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_any(ListVisitor(PhantomData))
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list (an array, or a single item)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // Cap the pre-allocation: the size hint comes from the network.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            out.push(item);
        }
        Ok(out)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
        let mut map = PeekedMap {
            inner: map,
            empty: true,
        };
        // `{}` is XML's empty element: no items. Detect it without buffering:
        // deserialize the item from the map; if it turns out to have no keys
        // and T refuses an empty map, report an empty list instead.
        let item = T::deserialize(de::value::MapAccessDeserializer::new(&mut map));
        match item {
            Ok(t) => Ok(vec![t]),
            Err(_) if map.empty => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
        if v.is_empty() {
            return Ok(Vec::new());
        }
        T::deserialize(v.into_deserializer()).map(|t| vec![t])
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Vec<T>, E> {
        if v.is_empty() {
            return Ok(Vec::new());
        }
        T::deserialize(de::value::BorrowedStrDeserializer::new(v)).map(|t| vec![t])
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Vec<T>, E> {
        T::deserialize(v.into_deserializer()).map(|t| vec![t])
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Vec<T>, E> {
        T::deserialize(v.into_deserializer()).map(|t| vec![t])
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Vec<T>, E> {
        T::deserialize(v.into_deserializer()).map(|t| vec![t])
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Vec<T>, E> {
        T::deserialize(v.into_deserializer()).map(|t| vec![t])
    }

    fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(self)
    }
}

/// A map access that remembers whether any key was read.
struct PeekedMap<A> {
    inner: A,
    empty: bool,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for PeekedMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let key = self.inner.next_key_seed(seed)?;
        if key.is_some() {
            self.empty = false;
        }
        Ok(key)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// An optional object: `""`, `[]`, `null` and missing → `None` (Flickr's
/// ways of writing "no such object").
pub fn opt_struct<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_any(OptStructVisitor(PhantomData))
}

struct OptStructVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for OptStructVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object (or an empty value)")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        // `{}` (an empty XML element) is "no object" unless T accepts it.
        let mut map = PeekedMap {
            inner: map,
            empty: true,
        };
        match T::deserialize(de::value::MapAccessDeserializer::new(&mut map)) {
            Ok(t) => Ok(Some(t)),
            Err(_) if map.empty => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
        match seq.next_element::<de::IgnoredAny>()? {
            None => Ok(None),
            Some(_) => Err(de::Error::invalid_type(Unexpected::Seq, &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        if v.trim().is_empty() {
            Ok(None)
        } else {
            Err(E::invalid_type(Unexpected::Str(v), &self))
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq, Clone)]
    struct Tag {
        id: String,
        #[serde(rename = "_content")]
        text: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Tags {
        #[serde(default, deserialize_with = "super::list")]
        tag: Vec<Tag>,
    }

    #[test]
    fn lists_accept_arrays_single_objects_and_empties() {
        let one = Tag {
            id: "1".into(),
            text: "green".into(),
        };
        let tags: Tags =
            serde_json::from_str(r#"{"tag":[{"id":"1","_content":"green"}]}"#).unwrap();
        assert_eq!(tags.tag, vec![one.clone()]);
        // A single object where a list is expected (XML with one child).
        let tags: Tags = serde_json::from_str(r#"{"tag":{"id":"1","_content":"green"}}"#).unwrap();
        assert_eq!(tags.tag, vec![one]);
        for empty in [
            r#"{"tag":[]}"#,
            r#"{"tag":""}"#,
            r#"{"tag":null}"#,
            r#"{}"#,
            r#"{"tag":{}}"#,
        ] {
            let tags: Tags = serde_json::from_str(empty).unwrap();
            assert!(tags.tag.is_empty(), "{empty}");
        }
        // A broken item is still an error.
        assert!(serde_json::from_str::<Tags>(r#"{"tag":{"id":"1"}}"#).is_err());
        #[derive(Deserialize)]
        struct S {
            #[serde(deserialize_with = "super::list")]
            v: Vec<String>,
        }
        let s: S = serde_json::from_str(r#"{"v":"one"}"#).unwrap();
        assert_eq!(s.v, ["one"]);
    }

    #[test]
    fn optional_objects() {
        #[derive(Debug, Deserialize, PartialEq, Default)]
        struct Loc {
            #[serde(deserialize_with = "crate::de::f64")]
            latitude: f64,
        }
        #[derive(Debug, Deserialize)]
        struct P {
            #[serde(default, deserialize_with = "super::opt_struct")]
            location: Option<Loc>,
        }
        for none in [
            r#"{"location":""}"#,
            r#"{"location":[]}"#,
            r#"{"location":null}"#,
            r#"{"location":{}}"#,
            r#"{}"#,
        ] {
            assert_eq!(
                serde_json::from_str::<P>(none).unwrap().location,
                None,
                "{none}"
            );
        }
        let p: P = serde_json::from_str(r#"{"location":{"latitude":"23.340000"}}"#).unwrap();
        assert_eq!(p.location, Some(Loc { latitude: 23.34 }));
        assert!(serde_json::from_str::<P>(r#"{"location":"x"}"#).is_err());
    }
}
