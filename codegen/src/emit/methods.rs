//! Per-method items: the request builder and the error enum.

use super::docs::doc;
use super::method_doc::{method_doc, one_line, type_text};
use super::rust_types::{arg_param, arg_type, ident};
use super::types::enum_item;
use crate::model::{Arg, ArgType, Method, Model};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

mod request;

use request::{request_impl, request_methods, request_parts};
pub use request::{request_macro, REQUEST_METHODS};

/// Names the generated request type itself uses: its constructor `new` and
/// that constructor's `client`, its field `sender`, its `to_params`, and
/// `method`, the wire parameter that names the method.
pub const OWN_NAMES: &[&str] = &["new", "client", "sender", "to_params", "method"];

/// An argument whose name is in [`REQUEST_METHODS`] or [`OWN_NAMES`] gets an
/// `_arg` suffix, so its setter never collides with them.
fn arg_ident(arg: &Arg) -> Ident {
    let name = arg.rust_name.as_str();
    if REQUEST_METHODS.contains(&name) || OWN_NAMES.contains(&name) {
        format_ident!("{}_arg", name)
    } else {
        ident(name)
    }
}

/// Everything generated for one method, placed in its namespace module.
pub fn method_items(model: &Model, m: &Method) -> TokenStream {
    let methods = request_methods(model, m);
    let request = request_struct(m, methods);
    let error = error_enum(m);
    let enums = m.inline_enums.iter().map(enum_item);
    quote! { #request #error #(#enums)* }
}

/// [`method_items`] with the request's methods written out as
/// `request_methods!` writes them (what a user of the method runs), for
/// review.
pub fn method_items_expanded(model: &Model, m: &Method) -> TokenStream {
    let allow_deprecated = m.deprecated.then(|| quote! { #[allow(deprecated)] });
    let methods = request_impl(&request_parts(model, m));
    let methods = quote! { #allow_deprecated #methods };
    let request = request_struct(m, methods);
    let error = error_enum(m);
    let enums = m.inline_enums.iter().map(enum_item);
    quote! { #request #error #(#enums)* }
}

/// The request type, its constructor, setters and parameters, then
/// `methods` (the macro's invocation, or its expansion).
fn request_struct(m: &Method, methods: TokenStream) -> TokenStream {
    let name = ident(&m.type_name());
    let docs = method_doc(m);
    let deprecated = m
        .deprecation_note
        .as_ref()
        .map(|note| quote! { #[deprecated(note = #note)] })
        .or_else(|| m.deprecated.then(|| quote! { #[deprecated] }));

    let required: Vec<&Arg> = m.args.iter().filter(|a| a.required).collect();
    let optional: Vec<&Arg> = m.args.iter().filter(|a| !a.required).collect();

    let fields = m.args.iter().map(|a| {
        let f = arg_ident(a);
        let ty = arg_type(&a.ty, m);
        if a.required {
            quote! { #f: #ty }
        } else {
            quote! { #f: Option<#ty> }
        }
    });

    let ctor_params = required.iter().map(|a| {
        let f = arg_ident(a);
        let (param, _) = arg_param(&a.ty, m, &f);
        quote! { #f: #param }
    });
    let ctor_inits = m.args.iter().map(|a| {
        let f = arg_ident(a);
        if a.required {
            let (_, conv) = arg_param(&a.ty, m, &f);
            if f == conv.to_string() {
                quote! { #f }
            } else {
                quote! { #f: #conv }
            }
        } else {
            quote! { #f: None }
        }
    });
    let ctor_doc = if required.is_empty() {
        doc("Creates the request; set optional arguments with the builder methods.")
    } else {
        let mut text = "Creates the request with its required arguments:\n\n".to_owned();
        for a in &required {
            text.push_str(&format!(
                "- `{}` ({}): {}\n",
                a.name,
                type_text(&a.ty),
                one_line(&a.doc)
            ));
        }
        doc(&text)
    };

    let setters = optional.iter().map(|a| {
        let f = arg_ident(a);
        let (param, conv) = arg_param(&a.ty, m, &f);
        let mut text = format!("`{}` ({}", a.name, type_text(&a.ty));
        if let Some(d) = &a.default {
            text.push_str(&format!(", Flickr's default `{d}`"));
        }
        text.push_str(&format!("): {}", a.doc.trim()));
        let sdoc = doc(&text);
        quote! {
            #sdoc
            pub fn #f(mut self, #f: #param) -> Self {
                self.#f = Some(#conv);
                self
            }
        }
    });

    let pushes: Vec<TokenStream> = m
        .args
        .iter()
        .map(|a| {
            let f = arg_ident(a);
            let wire = a.name.as_str();
            match (&a.ty, a.required) {
                (ArgType::List { sep, .. }, true) => {
                    quote! { params.push_list(#wire, &self.#f, #sep); }
                }
                (ArgType::List { sep, .. }, false) => quote! {
                    if let Some(v) = &self.#f { params.push_list(#wire, v, #sep); }
                },
                // Copy values go by value, the rest by reference (both are `ToParam`).
                (
                    ArgType::Int { .. }
                    | ArgType::Float { .. }
                    | ArgType::Bool
                    | ArgType::Enum { .. }
                    | ArgType::Date { .. },
                    true,
                ) => {
                    quote! { params.push(#wire, self.#f); }
                }
                (ArgType::Text | ArgType::String | ArgType::Id { .. }, true) => {
                    quote! { params.push(#wire, &self.#f); }
                }
                (
                    ArgType::Text
                    | ArgType::String
                    | ArgType::Int { .. }
                    | ArgType::Float { .. }
                    | ArgType::Bool
                    | ArgType::Enum { .. }
                    | ArgType::Date { .. }
                    | ArgType::Id { .. },
                    false,
                ) => quote! { params.push_opt(#wire, self.#f.as_ref()); },
            }
        })
        .collect();
    // The arguments as wire parameters (without `api_key`, `method` and
    // signing): what the request methods send; not public (users send).
    let to_params = if pushes.is_empty() {
        quote! {
            pub(crate) fn to_params(&self) -> crate::__private::Params {
                crate::__private::typed_params()
            }
        }
    } else {
        quote! {
            pub(crate) fn to_params(&self) -> crate::__private::Params {
                let mut params = crate::__private::typed_params();
                #(#pushes)*
                params
            }
        }
    };

    let allow_deprecated = m.deprecated.then(|| quote! { #[allow(deprecated)] });

    quote! {
        #docs
        #deprecated
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is sent with `.send().await`"]
        pub struct #name {
            sender: crate::Sender,
            #(#fields,)*
        }

        #allow_deprecated
        impl #name {
            #ctor_doc
            pub fn new(client: crate::Client #(, #ctor_params)*) -> Self {
                Self { sender: client.into(), #(#ctor_inits,)* }
            }

            #(#setters)*

            #to_params
        }

        #methods
    }
}

fn error_enum(m: &Method) -> TokenStream {
    let name = ident(&m.error_type_name());
    let text = format!(
        "Errors `{}` can answer with: its own codes, Flickr's generic ones, and codes the spec does not list.",
        m.name
    );
    let docs = doc(&text);
    let variants = m.errors.iter().filter(|e| !e.generic).map(|e| {
        let v = ident(&e.name);
        let code = proc_macro2::Literal::u32_unsuffixed(e.code);
        let message = e.message.as_str();
        // The doc is left out where it only repeats the message.
        let doc = if e.doc.trim() == e.message.trim() {
            ""
        } else {
            e.doc.trim()
        };
        quote! { #v = (#code, #message, #doc), }
    });
    // The enum and its impls are flickr-sdk's `method_error!` (src/macros/error_enum.rs).
    quote! {
        method_error! {
            #docs
            pub enum #name {
                #(#variants)*
            }
        }
    }
}

/// The accessor on the namespace handle, e.g. `PhotosApi::search(...)`.
pub fn accessor(m: &Method) -> TokenStream {
    let f = ident(&m.fn_name());
    let ty = ident(&m.type_name());
    let required: Vec<&Arg> = m.args.iter().filter(|a| a.required).collect();
    let params = required.iter().map(|a| {
        let f = arg_ident(a);
        let (param, _) = arg_param(&a.ty, m, &f);
        quote! { #f: #param }
    });
    let args = required.iter().map(|a| arg_ident(a));
    let summary = if m.summary.trim().is_empty() {
        m.name.clone()
    } else {
        one_line(&m.summary)
    };
    let text = format!(
        "`{}`: {}; see [`{}`].",
        m.name,
        summary.trim_end_matches('.'),
        m.type_name()
    );
    let docs = doc(&text);
    let deprecated = match (&m.deprecation_note, m.deprecated) {
        (Some(note), _) => quote! { #[deprecated(note = #note)] #[allow(deprecated)] },
        (None, true) => quote! { #[deprecated] #[allow(deprecated)] },
        (None, false) => quote! {},
    };
    quote! {
        #docs
        #deprecated
        pub fn #f(&self #(, #params)*) -> #ty {
            #ty::new(self.client.clone() #(, #args)*)
        }
    }
}

#[cfg(test)]
mod tests;
