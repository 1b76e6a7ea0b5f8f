//! Value enums: a closed enum of documented wire values, and its numeric
//! form.

/// A closed enum of documented wire values, with its wire table, `ToParam`,
/// `Display`, `FromStr`, serde and `WireEnum` impls.
///
/// Arguments use the enum itself; response fields read it wrapped in
/// `Open`, so a value Flickr added after the spec
/// decodes as `Open::Unknown` instead of failing the whole answer.
///
/// The internal `@numeric true;` form (what `numeric_wire_enum!` calls) sets
/// `WireEnum::NUMERIC`, so the enum and its `Open` serialize as numbers.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        wire_enum! {
            @numeric false;
            $(#[$meta])*
            pub enum $name {
                $( $(#[$vmeta])* $variant = $wire, )*
            }
        }
    };
    (
        @numeric $numeric:literal;
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every value, in the spec's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// Every wire value, in the spec's order.
            pub const WIRE_VALUES: &'static [&'static str] = &[$($wire),*];

            /// The value as Flickr spells it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)*
                }
            }

            /// The variant for a wire value.
            pub fn from_wire(wire: &str) -> ::std::option::Option<$name> {
                match wire {
                    $($wire => ::std::option::Option::Some($name::$variant),)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = crate::__private::registry::ArgProblem;
            fn from_str(s: &str) -> ::std::result::Result<$name, Self::Err> {
                $name::from_wire(s).ok_or_else(|| crate::__private::registry::ArgProblem {
                    arg: stringify!($name).to_owned(),
                    reason: ::std::format!("`{}` is not one of: {}", s, $name::WIRE_VALUES.join(", ")),
                })
            }
        }

        impl crate::__private::WireEnum for $name {
            const TYPE_NAME: &'static str = stringify!($name);
            const WIRE_VALUES: &'static [&'static str] = $name::WIRE_VALUES;
            fn from_wire(wire: &str) -> ::std::option::Option<$name> {
                $name::from_wire(wire)
            }
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
            const NUMERIC: bool = $numeric;
        }

        impl ::std::cmp::PartialEq<crate::__private::Open<$name>> for $name {
            fn eq(&self, other: &crate::__private::Open<$name>) -> bool {
                other == self
            }
        }

        impl crate::__private::ToParam for $name {
            fn to_param(&self) -> ::std::string::String {
                self.as_str().to_owned()
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&crate::__private::Open::Known(*self), s)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<$name, D::Error> {
                let s = crate::__private::de::string(d)?;
                $name::from_wire(&s).ok_or_else(|| {
                    <D::Error as ::serde::de::Error>::custom(::std::format!(
                        "`{}` is not a known {} value ({})",
                        s,
                        stringify!($name),
                        $name::WIRE_VALUES.join(", ")
                    ))
                })
            }
        }
    };
}

/// `wire_enum!` for an enum whose wire values are all integers (license
/// ids, safety levels, privacy levels, …), which Flickr writes as JSON
/// numbers: the same enum, `as_str` and `ToParam` still give the wire text,
/// and it decodes from a number or a numeric string, but it serializes (bare
/// or in `Open`, known or not) as the number, so a decoded answer
/// re-serializes with the numbers it came with.
macro_rules! numeric_wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        wire_enum! {
            @numeric true;
            $(#[$meta])*
            pub enum $name {
                $( $(#[$vmeta])* $variant = $wire, )*
            }
        }
    };
}
