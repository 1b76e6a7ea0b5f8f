//! Stage 5: tokens → formatted, reviewable Rust source (`syn` + `prettyplease`).
//!
//! prettyplease prints a macro call's body as a flowing token stream. The
//! generated `wire_enum!`, `numeric_wire_enum!` and `method_error!` calls
//! have bodies that are enum items (`Variant = "wire"`, `Variant = (code,
//! "message")`), so they are printed as items, one variant per line with its
//! doc comment, inside the call. A `serde_members!` call (a response
//! struct's member list) is printed a line of whole members at a time.

use proc_macro2::{TokenStream, TokenTree};
use quote::{format_ident, quote};

/// The header every generated file starts with.
pub const HEADER: &str = "// @generated from spec/ by codegen; do not edit.\n// Change the spec (spec/*.toml) or the generator (codegen/) instead.\n\n";

/// Macros whose body is printed as the enum item it holds.
const ITEM_BODY_MACROS: &[&str] = &["wire_enum", "numeric_wire_enum", "method_error"];

/// The macro whose body, `Name { member, member, … }`, is printed as lines
/// of whole members (prettyplease's flowing token stream would break a
/// member `opt name = "wire"` across two lines).
const MEMBER_LIST_MACRO: &str = "serde_members";

/// prettyplease's right margin, which the member lines keep too.
const MARGIN: usize = 89;

/// Parses `tokens` as a file and pretty-prints it with the generated-file header.
///
/// A parse failure is a generator bug; the message carries the error so it can be fixed.
pub fn format(tokens: TokenStream) -> Result<String, String> {
    let mut file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generator produced invalid Rust: {e}"))?;
    let mut bodies = Vec::new();
    swap_item_bodies(&mut file.items, &mut bodies)?;
    let mut text = prettyplease::unparse(&file);
    for (i, (name, call)) in bodies.iter().enumerate() {
        let marker = format!("const _: () = __flickr_rs_item_{i};");
        let Some(at) = text.find(&marker) else {
            return Err(format!("formatter lost the body of a `{name}!` call"));
        };
        let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        let indent = text[line_start..at].to_owned();
        let mut indented = String::new();
        for (n, line) in call.lines().enumerate() {
            if n > 0 {
                indented.push('\n');
                if !line.is_empty() {
                    indented.push_str(&indent);
                }
            }
            indented.push_str(line);
        }
        text.replace_range(at..at + marker.len(), &indented);
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
                let call = if name == MEMBER_LIST_MACRO {
                    member_list_call(&name, &mac.mac.tokens)?
                } else if ITEM_BODY_MACROS.contains(&name.as_str()) {
                    item_body_call(&name, &mac.mac.tokens)?
                } else {
                    continue;
                };
                let marker = format_ident!("__flickr_rs_item_{}", bodies.len());
                let attrs = &mac.attrs;
                *item = syn::parse2(quote! { #(#attrs)* const _: () = #marker; })
                    .map_err(|e| format!("marker item: {e}"))?;
                bodies.push((name, call));
            }
            _ => {}
        }
    }
    Ok(())
}

/// `name! { … }` with its body printed as the item it is.
fn item_body_call(name: &str, tokens: &TokenStream) -> Result<String, String> {
    let body: syn::Item = syn::parse2(tokens.clone())
        .map_err(|e| format!("the body of a `{name}!` call is not an item: {e}"))?;
    let printed = prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![body],
    });
    let mut call = format!("{name}! {{\n");
    for line in printed.lines() {
        if line.is_empty() {
            call.push('\n');
        } else {
            call.push_str(&format!("    {line}\n"));
        }
    }
    call.push('}');
    Ok(call)
}

/// `name!(Type { a, b, … });` on one line when it fits, else the members
/// on the lines below, as many whole members a line as fit the margin.
fn member_list_call(name: &str, tokens: &TokenStream) -> Result<String, String> {
    let mut tokens = tokens.clone().into_iter();
    let (Some(TokenTree::Ident(ty)), Some(TokenTree::Group(list)), None) =
        (tokens.next(), tokens.next(), tokens.next())
    else {
        return Err(format!("a `{name}!` call is not `Type {{ members }}`"));
    };
    let mut members = Vec::new();
    let mut member = TokenStream::new();
    for tt in list.stream() {
        match tt {
            TokenTree::Punct(p) if p.as_char() == ',' => {
                members.push(std::mem::take(&mut member).to_string());
            }
            tt => member.extend([tt]),
        }
    }
    if !member.is_empty() {
        members.push(member.to_string());
    }
    let one_line = if members.is_empty() {
        format!("{name}!({ty} {{}});")
    } else {
        format!("{name}!({ty} {{ {} }});", members.join(", "))
    };
    if one_line.len() <= MARGIN {
        return Ok(one_line);
    }
    let mut call = format!("{name}!({ty} {{\n");
    let mut line = String::new();
    for m in members {
        // `line` ends in ", ": it would become `line` + `m,`.
        if !line.is_empty() && INDENT.len() + line.len() + m.len() + ",".len() > MARGIN {
            call.push_str(&format!("{INDENT}{}\n", line.trim_end()));
            line.clear();
        }
        line.push_str(&m);
        line.push_str(", ");
    }
    call.push_str(&format!("{INDENT}{}\n", line.trim_end()));
    call.push_str("});");
    Ok(call)
}

/// The indent of a member line.
const INDENT: &str = "    ";
