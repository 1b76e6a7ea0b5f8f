//! Flickr's generic error codes (95–116) as one shared enum: every method's
//! error enum reaches them through its `Generic` variant, so the codes, names
//! and messages are written once.

use super::docs::doc;
use super::rust_types::ident;
use crate::model::Model;
use proc_macro2::TokenStream;
use quote::quote;

/// `pub enum GenericError { … }` with `from_code`, `code`, `message` and `Display`.
pub fn generic_error_enum(model: &Model) -> TokenStream {
    let errors = &model.generic_errors;
    let variants = errors.iter().map(|e| {
        let v = ident(&e.name);
        let mut text = format!("{}: {}", e.code, e.message);
        if !e.doc.trim().is_empty() && e.doc.trim() != e.message.trim() {
            text.push_str(&format!(" — {}", e.doc.trim()));
        }
        let d = doc(&text);
        quote! { #d #v }
    });
    let from_arms = errors.iter().map(|e| {
        let (v, c) = (ident(&e.name), e.code);
        quote! { #c => Some(GenericError::#v) }
    });
    let code_arms = errors.iter().map(|e| {
        let (v, c) = (ident(&e.name), e.code);
        quote! { GenericError::#v => #c }
    });
    let msg_arms = errors.iter().map(|e| {
        let (v, m) = (ident(&e.name), e.message.as_str());
        quote! { GenericError::#v => #m }
    });
    quote! {
        /// One of Flickr's generic error codes, which any method can answer with.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum GenericError {
            #(#variants,)*
        }

        impl GenericError {
            /// The variant for a generic code, or `None` for any other code.
            pub fn from_code(code: u32) -> Option<GenericError> {
                match code {
                    #(#from_arms,)*
                    _ => None,
                }
            }

            /// Flickr's numeric code.
            pub fn code(self) -> u32 {
                match self {
                    #(#code_arms,)*
                }
            }

            /// Flickr's documented message for this code.
            pub fn message(self) -> &'static str {
                match self {
                    #(#msg_arms,)*
                }
            }
        }

        impl ::std::fmt::Display for GenericError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "{} ({})", self.message(), self.code())
            }
        }
    }
}
