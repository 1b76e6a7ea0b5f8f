//! Response structs: their hand-written `Serialize` and `Deserialize`.

/// `impl Serialize` and `impl Deserialize` for a generated response struct,
/// written by hand instead of derived, for build cost (see `crate::members`). serde's
/// derive compiles, per struct, a field-name visitor and a `visit_seq`,
/// and per member read by one of flickr-core's quirk readers a wrapper
/// type, each instantiated for every deserializer; its
/// `skip_serializing_if` spends a presence check twice and a `skip_field`
/// arm per optional member. Here each member is one call of a small helper
/// (src/members.rs) compiled once per value type or per reader.
///
/// The generator writes one call per struct. Each member is its kind —
/// `req` (always written, `missing field` when left out), `opt` (an
/// `Option`: `None` when left out, and then not written) or `list` (a
/// `Vec`: empty when left out, and then not written) — then the field,
/// then `= "wire"` when its JSON name differs from the field's, `alias
/// "name"` for each other name it is read under, and `via reader` when one
/// of flickr-core's quirk readers (`flickr_core::__private::de::reader`)
/// reads it rather than the value type's own `Deserialize`.
///
/// Serialized, the output is what the derive gave: the same members in the
/// same order, the same `len` for `serialize_struct` (the members written),
/// `skip_field` for the others. Deserialized, see flickr-core's `de::members::de`.
macro_rules! serde_members {
    ($name:ident {
        $($kind:ident $field:ident $(= $wire:literal)? $(alias $alias:literal)* $(via $reader:ident)?),*
        $(,)?
    }) => {
        impl ::serde::Serialize for $name {
            #[allow(unused_mut)]
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                let len = 0 $(+ crate::__private::de::members::ser::present::$kind(&self.$field))*;
                let mut st = ::serde::Serializer::serialize_struct(s, stringify!($name), len)?;
                $( crate::__private::de::members::ser::$kind(&mut st, member_wire!($field $(= $wire)?), &self.$field)?; )*
                ::serde::ser::SerializeStruct::end(st)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                use crate::__private::de::members::de;
                use ::serde::de::{MapAccess, SeqAccess};

                /// The wire names, for `deserialize_struct`.
                const FIELDS: &[&str] = &[$(member_wire!($field $(= $wire)?)),*];
                /// Each member's index, under the field's name.
                #[allow(non_upper_case_globals, non_camel_case_types, dead_code)]
                mod index {
                    enum Member { $($field),* }
                    $(pub const $field: usize = Member::$field as usize;)*
                }
                /// The member a name names (its wire name or an alias): a
                /// `match`, which the compiler turns into a few comparisons.
                fn member(name: &str) -> Option<usize> {
                    match name {
                        $(member_wire!($field $(= $wire)?) $(| $alias)* => Some(index::$field),)*
                        _ => None,
                    }
                }

                struct StructVisitor;

                impl<'de> ::serde::de::Visitor<'de> for StructVisitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($name)))
                    }

                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<$name, A::Error> {
                        $( let mut $field = None; )*
                        while let Some(key) = map.next_key_seed(de::Key(member))? {
                            match key {
                                $(Some(index::$field) => de::read_value(
                                    &mut map,
                                    &mut $field,
                                    member_seed!($($reader)?),
                                    member_wire!($field $(= $wire)?),
                                )?,)*
                                _ => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        Ok($name {
                            $($field: member_value!($kind $field, member_wire!($field $(= $wire)?), A::Error),)*
                        })
                    }

                    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> ::std::result::Result<$name, A::Error> {
                        de::empty_array(seq, &self)?;
                        Ok($name {
                            $($field: member_value!($kind None, member_wire!($field $(= $wire)?), A::Error),)*
                        })
                    }
                }

                ::serde::Deserializer::deserialize_struct(d, stringify!($name), FIELDS, StructVisitor)
            }
        }
    };
}

/// A member's value once the map is read (`value`, an `Option` of it):
/// a required member left out is `missing field`, an optional one `None`
/// and a list empty.
macro_rules! member_value {
    (req $value:expr, $wire:expr, $error:ty) => {
        match $value {
            Some(value) => value,
            None => return Err(<$error as ::serde::de::Error>::missing_field($wire)),
        }
    };
    (opt $value:expr, $wire:expr, $error:ty) => {
        $value.unwrap_or_default()
    };
    (list $value:expr, $wire:expr, $error:ty) => {
        $value.unwrap_or_default()
    };
}

/// The seed reading a member's value: the quirk reader's when `via reader`
/// names one, else the value type's own `Deserialize`.
macro_rules! member_seed {
    () => {
        ::std::marker::PhantomData
    };
    ($reader:ident) => {
        crate::__private::de::members::de::seed::$reader()
    };
}

/// A member's JSON name: the `= "wire"` given, else the field's name.
macro_rules! member_wire {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident = $wire:literal) => {
        $wire
    };
}
