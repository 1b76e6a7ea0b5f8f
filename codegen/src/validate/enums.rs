//! Enums: the shared `[[enums]]` of the types files and the values of any
//! enum (shared or inline in an argument).

use super::Validator;
use crate::load::RawSpec;
use crate::model::{EnumDef, EnumValue};
use crate::names;
use crate::spec::{EnumSpec, EnumValueSpec};
use std::collections::BTreeMap;

impl Validator {
    pub(super) fn enum_values(
        &mut self,
        file: &str,
        owner: &str,
        field: &str,
        values: &[EnumValueSpec],
    ) -> Vec<EnumValue> {
        let mut out: Vec<EnumValue> = Vec::new();
        for (i, value) in values.iter().enumerate() {
            let (wire, name, doc) = match value {
                EnumValueSpec::Wire(w) => (w.clone(), None, None),
                EnumValueSpec::Full { wire, name, doc } => {
                    (wire.clone(), name.clone(), doc.clone())
                }
            };
            let name = name.unwrap_or_else(|| names::camel(&wire));
            if !names::is_camel(&name) {
                self.err(
                    file,
                    owner,
                    format!("{field}[{i}]"),
                    format!("no usable variant name for `{wire}`: write `{{ wire = \"{wire}\", name = \"…\" }}`"),
                );
            }
            if out.iter().any(|o| o.wire == wire) {
                self.err(
                    file,
                    owner,
                    format!("{field}[{i}]"),
                    format!("duplicate enum value `{wire}`"),
                );
            }
            if out.iter().any(|o| o.name == name) {
                self.err(
                    file,
                    owner,
                    format!("{field}[{i}]"),
                    format!("duplicate variant name `{name}`"),
                );
            }
            out.push(EnumValue {
                wire,
                name,
                doc: doc.unwrap_or_default(),
            });
        }
        if out.is_empty() {
            self.err(file, owner, field, "an enum needs at least one value");
        }
        out
    }

    pub(super) fn enum_def(&mut self, file: &str, e: &EnumSpec) -> EnumDef {
        if !names::is_camel(&e.name) {
            self.err(file, &e.name, "name", "enum names are UpperCamelCase");
        }
        let values = self.enum_values(file, &e.name, "values", &e.values);
        EnumDef {
            name: e.name.clone(),
            doc: e.doc.clone(),
            values,
        }
    }

    pub(super) fn enums(&mut self, raw: &RawSpec) -> BTreeMap<String, EnumDef> {
        let mut enums = BTreeMap::new();
        for (file, types) in &raw.types {
            for e in &types.enums {
                let def = self.enum_def(file, e);
                if enums.insert(e.name.clone(), def).is_some() {
                    self.err(
                        file,
                        &e.name,
                        "name",
                        format!("duplicate type name `{}`", e.name),
                    );
                }
            }
        }
        enums
    }
}
