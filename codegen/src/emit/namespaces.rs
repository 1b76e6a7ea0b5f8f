//! The module tree (`photos`, `photos::geo`, …), namespace handles and client accessors.

use super::docs::doc;
use super::methods::{accessor, method_items};
use super::rust_types::ident;
use crate::model::{Method, Model};
use crate::names;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The handle type for a namespace: `["photos", "geo"]` → `GeoApi`.
pub fn handle_name(ns: &[String]) -> proc_macro2::Ident {
    format_ident!(
        "{}Api",
        names::camel(ns.last().map(String::as_str).unwrap_or("flickr"))
    )
}

/// Every top-level namespace module plus the `impl Client` accessors.
pub fn namespace_modules(model: &Model) -> TokenStream {
    let all = model.namespaces();
    let tops: Vec<&Vec<String>> = all.iter().filter(|ns| ns.len() == 1).collect();
    let modules = tops.iter().map(|ns| module(model, &all, ns));
    let accessors = tops.iter().map(|ns| {
        let f = ident(&names::snake(&ns[0]));
        let m = ident(&names::snake(&ns[0]));
        let h = handle_name(ns);
        let text = format!("Methods under `flickr.{}.*`.", ns[0]);
        let d = doc(&text);
        quote! {
            #d
            pub fn #f(&self) -> #m::#h {
                #m::#h { client: self.clone() }
            }
        }
    });
    quote! {
        #(#modules)*

        impl crate::Client {
            #(#accessors)*
        }
    }
}

fn module(model: &Model, all: &[Vec<String>], ns: &[String]) -> TokenStream {
    let mod_name = ident(&names::snake(ns.last().expect("namespace has a name")));
    let handle = handle_name(ns);
    let dotted = ns.join(".");
    let methods: Vec<&Method> = model.methods.iter().filter(|m| m.namespace == ns).collect();
    let children: Vec<&Vec<String>> = all
        .iter()
        .filter(|c| c.len() == ns.len() + 1 && c[..ns.len()] == *ns)
        .collect();

    let items = methods.iter().map(|m| method_items(model, m));
    let accessors = methods.iter().map(|m| accessor(m));
    let child_modules = children.iter().map(|c| module(model, all, c));
    let child_accessors = children.iter().map(|c| {
        let f = ident(&names::snake(c.last().expect("named")));
        let h = handle_name(c);
        let text = format!("Methods under `flickr.{}.*`.", c.join("."));
        let d = doc(&text);
        quote! {
            #d
            pub fn #f(&self) -> #f::#h {
                #f::#h { client: self.client.clone() }
            }
        }
    });
    let mod_doc = format!("`flickr.{dotted}.*`: {} method(s).", methods.len());
    let handle_doc = format!(
        "Handle for the `flickr.{dotted}.*` methods; each method returns a request builder.\n\n\
         Nested namespaces are reached through methods of the same name (`client.photos().geo()`)."
    );
    let hd = doc(&handle_doc);
    quote! {
        #[doc = #mod_doc]
        pub mod #mod_name {
            #hd
            #[derive(Debug, Clone)]
            pub struct #handle {
                pub(crate) client: crate::Client,
            }

            impl #handle {
                #(#accessors)*
                #(#child_accessors)*
            }

            #(#items)*
            #(#child_modules)*
        }
    }
}
