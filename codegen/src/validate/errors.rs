//! Error codes: the generic table in `errors.toml` and each method's
//! own errors plus the generic ones it names.

use super::Validator;
use crate::load::RawSpec;
use crate::model::ErrorDef;
use crate::names;
use crate::spec::MethodSpec;
use std::collections::BTreeMap;

impl Validator {
    pub(super) fn generic_errors(&mut self, raw: &RawSpec) -> BTreeMap<u32, ErrorDef> {
        let mut table = BTreeMap::new();
        for (file, errors) in &raw.errors {
            for e in &errors.errors {
                let what = format!("error {}", e.code);
                if !names::is_camel(&e.name) {
                    self.err(
                        file,
                        &what,
                        "name",
                        format!("`{}` is not an UpperCamelCase name", e.name),
                    );
                }
                let def = ErrorDef {
                    code: e.code,
                    name: e.name.clone(),
                    message: e.message.clone(),
                    doc: e.doc.clone(),
                    generic: true,
                };
                if table.insert(e.code, def).is_some() {
                    self.err(
                        file,
                        &what,
                        "code",
                        format!("duplicate error code {}", e.code),
                    );
                }
            }
        }
        table
    }

    /// The method's own errors, then the generic ones it names (`generic_errors`).
    pub(super) fn method_errors(
        &mut self,
        file: &str,
        name: &str,
        m: &MethodSpec,
        generic: &BTreeMap<u32, ErrorDef>,
    ) -> Vec<ErrorDef> {
        let mut errors: Vec<ErrorDef> = Vec::new();
        for e in &m.errors {
            let at = format!("errors.{}", e.code);
            if errors.iter().any(|x| x.code == e.code) || m.generic_errors.contains(&e.code) {
                self.err(file, name, &at, format!("duplicate error code {}", e.code));
                continue;
            }
            if !names::is_camel(&e.name) || e.name == "Unknown" {
                self.err(
                    file,
                    name,
                    format!("{at}.name"),
                    format!("`{}` is not a usable UpperCamelCase name", e.name),
                );
            }
            if errors.iter().any(|x| x.name == e.name) {
                self.err(
                    file,
                    name,
                    format!("{at}.name"),
                    format!("duplicate error name `{}`", e.name),
                );
            }
            errors.push(ErrorDef {
                code: e.code,
                name: e.name.clone(),
                message: e.message.clone(),
                doc: e.doc.clone(),
                generic: false,
            });
        }
        for code in &m.generic_errors {
            match generic.get(code) {
                Some(def) if errors.iter().any(|x| x.name == def.name) => self.err(
                    file,
                    name,
                    "generic_errors",
                    format!(
                        "generic error {code} `{}` clashes with a method error name",
                        def.name
                    ),
                ),
                Some(_) if errors.iter().any(|x| x.code == *code) => self.err(
                    file,
                    name,
                    "generic_errors",
                    format!("duplicate error code {code}"),
                ),
                Some(def) => errors.push(def.clone()),
                None => self.err(
                    file,
                    name,
                    "generic_errors",
                    format!("code {code} is not in errors.toml"),
                ),
            }
        }
        errors
    }
}
