//! Checking argument values against a method's description before anything
//! is sent: [`MethodInfo::check_args`], [`ArgKind::check`] and the
//! [`ArgProblem`] they report.

use std::fmt;

use super::{describe_formats, describe_range, ArgKind, DateFormat, MethodInfo};
use crate::params::Params;

/// Why an argument was refused before any request was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgProblem {
    /// The argument's wire name.
    pub arg: String,
    /// What is wrong and what is allowed.
    pub reason: String,
}

impl fmt::Display for ArgProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "argument `{}`: {}", self.arg, self.reason)
    }
}

impl std::error::Error for ArgProblem {}

/// Arguments every call may carry that no method lists.
const IMPLICIT_ARGS: &[&str] = &["api_key", "method", "format", "nojsoncallback"];

impl MethodInfo {
    /// Checks `params` against this method's declared arguments: unknown
    /// names, missing required arguments, and values outside their type
    /// (ranges, enum values, date formats, list items).
    ///
    /// A method without declared arguments (an unknown method called by name)
    /// accepts anything. Arguments from a generated builder
    /// (`Params::typed`) are checked only where their types cannot vouch
    /// for them: names, required arguments, booleans and text are the
    /// compiler's business.
    pub fn check_args(&self, params: &Params) -> Result<(), ArgProblem> {
        if self.args.is_empty() && self.response == "serde_json::Value" {
            return Ok(());
        }
        let typed = params.is_typed();
        for (name, value) in params.iter() {
            if IMPLICIT_ARGS.contains(&name) || name.starts_with("oauth_") {
                continue;
            }
            if typed {
                if let Some(arg) = self.arg(name) {
                    if !arg.kind.vouched_for_by_its_type() {
                        arg.kind.check(value).map_err(|reason| ArgProblem {
                            arg: name.to_owned(),
                            reason,
                        })?;
                    }
                    continue;
                }
            }
            let Some(arg) = self.arg(name) else {
                let known: Vec<&str> = self.args.iter().map(|a| a.name).collect();
                return Err(ArgProblem {
                    arg: name.to_owned(),
                    reason: format!(
                        "{} has no such argument; it takes: {}",
                        self.name,
                        if known.is_empty() {
                            "none".to_owned()
                        } else {
                            known.join(", ")
                        }
                    ),
                });
            };
            arg.kind.check(value).map_err(|reason| ArgProblem {
                arg: name.to_owned(),
                reason,
            })?;
        }
        if typed {
            // Required arguments are the builder's constructor parameters.
            return Ok(());
        }
        if let Some(missing) = self
            .args
            .iter()
            .find(|a| a.required && params.get(a.name).is_none())
        {
            return Err(ArgProblem {
                arg: missing.name.to_owned(),
                reason: format!("{} requires it ({})", self.name, missing.kind.describe()),
            });
        }
        Ok(())
    }
}

impl ArgKind {
    /// Whether a value from a typed setter is always valid for this kind
    /// (text, booleans, and lists of them), so it needs no check. Enums are
    /// checked: an argument may take only part of its enum (a level enum
    /// whose `0` only answers carry, as with accuracy).
    pub fn vouched_for_by_its_type(&self) -> bool {
        match self {
            ArgKind::Text | ArgKind::String | ArgKind::Bool => true,
            ArgKind::List { item, .. } => item.vouched_for_by_its_type(),
            ArgKind::Enum(_)
            | ArgKind::Id(_)
            | ArgKind::Int { .. }
            | ArgKind::Float { .. }
            | ArgKind::Date(_) => false,
        }
    }

    /// Checks one wire value; the error says what is allowed.
    pub fn check(&self, value: &str) -> Result<(), String> {
        match *self {
            ArgKind::Text | ArgKind::String => Ok(()),
            ArgKind::Id(_) => {
                if value.trim().is_empty() {
                    Err("an id must not be empty".to_owned())
                } else {
                    Ok(())
                }
            }
            ArgKind::Int { min, max } => {
                let n: i64 = value
                    .trim()
                    .parse()
                    .map_err(|_| format!("`{value}` is not an integer"))?;
                check_range(n, min, max, value)
            }
            ArgKind::Float { min, max } => {
                let x: f64 = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|x: &f64| x.is_finite())
                    .ok_or_else(|| format!("`{value}` is not a number"))?;
                check_range(x, min, max, value)
            }
            ArgKind::Bool => match value {
                "0" | "1" => Ok(()),
                _ => Err(format!("`{value}` is not a boolean; use 1 or 0")),
            },
            ArgKind::Enum(values) => {
                if values.contains(&value) {
                    Ok(())
                } else {
                    Err(format!(
                        "`{value}` is not allowed; use one of: {}",
                        values.join(", ")
                    ))
                }
            }
            ArgKind::List { item, sep } => {
                let trimmed = if sep == " " { value.trim() } else { value };
                if trimmed.is_empty() {
                    return Ok(());
                }
                for part in trimmed.split(sep) {
                    let part = if sep == " " { part } else { part.trim() };
                    if part.is_empty() && sep == " " {
                        continue;
                    }
                    item.check(part).map_err(|e| format!("list item {e}"))?;
                }
                Ok(())
            }
            ArgKind::Date(formats) => {
                let ok = match crate::values::DateValue::parse(value) {
                    Some(crate::values::DateValue::Ymd { .. }) => {
                        formats.contains(&DateFormat::Ymd)
                    }
                    Some(crate::values::DateValue::Unix(_)) => formats.contains(&DateFormat::Unix),
                    Some(crate::values::DateValue::DateTime { .. }) => {
                        formats.contains(&DateFormat::Mysql)
                    }
                    None => false,
                };
                if ok {
                    Ok(())
                } else {
                    Err(format!(
                        "`{value}` is not a date in an accepted form ({})",
                        describe_formats(formats)
                    ))
                }
            }
        }
    }
}

fn check_range<T: PartialOrd + fmt::Display + Copy>(
    n: T,
    min: Option<T>,
    max: Option<T>,
    raw: &str,
) -> Result<(), String> {
    if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
        let range = describe_range(min, max);
        return Err(format!("`{raw}` is out of range (allowed:{range})"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{ArgInfo, IdKind, Perms, Verb};

    static EXTRAS: ArgKind = ArgKind::Enum(&["url_m", "geo"]);
    static TEST_METHOD: MethodInfo = MethodInfo {
        name: "flickr.test.method",
        summary: "",
        verb: Verb::Get,
        perms: Perms::None,
        needs_login: false,
        needs_signing: false,
        deprecated: false,
        not_in_reflection: None,
        args: &[
            ArgInfo {
                name: "photo_id",
                kind: ArgKind::Id(IdKind::Photo),
                required: true,
                default: None,
                doc: "",
            },
            ArgInfo {
                name: "per_page",
                kind: ArgKind::Int {
                    min: Some(1),
                    max: Some(500),
                },
                required: false,
                default: Some("100"),
                doc: "",
            },
            ArgInfo {
                name: "extras",
                kind: ArgKind::List {
                    item: &EXTRAS,
                    sep: ",",
                },
                required: false,
                default: None,
                doc: "",
            },
            ArgInfo {
                name: "min_date",
                kind: ArgKind::Date(&[DateFormat::Unix]),
                required: false,
                default: None,
                doc: "",
            },
            ArgInfo {
                name: "hidden",
                kind: ArgKind::Bool,
                required: false,
                default: None,
                doc: "",
            },
        ],
        errors: &[],
        generic_errors: &[],
        paging: None,
        response: "Test",
        root: None,
    };

    fn params(pairs: &[(&'static str, &str)]) -> Params {
        pairs.iter().map(|(k, v)| (*k, *v)).collect()
    }

    #[test]
    fn accepts_well_typed_arguments() {
        let p = params(&[
            ("photo_id", "1"),
            ("per_page", "500"),
            ("extras", "url_m,geo"),
            ("min_date", "1700000000"),
            ("hidden", "1"),
        ]);
        assert_eq!(TEST_METHOD.check_args(&p), Ok(()));
    }

    #[test]
    fn names_the_argument_and_what_is_allowed() {
        type Case = (
            &'static [(&'static str, &'static str)],
            &'static str,
            &'static str,
        );
        let cases: &[Case] = &[
            (&[], "photo_id", "requires it"),
            (
                &[("photo_id", "1"), ("per_page", "501")],
                "per_page",
                "out of range (allowed: 1..=500)",
            ),
            (
                &[("photo_id", "1"), ("per_page", "many")],
                "per_page",
                "not an integer",
            ),
            (
                &[("photo_id", "1"), ("extras", "url_m,nope")],
                "extras",
                "use one of: url_m, geo",
            ),
            (
                &[("photo_id", "1"), ("min_date", "2024-01-01")],
                "min_date",
                "unix timestamp",
            ),
            (
                &[("photo_id", "1"), ("hidden", "yes")],
                "hidden",
                "use 1 or 0",
            ),
            (
                &[("photo_id", "1"), ("colour", "red")],
                "colour",
                "no such argument",
            ),
        ];
        for (pairs, arg, needle) in cases {
            let err = TEST_METHOD.check_args(&params(pairs)).unwrap_err();
            assert_eq!(err.arg, *arg);
            assert!(
                err.to_string().contains(needle),
                "{err} should mention {needle}"
            );
        }
    }

    #[test]
    fn typed_arguments_are_checked_only_where_types_cannot_vouch() {
        static M: MethodInfo = MethodInfo {
            args: &[
                ArgInfo::optional(
                    "per_page",
                    ArgKind::Int {
                        min: Some(1),
                        max: Some(500),
                    },
                    None,
                    "n",
                ),
                ArgInfo::optional("sort", ArgKind::Enum(&["a", "b"]), None, "s"),
                ArgInfo::required("photo_id", ArgKind::Id(IdKind::Photo), "p"),
            ],
            ..crate::registry::raw_method("flickr.x.y", Verb::Get)
        };
        let mut p = Params::typed();
        p.push("sort", "a");
        assert!(M.check_args(&p).is_ok(), "required args are the compiler's");
        // An argument may take part of its enum only (accuracy 1–16 of a
        // level enum whose 0 only answers carry): enums are checked.
        let mut outside = Params::typed();
        outside.push("sort", "c");
        assert_eq!(M.check_args(&outside).unwrap_err().arg, "sort");
        p.push("per_page", 501);
        let e = M.check_args(&p).unwrap_err();
        assert_eq!(e.arg, "per_page");
        let mut p = Params::typed();
        p.push("photo_id", "");
        assert_eq!(M.check_args(&p).unwrap_err().arg, "photo_id");
        let mut untyped = Params::new();
        untyped.push("sort", "c");
        assert_eq!(M.check_args(&untyped).unwrap_err().arg, "sort");
        let _ = Perms::None;
    }
}
