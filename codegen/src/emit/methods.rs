//! Per-method items: the request builder and the error enum.

use super::docs::doc;
use super::method_doc::{method_doc, one_line, type_text};
use super::rust_types::{arg_param, arg_type, ident};
use super::types::enum_item;
use crate::model::{Arg, ArgType, Method, Model, ResponseShape};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The methods every request type has besides its setters, each one call
/// of flickr-sdk's `Sender` (`src/sender.rs`): written by
/// [`request_impl`] from this list, so an argument with one of these
/// names gets an `_arg` setter and never collides with them.
pub const REQUEST_METHODS: &[&str] = &[
    "options",
    "send",
    "send_raw_body",
    "pages",
    "pages_concurrent",
    "items",
];

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

/// What a request type's methods are written from: in the generated
/// `request_methods!` macro its metavariables (`$name`, `$response`, …),
/// in one method written out for review its own names and types. One
/// function, [`request_impl`], writes both, so the macro and the reserved
/// names ([`REQUEST_METHODS`]) come from the same place.
pub(crate) struct RequestParts {
    /// The request type.
    pub name: TokenStream,
    /// Its registry static, in `crate::registry`.
    pub method: TokenStream,
    /// The typed response.
    pub response: TokenStream,
    /// The method's error enum.
    pub error: TokenStream,
    /// For a paged method: the page argument's setter and the item type.
    pub paged: Option<(TokenStream, TokenStream)>,
}

/// `impl NAME { METHOD, and the [`REQUEST_METHODS`] }`: `options`, `send`,
/// `send_raw_body` and, for a paged method, `pages`, `pages_concurrent` and
/// `items`; each a one-line call of flickr-sdk's `Sender` (its
/// `src/sender.rs`), ordinary generic functions.
pub(crate) fn request_impl(p: &RequestParts) -> TokenStream {
    let RequestParts {
        name,
        method,
        response,
        error,
        paged,
    } = p;
    let result =
        |ok: &TokenStream| quote! { ::std::result::Result<#ok, crate::__private::Error<#error>> };
    let sent = result(response);
    let raw = result(&quote! { crate::__private::RawResponse });
    let paged = paged.as_ref().map(|(page, item)| {
        let stream = |ok: &TokenStream| {
            let r = result(ok);
            quote! { crate::__private::BoxStream<'static, #r> }
        };
        let (pages, items) = (stream(response), stream(item));
        quote! {
            /// Every page from the one set with `page` (default 1) to the last, one request at a time.
            /// Stops at Flickr's page count, on an empty page, or when a page repeats the previous one.
            pub fn pages(self) -> #pages {
                let (sender, start) = (self.sender.clone(), self.#page);
                sender.pages(Self::METHOD, start, Box::new(move |n| self.clone().#page(n).to_params()))
            }

            /// Like [`pages`](Self::pages) with up to `concurrency` requests in flight; pages still arrive in order.
            pub fn pages_concurrent(self, concurrency: usize) -> #pages {
                let (sender, start) = (self.sender.clone(), self.#page);
                sender.pages_concurrent(Self::METHOD, start, concurrency, Box::new(move |n| self.clone().#page(n).to_params()))
            }

            /// Every item of every page, in order; an error ends the stream after being yielded.
            pub fn items(self) -> #items {
                let (sender, start) = (self.sender.clone(), self.#page);
                sender.items::<#response, _>(Self::METHOD, start, Box::new(move |n| self.clone().#page(n).to_params()))
            }
        }
    });
    quote! {
        impl #name {
            /// This method's entry in the [registry](crate::registry).
            pub const METHOD: &'static crate::__private::registry::MethodInfo = &crate::registry::#method;

            /// Per-call options: timeout, response format, retry policy, and
            /// `retry_writes` to retry a write that is safe to repeat. The
            /// paging streams take them too.
            pub fn options(mut self, options: crate::CallOptions) -> Self {
                self.sender.options = options;
                self
            }

            /// Sends the request and decodes the typed response.
            pub async fn send(self) -> #sent {
                self.sender.send(Self::METHOD, self.to_params()).await
            }

            /// Sends the request and returns the body as received (Flickr failures are still errors).
            pub async fn send_raw_body(self) -> #raw {
                self.sender.send(Self::METHOD, self.to_params()).await
            }

            #paged
        }
    }
}

/// `macro_rules! request_methods`, in the generated root: [`request_impl`]
/// over the macro's metavariables. Each request type invokes it in one line
/// (`Search => PHOTOS_SEARCH, crate::types::PhotoPage, SearchError; paged
/// by page, crate::types::Photo`).
pub fn request_macro() -> TokenStream {
    let parts = |response: TokenStream, paged: bool| RequestParts {
        name: quote! { $name },
        method: quote! { $method },
        response,
        error: quote! { $error },
        paged: paged.then(|| (quote! { $page }, quote! { crate::types::$item })),
    };
    let typed = quote! { crate::types::$response };
    let plain = request_impl(&parts(typed.clone(), false));
    let paged = request_impl(&parts(typed, true));
    let untyped = request_impl(&parts(quote! { ::serde_json::Value }, false));
    quote! {
        /// A request type's `METHOD`, `options`, `send`, `send_raw_body`
        /// and, paged, `pages`, `pages_concurrent` and `items`: each one call
        /// of `crate::Sender`. The response and the page item are types of
        /// `crate::types` (`untyped`: a JSON value). Written by the generator
        /// (codegen's `emit::methods::request_impl`), as is the list of names
        /// an argument's setter must not take.
        macro_rules! request_methods {
            ($(#[$meta:meta])* $name:ident => $method:ident, untyped, $error:ident) => {
                $(#[$meta])* #untyped
            };
            ($(#[$meta:meta])* $name:ident => $method:ident, $response:ident, $error:ident) => {
                $(#[$meta])* #plain
            };
            ($(#[$meta:meta])* $name:ident => $method:ident, $response:ident, $error:ident; paged by $page:ident, $item:ident) => {
                $(#[$meta])* #paged
            };
        }
    }
}

/// The parts of `m`'s request type, by its own names (for the macro's
/// invocation, or written out).
fn request_parts(model: &Model, m: &Method) -> RequestParts {
    let response = match &m.response_shape {
        ResponseShape::Typed { ty, .. } => {
            let t = ident(ty);
            quote! { crate::types::#t }
        }
        ResponseShape::Untyped => quote! { ::serde_json::Value },
    };
    let name = ident(&m.type_name());
    let method = ident(&m.static_name());
    let error = ident(&m.error_type_name());
    RequestParts {
        name: quote! { #name },
        method: quote! { #method },
        response,
        error: quote! { #error },
        paged: paging(model, m)
            .map(|(page, item)| (quote! { #page }, quote! { crate::types::#item })),
    }
}

/// `request_methods! { … }` for `m`, in the generated file.
fn request_methods(model: &Model, m: &Method) -> TokenStream {
    let name = ident(&m.type_name());
    let method = ident(&m.static_name());
    let error = ident(&m.error_type_name());
    let response = match &m.response_shape {
        ResponseShape::Typed { ty, .. } => {
            let t = ident(ty);
            quote! { #t }
        }
        ResponseShape::Untyped => quote! { untyped },
    };
    let paged = paging(model, m).map(|(page, item)| quote! { ; paged by #page, #item });
    let allow_deprecated = m.deprecated.then(|| quote! { #[allow(deprecated)] });
    quote! {
        request_methods! { #allow_deprecated #name => #method, #response, #error #paged }
    }
}

/// The page argument's setter and the page item type of a paged method
/// whose response is a page type.
fn paging(model: &Model, m: &Method) -> Option<(Ident, Ident)> {
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
    let page_arg = m.args.iter().find(|a| a.name == paging.page)?;
    Some((arg_ident(page_arg), ident(item_ty)))
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
