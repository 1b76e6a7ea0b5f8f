//! Stage 2: check the raw spec and resolve it into the [`Model`].
//!
//! Every rule reports a [`SpecError`] naming file, method and field; all
//! problems are collected so one run shows them all.

use crate::diagnostics::{SpecError, SpecErrors};
use crate::load::RawSpec;
use crate::model::*;
use crate::names;
use crate::spec::{ArgSpec, Deprecation, EnumSpec, EnumValueSpec, FieldSpec, MethodSpec};
use std::collections::{BTreeMap, BTreeSet};

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

const SCALAR_ARG_TYPES: &[&str] = &["text", "string", "int", "float", "bool", "date", "enum"];
const DATE_FORMATS: &[&str] = &["ymd", "unix", "mysql"];

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

    fn generic_errors(&mut self, raw: &RawSpec) -> BTreeMap<u32, ErrorDef> {
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

    fn enum_values(
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

    fn enum_def(&mut self, file: &str, e: &EnumSpec) -> EnumDef {
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

    fn enums(&mut self, raw: &RawSpec) -> BTreeMap<String, EnumDef> {
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

    fn structs(
        &mut self,
        raw: &RawSpec,
        enums: &BTreeMap<String, EnumDef>,
    ) -> BTreeMap<String, StructDef> {
        let names: BTreeSet<&str> = raw
            .types
            .iter()
            .flat_map(|(_, t)| t.structs.iter().map(|s| s.name.as_str()))
            .collect();
        let mut structs = BTreeMap::new();
        for (file, types) in &raw.types {
            for s in &types.structs {
                if !names::is_camel(&s.name) {
                    self.err(file, &s.name, "name", "struct names are UpperCamelCase");
                }
                if enums.contains_key(&s.name) {
                    self.err(
                        file,
                        &s.name,
                        "name",
                        format!("duplicate type name `{}`", s.name),
                    );
                }
                let mut fields: Vec<Field> = Vec::new();
                for f in &s.fields {
                    let at = format!("fields.{}", f.name);
                    let Some(ty) = self.field_type(file, &s.name, &at, f, &names, enums) else {
                        continue;
                    };
                    let rust = f.rust.clone().unwrap_or_else(|| names::snake(&f.name));
                    if fields.iter().any(|x| x.rust == rust || x.wire == f.name) {
                        self.err(file, &s.name, &at, format!("duplicate field `{rust}`"));
                    }
                    fields.push(Field {
                        wire: f.name.clone(),
                        rust,
                        ty,
                        required: f.required,
                        alias: f.alias.clone(),
                        doc: f.doc.clone(),
                    });
                }
                if let Some(items) = &s.items {
                    if !fields
                        .iter()
                        .any(|f| &f.rust == items && matches!(f.ty, FieldType::List(_)))
                    {
                        self.err(
                            file,
                            &s.name,
                            "items",
                            format!("`{items}` is not a list field of {}", s.name),
                        );
                    }
                }
                let def = StructDef {
                    name: s.name.clone(),
                    doc: s.doc.clone(),
                    items: s.items.clone(),
                    fields,
                };
                if structs.insert(s.name.clone(), def).is_some() {
                    self.err(
                        file,
                        &s.name,
                        "name",
                        format!("duplicate type name `{}`", s.name),
                    );
                }
            }
        }
        structs
    }

    fn field_type(
        &mut self,
        file: &str,
        owner: &str,
        at: &str,
        f: &FieldSpec,
        structs: &BTreeSet<&str>,
        enums: &BTreeMap<String, EnumDef>,
    ) -> Option<FieldType> {
        let scalar = |name: &str| -> Option<FieldType> {
            Some(match name {
                "text" => FieldType::Text,
                "string" => FieldType::String,
                "int" => FieldType::Int,
                "float" => FieldType::Float,
                "bool" => FieldType::Bool,
                "unix_time" => FieldType::UnixTime,
                "datetime" => FieldType::DateTime,
                id if ID_KINDS.contains(&id) => FieldType::Id(id.to_owned()),
                s if structs.contains(s) => FieldType::Struct(s.to_owned()),
                e if enums.contains_key(e) => FieldType::Enum(e.to_owned()),
                _ => return None,
            })
        };
        if f.ty == "enum" || f.of.as_deref() == Some("enum") {
            let which = if f.ty == "enum" { "type" } else { "of" };
            self.err(
                file,
                owner,
                format!("{at}.{which}"),
                "a response field names a declared enum (`[[enums]]` in types.toml or enums.toml), not `enum` with inline values",
            );
            return None;
        }
        let ty = self.field_type_name(file, owner, at, f, &scalar)?;
        let enum_name = match &ty {
            FieldType::Enum(e) => Some((e, "type")),
            FieldType::List(item) => match item.as_ref() {
                FieldType::Enum(e) => Some((e, "of")),
                _ => None,
            },
            _ => None,
        };
        if let Some((def, which)) = enum_name.and_then(|(e, w)| Some((enums.get(e)?, w))) {
            // Flickr writes `""` for an absent value, so an enum with an empty
            // wire value could never decode that variant in a response.
            if def.values.iter().any(|v| v.wire.is_empty()) {
                self.err(
                    file,
                    owner,
                    format!("{at}.{which}"),
                    format!(
                        "enum `{}` has the wire value `\"\"`, which a response field reads as absent",
                        def.name
                    ),
                );
            }
        }
        Some(ty)
    }

    /// The field's type from its `type` (and `of`) names.
    fn field_type_name(
        &mut self,
        file: &str,
        owner: &str,
        at: &str,
        f: &FieldSpec,
        scalar: &dyn Fn(&str) -> Option<FieldType>,
    ) -> Option<FieldType> {
        if f.ty == "list" {
            let Some(of) = &f.of else {
                self.err(file, owner, at, "a list field needs `of`");
                return None;
            };
            match scalar(of) {
                Some(item) => Some(FieldType::List(Box::new(item))),
                None => {
                    self.err(
                        file,
                        owner,
                        format!("{at}.of"),
                        format!("unknown type `{of}`"),
                    );
                    None
                }
            }
        } else {
            let t = scalar(&f.ty);
            if t.is_none() {
                self.err(
                    file,
                    owner,
                    format!("{at}.type"),
                    format!("unknown type `{}`", f.ty),
                );
            }
            t
        }
    }

    fn methods(
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

    fn method(
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

        let (response, response_shape) = match m.response.ty.as_str() {
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
                    format!("{}Response", names::camel(&short)),
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
        };

        let paging = m.paging.as_ref().map(|p| {
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
            if let ResponseShape::Typed { ty, .. } = &response_shape {
                if structs.get(ty).is_some_and(|s| s.items.is_none()) {
                    self.err(
                        file,
                        name,
                        "paging",
                        format!("response type `{ty}` is not a page type (no `items`)"),
                    );
                }
            }
            Paging {
                page: p.page.clone(),
                per_page: p.per_page.clone(),
            }
        });

        let (deprecated, deprecation_note) = match &m.deprecated {
            Deprecation::Flag(f) => (*f, None),
            Deprecation::Reason(r) => (true, Some(r.clone())),
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
            args,
            errors,
            paging,
            response,
            response_shape,
            inline_enums,
        })
    }

    fn arg(
        &mut self,
        file: &str,
        method: &str,
        short: &str,
        a: &ArgSpec,
        enums: &BTreeMap<String, EnumDef>,
        inline_enums: &mut Vec<EnumDef>,
    ) -> Option<Arg> {
        let at = format!("args.{}", a.name);
        let ty = if a.ty == "list" {
            let Some(of) = &a.of else {
                self.err(
                    file,
                    method,
                    format!("{at}.of"),
                    "a list argument needs `of`",
                );
                return None;
            };
            if of == "list" {
                self.err(
                    file,
                    method,
                    format!("{at}.of"),
                    "lists of lists are not supported",
                );
                return None;
            }
            let item =
                self.scalar_arg_type(file, method, short, &at, of, a, enums, inline_enums)?;
            ArgType::List {
                item: Box::new(item),
                sep: a.sep.clone().unwrap_or_else(|| ",".to_owned()),
            }
        } else {
            if a.of.is_some() || a.sep.is_some() {
                self.err(file, method, &at, "`of`/`sep` only apply to lists");
            }
            self.scalar_arg_type(file, method, short, &at, &a.ty, a, enums, inline_enums)?
        };
        if a.required && a.default.is_some() {
            self.err(
                file,
                method,
                format!("{at}.default"),
                "a required argument cannot have a default",
            );
        }
        let default = a
            .default
            .as_ref()
            .and_then(|d| self.default_value(file, method, &at, &ty, d));
        Some(Arg {
            name: a.name.clone(),
            rust_name: names::snake(&a.name),
            kind_name: ty.short_name(),
            ty,
            required: a.required,
            default,
            doc: a.doc.clone(),
            override_reason: a.override_reason.clone(),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn scalar_arg_type(
        &mut self,
        file: &str,
        method: &str,
        short: &str,
        at: &str,
        ty: &str,
        a: &ArgSpec,
        enums: &BTreeMap<String, EnumDef>,
        inline_enums: &mut Vec<EnumDef>,
    ) -> Option<ArgType> {
        if !SCALAR_ARG_TYPES.contains(&ty) && !ID_KINDS.contains(&ty) {
            self.err(
                file,
                method,
                format!("{at}.type"),
                format!("unknown type `{ty}`"),
            );
            return None;
        }
        let (min, max) = (a.min.as_ref(), a.max.as_ref());
        if (min.is_some() || max.is_some()) && !matches!(ty, "int" | "float") {
            self.err(file, method, at, "`min`/`max` only apply to int and float");
        }
        Some(match ty {
            "text" => ArgType::Text,
            "string" => ArgType::String,
            "bool" => ArgType::Bool,
            "int" => {
                let bound = |v: Option<&toml::Value>, which: &str, this: &mut Self| match v {
                    None => None,
                    Some(toml::Value::Integer(n)) => Some(*n),
                    Some(other) => {
                        this.err(
                            file,
                            method,
                            format!("{at}.{which}"),
                            format!("`{other}` is not an integer"),
                        );
                        None
                    }
                };
                let (min, max) = (bound(min, "min", self), bound(max, "max", self));
                if let (Some(lo), Some(hi)) = (min, max) {
                    if lo > hi {
                        self.err(file, method, at, format!("min {lo} is above max {hi}"));
                    }
                }
                ArgType::Int { min, max }
            }
            "float" => {
                let bound = |v: Option<&toml::Value>, which: &str, this: &mut Self| match v {
                    None => None,
                    Some(toml::Value::Integer(n)) => Some(*n as f64),
                    Some(toml::Value::Float(x)) => Some(*x),
                    Some(other) => {
                        this.err(
                            file,
                            method,
                            format!("{at}.{which}"),
                            format!("`{other}` is not a number"),
                        );
                        None
                    }
                };
                let (min, max) = (bound(min, "min", self), bound(max, "max", self));
                if let (Some(lo), Some(hi)) = (min, max) {
                    if lo > hi {
                        self.err(file, method, at, format!("min {lo} is above max {hi}"));
                    }
                }
                ArgType::Float { min, max }
            }
            "date" => {
                let formats = a.formats.clone().unwrap_or_else(|| vec!["ymd".to_owned()]);
                for f in &formats {
                    if !DATE_FORMATS.contains(&f.as_str()) {
                        self.err(
                            file,
                            method,
                            format!("{at}.formats"),
                            format!("unknown date format `{f}` (ymd, unix, mysql)"),
                        );
                    }
                }
                if formats.is_empty() {
                    self.err(
                        file,
                        method,
                        format!("{at}.formats"),
                        "a date needs at least one format",
                    );
                }
                ArgType::Date { formats }
            }
            "enum" => match (&a.values, &a.enum_name) {
                (Some(_), Some(_)) => {
                    self.err(
                        file,
                        method,
                        at,
                        "give either inline `values` or a shared `enum`, not both",
                    );
                    return None;
                }
                (None, None) => {
                    self.err(file, method, at, "an enum needs `values` or `enum`");
                    return None;
                }
                (None, Some(name)) => match enums.get(name) {
                    Some(def) => ArgType::Enum {
                        name: name.clone(),
                        shared: true,
                        values: def.values.iter().map(|v| v.wire.clone()).collect(),
                    },
                    None => {
                        self.err(
                            file,
                            method,
                            format!("{at}.enum"),
                            format!("unknown enum `{name}`"),
                        );
                        return None;
                    }
                },
                (Some(values), None) => {
                    let name = format!("{}{}", names::camel(short), names::camel(&a.name));
                    let values = self.enum_values(file, method, &format!("{at}.values"), values);
                    let wire = values.iter().map(|v| v.wire.clone()).collect();
                    inline_enums.push(EnumDef {
                        name: name.clone(),
                        doc: String::new(),
                        values,
                    });
                    ArgType::Enum {
                        name,
                        shared: false,
                        values: wire,
                    }
                }
            },
            id => ArgType::Id { id: id.to_owned() },
        })
    }

    /// Checks a default against the argument's type and returns its wire form.
    fn default_value(
        &mut self,
        file: &str,
        method: &str,
        at: &str,
        ty: &ArgType,
        d: &toml::Value,
    ) -> Option<String> {
        let field = format!("{at}.default");
        let fail = |this: &mut Self, why: String| {
            this.err(file, method, &field, why);
            None
        };
        match (ty, d) {
            (ArgType::Int { min, max }, toml::Value::Integer(n)) => {
                if min.is_some_and(|m| *n < m) || max.is_some_and(|m| *n > m) {
                    return fail(
                        self,
                        format!("default {n} is outside {}..={}", fmt_opt(min), fmt_opt(max)),
                    );
                }
                Some(n.to_string())
            }
            (ArgType::Float { min, max }, toml::Value::Float(_) | toml::Value::Integer(_)) => {
                let x = d
                    .as_float()
                    .unwrap_or_else(|| d.as_integer().unwrap_or_default() as f64);
                if min.is_some_and(|m| x < m) || max.is_some_and(|m| x > m) {
                    return fail(
                        self,
                        format!("default {x} is outside {}..={}", fmt_opt(min), fmt_opt(max)),
                    );
                }
                Some(x.to_string())
            }
            (ArgType::Bool, toml::Value::Boolean(b)) => Some(if *b { "1" } else { "0" }.to_owned()),
            (ArgType::Enum { values, .. }, toml::Value::String(s)) => {
                if !values.contains(s) {
                    return fail(
                        self,
                        format!(
                            "default `{s}` is not one of the enum values ({})",
                            values.join(", ")
                        ),
                    );
                }
                Some(s.clone())
            }
            (
                ArgType::Text | ArgType::String | ArgType::Id { .. } | ArgType::Date { .. },
                toml::Value::String(s),
            ) => Some(s.clone()),
            (ArgType::List { .. }, toml::Value::String(s)) => Some(s.clone()),
            (ty, d) => fail(
                self,
                format!("default `{d}` does not fit type {}", ty.short_name()),
            ),
        }
    }
}

fn fmt_opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map(|v| v.to_string()).unwrap_or_default()
}
