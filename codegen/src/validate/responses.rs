//! A method's response: a declared struct (optionally under a `root` key)
//! or `untyped`.

use super::Validator;
use crate::model::{ResponseShape, StructDef};
use crate::names;
use crate::spec::MethodSpec;
use std::collections::BTreeMap;

impl Validator {
    /// The response type's name and shape.
    pub(super) fn response(
        &mut self,
        file: &str,
        name: &str,
        short: &str,
        m: &MethodSpec,
        structs: &BTreeMap<String, StructDef>,
    ) -> (String, ResponseShape) {
        match m.response.ty.as_str() {
            "untyped" => {
                if m.response.root.is_some() {
                    self.err(
                        file,
                        name,
                        "response.root",
                        "an untyped response has no root",
                    );
                }
                (
                    format!("{}Response", names::camel(short)),
                    ResponseShape::Untyped,
                )
            }
            ty if structs.contains_key(ty) => (
                ty.to_owned(),
                ResponseShape::Typed {
                    ty: ty.to_owned(),
                    root: m.response.root.clone(),
                },
            ),
            ty => {
                self.err(
                    file,
                    name,
                    "response.type",
                    format!("unknown type `{ty}` (declare it in types.toml or use `untyped`)"),
                );
                (ty.to_owned(), ResponseShape::Untyped)
            }
        }
    }
}
