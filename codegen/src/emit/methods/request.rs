//! A request type's methods (`METHOD`, `options`, `send`, `send_raw_body`
//! and the paging streams): the generated `request_methods!` macro and,
//! from the same function, one method's methods written out for review.

use super::super::rust_types::ident;
use super::arg_ident;
use crate::model::{Method, Model, ResponseShape};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

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

/// What a request type's methods are written from: in the generated
/// `request_methods!` macro its metavariables (`$name`, `$response`, …),
/// in one method written out for review its own names and types. One
/// function, [`request_impl`], writes both, so the macro and the reserved
/// names ([`REQUEST_METHODS`]) come from the same place.
pub(super) struct RequestParts {
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
pub(super) fn request_impl(p: &RequestParts) -> TokenStream {
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
        /// an argument's setter must not take. (Unused with no namespace
        /// feature on.)
        #[allow(unused_macros)]
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
pub(super) fn request_parts(model: &Model, m: &Method) -> RequestParts {
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
pub(super) fn request_methods(model: &Model, m: &Method) -> TokenStream {
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
