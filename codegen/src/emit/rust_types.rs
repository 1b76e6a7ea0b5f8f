//! Rust types for spec types: argument fields, setter parameters, response fields.

use crate::model::{ArgType, FieldType, Method};
use crate::names;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier from a string known to be valid.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The id newtype for an id kind: `photo_id` → `crate::PhotoId`.
pub fn id_type(kind: &str) -> TokenStream {
    let name = ident(&names::camel(kind));
    quote! { crate::#name }
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
        ArgType::Text | ArgType::String => quote! { String },
        ArgType::Int { .. } => quote! { i64 },
        ArgType::Float { .. } => quote! { f64 },
        ArgType::Bool => quote! { bool },
        ArgType::Enum { name, shared, .. } => enum_path(name, *shared, method),
        ArgType::List { item, .. } => {
            let item = arg_type(item, method);
            quote! { Vec<#item> }
        }
        ArgType::Date { .. } => quote! { crate::DateValue },
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
                quote! { impl IntoIterator<Item = impl Into<#item>> },
                quote! { #value.into_iter().map(Into::into).collect() },
            )
        }
        ArgType::Text
        | ArgType::String
        | ArgType::Int { .. }
        | ArgType::Float { .. }
        | ArgType::Date { .. }
        | ArgType::Id { .. } => {
            let stored = arg_type(ty, method);
            (quote! { impl Into<#stored> }, quote! { #value.into() })
        }
    }
}

/// The registry's `ArgKind` constant for an argument type.
pub fn arg_kind(ty: &ArgType, method: &Method) -> TokenStream {
    // Unsuffixed bounds and the short constructors keep an argument on one line.
    let opt_i = |v: &Option<i64>| match v {
        Some(n) => {
            let n = proc_macro2::Literal::i64_unsuffixed(*n);
            quote! { Some(#n) }
        }
        None => quote! { None },
    };
    let opt_f = |v: &Option<f64>| match v {
        Some(x) => {
            let x = proc_macro2::Literal::f64_unsuffixed(*x);
            quote! { Some(#x) }
        }
        None => quote! { None },
    };
    match ty {
        ArgType::Text => quote! { ArgKind::Text },
        ArgType::String => quote! { ArgKind::String },
        ArgType::Int { min, max } => {
            let (min, max) = (opt_i(min), opt_i(max));
            quote! { ArgKind::int(#min, #max) }
        }
        ArgType::Float { min, max } => {
            let (min, max) = (opt_f(min), opt_f(max));
            quote! { ArgKind::float(#min, #max) }
        }
        ArgType::Bool => quote! { ArgKind::Bool },
        // An argument taking a run of its enum's values (a level enum with
        // `min`/`max`): that run of the enum's wire table.
        ArgType::Enum {
            name,
            shared,
            values,
            part_from: Some(from),
        } => {
            let path = enum_path(name, *shared, method);
            let from = proc_macro2::Literal::usize_unsuffixed(*from);
            let len = proc_macro2::Literal::usize_unsuffixed(values.len());
            quote! { ArgKind::Enum(#path::WIRE_VALUES.split_at(#from).1.split_at(#len).0) }
        }
        ArgType::Enum { name, shared, .. } => {
            let path = enum_path(name, *shared, method);
            quote! { ArgKind::Enum(#path::WIRE_VALUES) }
        }
        ArgType::List { item, sep } => {
            let item = arg_kind(item, method);
            quote! { ArgKind::list(&#item, #sep) }
        }
        ArgType::Date { formats } => {
            let formats = formats.iter().map(|f| match f.as_str() {
                "unix" => quote! { DateFormat::Unix },
                "mysql" => quote! { DateFormat::Mysql },
                // Validation admits `ymd`, `unix` and `mysql` only.
                _ => quote! { DateFormat::Ymd },
            });
            quote! { ArgKind::Date(&[#(#formats),*]) }
        }
        ArgType::Id { id } => {
            let kind = ident(&names::camel(id.trim_end_matches("_id")));
            quote! { ArgKind::Id(IdKind::#kind) }
        }
    }
}

/// A response field's Rust type and the name of flickr-core's quirk reader
/// (`flickr_core::__private::de::NAME`) that reads it, `None` when the
/// type's own `Deserialize` does.
pub fn field_type(ty: &FieldType, required: bool) -> (TokenStream, Option<&'static str>) {
    let (inner, de_opt, de_req): (TokenStream, Option<&'static str>, Option<&'static str>) =
        match ty {
            FieldType::Text | FieldType::String => {
                (quote! { String }, Some("opt_string"), Some("string"))
            }
            // Any of Flickr's date forms; `""` and MySQL's zero date are `None`.
            FieldType::DateTime => (quote! { crate::DateValue }, Some("opt_date"), Some("date")),
            FieldType::Int | FieldType::UnixTime => (quote! { i64 }, Some("opt_i64"), Some("i64")),
            FieldType::Float => (quote! { f64 }, Some("opt_f64"), Some("f64")),
            FieldType::Bool => (quote! { bool }, Some("opt_bool"), Some("bool")),
            FieldType::Id(kind) => (id_type(kind), Some("opt_id"), None),
            FieldType::Struct(name) => {
                let name = ident(name);
                (quote! { crate::types::#name }, Some("opt_struct"), None)
            }
            // Open: a value Flickr added after the spec must not fail the decode.
            FieldType::Enum(name) => {
                let name = ident(name);
                (
                    quote! { crate::__private::Open<crate::types::#name> },
                    Some("opt_open"),
                    None,
                )
            }
            FieldType::List(item) => {
                let item = match **item {
                    // Text items read every form Flickr writes text in: REST
                    // XML gives `{"_content": …}` (or an empty element) per item.
                    FieldType::Text | FieldType::String => quote! { de::Text },
                    _ => field_type(item, true).0,
                };
                return (quote! { Vec<#item> }, Some("list"));
            }
        };
    if required {
        (inner, de_req)
    } else {
        (quote! { Option<#inner> }, de_opt)
    }
}
