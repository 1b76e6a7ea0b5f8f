//! Static descriptions of Flickr methods, as generated from `spec/`.
//!
//! The core knows nothing about individual methods; it is handed a
//! [`MethodInfo`] by the generated bindings (or looks one up in the
//! generated registry) and acts on its data: the HTTP verb, whether to sign,
//! which permission a token needs, and how to check argument values.
//!
//! This file holds the data and its descriptions; checking argument values
//! against it ([`MethodInfo::check_args`], [`ArgKind::check`], [`ArgProblem`])
//! lives in `check`.

use std::fmt;

mod check;
mod json;

pub use check::ArgProblem;

// HTTP verbs belong to the transport; the registry names each method's.
pub use crate::perms::Perms;
pub use crate::transport::Verb;

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

impl DateFormat {
    /// The spec's name for the format: `ymd`, `unix` or `mysql`.
    pub fn short_name(self) -> &'static str {
        match self {
            DateFormat::Ymd => "ymd",
            DateFormat::Unix => "unix",
            DateFormat::Mysql => "mysql",
        }
    }

    /// The format as a person reads it: `YYYY-MM-DD`, `unix timestamp`,
    /// `YYYY-MM-DD HH:MM:SS`.
    pub fn describe(self) -> &'static str {
        match self {
            DateFormat::Ymd => "YYYY-MM-DD",
            DateFormat::Unix => "unix timestamp",
            DateFormat::Mysql => "YYYY-MM-DD HH:MM:SS",
        }
    }
}

/// Declares [`IdKind`] from one list: each variant with the spec's name for
/// it, so the enum, [`IdKind::ALL`] and [`IdKind::short_name`] cannot disagree.
macro_rules! id_kinds {
    ($($variant:ident => $name:literal,)*) => {
        /// Kinds of identifier Flickr uses; all travel as strings.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        #[allow(missing_docs)]
        pub enum IdKind {
            $($variant,)*
        }

        impl IdKind {
            /// Every id kind, in the order of the spec's list (spec/README.md).
            pub const ALL: &'static [IdKind] = &[$(IdKind::$variant,)*];

            /// The spec's name for this id kind, e.g. `photo_id`.
            pub fn short_name(self) -> &'static str {
                match self {
                    $(IdKind::$variant => $name,)*
                }
            }
        }
    };
}

id_kinds! {
    Photo => "photo_id",
    Photoset => "photoset_id",
    User => "user_id",
    Group => "group_id",
    Gallery => "gallery_id",
    Collection => "collection_id",
    Place => "place_id",
    Woe => "woe_id",
    Comment => "comment_id",
    Note => "note_id",
    Topic => "topic_id",
    Reply => "reply_id",
    Tag => "tag_id",
    Ticket => "ticket_id",
    Suggestion => "suggestion_id",
    Testimonial => "testimonial_id",
}

impl IdKind {
    /// The id kind the spec names `name` (`photo_id`), if there is one.
    pub fn from_short_name(name: &str) -> Option<IdKind> {
        IdKind::ALL.iter().copied().find(|k| k.short_name() == name)
    }

    /// The kind as a person reads it: `photo id`, `woe id`.
    pub fn describe(self) -> String {
        self.short_name().replace('_', " ")
    }
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

impl ArgKind {
    /// A list of `item` values joined with `sep`.
    pub const fn list(item: &'static ArgKind, sep: &'static str) -> ArgKind {
        ArgKind::List { item, sep }
    }

    /// An integer within `min..=max` (either bound optional).
    pub const fn int(min: Option<i64>, max: Option<i64>) -> ArgKind {
        ArgKind::Int { min, max }
    }

    /// A number within `min..=max` (either bound optional).
    pub const fn float(min: Option<f64>, max: Option<f64>) -> ArgKind {
        ArgKind::Float { min, max }
    }

    /// A short human description of the type, e.g. `integer 1..=500`.
    pub fn describe(&self) -> String {
        match *self {
            ArgKind::Text => "text".to_owned(),
            ArgKind::String => "string".to_owned(),
            ArgKind::Id(kind) => kind.describe(),
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
    /// For a method Flickr's reflection data (`flickr.reflection.getMethods`)
    /// does not list, such as `flickr.video.getStreamInfo`: why it is
    /// modelled and where it is documented or seen in use. `None` for the
    /// methods Flickr lists.
    pub not_in_reflection: Option<&'static str>,
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
    /// The member of the answer object the typed response is read from
    /// (`photo` in `{"photo": {…}, "stat": "ok"}`); `None`: the whole
    /// object. [`Client::call`](crate::client::Client::call) decodes a
    /// registry method there, as its request builder does.
    pub root: Option<&'static str>,
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

/// An entry with nothing but a name and a verb (no arguments, no permission,
/// no login or signing required): the base the generated entries fill in
/// (`..raw_method(…)`). Calls of methods the registry does not know go
/// through `client::MethodRef::named` instead.
pub const fn raw_method(name: &'static str, verb: Verb) -> MethodInfo {
    MethodInfo {
        name,
        summary: "",
        verb,
        perms: Perms::None,
        needs_login: false,
        needs_signing: false,
        deprecated: false,
        not_in_reflection: None,
        args: &[],
        errors: &[],
        generic_errors: &[],
        paging: None,
        response: "serde_json::Value",
        root: None,
    }
}

// The two helpers below word ranges and date formats for both the
// descriptions above and the messages of `check`.

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
        .map(|f| f.describe())
        .collect::<Vec<_>>()
        .join(", ")
}
