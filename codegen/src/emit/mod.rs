//! Stage 4: the model as Rust tokens (`proc-macro2` + `quote`).
//!
//! One concern per file: [`types`] (enums, response structs), [`methods`]
//! (request builders, error enums), [`namespaces`] (module tree, handles,
//! client accessors), [`registry`] (method data), [`docs`] and
//! [`rust_types`] (shared helpers).

pub mod docs;
pub mod methods;
pub mod namespaces;
pub mod registry;
pub mod rust_types;
pub mod types;

use crate::model::Model;
use proc_macro2::TokenStream;
use quote::quote;

/// The whole generated API.
pub fn api(model: &Model) -> TokenStream {
    let enums = model.enums.iter().map(types::enum_item);
    let structs = model.structs.iter().map(types::struct_item);
    let namespaces = namespaces::namespace_modules(model);
    let registry = registry::registry_module(model);
    quote! {
        /// Shared argument enums and typed response structs.
        pub mod types {
            #(#enums)*
            #(#structs)*
        }

        #namespaces

        #registry
    }
}

/// The items generated for one method (request builder, error enum, inline
/// enums, untyped response and registry entry), for snapshot tests and review.
pub fn method(model: &Model, name: &str) -> Option<TokenStream> {
    let m = model.method(name)?;
    let items = methods::method_items(model, m);
    let accessor = methods::accessor(m);
    let handle = namespaces::handle_name(&m.namespace);
    let registry = registry::registry_module(&Model {
        methods: vec![m.clone()],
        ..model.clone()
    });
    Some(quote! {
        #items
        impl #handle { #accessor }
        #registry
    })
}

/// The items generated for one shared enum or response struct, by name (for
/// snapshot tests and review).
pub fn type_item(model: &Model, name: &str) -> Option<TokenStream> {
    if let Some(e) = model.enums.iter().find(|e| e.name == name) {
        return Some(types::enum_item(e));
    }
    model.struct_def(name).map(types::struct_item)
}
