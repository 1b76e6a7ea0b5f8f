//! Paging: the page and per-page arguments a paged method names, and its
//! response being a page type (a struct with `items`).

use super::Validator;
use crate::model::{Arg, ArgType, Paging, ResponseShape, StructDef};
use crate::spec::MethodSpec;
use std::collections::BTreeMap;

impl Validator {
    /// The method's paging, if it declares one.
    pub(super) fn paging(
        &mut self,
        file: &str,
        name: &str,
        m: &MethodSpec,
        args: &[Arg],
        response_shape: &ResponseShape,
        structs: &BTreeMap<String, StructDef>,
    ) -> Option<Paging> {
        m.paging.as_ref().map(|p| {
            for (field, arg) in [("paging.page", &p.page), ("paging.per_page", &p.per_page)] {
                match args.iter().find(|a| &a.name == arg) {
                    None => self.err(file, name, field, format!("names missing argument `{arg}`")),
                    Some(a) if !matches!(a.ty, ArgType::Int { .. }) => self.err(
                        file,
                        name,
                        field,
                        format!("argument `{arg}` must be an int"),
                    ),
                    Some(_) => {}
                }
            }
            if let ResponseShape::Typed { ty, .. } = response_shape {
                if structs.get(ty).is_some_and(|s| !s.is_paged()) {
                    self.err(
                        file,
                        name,
                        "paging",
                        format!(
                            "response type `{ty}` is not a page type (no `items` or `page_in`)"
                        ),
                    );
                }
            }
            Paging {
                page: p.page.clone(),
                per_page: p.per_page.clone(),
            }
        })
    }
}
