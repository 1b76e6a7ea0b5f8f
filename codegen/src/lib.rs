//! The flickr-rs generator: `spec/*.toml` → validated model → Rust source.
//!
//! Stages, one module each, each a pure function of the previous one: load
//! (read the spec folder, parse its TOML), validate (check every rule and
//! resolve names and types into the [`model`]), emit (Rust tokens with
//! `quote`) and format (`syn` + `prettyplease` into a reviewable file).
//!
//! The public surface is what its users call: `flickr-sdk`'s build script
//! ([`spec_files`], [`model_from_dir`], [`generate_files`],
//! [`type_users`]), the `codegen` binary ([`dump`], [`generate_method`]),
//! and the tests that hold the spec, the generated rustdoc and the
//! registry to each other ([`model`], [`described_type`], [`ID_KINDS`],
//! [`generate_method_expanded`], [`generate_type`]). The stages themselves
//! are private.
#![deny(missing_docs)]

mod diagnostics;
pub mod dump;
mod emit;
mod format;
mod load;
pub mod model;
mod names;
mod spec;
mod validate;

pub use diagnostics::{SpecError, SpecErrors};
pub use emit::features::type_users;
pub use emit::{described_type, ROOT_FILE};
pub use format::HEADER;
pub use load::{spec_files, Source};
pub use model::Model;
pub use validate::ID_KINDS;

use std::path::Path;

/// Loads and validates the spec in `dir`.
pub fn model_from_dir(dir: &Path) -> Result<Model, SpecErrors> {
    let sources = load::read_dir(dir)?;
    model_from_sources(&sources)
}

/// Loads and validates in-memory spec sources (tests, tools).
pub fn model_from_sources(sources: &[load::Source]) -> Result<Model, SpecErrors> {
    let raw = load::parse(sources)?;
    validate::validate(&raw)
}

/// One generated file: its name in the output folder and its formatted source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// File name, e.g. `photos.rs`; [`ROOT_FILE`] declares the others.
    pub name: String,
    /// Formatted Rust source with the generated-file header.
    pub source: String,
}

/// The formatted source of the whole API, one file per namespace plus the
/// root, `types.rs`, `errors.rs` and `registry.rs`, sorted by name after the
/// root.
pub fn generate_files(model: &Model) -> Result<Vec<GeneratedFile>, SpecErrors> {
    emit::api_files(model)
        .into_iter()
        .map(|f| {
            let source = format::format(f.tokens)
                .map_err(|e| SpecError::file(&format!("(generator: {})", f.name), e))?;
            Ok(GeneratedFile {
                name: f.name,
                source,
            })
        })
        .collect::<Result<Vec<_>, SpecErrors>>()
}

/// Every generated file in one text (for tests and review): each file's
/// source after a `// ==== file: NAME ====` line.
pub fn generate(model: &Model) -> Result<String, SpecErrors> {
    let files = generate_files(model)?;
    let mut out = String::from(format::HEADER);
    for f in files {
        out.push_str(&format!("// ==== file: {} ====\n", f.name));
        out.push_str(&f.source);
    }
    Ok(out)
}

/// Loads, validates and generates the API from the spec in `dir`, as one text.
pub fn generate_dir(dir: &Path) -> Result<String, SpecErrors> {
    generate(&model_from_dir(dir)?)
}

/// Loads, validates and generates the API from the spec in `dir`, as files.
pub fn generate_dir_files(dir: &Path) -> Result<Vec<GeneratedFile>, SpecErrors> {
    generate_files(&model_from_dir(dir)?)
}

/// The formatted source generated for one method (for snapshot tests and review).
pub fn generate_method(model: &Model, name: &str) -> Option<String> {
    emit::method(model, name).map(|t| format::format(t).expect("generated method source parses"))
}

/// The formatted source of one method with its request methods written out
/// (the macro's expansion in place of its invocation), for review.
pub fn generate_method_expanded(model: &Model, name: &str) -> Option<String> {
    emit::method_expanded(model, name)
        .map(|t| format::format(t).expect("expanded method source parses"))
}

/// The formatted source generated for one shared enum or response struct
/// (for snapshot tests and review).
pub fn generate_type(model: &Model, name: &str) -> Option<String> {
    emit::type_item(model, name).map(|t| format::format(t).expect("generated type source parses"))
}

/// The README (the crate's page in the registry): its examples are doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
