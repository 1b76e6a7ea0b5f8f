//! Per-method items: the request builder and the error enum.

use super::docs::doc;
use super::method_doc::{method_doc, one_line, type_text};
use super::rust_types::{arg_param, arg_type, ident};
use super::types::enum_item;
use crate::model::{Arg, ArgType, Method, Model, ResponseShape};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The methods flickr-sdk's `request_send!` (its `src/macros/request.rs`) defines
/// on every request type. codegen's test `tests/reserved_names.rs` reads
/// the macro with `syn` and fails when the two differ, so a method added to
/// the macro cannot collide with an argument's setter unnoticed.
pub const MACRO_METHODS: &[&str] = &[
    "options",
    "send",
    "send_raw_body",
    "decoded_at_root",
    "pages",
    "pages_concurrent",
    "items",
    "fetcher",
];

/// Names the generated request type itself uses: its constructor `new` and
/// that constructor's `client`, its field `sender`, its `to_params`, and
/// `method`, the wire parameter that names the method.
pub const OWN_NAMES: &[&str] = &["new", "client", "sender", "to_params", "method"];

/// An argument whose name is in [`MACRO_METHODS`] or [`OWN_NAMES`] gets an
/// `_arg` suffix, so its setter never collides with them.
fn arg_ident(arg: &Arg) -> Ident {
    let name = arg.rust_name.as_str();
    if MACRO_METHODS.contains(&name) || OWN_NAMES.contains(&name) {
        format_ident!("{}_arg", name)
    } else {
        ident(name)
    }
}

/// Everything generated for one method, placed in its namespace module.
pub fn method_items(model: &Model, m: &Method) -> TokenStream {
    let request = request_struct(model, m);
    let error = error_enum(m);
    let enums = m.inline_enums.iter().map(enum_item);
    quote! { #request #error #(#enums)* }
}

fn request_struct(model: &Model, m: &Method) -> TokenStream {
    let name = ident(&m.type_name());
    let err = ident(&m.error_type_name());
    let static_name = ident(&m.static_name());
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
    // signing): what `request_send!`'s calls send; not public (users send).
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

    // Bare names: `request_send!` reads them in `crate::types`.
    let (resp_ty, root) = match &m.response_shape {
        ResponseShape::Typed { ty, root } => {
            let t = ident(ty);
            (quote! { #t }, root.as_ref().map(|r| quote! { , root #r }))
        }
        ResponseShape::Untyped => (quote! { untyped }, None),
    };
    let paging = paging_args(model, m);
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

        // `METHOD`, `options`, `send`, `send_raw_body` (and paging): flickr-sdk's `request_send!`.
        request_send! {
            #allow_deprecated
            #name => #static_name, #resp_ty, #err #root #paging
        }
    }
}

/// `; paged by PAGE_SETTER, ITEM` for a paged method whose response is a
/// page type: `request_send!` then adds `.pages()`, `.pages_concurrent(n)`
/// and `.items()`.
fn paging_args(model: &Model, m: &Method) -> Option<TokenStream> {
    let paging = m.paging.as_ref()?;
    let ResponseShape::Typed { ty, .. } = &m.response_shape else {
        return None;
    };
    let mut def = model.struct_def(ty)?;
    if let Some(page_in) = &def.page_in {
        // A page with siblings: the items are those of its page field.
        let field = def.fields.iter().find(|f| &f.rust == page_in)?;
        let crate::model::FieldType::Struct(inner) = &field.ty else {
            return None;
        };
        def = model.struct_def(inner)?;
    }
    let items = def.items.as_ref()?;
    let item = def.fields.iter().find(|f| &f.rust == items)?;
    // The validator holds a page's items to a list of structs.
    let crate::model::FieldType::List(item_ty) = &item.ty else {
        return None;
    };
    let crate::model::FieldType::Struct(item_ty) = &**item_ty else {
        return None;
    };
    let item_ty = ident(item_ty);
    let page_arg = m.args.iter().find(|a| a.name == paging.page)?;
    let page_field = arg_ident(page_arg);
    Some(quote! { ; paged by #page_field, #item_ty })
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
