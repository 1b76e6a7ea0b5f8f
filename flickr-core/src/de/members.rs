//! What the generated response structs' serde impls call, beside the
//! quirk readers they read members with.
//!
//! Each struct gets one `serde_members!` call (flickr-sdk's
//! `src/macros/members.rs`) listing its
//! members; the macro writes `Serialize` and `Deserialize` by hand instead
//! of deriving them, and every piece that does not depend on the struct
//! lives here, compiled once per value type (or once per serde
//! `MapAccess`), not once per field of each of the ~300 structs. serde's
//! derive wrote per struct a field-name visitor, a `visit_seq` reading the
//! struct as an array (no Flickr answer does that) and, for every member
//! read by one of flickr-core's quirk readers, a wrapper type of its own:
//! most of the bindings' build cost.

/// `Serialize`: one call per member, generic over the value type only. A
/// member Flickr left out (`None`, an empty list) stays out, as
/// `skip_serializing_if` did, and `len` counts the members written.
pub mod ser {
    use serde::ser::{Serialize, SerializeStruct};

    /// A required member: always written.
    pub fn req<S: SerializeStruct, T: Serialize>(
        st: &mut S,
        key: &'static str,
        v: &T,
    ) -> Result<(), S::Error> {
        st.serialize_field(key, v)
    }

    /// An optional member: written (as the `Option`) unless Flickr left it out.
    pub fn opt<S: SerializeStruct, T: Serialize>(
        st: &mut S,
        key: &'static str,
        v: &Option<T>,
    ) -> Result<(), S::Error> {
        if v.is_some() {
            st.serialize_field(key, v)
        } else {
            st.skip_field(key)
        }
    }

    /// An optional list: written unless Flickr left it out (or sent it empty).
    pub fn list<S: SerializeStruct, T: Serialize>(
        st: &mut S,
        key: &'static str,
        v: &[T],
    ) -> Result<(), S::Error> {
        if v.is_empty() {
            st.skip_field(key)
        } else {
            st.serialize_field(key, v)
        }
    }

    /// How many members each kind writes: `serialize_struct`'s `len`.
    pub mod present {
        /// A required member: always 1.
        pub fn req<T>(_: &T) -> usize {
            1
        }

        /// An optional member: 1 unless `None`.
        pub fn opt<T>(v: &Option<T>) -> usize {
            usize::from(v.is_some())
        }

        /// An optional list: 1 unless empty.
        pub fn list<T>(v: &[T]) -> usize {
            usize::from(!v.is_empty())
        }
    }
}

/// `Deserialize`: reading a member's name, reading its value into its slot,
/// an array where a struct is expected, and the seeds that read a value
/// with one of flickr-core's quirk readers. (What a member left out
/// becomes, by its kind, is `member_value!` in src/macros/members.rs.)
///
/// What the derive did, and this keeps: a member the struct does not have is
/// skipped; a member given twice is `duplicate field`; a required member
/// left out is `missing field`; an optional one left out is `None` (an
/// empty list); the error for anything but an object says
/// `expected struct Name`. The one difference: an array is accepted only
/// when empty (PHP's `[]` for an empty object), read as an object with no
/// members, where the derive read a non-empty array positionally.
pub mod de {
    use serde::de::{
        self, DeserializeSeed, Deserializer, Expected, MapAccess, SeqAccess, Unexpected, Visitor,
    };
    use std::fmt;

    /// Reads a member's name: the index of the member it names, by the
    /// struct's own lookup (a `match` on its wire names and aliases), `None`
    /// for a name the struct does not have.
    pub struct Key(pub fn(&str) -> Option<usize>);

    impl<'de> DeserializeSeed<'de> for Key {
        type Value = Option<usize>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
            d.deserialize_identifier(self)
        }
    }

    impl<'de> Visitor<'de> for Key {
        type Value = Option<usize>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a member name")
        }

        fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<usize>, E> {
            Ok(self.0(name))
        }

        fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Option<usize>, E> {
            Ok(std::str::from_utf8(name).ok().and_then(self.0))
        }
    }

    /// Reads the value of the member `name` into its `slot`, with `seed`:
    /// `duplicate field` when the slot is filled already (the member was
    /// given twice).
    #[inline]
    pub fn read_value<'de, A: MapAccess<'de>, S: DeserializeSeed<'de>>(
        map: &mut A,
        slot: &mut Option<S::Value>,
        seed: S,
        name: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(de::Error::duplicate_field(name));
        }
        *slot = Some(map.next_value_seed(seed)?);
        Ok(())
    }

    /// An array where a struct is expected: `Ok` when it is empty (read as
    /// an object with no members), else the error the derive gives for an
    /// unexpected array.
    pub fn empty_array<'de, A: SeqAccess<'de>>(
        mut seq: A,
        expected: &dyn Expected,
    ) -> Result<(), A::Error> {
        match seq.next_element::<de::IgnoredAny>()? {
            None => Ok(()),
            Some(_) => Err(de::Error::invalid_type(Unexpected::Seq, expected)),
        }
    }

    /// The seeds reading a member with one of flickr-core's quirk readers
    /// (this module's parent, `flickr_core::__private::de`), by the reader's name: one type per
    /// reader, shared by every member it reads. (The spec has no required
    /// number, flag or date today: those seeds go unused.)
    pub mod seed {
        use crate::de as quirks;
        use crate::open_enum::{Open, WireEnum};
        use crate::values::DateValue;
        use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer};
        use std::marker::PhantomData;

        /// A seed per reader: a struct (generic over the value type when
        /// the reader is), and a function of the reader's name making it,
        /// whose type parameter is inferred from the field.
        macro_rules! seeds {
            ($($reader:ident => $seed:ident $(<$t:ident: $bound:path>)?: $value:ty),* $(,)?) => {$(
                #[doc = concat!("Reads a member with `", stringify!($reader), "`.")]
                pub struct $seed $(<$t>(PhantomData<fn() -> $t>))?;

                #[doc = concat!("The seed reading a member with `", stringify!($reader), "`.")]
                pub fn $reader $(<$t>)? () -> $seed $(<$t>)? {
                    $seed $((PhantomData::<fn() -> $t>))?
                }

                impl<'de $(, $t: $bound)?> DeserializeSeed<'de> for $seed $(<$t>)? {
                    type Value = $value;

                    #[inline]
                    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<$value, D::Error> {
                        quirks::$reader(d)
                    }
                }
            )*};
        }

        seeds! {
            string => ReadString: String,
            opt_string => ReadOptString: Option<String>,
            i64 => ReadI64: i64,
            opt_i64 => ReadOptI64: Option<i64>,
            f64 => ReadF64: f64,
            opt_f64 => ReadOptF64: Option<f64>,
            bool => ReadBool: bool,
            opt_bool => ReadOptBool: Option<bool>,
            date => ReadDate: DateValue,
            opt_date => ReadOptDate: Option<DateValue>,
            opt_id => ReadOptId<T: From<String>>: Option<T>,
            opt_open => ReadOptOpen<E: WireEnum>: Option<Open<E>>,
            opt_struct => ReadOptStruct<T: DeserializeOwned>: Option<T>,
            list => ReadList<T: DeserializeOwned>: Vec<T>,
        }
    }
}
