//! Per-method items: the request builder and the error enum.

use super::docs::doc;
use super::rust_types::{arg_param, arg_type, ident};
use super::types::enum_item;
use crate::model::{Arg, ArgType, Method, Model, Perms, ResponseShape};
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
    if let Some(why) = &m.not_in_reflection {
        text.push_str(&format!(
            "**Not listed by Flickr's reflection data:** {why}\n\n"
        ));
    }
    if !m.args.is_empty() {
        text.push_str("# Arguments\n\n");
        for a in &m.args {
            // Each argument's text is on its setter (or `new`, for required ones).
            text.push_str(&format!(
                "- `{}` ({}{}){}\n",
                a.name,
                type_text(&a.ty),
                if a.required { ", required" } else { "" },
                a.default
                    .as_ref()
                    .map(|d| format!(", default `{d}`"))
                    .unwrap_or_default(),
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
    // The codes' names and texts are on the error enum's variants.
    let own: Vec<String> = m
        .errors
        .iter()
        .filter(|e| !e.generic)
        .map(|e| e.code.to_string())
        .collect();
    let generic: Vec<String> = m
        .errors
        .iter()
        .filter(|e| e.generic)
        .map(|e| e.code.to_string())
        .collect();
    text.push_str(&format!(
        "# Errors\n\n[`{}`]: {}; generic codes {}.\n",
        m.error_type_name(),
        if own.is_empty() {
            "no codes of its own".to_owned()
        } else {
            format!("codes {}", own.join(", "))
        },
        if generic.is_empty() {
            "none".to_owned()
        } else {
            generic.join(", ")
        }
    ));
    // Flickr has no documentation page for a method its reflection does not list.
    if m.not_in_reflection.is_none() {
        text.push_str(&format!(
            "\nFlickr documentation: <https://www.flickr.com/services/api/{}.html>",
            m.name
        ));
    }
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
            name,
            shared: true,
            part_from: Some(_),
            values,
        } => format!(
            "[`{name}`](crate::types::{name}) {}..={}",
            values.first().map_or("", String::as_str),
            values.last().map_or("", String::as_str)
        ),
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
                (_, true) => quote! { params.push(#wire, &self.#f); },
                (_, false) => quote! { params.push_opt(#wire, self.#f.as_ref()); },
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
