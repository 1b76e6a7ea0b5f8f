//! Rust types for spec types: argument fields, setter parameters, response fields.

use crate::model::{ArgType, FieldType, Method};
use crate::names;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier from a string known to be valid.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The id newtype for an id kind: `photo_id` → `::flickr_core::ids::PhotoId`.
pub fn id_type(kind: &str) -> TokenStream {
    let name = ident(&names::camel(kind));
    quote! { ::flickr_core::ids::#name }
}

/// The path of an enum type from inside the generated code.
pub fn enum_path(name: &str, shared: bool, method: &Method) -> TokenStream {
    let ty = ident(name);
    if shared {
        quote! { crate::types::#ty }
    } else {
        let modules = method.namespace.iter().map(|m| ident(&names::snake(m)));
        quote! { crate #( :: #modules )* :: #ty }
    }
}

/// The stored Rust type of an argument value.
pub fn arg_type(ty: &ArgType, method: &Method) -> TokenStream {
    match ty {
        ArgType::Text | ArgType::String => quote! { ::std::string::String },
        ArgType::Int { .. } => quote! { i64 },
        ArgType::Float { .. } => quote! { f64 },
        ArgType::Bool => quote! { bool },
        ArgType::Enum { name, shared, .. } => enum_path(name, *shared, method),
        ArgType::List { item, .. } => {
            let item = arg_type(item, method);
            quote! { ::std::vec::Vec<#item> }
        }
        ArgType::Date { .. } => quote! { ::flickr_core::values::DateValue },
        ArgType::Id { id } => id_type(id),
    }
}

/// The parameter type a constructor or setter takes, and how to turn the
/// parameter `value` into the stored type.
pub fn arg_param(ty: &ArgType, method: &Method, value: &Ident) -> (TokenStream, TokenStream) {
    match ty {
        ArgType::Bool => (quote! { bool }, quote! { #value }),
        ArgType::Enum { .. } => (arg_type(ty, method), quote! { #value }),
        ArgType::List { item, .. } => {
            let item = arg_type(item, method);
            (
                quote! { impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#item>> },
                quote! { #value.into_iter().map(::std::convert::Into::into).collect() },
            )
        }
        _ => {
            let stored = arg_type(ty, method);
            (
                quote! { impl ::std::convert::Into<#stored> },
                quote! { #value.into() },
            )
        }
    }
}

/// The registry's `ArgKind` constant for an argument type.
pub fn arg_kind(ty: &ArgType, method: &Method) -> TokenStream {
    let opt_i = |v: &Option<i64>| match v {
        Some(n) => quote! { ::std::option::Option::Some(#n) },
        None => quote! { ::std::option::Option::None },
    };
    let opt_f = |v: &Option<f64>| match v {
        Some(x) => quote! { ::std::option::Option::Some(#x) },
        None => quote! { ::std::option::Option::None },
    };
    match ty {
        ArgType::Text => quote! { ::flickr_core::registry::ArgKind::Text },
        ArgType::String => quote! { ::flickr_core::registry::ArgKind::String },
        ArgType::Int { min, max } => {
            let (min, max) = (opt_i(min), opt_i(max));
            quote! { ::flickr_core::registry::ArgKind::Int { min: #min, max: #max } }
        }
        ArgType::Float { min, max } => {
            let (min, max) = (opt_f(min), opt_f(max));
            quote! { ::flickr_core::registry::ArgKind::Float { min: #min, max: #max } }
        }
        ArgType::Bool => quote! { ::flickr_core::registry::ArgKind::Bool },
        ArgType::Enum { name, shared, .. } => {
            let path = enum_path(name, *shared, method);
            quote! { ::flickr_core::registry::ArgKind::Enum(#path::WIRE_VALUES) }
        }
        ArgType::List { item, sep } => {
            let item = arg_kind(item, method);
            quote! { ::flickr_core::registry::ArgKind::List { item: &#item, sep: #sep } }
        }
        ArgType::Date { formats } => {
            let formats = formats.iter().map(|f| match f.as_str() {
                "unix" => quote! { ::flickr_core::registry::DateFormat::Unix },
                "mysql" => quote! { ::flickr_core::registry::DateFormat::Mysql },
                _ => quote! { ::flickr_core::registry::DateFormat::Ymd },
            });
            quote! { ::flickr_core::registry::ArgKind::Date(&[#(#formats),*]) }
        }
        ArgType::Id { id } => {
            let kind = ident(&names::camel(id.trim_end_matches("_id")));
            quote! { ::flickr_core::registry::ArgKind::Id(::flickr_core::registry::IdKind::#kind) }
        }
    }
}

/// A response field's Rust type and the `flickr_core::de` function that reads it.
/// Returns (type, deserializer path or None for plain serde).
pub fn field_type(ty: &FieldType, required: bool) -> (TokenStream, Option<&'static str>) {
    let (inner, de_opt, de_req): (TokenStream, Option<&'static str>, Option<&'static str>) =
        match ty {
            FieldType::Text | FieldType::String | FieldType::DateTime => (
                quote! { ::std::string::String },
                Some("::flickr_core::de::opt_string"),
                Some("::flickr_core::de::string"),
            ),
            FieldType::Int | FieldType::UnixTime => (
                quote! { i64 },
                Some("::flickr_core::de::opt_i64"),
                Some("::flickr_core::de::i64"),
            ),
            FieldType::Float => (
                quote! { f64 },
                Some("::flickr_core::de::opt_f64"),
                Some("::flickr_core::de::f64"),
            ),
            FieldType::Bool => (
                quote! { bool },
                Some("::flickr_core::de::opt_bool"),
                Some("::flickr_core::de::bool"),
            ),
            FieldType::Id(kind) => (id_type(kind), Some("::flickr_core::ids::opt_id"), None),
            FieldType::Struct(name) => {
                let name = ident(name);
                (
                    quote! { crate::types::#name },
                    Some("::flickr_core::de::opt_struct"),
                    None,
                )
            }
            // Open: a value Flickr added after the spec must not fail the decode.
            FieldType::Enum(name) => {
                let name = ident(name);
                (
                    quote! { ::flickr_core::open_enum::Open<crate::types::#name> },
                    Some("::flickr_core::open_enum::opt_open"),
                    None,
                )
            }
            FieldType::List(item) => {
                let (item, _) = field_type(item, true);
                return (
                    quote! { ::std::vec::Vec<#item> },
                    Some("::flickr_core::de::list"),
                );
            }
        };
    if required {
        (inner, de_req)
    } else {
        (quote! { ::std::option::Option<#inner> }, de_opt)
    }
}
