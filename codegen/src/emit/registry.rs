//! The static method registry: every method as `MethodInfo` data.

use super::features;
use super::rust_types::{arg_kind, ident};
use crate::model::{Method, Model, Perms, ResponseShape, Verb};
use proc_macro2::TokenStream;
use quote::quote;

/// The contents of `registry.rs`: one static per method (gated by its
/// namespace feature), the shared table of generic errors, the list of
/// enabled methods, lookup by name and decoding by method name.
pub fn registry_items(model: &Model) -> TokenStream {
    let statics = model.methods.iter().map(|m| {
        let cfg = features::cfg_method(m);
        let item = method_static(m);
        quote! { #cfg #item }
    });
    let generic = model.generic_errors.iter().map(|e| {
        let s = generic_static(e.code);
        let (code, name, message, doc) =
            (e.code, e.name.as_str(), e.message.as_str(), e.doc.trim());
        let d = format!("Generic error {code}: {message}");
        quote! {
            #[doc = #d]
            pub static #s: ErrorInfo =
                ErrorInfo { code: #code, name: #name, message: #message, doc: #doc };
        }
    });
    let sets = generic_sets(model);
    let features = features::all(model)
        .into_iter()
        .map(|f| quote! { #[cfg(feature = #f)] #f });
    let generic_refs = model.generic_errors.iter().map(|e| {
        let s = generic_static(e.code);
        quote! { &#s }
    });
    let refs = model.methods.iter().map(|m| {
        let s = ident(&m.static_name());
        let cfg = features::cfg_method(m);
        quote! { #cfg &#s }
    });
    let decode_arms = model.methods.iter().map(|m| {
        let cfg = features::cfg_method(m);
        let arm = decode_arm(m);
        quote! { #cfg #arm }
    });
    let aliases = wire_aliases(model);
    quote! {
        #[allow(unused_imports)]
        use crate::decode::{member, whole, write_member};
        #[allow(unused_imports)]
        use crate::types;
        // The registry's data types, at `flickr_sdk::registry::…`.
        pub use crate::__private::registry::{
            raw_method, ArgInfo, ArgKind, ArgProblem, DateFormat, ErrorInfo, IdKind, MethodInfo,
            PagingInfo, Perms, Verb,
        };

        #(#statics)*

        #(#generic)*

        #sets

        /// The values an entry leaves out: GET, no permission, no login, not
        /// signed, not deprecated, listed by Flickr's reflection, not paged,
        /// read from the whole answer.
        #[allow(dead_code)]
        const DEFAULTS: MethodInfo = MethodInfo {
            deprecated: false,
            not_in_reflection: None,
            paging: None,
            root: None,
            ..crate::__private::registry::raw_method("", Verb::Get)
        };

        /// Flickr's generic errors (95–116), the one table every method's entry refers to.
        pub static GENERIC_ERRORS: &[&ErrorInfo] = &[#(#generic_refs),*];

        /// The namespace features this build has on (`photos`, `people`, …).
        pub static FEATURES: &[&str] = &[#(#features),*];

        /// Every method of the enabled namespace features, sorted by name.
        pub static METHODS: &[&MethodInfo] = &[#(#refs),*];

        /// Decodes a successful answer of `method` — its JSON text, as the
        /// client reads it from JSON, JSONP and REST XML — into the method's typed response and serializes that back to
        /// JSON: what the CLI prints and what the fixture tests snapshot. `None`
        /// for an unknown method; the error names the JSON path of the field
        /// that failed.
        pub fn decode_to_json(
            method: &str,
            json: &str,
        ) -> Option<Result<::serde_json::Value, String>> {
            decode_typed(method, json).map(crate::decode::Decoded::into_json)
        }

        /// [`decode_to_json`] with the member of the answer the typed value
        /// was read from (`crate::dropped` walks the answer beside it).
        // With no namespace feature on, no method is known.
        #[allow(unused_variables, unreachable_code)]
        pub(crate) fn decode_typed(method: &str, json: &str) -> Option<crate::decode::Decoded> {
            let method = find(method)?;
            let decoded = match method.name {
                #(#decode_arms,)*
                _ => return None,
            };
            Some(decoded)
        }

        #aliases

        /// The method named `name`; Flickr's method names are case-insensitive, and so is this.
        pub fn find(name: &str) -> Option<&'static MethodInfo> {
            METHODS.iter().copied().find(|m| m.name.eq_ignore_ascii_case(name))
        }
    }
}

/// `WIRE_ALIASES`: every other wire name a response field is read under (the
/// spec's `alias`), with the name the typed value is serialized under.
fn wire_aliases(model: &Model) -> TokenStream {
    let pairs: std::collections::BTreeSet<(&str, &str)> = model
        .structs
        .iter()
        .flat_map(|s| &s.fields)
        .flat_map(|f| f.alias.iter().map(|a| (a.as_str(), f.wire.as_str())))
        .collect();
    let pairs = pairs.iter().map(|(a, w)| quote! { (#a, #w) });
    quote! {
        /// `(alias, name)`: another wire name Flickr uses for a response field
        /// (the spec's `alias`) and the name the typed value serializes it under.
        #[allow(dead_code)]
        pub(crate) static WIRE_ALIASES: &[(&str, &str)] = &[#(#pairs),*];
    }
}

fn generic_static(code: u32) -> proc_macro2::Ident {
    quote::format_ident!("GENERIC_{}", code)
}

/// The generic codes `m` lists.
fn generic_codes(m: &Method) -> Vec<u32> {
    m.errors
        .iter()
        .filter(|e| e.generic)
        .map(|e| e.code)
        .collect()
}

/// The shared static for one set of generic codes: methods list only a few
/// distinct sets, each written once.
fn generic_set_static(codes: &[u32]) -> proc_macro2::Ident {
    let name: Vec<String> = codes.iter().map(u32::to_string).collect();
    quote::format_ident!("GENERIC_SET_{}", name.join("_"))
}

/// `pub static GENERIC_SET_…: &[&ErrorInfo]` for every set some method lists.
fn generic_sets(model: &Model) -> TokenStream {
    let sets: std::collections::BTreeSet<Vec<u32>> =
        model.methods.iter().map(generic_codes).collect();
    let items = sets.iter().map(|codes| {
        let name = generic_set_static(codes);
        let refs = codes.iter().map(|c| generic_static(*c));
        let d = format!("Generic codes {codes:?}, as several methods list them.");
        quote! {
            #[doc = #d]
            #[allow(dead_code)]
            static #name: &[&ErrorInfo] = &[#(&#refs),*];
        }
    });
    quote! { #(#items)* }
}

fn decode_arm(m: &Method) -> TokenStream {
    let name = m.name.as_str();
    match &m.response_shape {
        ResponseShape::Typed { ty, root: None } => {
            let ty = ident(ty);
            quote! { #name => whole::<types::#ty>(json) }
        }
        ResponseShape::Typed {
            ty,
            root: Some(root),
        } => {
            let ty = ident(ty);
            if matches!(m.verb, Verb::Post) {
                quote! { #name => write_member::<types::#ty>(json, #root) }
            } else {
                quote! { #name => member::<types::#ty>(json, #root) }
            }
        }
        ResponseShape::Untyped => {
            quote! { #name => whole::<::serde_json::Value>(json) }
        }
    }
}

/// One method's `pub static …: MethodInfo`.
pub fn method_static(m: &Method) -> TokenStream {
    let s = ident(&m.static_name());
    let name = m.name.as_str();
    let summary = m.summary.trim();
    // Fields at their usual value (GET, no permission, `false`, `None`) come
    // from `DEFAULTS`.
    let verb = match m.verb {
        Verb::Get => None,
        Verb::Post => Some(quote! { verb: Verb::Post, }),
    };
    let perms = match m.perms {
        Perms::None => None,
        Perms::Read => Some(quote! { perms: Perms::Read, }),
        Perms::Write => Some(quote! { perms: Perms::Write, }),
        Perms::Delete => Some(quote! { perms: Perms::Delete, }),
    };
    let login = m.login.then(|| quote! { needs_login: true, });
    let signed = m.signed.then(|| quote! { needs_signing: true, });
    let deprecated = m.deprecated.then(|| quote! { deprecated: true, });
    let args = m.args.iter().map(|a| {
        let name = a.name.as_str();
        let kind = arg_kind(&a.ty, m);
        let default = match &a.default {
            Some(d) => quote! { Some(#d) },
            None => quote! { None },
        };
        let doc = a.doc.trim();
        if a.required {
            quote! { ArgInfo::required(#name, #kind, #doc) }
        } else {
            quote! { ArgInfo::optional(#name, #kind, #default, #doc) }
        }
    });
    // The method's own codes live in its error enum (`method_error!`'s `ERRORS`).
    let modules = m.namespace.iter().map(|n| ident(&crate::names::snake(n)));
    let error_type = ident(&m.error_type_name());
    let errors = quote! { crate #(::#modules)* ::#error_type::ERRORS };
    let generic_set = generic_set_static(&generic_codes(m));
    let paging = m.paging.as_ref().map(|p| {
        if p.page == "page" && p.per_page == "per_page" {
            quote! { paging: Some(PagingInfo::PAGE_PER_PAGE), }
        } else {
            let (page, per_page) = (p.page.as_str(), p.per_page.as_str());
            quote! { paging: Some(PagingInfo { page_arg: #page, per_page_arg: #per_page }), }
        }
    });
    let not_in_reflection = m.not_in_reflection.as_ref().map(|why| {
        let why = why.trim();
        quote! { not_in_reflection: Some(#why), }
    });
    let root = match &m.response_shape {
        ResponseShape::Typed {
            root: Some(root), ..
        } => Some(quote! { root: Some(#root), }),
        _ => None,
    };
    let rest = [
        verb.is_none(),
        perms.is_none(),
        login.is_none(),
        signed.is_none(),
        deprecated.is_none(),
        not_in_reflection.is_none(),
        paging.is_none(),
        root.is_none(),
    ]
    .contains(&true)
    .then(|| quote! { ..DEFAULTS });
    let response = m.response.as_str();
    let doc = format!("`{name}`");
    quote! {
        #[doc = #doc]
        pub static #s: MethodInfo = MethodInfo {
            name: #name,
            summary: #summary,
            #verb
            #perms
            #login
            #signed
            #deprecated
            #not_in_reflection
            args: &[#(#args),*],
            errors: #errors,
            generic_errors: #generic_set,
            #paging
            response: #response,
            #root
            #rest
        };
    }
}
