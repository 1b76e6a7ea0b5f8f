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

/// The top-level namespaces (`["photos"]`, `["people"]`, …), sorted.
pub fn top_level(model: &Model) -> Vec<Vec<String>> {
    model
        .namespaces()
        .into_iter()
        .filter(|ns| ns.len() == 1)
        .collect()
}

/// The file name of a top-level namespace's generated module.
pub fn file_name(ns: &[String]) -> String {
    format!("{}.rs", names::snake(&ns[0]))
}

/// The declarations of the top-level namespace modules (each gated by its
/// feature and filled from its own file) and the `impl Client` accessors.
pub fn namespace_decls(model: &Model) -> TokenStream {
    let tops = top_level(model);
    let modules = tops.iter().map(|ns| {
        let methods = model
            .methods
            .iter()
            .filter(|m| m.namespace[0] == ns[0])
            .count();
        let m = ident(&names::snake(&ns[0]));
        let feature = names::snake(&ns[0]);
        let file = format!("/{}", file_name(ns));
        let text = format!(
            "`flickr.{}.*`: {methods} method(s) (feature `{feature}`).",
            ns[0]
        );
        let d = doc(&text);
        quote! {
            #d
            #[cfg(feature = #feature)]
            #[cfg_attr(docsrs, doc(cfg(feature = #feature)))]
            pub mod #m {
                include!(concat!(env!("OUT_DIR"), #file));
            }
        }
    });
    let accessors = tops.iter().map(|ns| {
        let f = ident(&names::snake(&ns[0]));
        let feature = names::snake(&ns[0]);
        let h = handle_name(ns);
        let text = format!("Methods under `flickr.{}.*`.", ns[0]);
        let d = doc(&text);
        quote! {
            #d
            #[cfg(feature = #feature)]
            #[cfg_attr(docsrs, doc(cfg(feature = #feature)))]
            pub fn #f(&self) -> #f::#h {
                #f::#h { client: self.clone() }
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

/// The contents of a namespace module: its handle, its methods' items and
/// its nested namespaces.
pub fn module_contents(model: &Model, all: &[Vec<String>], ns: &[String]) -> TokenStream {
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
    let handle_doc = format!(
        "Handle for the `flickr.{dotted}.*` methods; each method returns a request builder.\n\n\
         Nested namespaces are reached through methods of the same name (`client.photos().geo()`)."
    );
    let hd = doc(&handle_doc);
    quote! {
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

/// A nested namespace module, inline in its parent's file.
fn module(model: &Model, all: &[Vec<String>], ns: &[String]) -> TokenStream {
    let mod_name = ident(&names::snake(ns.last().expect("namespace has a name")));
    let count = model.methods.iter().filter(|m| m.namespace == ns).count();
    let mod_doc = format!("`flickr.{}.*`: {count} method(s).", ns.join("."));
    let contents = module_contents(model, all, ns);
    quote! {
        #[doc = #mod_doc]
        pub mod #mod_name {
            #contents
        }
    }
}
