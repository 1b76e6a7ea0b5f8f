//! Stage 4: the model as Rust tokens (`proc-macro2` + `quote`).
//!
//! One concern per file: [`types`] (enums, response structs), [`methods`]
//! (request builders, error enums), [`namespaces`] (module tree, handles,
//! client accessors), [`registry`] (method data), [`docs`] and
//! [`rust_types`] (shared helpers). The arguments' JSON Schemas are not
//! generated: flickr-core renders them from the registry.

pub mod docs;
pub mod errors;
pub mod features;
mod method_doc;
pub mod methods;
pub mod namespaces;
pub mod registry;
pub mod rust_types;
pub mod types;

pub use method_doc::described_type;

use crate::model::Model;
use proc_macro2::TokenStream;
use quote::quote;

/// The name of the generated file `flickr-sdk` includes; it declares the
/// others.
pub const ROOT_FILE: &str = "flickr_sdk.rs";

/// One generated file's tokens and its name in the output folder.
pub struct FileTokens {
    /// File name, e.g. `photos.rs`.
    pub name: String,
    /// Its items.
    pub tokens: TokenStream,
}

/// The whole generated API, one file per concern: the root (module
/// declarations and client accessors), `types.rs`, `errors.rs`,
/// `registry.rs` and one file per top-level namespace.
pub fn api_files(model: &Model) -> Vec<FileTokens> {
    let users = features::type_users(model);
    let gate = |name: &str| features::cfg_any(users.get(name).into_iter().flatten());
    let enums = model.enums.iter().map(|e| {
        let cfg = gate(&e.name);
        let item = types::enum_item(e);
        quote! { #cfg #item }
    });
    let structs = model
        .structs
        .iter()
        .map(|s| types::struct_item_gated(s, &gate(&s.name)));
    let all = model.namespaces();
    let mut files = vec![
        FileTokens {
            name: ROOT_FILE.to_owned(),
            tokens: root(model),
        },
        FileTokens {
            name: "types.rs".to_owned(),
            tokens: quote! {
                // `de::Text`, the item type of text lists.
                #[allow(unused_imports)]
                use crate::__private::de;

                #(#enums)*
                #(#structs)*
            },
        },
        FileTokens {
            name: "errors.rs".to_owned(),
            tokens: errors::generic_error_enum(model),
        },
        FileTokens {
            name: "registry.rs".to_owned(),
            tokens: registry::registry_items(model),
        },
    ];
    for ns in namespaces::top_level(model) {
        files.push(FileTokens {
            name: namespaces::file_name(&ns),
            tokens: namespaces::module_contents(model, &all, &ns),
        });
    }
    files
}

/// The root file: every module, filled from its own file.
fn root(model: &Model) -> TokenStream {
    let namespaces = namespaces::namespace_decls(model);
    let request_macro = methods::request_macro();
    quote! {
        #request_macro

        /// Shared argument enums and typed response structs. Each is compiled
        /// when a feature whose methods use it is on.
        pub mod types {
            include!(concat!(env!("OUT_DIR"), "/types.rs"));
        }

        /// Flickr's generic error codes (95–116), shared by every method:
        /// each method's error enum reaches them through its `Generic` variant.
        /// Public as `crate::error::GenericError`, beside the runtime's errors.
        mod generic_errors {
            include!(concat!(env!("OUT_DIR"), "/errors.rs"));
        }

        #namespaces

        /// Every enabled Flickr method as data: name, verb, permissions,
        /// arguments with their types, required flags and defaults, and error
        /// codes. Used at run time by the client (argument checks), the CLI and
        /// the loopback server.
        pub mod registry {
            include!(concat!(env!("OUT_DIR"), "/registry.rs"));
        }
    }
}

/// The items generated for one method (request builder, error enum, inline
/// enums, untyped response and registry entry), for snapshot tests and review.
pub fn method(model: &Model, name: &str) -> Option<TokenStream> {
    let m = model.method(name)?;
    let items = methods::method_items(model, m);
    let accessor = methods::accessor(m);
    let handle = namespaces::handle_name(&m.namespace);
    let registry = registry::method_static(m);
    Some(quote! {
        #items
        impl #handle { #accessor }
        #registry
    })
}

/// One method's request type with its methods written out as
/// `request_methods!` writes them (what a user of the method runs), for
/// review: the generated file invokes the macro instead.
pub fn method_expanded(model: &Model, name: &str) -> Option<TokenStream> {
    let m = model.method(name)?;
    Some(methods::method_items_expanded(model, m))
}

/// The items generated for one shared enum or response struct, by name (for
/// snapshot tests and review).
pub fn type_item(model: &Model, name: &str) -> Option<TokenStream> {
    if let Some(e) = model.enums.iter().find(|e| e.name == name) {
        return Some(types::enum_item(e));
    }
    model.struct_def(name).map(types::struct_item)
}
