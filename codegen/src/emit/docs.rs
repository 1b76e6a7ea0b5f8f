//! Rustdoc text for generated items.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "…"]` attributes, one per line of `text`.
///
/// Flickr's texts are prose, not Rust: lines are trimmed so indentation never
/// turns into a doctest code block, fences are neutralised, and bare `<`/`>`
/// are escaped so rustdoc does not read them as HTML.
pub fn doc(text: &str) -> TokenStream {
    let lines = sanitize(text);
    quote! { #( #[doc = #lines] )* }
}

/// The sanitized lines (each starting with a space, as `///` comments do).
pub fn sanitize(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in text.trim().lines() {
        let line = escape_tags(&raw.trim().replace("```", "'''"));
        if line.is_empty() && out.last().is_some_and(|l| l.is_empty()) {
            continue;
        }
        out.push(if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        });
    }
    out
}

/// Escapes `<` where it would open an HTML tag (`<b>`, `</a>`); `a < b` stays as is.
fn escape_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!')
        {
            out.push_str("&lt;");
        } else {
            out.push(c);
        }
    }
    out
}

/// A paragraph break in a doc comment.
pub fn blank() -> TokenStream {
    quote! { #[doc = ""] }
}
