//! Per-method items: the request builder, the error enum, the untyped response.

use super::docs::{blank, doc};
use super::rust_types::{arg_param, arg_type, ident};
use super::types::enum_item;
use crate::model::{Arg, ArgType, Method, Model, Perms, ResponseShape};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// Names the generated request type uses for itself; an argument with one of
/// them gets an `_arg` suffix.
const RESERVED: &[&str] = &["new", "send", "send_raw", "to_params", "client", "method"];

fn arg_ident(arg: &Arg) -> Ident {
    if RESERVED.contains(&arg.rust_name.as_str()) {
        format_ident!("{}_arg", arg.rust_name)
    } else {
        ident(&arg.rust_name)
    }
}

/// Everything generated for one method, placed in its namespace module.
pub fn method_items(model: &Model, m: &Method) -> TokenStream {
    let request = request_struct(model, m);
    let error = error_enum(m);
    let response = match m.response_shape {
        ResponseShape::Untyped => untyped_response(m),
        ResponseShape::Typed { .. } => quote! {},
    };
    let enums = m.inline_enums.iter().map(enum_item);
    quote! { #request #error #response #(#enums)* }
}

fn perms_text(p: Perms) -> &'static str {
    match p {
        Perms::None => "none",
        Perms::Read => "read",
        Perms::Write => "write",
        Perms::Delete => "delete",
    }
}

/// The method's rustdoc: summary, description, arguments, permissions, errors, link.
fn method_doc(m: &Method) -> TokenStream {
    let mut text = String::new();
    let summary = if m.summary.trim().is_empty() {
        m.name.clone()
    } else {
        m.summary.trim().to_owned()
    };
    text.push_str(&format!("`{}`: {summary}\n\n", m.name));
    if !m.doc.trim().is_empty()
        && m.doc.trim().trim_end_matches('.') != m.summary.trim().trim_end_matches('.')
    {
        text.push_str(m.doc.trim());
        text.push_str("\n\n");
    }
    if let Some(note) = &m.deprecation_note {
        text.push_str(&format!("**Deprecated:** {note}\n\n"));
    }
    if !m.args.is_empty() {
        text.push_str("# Arguments\n\n");
        for a in &m.args {
            text.push_str(&format!(
                "- `{}` ({}{}){}: {}\n",
                a.name,
                type_text(&a.ty),
                if a.required { ", required" } else { "" },
                a.default
                    .as_ref()
                    .map(|d| format!(", default `{d}`"))
                    .unwrap_or_default(),
                one_line(&a.doc)
            ));
        }
        text.push('\n');
    }
    let auth = match (m.perms, m.login, m.signed) {
        (Perms::None, false, false) => "no authentication; an API key is enough".to_owned(),
        (Perms::None, _, _) => "signed call (API key and secret)".to_owned(),
        (p, _, _) => format!("an OAuth token with `{}` permission", perms_text(p)),
    };
    text.push_str(&format!(
        "# Permissions\n\nNeeds {auth}. Sent as HTTP {}.\n\n",
        if matches!(m.verb, crate::model::Verb::Post) {
            "POST (never retried automatically)"
        } else {
            "GET"
        }
    ));
    if let Some(p) = &m.paging {
        text.push_str(&format!(
            "Paged with `{}` and `{}`.\n\n",
            p.page, p.per_page
        ));
    }
    text.push_str("# Errors\n\n");
    for e in &m.errors {
        text.push_str(&format!("- {} `{}`: {}\n", e.code, e.name, e.message));
    }
    text.push_str(&format!(
        "\nFlickr documentation: <https://www.flickr.com/services/api/{}.html>",
        m.name
    ));
    // The link must survive sanitization, so it is added after.
    let lines = super::docs::sanitize(&text)
        .into_iter()
        .map(|l| l.replace("&lt;https:", "<https:"));
    quote! { #( #[doc = #lines] )* }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn type_text(t: &ArgType) -> String {
    match t {
        ArgType::Int { min, max } => match (min, max) {
            (Some(a), Some(b)) => format!("integer {a}..={b}"),
            (Some(a), None) => format!("integer >= {a}"),
            (None, Some(b)) => format!("integer <= {b}"),
            (None, None) => "integer".into(),
        },
        ArgType::Float { min, max } => match (min, max) {
            (Some(a), Some(b)) => format!("number {a}..={b}"),
            _ => "number".into(),
        },
        ArgType::Enum {
            name, shared: true, ..
        } => format!("[`{name}`](crate::types::{name})"),
        ArgType::Enum { name, .. } => format!("[`{name}`]"),
        ArgType::List { item, sep } => {
            format!(
                "list of {} separated by `{}`",
                type_text(item),
                if sep == " " { "space" } else { sep }
            )
        }
        ArgType::Date { formats } => format!("date: {}", formats.join(" or ")),
        ArgType::Id { id } => id.replace('_', " "),
        other => other.short_name(),
    }
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
            quote! { #f: ::std::option::Option<#ty> }
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
            quote! { #f: ::std::option::Option::None }
        }
    });
    let ctor_doc = if required.is_empty() {
        " Creates the request; set optional arguments with the builder methods.".to_owned()
    } else {
        format!(
            " Creates the request with its required arguments ({}).",
            required
                .iter()
                .map(|a| format!("`{}`", a.name))
                .collect::<Vec<_>>()
                .join(", ")
        )
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
                self.#f = ::std::option::Option::Some(#conv);
                self
            }
        }
    });

    let pushes = m.args.iter().map(|a| {
        let f = arg_ident(a);
        let wire = a.name.as_str();
        match (&a.ty, a.required) {
            (ArgType::List { sep, .. }, true) => quote! { params.push_list(#wire, &self.#f, #sep); },
            (ArgType::List { sep, .. }, false) => quote! {
                if let ::std::option::Option::Some(v) = &self.#f { params.push_list(#wire, v, #sep); }
            },
            // Copy values go by value, the rest by reference (both are `ToParam`).
            (ArgType::Int { .. } | ArgType::Float { .. } | ArgType::Bool | ArgType::Enum { .. } | ArgType::Date { .. }, true) => {
                quote! { params.push(#wire, self.#f); }
            }
            (_, true) => quote! { params.push(#wire, &self.#f); },
            (_, false) => quote! { params.push_opt(#wire, self.#f.as_ref()); },
        }
    });

    let (resp_ty, decode) = match &m.response_shape {
        ResponseShape::Untyped => {
            let r = ident(&m.response);
            (
                quote! { #r },
                quote! { self.client.core().call(&crate::registry::#static_name, params).await },
            )
        }
        ResponseShape::Typed { ty, root: None } => {
            let t = ident(ty);
            (
                quote! { crate::types::#t },
                quote! { self.client.core().call(&crate::registry::#static_name, params).await },
            )
        }
        ResponseShape::Typed {
            ty,
            root: Some(root),
        } => {
            let t = ident(ty);
            (
                quote! { crate::types::#t },
                quote! {
                    #[derive(::serde::Deserialize)]
                    struct Envelope {
                        #[serde(rename = #root)]
                        value: crate::types::#t,
                    }
                    let envelope: Envelope = self.client.core().call(&crate::registry::#static_name, params).await?;
                    ::std::result::Result::Ok(envelope.value)
                },
            )
        }
    };
    let paging = paging_methods(model, m, &err);
    let allow_deprecated = m.deprecated.then(|| quote! { #[allow(deprecated)] });

    quote! {
        #docs
        #deprecated
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is sent with `.send().await`"]
        pub struct #name {
            client: crate::Client,
            #(#fields,)*
        }

        #allow_deprecated
        impl #name {
            /// This method's entry in the [registry](crate::registry).
            pub const METHOD: &'static ::flickr_core::registry::MethodInfo = &crate::registry::#static_name;

            #[doc = #ctor_doc]
            pub fn new(client: crate::Client #(, #ctor_params)*) -> Self {
                #name { client, #(#ctor_inits,)* }
            }

            #(#setters)*

            /// The arguments as Flickr wire parameters (without `api_key`, `method` and signing).
            pub fn to_params(&self) -> ::flickr_core::params::Params {
                #[allow(unused_mut)]
                let mut params = ::flickr_core::params::Params::new();
                #(#pushes)*
                params
            }

            /// Sends the request and decodes the typed response.
            pub async fn send(self) -> ::std::result::Result<#resp_ty, ::flickr_core::error::Error<#err>> {
                let params = self.to_params();
                #decode
            }

            /// Sends the request and returns the body as received (Flickr failures are still errors).
            pub async fn send_raw(self) -> ::std::result::Result<::flickr_core::client::RawResponse, ::flickr_core::error::Error<#err>> {
                let params = self.to_params();
                self.client.core().call_raw_body(&crate::registry::#static_name, params).await
            }

            #paging
        }
    }
}

/// `.pages()`, `.pages_concurrent(n)` and `.items()` for a paged method whose response is a page type.
fn paging_methods(model: &Model, m: &Method, err: &Ident) -> Option<TokenStream> {
    let paging = m.paging.as_ref()?;
    let ResponseShape::Typed { ty, .. } = &m.response_shape else {
        return None;
    };
    let def = model.struct_def(ty)?;
    let items = def.items.as_ref()?;
    let item = def.fields.iter().find(|f| &f.rust == items)?;
    let crate::model::FieldType::List(item_ty) = &item.ty else {
        return None;
    };
    let (item_ty, _) = super::rust_types::field_type(item_ty, true);
    let page_arg = m.args.iter().find(|a| a.name == paging.page)?;
    let page_field = arg_ident(page_arg);
    let ty = ident(ty);
    Some(quote! {
        /// Every page from the one set with `page` (default 1) to the last, one request at a time.
        /// Stops at Flickr's page count, on an empty page, or when a page repeats the previous one.
        pub fn pages(self) -> ::flickr_core::paging::BoxStream<
            'static,
            ::std::result::Result<crate::types::#ty, ::flickr_core::error::Error<#err>>,
        > {
            let start = self.#page_field.unwrap_or(1);
            ::std::boxed::Box::pin(::flickr_core::paging::pages(start, move |n| self.clone().#page_field(n).send()))
        }

        /// Like [`pages`](Self::pages) with up to `concurrency` requests in flight; pages still arrive in order.
        pub fn pages_concurrent(self, concurrency: usize) -> ::flickr_core::paging::BoxStream<
            'static,
            ::std::result::Result<crate::types::#ty, ::flickr_core::error::Error<#err>>,
        > {
            let start = self.#page_field.unwrap_or(1);
            ::std::boxed::Box::pin(::flickr_core::paging::pages_concurrent(
                start,
                concurrency,
                move |n| self.clone().#page_field(n).send(),
            ))
        }

        /// Every item of every page, in order; an error ends the stream after being yielded.
        pub fn items(self) -> ::flickr_core::paging::BoxStream<
            'static,
            ::std::result::Result<#item_ty, ::flickr_core::error::Error<#err>>,
        > {
            ::std::boxed::Box::pin(::flickr_core::paging::items(self.pages()))
        }
    })
}

fn error_enum(m: &Method) -> TokenStream {
    let name = ident(&m.error_type_name());
    let text = format!(
        "Errors `{}` can answer with: its own codes, then the generic ones it lists.",
        m.name
    );
    let docs = doc(&text);
    let variants = m.errors.iter().map(|e| {
        let v = ident(&e.name);
        let mut t = format!("{}: {}", e.code, e.message);
        if !e.doc.trim().is_empty() && e.doc.trim() != e.message.trim() {
            t.push_str(&format!(" — {}", one_line(&e.doc)));
        }
        let d = doc(&t);
        quote! { #d #v }
    });
    let from_arms = m.errors.iter().map(|e| {
        let v = ident(&e.name);
        let c = e.code;
        quote! { #c => #name::#v }
    });
    let code_arms = m.errors.iter().map(|e| {
        let v = ident(&e.name);
        let c = e.code;
        quote! { #name::#v => #c }
    });
    let msg_arms = m.errors.iter().map(|e| {
        let v = ident(&e.name);
        let msg = e.message.as_str();
        quote! { #name::#v => #msg }
    });
    let b = blank();
    quote! {
        #docs
        #b
        #[doc = " Compare with `matches!` or `==`; [`code`](Self::code) and [`message`](Self::message) give Flickr's values."]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
            /// A code the spec does not list for this method, with Flickr's message.
            Unknown {
                /// Flickr's code.
                code: u32,
                /// Flickr's message.
                message: ::std::string::String,
            },
        }

        impl #name {
            /// The variant for a Flickr error code.
            pub fn from_code(code: u32, message: &str) -> #name {
                match code {
                    #(#from_arms,)*
                    _ => #name::Unknown { code, message: message.to_owned() },
                }
            }

            /// Flickr's numeric code.
            pub fn code(&self) -> u32 {
                match self {
                    #(#code_arms,)*
                    #name::Unknown { code, .. } => *code,
                }
            }

            /// Flickr's documented message for this code.
            pub fn message(&self) -> &str {
                match self {
                    #(#msg_arms,)*
                    #name::Unknown { message, .. } => message,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "{} ({})", self.message(), self.code())
            }
        }

        impl ::flickr_core::error::MethodError for #name {
            fn from_code(code: u32, message: &str) -> Self {
                #name::from_code(code, message)
            }
            fn code(&self) -> u32 {
                #name::code(self)
            }
        }
    }
}

fn untyped_response(m: &Method) -> TokenStream {
    let name = ident(&m.response);
    let text = format!(
        "The response of `{}`: the JSON envelope without `stat`, not modelled as a struct yet.",
        m.name
    );
    let docs = doc(&text);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        pub struct #name(pub ::serde_json::Value);

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                crate::decode::envelope_value(d).map(#name)
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
        "`{}`: {summary}\n\nSee [`{}`] for arguments, permissions and errors.",
        m.name,
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
