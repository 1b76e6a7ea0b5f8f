//! Arguments: list and scalar types, id kinds, int/float bounds, date
//! formats, enums (shared or inline) and defaults checked against the type.

use super::{Validator, ID_KINDS};
use crate::model::{Arg, ArgType, EnumDef};
use crate::names;
use crate::spec::ArgSpec;
use std::collections::BTreeMap;

const SCALAR_ARG_TYPES: &[&str] = &["text", "string", "int", "float", "bool", "date", "enum"];
const DATE_FORMATS: &[&str] = &["ymd", "unix", "mysql"];

impl Validator {
    pub(super) fn arg(
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
    pub(super) fn scalar_arg_type(
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
        if (min.is_some() || max.is_some()) && !matches!(ty, "int" | "float" | "enum") {
            self.err(
                file,
                method,
                at,
                "`min`/`max` only apply to int, float and numeric enums",
            );
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
                    Some(def) => {
                        let values = self.enum_range(file, method, at, def, min, max);
                        let from = def
                            .values
                            .iter()
                            .position(|v| values.first() == Some(&v.wire));
                        let run = from.and_then(|f| def.values.get(f..f + values.len()));
                        if run.is_some_and(|r| r.iter().zip(&values).any(|(v, w)| &v.wire != w)) {
                            self.err(
                                file,
                                method,
                                at,
                                format!("`min`/`max` must select consecutive values of `{name}`"),
                            );
                        }
                        ArgType::Enum {
                            name: name.clone(),
                            shared: true,
                            part_from: from.filter(|_| values.len() < def.values.len()),
                            values,
                        }
                    }
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
                    if min.is_some() || max.is_some() {
                        self.err(
                            file,
                            method,
                            at,
                            "`min`/`max` need a shared enum of integers",
                        );
                    }
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
                        part_from: None,
                    }
                }
            },
            id => ArgType::Id { id: id.to_owned() },
        })
    }

    /// The wire values an argument of a shared enum accepts: all of them,
    /// or, with `min`/`max` (numeric enums: levels such as accuracy), those
    /// in the range, so the registry's check keeps refusing the rest.
    fn enum_range(
        &mut self,
        file: &str,
        method: &str,
        at: &str,
        def: &EnumDef,
        min: Option<&toml::Value>,
        max: Option<&toml::Value>,
    ) -> Vec<String> {
        let all = def.values.iter().map(|v| v.wire.clone());
        if min.is_none() && max.is_none() {
            return all.collect();
        }
        let mut bound = |v: Option<&toml::Value>, which: &str| match v {
            None => None,
            Some(toml::Value::Integer(n)) => Some(*n),
            Some(other) => {
                self.err(
                    file,
                    method,
                    format!("{at}.{which}"),
                    format!("`{other}` is not an integer"),
                );
                None
            }
        };
        let (lo, hi) = (bound(min, "min"), bound(max, "max"));
        let mut kept = Vec::new();
        for wire in all {
            let Ok(n) = wire.parse::<i64>() else {
                self.err(
                    file,
                    method,
                    at,
                    format!(
                        "`min`/`max` need an enum of integers; `{}` has `{wire}`",
                        def.name
                    ),
                );
                return Vec::new();
            };
            if lo.is_none_or(|lo| n >= lo) && hi.is_none_or(|hi| n <= hi) {
                kept.push(wire);
            }
        }
        if kept.is_empty() {
            self.err(
                file,
                method,
                at,
                format!("no value of `{}` is in range", def.name),
            );
        }
        kept
    }

    /// Checks a default against the argument's type and returns its wire form.
    pub(super) fn default_value(
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
