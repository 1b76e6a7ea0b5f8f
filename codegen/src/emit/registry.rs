//! The static method registry: every method as `flickr_core::registry::MethodInfo` data.

use super::rust_types::{arg_kind, ident};
use crate::model::{Method, Model, Perms, ResponseShape, Verb};
use proc_macro2::TokenStream;
use quote::quote;

/// `pub mod registry { … }`.
pub fn registry_module(model: &Model) -> TokenStream {
    let statics = model.methods.iter().map(method_static);
    let refs = model.methods.iter().map(|m| {
        let s = ident(&m.static_name());
        quote! { &#s }
    });
    let count = model.methods.len();
    let decode_arms = model.methods.iter().map(decode_arm);
    quote! {
        /// Every Flickr method as data: name, verb, permissions, arguments with
        /// their types, required flags and defaults, and error codes. Used at run
        /// time by the client (argument checks), the CLI and the loopback server.
        pub mod registry {
            #(#statics)*

            /// Every method, sorted by name.
            pub static METHODS: &[&::flickr_core::registry::MethodInfo; #count] = &[#(#refs),*];

            /// Decodes a successful response envelope of `method` (JSON, or REST XML
            /// converted by `flickr_core::envelope`) into the method's typed response
            /// and serializes that back to JSON: what the CLI prints and what the
            /// fixture tests snapshot. `None` for an unknown method; the error names
            /// the JSON path of the field that failed.
            pub fn decode_to_json(
                method: &str,
                envelope: ::serde_json::Value,
            ) -> ::std::option::Option<::std::result::Result<::serde_json::Value, ::std::string::String>> {
                let method = find(method)?;
                ::std::option::Option::Some(match method.name {
                    #(#decode_arms,)*
                    _ => return ::std::option::Option::None,
                })
            }

            /// The method named `name`; Flickr's method names are case-insensitive, and so is this.
            pub fn find(name: &str) -> ::std::option::Option<&'static ::flickr_core::registry::MethodInfo> {
                METHODS.iter().copied().find(|m| m.name.eq_ignore_ascii_case(name))
            }
        }
    }
}

fn decode_arm(m: &Method) -> TokenStream {
    let name = m.name.as_str();
    match &m.response_shape {
        ResponseShape::Untyped => {
            let ty = ident(&m.response);
            let modules = m.namespace.iter().map(|n| ident(&crate::names::snake(n)));
            quote! { #name => crate::decode::typed_json::<crate #(::#modules)* ::#ty>(envelope) }
        }
        ResponseShape::Typed { ty, root: None } => {
            let ty = ident(ty);
            quote! { #name => crate::decode::typed_json::<crate::types::#ty>(envelope) }
        }
        ResponseShape::Typed {
            ty,
            root: Some(root),
        } => {
            let ty = ident(ty);
            quote! { #name => crate::decode::typed_json_at::<crate::types::#ty>(envelope, #root) }
        }
    }
}

fn method_static(m: &Method) -> TokenStream {
    let s = ident(&m.static_name());
    let name = m.name.as_str();
    let summary = m.summary.trim();
    let verb = match m.verb {
        Verb::Get => quote! { ::flickr_core::registry::Verb::Get },
        Verb::Post => quote! { ::flickr_core::registry::Verb::Post },
    };
    let perms = match m.perms {
        Perms::None => quote! { ::flickr_core::registry::Perms::None },
        Perms::Read => quote! { ::flickr_core::registry::Perms::Read },
        Perms::Write => quote! { ::flickr_core::registry::Perms::Write },
        Perms::Delete => quote! { ::flickr_core::registry::Perms::Delete },
    };
    let (login, signed, deprecated) = (m.login, m.signed, m.deprecated);
    let args = m.args.iter().map(|a| {
        let name = a.name.as_str();
        let kind = arg_kind(&a.ty, m);
        let required = a.required;
        let default = match &a.default {
            Some(d) => quote! { ::std::option::Option::Some(#d) },
            None => quote! { ::std::option::Option::None },
        };
        let doc = a.doc.trim();
        quote! {
            ::flickr_core::registry::ArgInfo { name: #name, kind: #kind, required: #required, default: #default, doc: #doc }
        }
    });
    let errors = m.errors.iter().map(|e| {
        let (code, name, message, doc) = (e.code, e.name.as_str(), e.message.as_str(), e.doc.trim());
        quote! { ::flickr_core::registry::ErrorInfo { code: #code, name: #name, message: #message, doc: #doc } }
    });
    let paging = match &m.paging {
        Some(p) => {
            let (page, per_page) = (p.page.as_str(), p.per_page.as_str());
            quote! { ::std::option::Option::Some(::flickr_core::registry::PagingInfo { page_arg: #page, per_page_arg: #per_page }) }
        }
        None => quote! { ::std::option::Option::None },
    };
    let response = m.response.as_str();
    let doc = format!("`{name}`");
    quote! {
        #[doc = #doc]
        pub static #s: ::flickr_core::registry::MethodInfo = ::flickr_core::registry::MethodInfo {
            name: #name,
            summary: #summary,
            verb: #verb,
            perms: #perms,
            needs_login: #login,
            needs_signing: #signed,
            deprecated: #deprecated,
            args: &[#(#args),*],
            errors: &[#(#errors),*],
            paging: #paging,
            response: #response,
        };
    }
}
