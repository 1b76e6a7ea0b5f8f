//! The shapes every generated method, error enum and value enum share,
//! written once as `macro_rules!` so the generated files hold only what
//! differs (names, codes, wire values, docs). The generator (codegen's
//! `emit`) calls these; each expansion is what the generator used to write
//! out in full.

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

/// A method's error enum: its own codes as variants, Flickr's generic codes
/// (95–116) through `Generic`, anything else as `Unknown`; and `ERRORS`, the
/// codes as registry data (the registry's entry refers to it).
///
/// Each variant is `Name = (code, "Flickr's message", "Flickr's doc")`, the
/// doc `""` when it only repeats the message.
macro_rules! method_error {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $variant:ident = ($code:literal, $message:literal, $doc:literal $(,)?), )*
        }
    ) => {
        $(#[$meta])*
        ///
        /// Compare with `matches!` or `==`; [`code`](Self::code) and
        /// [`message`](Self::message) give Flickr's values.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( #[doc = error_doc!($code, $message, $doc)] $variant, )*
            /// One of Flickr's generic codes (95–116).
            Generic(crate::error::GenericError),
            /// A code the spec does not list for this method, with Flickr's message.
            Unknown {
                /// Flickr's code.
                code: u32,
                /// Flickr's message.
                message: ::std::string::String,
            },
        }

        impl $name {
            /// This method's own error codes, as registry data.
            pub const ERRORS: &'static [crate::__private::registry::ErrorInfo] = &[$(
                crate::__private::registry::ErrorInfo {
                    code: $code,
                    name: stringify!($variant),
                    message: $message,
                    doc: $doc,
                },
            )*];

            /// The variant for a Flickr error code.
            pub fn from_code(code: u32, message: &str) -> $name {
                match code {
                    $($code => $name::$variant,)*
                    _ => match crate::error::GenericError::from_code(code) {
                        ::std::option::Option::Some(g) => $name::Generic(g),
                        ::std::option::Option::None => $name::Unknown {
                            code,
                            message: message.to_owned(),
                        },
                    },
                }
            }

            /// Flickr's numeric code.
            pub fn code(&self) -> u32 {
                match self {
                    $($name::$variant => $code,)*
                    $name::Generic(g) => g.code(),
                    $name::Unknown { code, .. } => *code,
                }
            }

            /// Flickr's documented message for this code.
            pub fn message(&self) -> &str {
                match self {
                    $($name::$variant => $message,)*
                    $name::Generic(g) => g.message(),
                    $name::Unknown { message, .. } => message,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "{} ({})", self.message(), self.code())
            }
        }

        impl crate::__private::MethodError for $name {
            fn from_code(code: u32, message: &str) -> Self {
                $name::from_code(code, message)
            }
            fn code(&self) -> u32 {
                $name::code(self)
            }
        }
    };
}

/// The rustdoc of an error variant: `code: message — doc`.
macro_rules! error_doc {
    ($code:literal, $message:literal, "") => {
        concat!(" ", $code, ": ", $message)
    };
    ($code:literal, $message:literal, $doc:literal) => {
        concat!(" ", $code, ": ", $message, " — ", $doc)
    };
}

/// `METHOD`, `options`, `send` and `send_raw_body` for a request type; with
/// `paged`, also `pages`, `pages_concurrent` and `items`. Each is one call of
/// the runtime's one call path (`Client::call`) with the request's options;
/// the only per-method code is the typed decode and the error type.
///
/// The generator names everything bare: `Name => STATIC, Response, Error`,
/// the response and page item being types of `crate::types` (or `untyped`
/// for a JSON value), the static one of `crate::registry`. The methods the
/// arms define are codegen's `MACRO_METHODS` (its test reads this macro).
macro_rules! request_send {
    (
        $(#[$meta:meta])*
        $name:ident => $method:ident, untyped, $error:ident
    ) => {
        request_send! { @impl $(#[$meta])* $name => $method, ::serde_json::Value, $error }
    };
    (
        $(#[$meta:meta])*
        $name:ident => $method:ident, $response:ident, $error:ident $(, root $root:literal)?
        $(; paged by $page:ident, $item:ident)?
    ) => {
        request_send! {
            @impl $(#[$meta])*
            $name => $method, crate::types::$response, $error $(, root $root)?
            $(; paged by $page, crate::types::$item)?
        }
    };
    (
        @impl $(#[$meta:meta])*
        $name:ident => $method:ident, $response:ty, $error:ident $(, root $root:literal)?
        $(; paged by $page:ident, $item:ty)?
    ) => {
        $(#[$meta])*
        impl $name {
            /// This method's entry in the [registry](crate::registry).
            pub const METHOD: &'static crate::__private::registry::MethodInfo = &crate::registry::$method;

            /// Per-call options: timeout, response format, retry policy, and
            /// `retry_writes` to retry a write that is safe to repeat. The
            /// paging streams take them too.
            pub fn options(mut self, options: crate::CallOptions) -> Self {
                self.sender.options = options;
                self
            }

            /// Sends the request and decodes the typed response.
            pub async fn send(self) -> ::std::result::Result<$response, crate::__private::Error<$error>> {
                let params = self.to_params();
                let options = Self::decoded_at_root(self.sender.options);
                self.sender
                    .client
                    .call(Self::METHOD, params, &options)
                    .await
                    .map_err(crate::__private::Error::typed)
            }

            /// Sends the request and returns the body as received (Flickr failures are still errors).
            pub async fn send_raw_body(
                self,
            ) -> ::std::result::Result<crate::__private::RawResponse, crate::__private::Error<$error>> {
                let params = self.to_params();
                self.sender
                    .client
                    .call(Self::METHOD, params, &self.sender.options)
                    .await
                    .map_err(crate::__private::Error::typed)
            }

            /// The request's options with this method's own root (a caller's `root` never applies).
            fn decoded_at_root(options: crate::CallOptions) -> crate::CallOptions {
                request_send!(@root options $(, $root)?)
            }

            $(request_send!(@paged $page, $response, $item, $error);)?
        }
    };
    (@root $options:expr) => {
        $options.whole()
    };
    (@root $options:expr, $root:literal) => {
        $options.root($root)
    };
    (@paged $page:ident, $response:ty, $item:ty, $error:ident) => {
        /// Every page from the one set with `page` (default 1) to the last, one request at a time.
        /// Stops at Flickr's page count, on an empty page, or when a page repeats the previous one.
        pub fn pages(
            self,
        ) -> crate::__private::BoxStream<'static, ::std::result::Result<$response, crate::__private::Error<$error>>> {
            let start = self.$page.unwrap_or(1);
            crate::__private::typed(crate::__private::erased_pages(start, self.fetcher()))
        }

        /// Like [`pages`](Self::pages) with up to `concurrency` requests in flight; pages still arrive in order.
        pub fn pages_concurrent(
            self,
            concurrency: usize,
        ) -> crate::__private::BoxStream<'static, ::std::result::Result<$response, crate::__private::Error<$error>>> {
            let start = self.$page.unwrap_or(1);
            crate::__private::typed(crate::__private::erased_pages_concurrent(
                start,
                concurrency,
                self.fetcher(),
            ))
        }

        /// Every item of every page, in order; an error ends the stream after being yielded.
        pub fn items(
            self,
        ) -> crate::__private::BoxStream<'static, ::std::result::Result<$item, crate::__private::Error<$error>>> {
            let start = self.$page.unwrap_or(1);
            crate::__private::typed(crate::__private::erased_items(
                crate::__private::erased_pages(start, self.fetcher()),
            ))
        }

        /// Fetches page `n` of this request with its options: the paging
        /// streams' one per-method part, the page's parameters (the streams
        /// are compiled once per page type).
        fn fetcher(self) -> crate::__private::Fetcher<$response> {
            let client = self.sender.client.core().clone();
            let options = Self::decoded_at_root(self.sender.options.clone());
            crate::__private::Fetcher::call(
                client,
                Self::METHOD,
                options,
                ::std::boxed::Box::new(move |n| self.clone().$page(n).to_params()),
            )
        }
    };
}

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
/// `skip_field` for the others. Deserialized, see `members::de`.
macro_rules! serde_members {
    ($name:ident {
        $($kind:ident $field:ident $(= $wire:literal)? $(alias $alias:literal)* $(via $reader:ident)?),*
        $(,)?
    }) => {
        impl ::serde::Serialize for $name {
            #[allow(unused_mut)]
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                let len = 0 $(+ crate::members::ser::present::$kind(&self.$field))*;
                let mut st = ::serde::Serializer::serialize_struct(s, stringify!($name), len)?;
                $( crate::members::ser::$kind(&mut st, member_wire!($field $(= $wire)?), &self.$field)?; )*
                ::serde::ser::SerializeStruct::end(st)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                use crate::members::de;
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
        crate::members::de::seed::$reader()
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
