//! Static descriptions of Flickr methods, as generated from `spec/`.
//!
//! The core knows nothing about individual methods; it is handed a
//! [`MethodInfo`] by the generated bindings (or looks one up in the
//! generated registry) and acts on its data: the HTTP verb, whether to sign,
//! which permission a token needs, and how to check argument values.

use crate::params::Params;
use std::fmt;

/// HTTP verb a method is called with. Flickr: GET for `none`/`read`, POST for `write`/`delete`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verb {
    /// Query-string request; safe to retry.
    Get,
    /// Form-body request; a write, never retried automatically.
    Post,
}

impl Verb {
    /// `"GET"` or `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
        }
    }
}

/// Permission an OAuth token must hold to call a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Perms {
    /// No authentication needed.
    None,
    /// Read private data.
    Read,
    /// Read and write.
    Write,
    /// Read, write and delete.
    Delete,
}

impl Perms {
    /// Flickr's wire name (`none`, `read`, `write`, `delete`).
    pub fn as_str(self) -> &'static str {
        match self {
            Perms::None => "none",
            Perms::Read => "read",
            Perms::Write => "write",
            Perms::Delete => "delete",
        }
    }

    /// Parses Flickr's wire name.
    pub fn parse(s: &str) -> Option<Perms> {
        Some(match s {
            "none" => Perms::None,
            "read" => Perms::Read,
            "write" => Perms::Write,
            "delete" => Perms::Delete,
            _ => return None,
        })
    }
}

impl fmt::Display for Perms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Wire formats a date argument accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateFormat {
    /// `YYYY-MM-DD`.
    Ymd,
    /// Seconds since the Unix epoch.
    Unix,
    /// MySQL datetime, `YYYY-MM-DD HH:MM:SS`.
    Mysql,
}

/// Kinds of identifier Flickr uses; all travel as strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[allow(missing_docs)]
pub enum IdKind {
    Photo,
    Photoset,
    User,
    Group,
    Gallery,
    Collection,
    Place,
    Woe,
    Comment,
    Note,
    Topic,
    Reply,
    Tag,
    Ticket,
    Suggestion,
    Testimonial,
}

/// The type of one argument, as the spec declares it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ArgKind {
    /// Human-written text (titles, descriptions, search text).
    Text,
    /// An opaque machine string (hostname, URL, token).
    String,
    /// An integer, optionally bounded (inclusive).
    Int {
        /// Smallest allowed value.
        min: Option<i64>,
        /// Largest allowed value.
        max: Option<i64>,
    },
    /// A floating-point number, optionally bounded (inclusive).
    Float {
        /// Smallest allowed value.
        min: Option<f64>,
        /// Largest allowed value.
        max: Option<f64>,
    },
    /// `0`/`1` on the wire.
    Bool,
    /// One of a documented set of wire values.
    Enum(&'static [&'static str]),
    /// Several values joined by `sep`.
    List {
        /// Type of each item.
        item: &'static ArgKind,
        /// Separator on the wire (`,` for extras, ` ` for tags).
        sep: &'static str,
    },
    /// A date or time in one of the listed wire formats.
    Date(&'static [DateFormat]),
    /// An identifier of the given kind.
    Id(IdKind),
}

/// One argument of a method.
#[derive(Debug, Clone, Copy)]
pub struct ArgInfo {
    /// Wire name.
    pub name: &'static str,
    /// Declared type.
    pub kind: ArgKind,
    /// Whether Flickr requires it.
    pub required: bool,
    /// Flickr's documented default, as a wire value.
    pub default: Option<&'static str>,
    /// Documentation, plain text.
    pub doc: &'static str,
}

impl ArgInfo {
    /// A required argument (no default).
    pub const fn required(name: &'static str, kind: ArgKind, doc: &'static str) -> ArgInfo {
        ArgInfo {
            name,
            kind,
            required: true,
            default: None,
            doc,
        }
    }

    /// An optional argument with Flickr's default, if it documents one.
    pub const fn optional(
        name: &'static str,
        kind: ArgKind,
        default: Option<&'static str>,
        doc: &'static str,
    ) -> ArgInfo {
        ArgInfo {
            name,
            kind,
            required: false,
            default,
            doc,
        }
    }
}

/// One error code a method may answer with.
#[derive(Debug, Clone, Copy)]
pub struct ErrorInfo {
    /// Flickr's numeric code.
    pub code: u32,
    /// Rust-friendly name (the variant name in the method's error enum).
    pub name: &'static str,
    /// Flickr's message.
    pub message: &'static str,
    /// Flickr's longer explanation.
    pub doc: &'static str,
}

/// Where paging lives for a paged method.
#[derive(Debug, Clone, Copy)]
pub struct PagingInfo {
    /// Name of the page-number argument.
    pub page_arg: &'static str,
    /// Name of the page-size argument.
    pub per_page_arg: &'static str,
}

impl PagingInfo {
    /// `page` and `per_page`, as most paged methods name them.
    pub const PAGE_PER_PAGE: PagingInfo = PagingInfo {
        page_arg: "page",
        per_page_arg: "per_page",
    };
}

/// Everything the runtime, the CLI and the loopback server need to know about one method.
#[derive(Debug, Clone, Copy)]
pub struct MethodInfo {
    /// Full name, e.g. `flickr.photos.search`.
    pub name: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// HTTP verb.
    pub verb: Verb,
    /// Permission the caller's token needs.
    pub perms: Perms,
    /// Whether Flickr requires an authenticated user.
    pub needs_login: bool,
    /// Whether Flickr requires a signed request.
    pub needs_signing: bool,
    /// Legacy method kept for completeness.
    pub deprecated: bool,
    /// Arguments, in Flickr's order (`api_key` excluded: the client adds it).
    pub args: &'static [ArgInfo],
    /// The method's own error codes.
    pub errors: &'static [ErrorInfo],
    /// The generic codes (95–116) it can answer with: entries of one shared
    /// table, referred to by every method.
    pub generic_errors: &'static [&'static ErrorInfo],
    /// Paging arguments, if the method pages.
    pub paging: Option<PagingInfo>,
    /// Name of the generated response type.
    pub response: &'static str,
}

impl MethodInfo {
    /// The argument named `name`.
    pub fn arg(&self, name: &str) -> Option<&'static ArgInfo> {
        self.args.iter().find(|a| a.name == name)
    }

    /// The error with Flickr code `code`.
    pub fn error(&self, code: u32) -> Option<&'static ErrorInfo> {
        self.all_errors().find(|e| e.code == code)
    }

    /// Every error code: the method's own, then the generic ones.
    pub fn all_errors(&self) -> impl Iterator<Item = &'static ErrorInfo> {
        self.errors
            .iter()
            .chain(self.generic_errors.iter().copied())
    }

    /// Flickr's documentation page for this method.
    pub fn doc_url(&self) -> String {
        format!("https://www.flickr.com/services/api/{}.html", self.name)
    }
}

/// A "calls any method by name" description, for `call_raw` and unknown methods.
/// Verb and signing are inferred from the credentials at hand.
pub const fn raw_method(name: &'static str, verb: Verb) -> MethodInfo {
    MethodInfo {
        name,
        summary: "",
        verb,
        perms: Perms::None,
        needs_login: false,
        needs_signing: false,
        deprecated: false,
        args: &[],
        errors: &[],
        generic_errors: &[],
        paging: None,
        response: "serde_json::Value",
    }
}

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
    /// accepts anything.
    pub fn check_args(&self, params: &Params) -> Result<(), ArgProblem> {
        if self.args.is_empty() && self.response == "serde_json::Value" {
            return Ok(());
        }
        for (name, value) in params.iter() {
            if IMPLICIT_ARGS.contains(&name) || name.starts_with("oauth_") {
                continue;
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
    /// A list of `item` values joined with `sep`.
    pub const fn list(item: &'static ArgKind, sep: &'static str) -> ArgKind {
        ArgKind::List { item, sep }
    }
}

impl ArgKind {
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

    /// A short human description of the type, e.g. `integer 1..=500`.
    pub fn describe(&self) -> String {
        match *self {
            ArgKind::Text => "text".to_owned(),
            ArgKind::String => "string".to_owned(),
            ArgKind::Id(kind) => format!("{} id", format!("{kind:?}").to_lowercase()),
            ArgKind::Int { min, max } => format!("integer{}", describe_range(min, max)),
            ArgKind::Float { min, max } => format!("number{}", describe_range(min, max)),
            ArgKind::Bool => "boolean (1 or 0)".to_owned(),
            ArgKind::Enum(values) => format!("one of: {}", values.join(", ")),
            ArgKind::List { item, sep } => {
                let sep = if sep == " " { "space" } else { sep };
                format!("list of {} separated by `{sep}`", item.describe())
            }
            ArgKind::Date(formats) => format!("date ({})", describe_formats(formats)),
        }
    }

    /// The short kind name used by `codegen dump` and the CLI
    /// (`text`, `string`, `int`, `float`, `bool`, `enum`, `list`, `date`, `photo_id`, …).
    pub fn short_name(&self) -> &'static str {
        match *self {
            ArgKind::Text => "text",
            ArgKind::String => "string",
            ArgKind::Int { .. } => "int",
            ArgKind::Float { .. } => "float",
            ArgKind::Bool => "bool",
            ArgKind::Enum(_) => "enum",
            ArgKind::List { .. } => "list",
            ArgKind::Date(_) => "date",
            ArgKind::Id(kind) => kind.short_name(),
        }
    }
}

impl IdKind {
    /// The spec's name for this id kind, e.g. `photo_id`.
    pub fn short_name(self) -> &'static str {
        match self {
            IdKind::Photo => "photo_id",
            IdKind::Photoset => "photoset_id",
            IdKind::User => "user_id",
            IdKind::Group => "group_id",
            IdKind::Gallery => "gallery_id",
            IdKind::Collection => "collection_id",
            IdKind::Place => "place_id",
            IdKind::Woe => "woe_id",
            IdKind::Comment => "comment_id",
            IdKind::Note => "note_id",
            IdKind::Topic => "topic_id",
            IdKind::Reply => "reply_id",
            IdKind::Tag => "tag_id",
            IdKind::Ticket => "ticket_id",
            IdKind::Suggestion => "suggestion_id",
            IdKind::Testimonial => "testimonial_id",
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

fn describe_range<T: fmt::Display>(min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!(" {a}..={b}"),
        (Some(a), None) => format!(" >= {a}"),
        (None, Some(b)) => format!(" <= {b}"),
        (None, None) => String::new(),
    }
}

fn describe_formats(formats: &[DateFormat]) -> String {
    formats
        .iter()
        .map(|f| match f {
            DateFormat::Ymd => "YYYY-MM-DD",
            DateFormat::Unix => "unix timestamp",
            DateFormat::Mysql => "YYYY-MM-DD HH:MM:SS",
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    static EXTRAS: ArgKind = ArgKind::Enum(&["url_m", "geo"]);
    static TEST_METHOD: MethodInfo = MethodInfo {
        name: "flickr.test.method",
        summary: "",
        verb: Verb::Get,
        perms: Perms::None,
        needs_login: false,
        needs_signing: false,
        deprecated: false,
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
}
