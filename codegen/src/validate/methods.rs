//! Methods: one file per namespace, method names, permissions and verbs,
//! and the method as a whole (its arguments, errors, response and paging
//! are checked by their own files).

use super::Validator;
use crate::diagnostics::SpecError;
use crate::load::RawSpec;
use crate::model::{Arg, EnumDef, ErrorDef, Method, Perms, StructDef, Verb};
use crate::names;
use crate::spec::{Deprecation, MethodSpec};
use std::collections::BTreeMap;

impl Validator {
    pub(super) fn methods(
        &mut self,
        raw: &RawSpec,
        generic: &BTreeMap<u32, ErrorDef>,
        enums: &BTreeMap<String, EnumDef>,
        structs: &BTreeMap<String, StructDef>,
    ) -> Vec<Method> {
        let mut methods: BTreeMap<String, Method> = BTreeMap::new();
        for (file, mf) in &raw.methods {
            let expected_file = format!(
                "methods/{}.toml",
                mf.namespace.trim_start_matches("flickr.")
            );
            if &expected_file != file {
                self.problems.push(SpecError::file(
                    file,
                    format!("namespace `{}` belongs in {expected_file}", mf.namespace),
                ));
            }
            for m in &mf.methods {
                let Some(method) = self.method(file, &mf.namespace, m, generic, enums, structs)
                else {
                    continue;
                };
                if methods.contains_key(&method.name) {
                    self.err(file, &m.name, "name", "duplicate method");
                }
                methods.insert(method.name.clone(), method);
            }
        }
        methods.into_values().collect()
    }

    pub(super) fn method(
        &mut self,
        file: &str,
        namespace: &str,
        m: &MethodSpec,
        generic: &BTreeMap<u32, ErrorDef>,
        enums: &BTreeMap<String, EnumDef>,
        structs: &BTreeMap<String, StructDef>,
    ) -> Option<Method> {
        let name = m.name.as_str();
        let Some((ns, short)) = names::split_method(name) else {
            self.err(
                file,
                name,
                "name",
                "method names look like `flickr.<namespace>.<method>`",
            );
            return None;
        };
        if format!("flickr.{}", ns.join(".")) != namespace {
            self.err(
                file,
                name,
                "name",
                format!("method is not in namespace `{namespace}`"),
            );
        }
        let perms = match m.perms.as_str() {
            "none" => Perms::None,
            "read" => Perms::Read,
            "write" => Perms::Write,
            "delete" => Perms::Delete,
            other => {
                self.err(
                    file,
                    name,
                    "perms",
                    format!("`{other}` is not one of none, read, write, delete"),
                );
                Perms::None
            }
        };
        let verb = match m.verb.as_str() {
            "GET" => Verb::Get,
            "POST" => Verb::Post,
            other => {
                self.err(file, name, "verb", format!("`{other}` is not GET or POST"));
                Verb::Get
            }
        };
        let expected_verb = if perms >= Perms::Write {
            Verb::Post
        } else {
            Verb::Get
        };
        if verb != expected_verb {
            self.err(
                file,
                name,
                "verb",
                format!("perms `{}` calls for {expected_verb:?}", m.perms),
            );
        }

        let mut inline_enums = Vec::new();
        let mut args: Vec<Arg> = Vec::new();
        for a in &m.args {
            if args.iter().any(|x| x.name == a.name) {
                self.err(file, name, format!("args.{}", a.name), "duplicate argument");
                continue;
            }
            if a.name == "api_key" {
                self.err(
                    file,
                    name,
                    "args.api_key",
                    "api_key is added by the client; do not list it",
                );
                continue;
            }
            if let Some(arg) = self.arg(file, name, &short, a, enums, &mut inline_enums) {
                args.push(arg);
            }
        }

        let errors = self.method_errors(file, name, m, generic);

        let (response, response_shape) = self.response(file, name, &short, m, structs);

        let paging = self.paging(file, name, m, &args, &response_shape, structs);

        let (deprecated, deprecation_note) = match &m.deprecated {
            Deprecation::Flag(f) => (*f, None),
            Deprecation::Reason(r) => (true, Some(r.clone())),
        };
        let not_in_reflection = match m.documented_addition.as_deref().map(str::trim) {
            Some(why) if why.split_whitespace().count() < 4 => {
                self.err(
                    file,
                    name,
                    "documented_addition",
                    "say why the method is in the spec and where it is documented or used",
                );
                None
            }
            other => other.map(str::to_owned),
        };
        Some(Method {
            name: m.name.clone(),
            file: file.to_owned(),
            namespace: ns,
            short,
            summary: m.summary.clone(),
            doc: m.doc.clone(),
            verb,
            perms,
            login: m.login,
            signed: m.signed,
            deprecated,
            deprecation_note,
            not_in_reflection,
            args,
            errors,
            paging,
            response,
            response_shape,
            inline_enums,
        })
    }
}
