//! Stage 2: check the raw spec and resolve it into the [`Model`].
//!
//! Every rule reports a [`SpecError`] naming file, method and field; all
//! problems are collected so one run shows them all.
//!
//! One file per area of the spec, each adding its checks to `Validator`:
//! - `errors`: `errors.toml` and each method's own and generic errors;
//! - `enums`: shared enums and enum values (also inline argument enums);
//! - `types`: response structs and their field types;
//! - `methods`: method files, names, permissions and verbs;
//! - `args`: argument types, bounds and defaults;
//! - `responses`: a method's response type;
//! - `paging`: a paged method's page arguments and page type.

mod args;
mod enums;
mod errors;
mod methods;
mod paging;
mod responses;
mod types;

use crate::diagnostics::{SpecError, SpecErrors};
use crate::load::RawSpec;
use crate::model::Model;

/// Id kinds the spec may name (see spec/README.md).
pub const ID_KINDS: &[&str] = &[
    "photo_id",
    "photoset_id",
    "user_id",
    "group_id",
    "gallery_id",
    "collection_id",
    "place_id",
    "woe_id",
    "comment_id",
    "note_id",
    "topic_id",
    "reply_id",
    "tag_id",
    "ticket_id",
    "suggestion_id",
    "testimonial_id",
];

/// Validates `raw` and builds the model.
pub fn validate(raw: &RawSpec) -> Result<Model, SpecErrors> {
    let mut v = Validator {
        problems: Vec::new(),
    };
    let generic_errors = v.generic_errors(raw);
    let enums = v.enums(raw);
    let structs = v.structs(raw, &enums);
    let methods = v.methods(raw, &generic_errors, &enums, &structs);
    if v.problems.is_empty() {
        Ok(Model {
            generic_errors: generic_errors.into_values().collect(),
            enums: enums.into_values().collect(),
            structs: structs.into_values().collect(),
            methods,
        })
    } else {
        Err(SpecErrors(v.problems))
    }
}

struct Validator {
    problems: Vec<SpecError>,
}

impl Validator {
    fn err(
        &mut self,
        file: &str,
        method: &str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.problems
            .push(SpecError::at(file, method, field, message));
    }
}
