//! Stage 5: tokens → formatted, reviewable Rust source (`syn` + `prettyplease`).

use proc_macro2::TokenStream;

/// The header every generated file starts with.
pub const HEADER: &str = "// @generated from spec/ by codegen; do not edit.\n// Change the spec (spec/*.toml) or the generator (codegen/) instead.\n\n";

/// Parses `tokens` as a file and pretty-prints it with the generated-file header.
///
/// A parse failure is a generator bug; the message carries the error so it can be fixed.
pub fn format(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generator produced invalid Rust: {e}"))?;
    Ok(format!("{HEADER}{}", prettyplease::unparse(&file)))
}
