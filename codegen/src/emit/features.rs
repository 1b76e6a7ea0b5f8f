//! Cargo features: one per top-level namespace (`photos` covers
//! `flickr.photos.*`), and which of them each shared type is needed by, so a
//! build with a few namespaces compiles only their methods and the types
//! they reach.

use crate::model::{ArgType, FieldType, Method, Model};
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The feature that enables `m`: its top-level namespace in snake case.
pub fn of_method(m: &Method) -> String {
    names::snake(m.namespace.first().map(String::as_str).unwrap_or("flickr"))
}

/// Every namespace feature, sorted.
pub fn all(model: &Model) -> BTreeSet<String> {
    model.methods.iter().map(of_method).collect()
}

/// For each shared enum and struct, the features whose methods reach it
/// (through arguments, responses and the fields of those, transitively).
pub fn type_users(model: &Model) -> BTreeMap<String, BTreeSet<String>> {
    let mut users: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in &model.methods {
        let feature = of_method(m);
        let mut roots = Vec::new();
        for a in &m.args {
            arg_types(&a.ty, &mut roots);
        }
        if let crate::model::ResponseShape::Typed { ty, .. } = &m.response_shape {
            roots.push(ty.clone());
        }
        let mut seen = BTreeSet::new();
        while let Some(name) = roots.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            users
                .entry(name.clone())
                .or_default()
                .insert(feature.clone());
            if let Some(s) = model.struct_def(&name) {
                for f in &s.fields {
                    field_types(&f.ty, &mut roots);
                }
            }
        }
    }
    users
}

fn arg_types(ty: &ArgType, out: &mut Vec<String>) {
    match ty {
        ArgType::Enum {
            name, shared: true, ..
        } => out.push(name.clone()),
        ArgType::List { item, .. } => arg_types(item, out),
        ArgType::Enum { shared: false, .. }
        | ArgType::Text
        | ArgType::String
        | ArgType::Int { .. }
        | ArgType::Float { .. }
        | ArgType::Bool
        | ArgType::Date { .. }
        | ArgType::Id { .. } => {}
    }
}

fn field_types(ty: &FieldType, out: &mut Vec<String>) {
    match ty {
        FieldType::Struct(name) | FieldType::Enum(name) => out.push(name.clone()),
        FieldType::List(item) => field_types(item, out),
        _ => {}
    }
}

/// `#[cfg(any(feature = "a", …))]`, or nothing for an item no feature
/// reaches (kept in every build). docs.rs labels the item with its features
/// by itself (`doc_cfg` is on under `--cfg docsrs`, see flickr-sdk's lib.rs),
/// so no `doc(cfg(…))` copy is written.
pub fn cfg_any<'a>(features: impl IntoIterator<Item = &'a String>) -> TokenStream {
    let features: Vec<&String> = features.into_iter().collect();
    if features.is_empty() {
        return quote! {};
    }
    quote! {
        #[cfg(any(#(feature = #features),*))]
    }
}

/// `#[cfg(feature = "…")]` for one method's items.
pub fn cfg_method(m: &Method) -> TokenStream {
    let f = of_method(m);
    quote! { #[cfg(feature = #f)] }
}
