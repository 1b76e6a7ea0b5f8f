//! Enums (argument value sets) and response structs.

use super::docs::{blank, doc};
use super::rust_types::{field_type, ident};
use crate::model::{EnumDef, FieldType, StructDef};
use proc_macro2::TokenStream;
use quote::quote;

/// A closed enum of documented wire values, with its wire table, `ToParam`,
/// `Display`, `FromStr`, serde and `flickr_core::open_enum::WireEnum` impls.
///
/// Arguments use the enum itself; response fields read it wrapped in
/// `flickr_core::open_enum::Open`, so a value Flickr added after the spec
/// decodes as `Open::Unknown` instead of failing the whole answer.
pub fn enum_item(e: &EnumDef) -> TokenStream {
    let name = ident(&e.name);
    let docs = if e.doc.trim().is_empty() {
        doc(&format!("Values of `{}`.", e.name))
    } else {
        doc(&e.doc)
    };
    let variants = e.values.iter().map(|v| {
        let vname = ident(&v.name);
        let text = if v.doc.trim().is_empty() {
            format!("`{}`", v.wire)
        } else {
            format!("`{}`: {}", v.wire, v.doc)
        };
        let vdoc = doc(&text);
        quote! { #vdoc #vname }
    });
    let names: Vec<_> = e.values.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<_> = e.values.iter().map(|v| v.wire.as_str()).collect();
    let type_name = e.name.as_str();
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name { #(#variants,)* }

        impl #name {
            /// Every value, in the spec's order.
            pub const ALL: &'static [#name] = &[#(#name::#names),*];
            /// Every wire value, in the spec's order.
            pub const WIRE_VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The value as Flickr spells it.
            pub fn as_str(self) -> &'static str {
                match self { #(#name::#names => #wires,)* }
            }

            /// The variant for a wire value.
            pub fn from_wire(wire: &str) -> ::std::option::Option<#name> {
                match wire {
                    #(#wires => ::std::option::Option::Some(#name::#names),)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::flickr_core::registry::ArgProblem;
            fn from_str(s: &str) -> ::std::result::Result<#name, Self::Err> {
                #name::from_wire(s).ok_or_else(|| ::flickr_core::registry::ArgProblem {
                    arg: #type_name.to_owned(),
                    reason: ::std::format!("`{}` is not one of: {}", s, #name::WIRE_VALUES.join(", ")),
                })
            }
        }

        impl ::flickr_core::open_enum::WireEnum for #name {
            const TYPE_NAME: &'static str = #type_name;
            const WIRE_VALUES: &'static [&'static str] = #name::WIRE_VALUES;
            fn from_wire(wire: &str) -> ::std::option::Option<#name> {
                #name::from_wire(wire)
            }
            fn as_str(self) -> &'static str {
                #name::as_str(self)
            }
        }

        impl ::std::cmp::PartialEq<::flickr_core::open_enum::Open<#name>> for #name {
            fn eq(&self, other: &::flickr_core::open_enum::Open<#name>) -> bool {
                other == self
            }
        }

        impl ::flickr_core::params::ToParam for #name {
            fn to_param(&self) -> ::std::string::String {
                self.as_str().to_owned()
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<#name, D::Error> {
                let s = ::flickr_core::de::string(d)?;
                #name::from_wire(&s).ok_or_else(|| {
                    <D::Error as ::serde::de::Error>::custom(::std::format!(
                        "`{}` is not a known {} value ({})", s, #type_name, #name::WIRE_VALUES.join(", ")
                    ))
                })
            }
        }
    }
}

/// A response struct decoding Flickr's JSON (and REST XML converted to the same shape).
pub fn struct_item(s: &StructDef) -> TokenStream {
    let name = ident(&s.name);
    let docs = doc(if s.doc.trim().is_empty() {
        &s.name
    } else {
        &s.doc
    });
    let fields = s.fields.iter().map(|f| {
        let rust = ident(&f.rust);
        let (ty, de) = field_type(&f.ty, f.required);
        let wire = f.wire.as_str();
        let mut attrs = Vec::new();
        if f.rust != f.wire {
            attrs.push(quote! { rename = #wire });
        }
        for a in &f.alias {
            attrs.push(quote! { alias = #a });
        }
        match (de, f.required) {
            (Some(path), true) => attrs.push(quote! { deserialize_with = #path }),
            (Some(path), false) => {
                attrs.push(quote! { default });
                attrs.push(quote! { deserialize_with = #path });
            }
            (None, false) => attrs.push(quote! { default }),
            (None, true) => {}
        }
        let serde_attr = if attrs.is_empty() {
            quote! {}
        } else {
            quote! { #[serde(#(#attrs),*)] }
        };
        let text = if f.doc.trim().is_empty() {
            format!("`{wire}`")
        } else {
            format!("`{wire}`: {}", f.doc)
        };
        let fdoc = doc(&text);
        quote! { #fdoc #serde_attr pub #rust: #ty }
    });
    let page_doc = s.items.as_ref().map(|items| {
        let line = format!("A page type: `{items}` holds this page's items.");
        let d = doc(&line);
        let b = blank();
        quote! { #b #d }
    });
    let page_impl = page_impl(s);
    quote! {
        #docs
        #page_doc
        #[derive(Debug, Clone, PartialEq, ::serde::Deserialize, ::serde::Serialize)]
        #[non_exhaustive]
        pub struct #name { #(#fields,)* }

        #page_impl
    }
}

/// `impl flickr_core::paging::Page` for a page type (one with `items`).
fn page_impl(s: &StructDef) -> Option<TokenStream> {
    let items = s.items.as_ref()?;
    let list = s.fields.iter().find(|f| &f.rust == items)?;
    let FieldType::List(item) = &list.ty else {
        return None;
    };
    let (item_ty, _) = field_type(item, true);
    let name = ident(&s.name);
    let items = ident(items);
    let counter = |rust: &str| match s
        .fields
        .iter()
        .find(|f| f.rust == rust && f.ty == FieldType::Int)
    {
        Some(f) if f.required => {
            let i = ident(rust);
            quote! { ::std::option::Option::Some(self.#i) }
        }
        Some(_) => {
            let i = ident(rust);
            quote! { self.#i }
        }
        None => quote! { ::std::option::Option::None },
    };
    let (page, pages) = (counter("page"), counter("pages"));
    Some(quote! {
        impl ::flickr_core::paging::Page for #name {
            type Item = #item_ty;
            fn page_number(&self) -> ::std::option::Option<i64> { #page }
            fn page_count(&self) -> ::std::option::Option<i64> { #pages }
            fn items(&self) -> &[#item_ty] { &self.#items }
            fn into_items(self) -> ::std::vec::Vec<#item_ty> { self.#items }
        }
    })
}
