//! A method's rustdoc: what it does, what it needs, its arguments with
//! their types, and where its page is.

use crate::model::{ArgType, Method, Perms};
use proc_macro2::TokenStream;
use quote::quote;

fn perms_text(p: Perms) -> &'static str {
    match p {
        Perms::None => "none",
        Perms::Read => "read",
        Perms::Write => "write",
        Perms::Delete => "delete",
    }
}

/// The method's rustdoc: summary, description, arguments, permissions, errors, link.
pub(super) fn method_doc(m: &Method) -> TokenStream {
    let mut text = String::new();
    let summary = if m.summary.trim().is_empty() {
        m.name.clone()
    } else {
        m.summary.trim().to_owned()
    };
    text.push_str(&format!("`{}`: {summary}\n\n", m.name));
    if !m.doc.trim().is_empty()
        && m.doc.trim().trim_end_matches('.') != m.summary.trim().trim_end_matches('.')
    {
        text.push_str(m.doc.trim());
        text.push_str("\n\n");
    }
    if let Some(note) = &m.deprecation_note {
        text.push_str(&format!("**Deprecated:** {note}\n\n"));
    }
    if let Some(why) = &m.not_in_reflection {
        text.push_str(&format!(
            "**Not listed by Flickr's reflection data:** {why}\n\n"
        ));
    }
    if !m.args.is_empty() {
        text.push_str("# Arguments\n\n");
        for a in &m.args {
            // Each argument's text is on its setter (or `new`, for required ones).
            text.push_str(&format!(
                "- `{}` ({}{}){}\n",
                a.name,
                type_text(&a.ty),
                if a.required { ", required" } else { "" },
                a.default
                    .as_ref()
                    .map(|d| format!(", default `{d}`"))
                    .unwrap_or_default(),
            ));
        }
        text.push('\n');
    }
    let auth = match (m.perms, m.login, m.signed) {
        (Perms::None, false, false) => "no authentication; an API key is enough".to_owned(),
        (Perms::None, _, _) => "signed call (API key and secret)".to_owned(),
        (p, _, _) => format!("an OAuth token with `{}` permission", perms_text(p)),
    };
    text.push_str(&format!(
        "# Permissions\n\nNeeds {auth}. Sent as HTTP {}.\n\n",
        if matches!(m.verb, crate::model::Verb::Post) {
            "POST (never retried automatically)"
        } else {
            "GET"
        }
    ));
    if let Some(p) = &m.paging {
        text.push_str(&format!(
            "Paged with `{}` and `{}`.\n\n",
            p.page, p.per_page
        ));
    }
    // The codes' names and texts are on the error enum's variants.
    let own: Vec<String> = m
        .errors
        .iter()
        .filter(|e| !e.generic)
        .map(|e| e.code.to_string())
        .collect();
    let generic: Vec<String> = m
        .errors
        .iter()
        .filter(|e| e.generic)
        .map(|e| e.code.to_string())
        .collect();
    text.push_str(&format!(
        "# Errors\n\n[`{}`]: {}; generic codes {}.\n",
        m.error_type_name(),
        if own.is_empty() {
            "no codes of its own".to_owned()
        } else {
            format!("codes {}", own.join(", "))
        },
        if generic.is_empty() {
            "none".to_owned()
        } else {
            generic.join(", ")
        }
    ));
    // Flickr has no documentation page for a method its reflection does not list.
    if m.not_in_reflection.is_none() {
        text.push_str(&format!(
            "\nFlickr documentation: <https://www.flickr.com/services/api/{}.html>",
            m.name
        ));
    }
    // The link must survive sanitization, so it is added after.
    let lines = super::docs::sanitize(&text)
        .into_iter()
        .map(|l| l.replace("&lt;https:", "<https:"));
    quote! { #( #[doc = #lines] )* }
}

pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An argument type as the rustdoc words it: [`described_type`] with each
/// enum named by a link to its Rust type.
pub(super) fn type_text(t: &ArgType) -> String {
    words(t, &|e| match e {
        EnumArg {
            name,
            shared: true,
            part: true,
            values,
        } => format!(
            "[`{name}`](crate::types::{name}) {}..={}",
            values.first().map_or("", String::as_str),
            values.last().map_or("", String::as_str)
        ),
        EnumArg {
            name, shared: true, ..
        } => format!("[`{name}`](crate::types::{name})"),
        EnumArg {
            name,
            shared: false,
            ..
        } => format!("[`{name}`]"),
    })
}

/// An argument type in words, as flickr-core's `ArgKind::describe` words it
/// at run time (`integer 1..=500`, `list of text separated by `,``,
/// `date (unix timestamp, YYYY-MM-DD HH:MM:SS)`): `type_text` with each
/// enum as its wire values instead of a link. flickr-sdk's tests check that
/// the two agree for every argument of the spec.
pub fn described_type(t: &ArgType) -> String {
    words(t, &|e| format!("one of: {}", e.values.join(", ")))
}

/// The parts of an [`ArgType::Enum`] its wording uses.
struct EnumArg<'a> {
    name: &'a str,
    shared: bool,
    part: bool,
    values: &'a [String],
}

/// The words for `t`, with `enum_text` wording each enum.
fn words(t: &ArgType, enum_text: &dyn Fn(EnumArg<'_>) -> String) -> String {
    match t {
        ArgType::Text => "text".into(),
        ArgType::String => "string".into(),
        ArgType::Int { min, max } => format!("integer{}", range_text(min, max)),
        ArgType::Float { min, max } => format!("number{}", range_text(min, max)),
        ArgType::Bool => "boolean (1 or 0)".into(),
        ArgType::Enum {
            name,
            shared,
            values,
            part_from,
        } => enum_text(EnumArg {
            name,
            shared: *shared,
            part: part_from.is_some(),
            values,
        }),
        ArgType::List { item, sep } => format!(
            "list of {} separated by `{}`",
            words(item, enum_text),
            if sep == " " { "space" } else { sep }
        ),
        ArgType::Date { formats } => format!(
            "date ({})",
            formats
                .iter()
                .map(|f| date_format_text(f))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ArgType::Id { id } => id.replace('_', " "),
    }
}

/// An inclusive range after a type's name: ` 1..=500`, ` >= 1`, ` <= 90`.
fn range_text<T: std::fmt::Display>(min: &Option<T>, max: &Option<T>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!(" {a}..={b}"),
        (Some(a), None) => format!(" >= {a}"),
        (None, Some(b)) => format!(" <= {b}"),
        (None, None) => String::new(),
    }
}

/// A date format the spec names (`ymd`, `unix`, `mysql`) as a person reads it.
fn date_format_text(format: &str) -> &str {
    match format {
        "ymd" => "YYYY-MM-DD",
        "unix" => "unix timestamp",
        "mysql" => "YYYY-MM-DD HH:MM:SS",
        // Validation admits only the three above.
        other => other,
    }
}
