//! Stage 5: tokens → formatted, reviewable Rust source (`syn` + `prettyplease`).
//!
//! prettyplease prints a macro call's body as a flowing token stream. The
//! generated `wire_enum!`, `numeric_wire_enum!` and `method_error!` calls
//! have bodies that are enum items (`Variant = "wire"`, `Variant = (code,
//! "message")`), so they are printed as items, one variant per line with its
//! doc comment, inside the call.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The header every generated file starts with.
pub const HEADER: &str = "// @generated from spec/ by codegen; do not edit.\n// Change the spec (spec/*.toml) or the generator (codegen/) instead.\n\n";

/// Macros whose body is printed as the enum item it holds.
const ITEM_BODY_MACROS: &[&str] = &["wire_enum", "numeric_wire_enum", "method_error"];

/// Parses `tokens` as a file and pretty-prints it with the generated-file header.
///
/// A parse failure is a generator bug; the message carries the error so it can be fixed.
pub fn format(tokens: TokenStream) -> Result<String, String> {
    let mut file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generator produced invalid Rust: {e}"))?;
    let mut bodies = Vec::new();
    swap_item_bodies(&mut file.items, &mut bodies)?;
    let mut text = prettyplease::unparse(&file);
    for (i, (name, body)) in bodies.iter().enumerate() {
        let marker = format!("const _: () = __flickr_rs_item_{i};");
        let Some(at) = text.find(&marker) else {
            return Err(format!("formatter lost the body of a `{name}!` call"));
        };
        let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        let indent = text[line_start..at].to_owned();
        let mut call = format!("{name}! {{\n");
        for line in body.lines() {
            if line.is_empty() {
                call.push('\n');
            } else {
                call.push_str(&format!("{indent}    {line}\n"));
            }
        }
        call.push_str(&format!("{indent}}}"));
        text.replace_range(at..at + marker.len(), &call);
    }
    Ok(format!("{HEADER}{text}"))
}

/// Replaces each `wire_enum!`/`numeric_wire_enum!`/`method_error!` call (at
/// any module depth) with a marker item, keeping its attributes, and collects
/// its body printed as an item.
fn swap_item_bodies(
    items: &mut [syn::Item],
    bodies: &mut Vec<(String, String)>,
) -> Result<(), String> {
    for item in items.iter_mut() {
        match item {
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &mut m.content {
                    swap_item_bodies(inner, bodies)?;
                }
            }
            syn::Item::Macro(mac) => {
                let Some(name) = mac.mac.path.get_ident().map(|i| i.to_string()) else {
                    continue;
                };
                if !ITEM_BODY_MACROS.contains(&name.as_str()) {
                    continue;
                }
                let body: syn::Item = syn::parse2(mac.mac.tokens.clone())
                    .map_err(|e| format!("the body of a `{name}!` call is not an item: {e}"))?;
                let printed = prettyplease::unparse(&syn::File {
                    shebang: None,
                    attrs: Vec::new(),
                    items: vec![body],
                });
                let marker = format_ident!("__flickr_rs_item_{}", bodies.len());
                let attrs = &mac.attrs;
                *item = syn::parse2(quote! { #(#attrs)* const _: () = #marker; })
                    .map_err(|e| format!("marker item: {e}"))?;
                bodies.push((name, printed));
            }
            _ => {}
        }
    }
    Ok(())
}
