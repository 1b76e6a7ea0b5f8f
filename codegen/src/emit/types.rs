//! Enums (argument value sets) and response structs.

use super::docs::{blank, doc};
use super::rust_types::{field_type, ident};
use crate::model::{EnumDef, FieldType, StructDef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// A closed enum of documented wire values: a `wire_enum!` call
/// (`numeric_wire_enum!` when every wire value is an integer), which adds
/// its wire table, `ToParam`, `Display`, `FromStr`, serde and
/// `WireEnum` impls.
///
/// Arguments use the enum itself; response fields read it wrapped in
/// `Open`, so a value Flickr added after the spec
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
        let wire = v.wire.as_str();
        quote! { #vdoc #vname = #wire, }
    });
    // The impls are flickr-sdk's `wire_enum!` (src/macros/value_enum.rs); an enum whose
    // wire values are all integers is `numeric_wire_enum!`, serialized as numbers.
    let numeric = !e.values.is_empty()
        && e.values
            .iter()
            .all(|v| v.wire.parse::<i64>().is_ok_and(|n| n.to_string() == v.wire));
    let mac = if numeric {
        format_ident!("numeric_wire_enum")
    } else {
        format_ident!("wire_enum")
    };
    quote! {
        #mac! {
            #docs
            pub enum #name {
                #(#variants)*
            }
        }
    }
}

/// A response struct decoding Flickr's JSON (and REST XML converted to the same shape).
pub fn struct_item(s: &StructDef) -> TokenStream {
    struct_item_gated(s, &TokenStream::new())
}

/// [`struct_item`] with `cfg` (the features that reach the type) on the
/// struct and on its impls.
pub fn struct_item_gated(s: &StructDef, cfg: &TokenStream) -> TokenStream {
    let name = ident(&s.name);
    let docs = doc(if s.doc.trim().is_empty() {
        &s.name
    } else {
        &s.doc
    });
    let fields = s.fields.iter().map(|f| {
        let rust = ident(&f.rust);
        let (ty, _) = field_type(&f.ty, f.required);
        let text = if f.doc.trim().is_empty() {
            format!("`{}`", f.wire)
        } else {
            format!("`{}`: {}", f.wire, f.doc)
        };
        let fdoc = doc(&text);
        quote! { #fdoc pub #rust: #ty }
    });
    let page_doc = s.items.as_ref().map(|items| {
        let line = format!("A page type: `{items}` holds this page's items.");
        let d = doc(&line);
        let b = blank();
        quote! { #b #d }
    });
    let page_doc = page_doc.or_else(|| {
        let line = format!(
            "A page with siblings: `{}` holds the page.",
            s.page_in.as_ref()?
        );
        let d = doc(&line);
        let b = blank();
        Some(quote! { #b #d })
    });
    let page_impl = page_impl(s).map(|i| quote! { #cfg #i });
    let serde = serde_members(s);
    quote! {
        #cfg
        #docs
        #page_doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct #name { #(#fields,)* }

        #cfg
        #serde

        #page_impl
    }
}

/// The struct's `Serialize` and `Deserialize` impls: a `serde_members!`
/// call (flickr-sdk's src/macros/members.rs), one member each, in field order.
///
/// Each member is its kind, the field, its wire name when renamed, its
/// aliases and the quirk reader that reads it (`via`). What Flickr left out
/// stays out when the value is serialized again: an absent optional member
/// is `None` (`opt`), an absent list is empty (`list`); required members
/// (`req`) are always written, and missing from an answer they fail its
/// decode. Hand impls instead of serde's derive, whose per-struct visitors
/// and per-field wrappers were most of the bindings' build cost; the call
/// keeps the generated source short.
fn serde_members(s: &StructDef) -> TokenStream {
    let name = ident(&s.name);
    let members = s.fields.iter().map(|f| {
        let kind = match (&f.ty, f.required) {
            (_, true) => format_ident!("req"),
            (FieldType::List(_), false) => format_ident!("list"),
            (_, false) => format_ident!("opt"),
        };
        let rust = ident(&f.rust);
        // `stringify!` of the field gives the wire name unless it was renamed.
        let wire = (rust != f.wire).then(|| {
            let wire = f.wire.as_str();
            quote! { = #wire }
        });
        let aliases = f.alias.iter().map(|a| quote! { alias #a });
        let reader = field_type(&f.ty, f.required).1.map(|r| {
            let r = ident(r);
            quote! { via #r }
        });
        quote! { #kind #rust #wire #(#aliases)* #reader }
    });
    quote! { serde_members!(#name { #(#members),* }); }
}

/// `impl Page` for a page type (one with `items`), or
/// for a page with siblings (`page_in`), read from its page field.
fn page_impl(s: &StructDef) -> Option<TokenStream> {
    if let Some(page_in) = &s.page_in {
        let field = s.fields.iter().find(|f| &f.rust == page_in)?;
        let (inner, _) = field_type(&field.ty, true);
        let name = ident(&s.name);
        let f = ident(page_in);
        return Some(quote! {
            impl crate::__private::Page for #name {
                type Item = <#inner as crate::__private::Page>::Item;
                fn page_number(&self) -> Option<i64> { crate::__private::Page::page_number(&self.#f) }
                fn page_count(&self) -> Option<i64> { crate::__private::Page::page_count(&self.#f) }
                fn items(&self) -> &[Self::Item] { crate::__private::Page::items(&self.#f) }
                fn into_items(self) -> Vec<Self::Item> { crate::__private::Page::into_items(self.#f) }
            }
        });
    }
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
            quote! { Some(self.#i) }
        }
        Some(_) => {
            let i = ident(rust);
            quote! { self.#i }
        }
        None => quote! { None },
    };
    let (page, pages) = (counter("page"), counter("pages"));
    Some(quote! {
        impl crate::__private::Page for #name {
            type Item = #item_ty;
            fn page_number(&self) -> Option<i64> { #page }
            fn page_count(&self) -> Option<i64> { #pages }
            fn items(&self) -> &[#item_ty] { &self.#items }
            fn into_items(self) -> Vec<#item_ty> { self.#items }
        }
    })
}
