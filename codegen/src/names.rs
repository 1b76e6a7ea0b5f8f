//! Rust names for spec names: types, functions, fields, variants.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves; an identifier equal to one gets a trailing `_`.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else", "enum",
    "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
    "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "unsafe", "use", "where", "while", "yield", "abstract", "become", "do",
    "final", "macro", "override", "priv", "typeof", "unsized", "virtual",
];

/// `getPhotostreamReferrers` → `get_photostream_referrers`; keywords get a trailing `_`.
pub fn snake(name: &str) -> String {
    escape(name.to_snake_case())
}

/// `getPhotostreamReferrers` / `date-posted-asc` → `GetPhotostreamReferrers` / `DatePostedAsc`.
pub fn camel(name: &str) -> String {
    escape(name.to_upper_camel_case())
}

fn escape(ident: String) -> String {
    if KEYWORDS.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        ident
    }
}

/// Whether `name` is a usable Rust identifier (ASCII letters, digits, `_`, not starting with a digit).
pub fn is_ident(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&name)
}

/// Whether `name` is UpperCamelCase.
pub fn is_camel(name: &str) -> bool {
    is_ident(name) && name.starts_with(|c: char| c.is_ascii_uppercase()) && !name.contains('_')
}

/// `flickr.photos.geo.getLocation` → (`["photos", "geo"]`, `getLocation`).
pub fn split_method(name: &str) -> Option<(Vec<String>, String)> {
    let rest = name.strip_prefix("flickr.")?;
    let (ns, short) = rest.rsplit_once('.')?;
    Some((ns.split('.').map(str::to_owned).collect(), short.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            snake("getPhotostreamReferrers"),
            "get_photostream_referrers"
        );
        assert_eq!(camel("date-posted-asc"), "DatePostedAsc");
        assert_eq!(snake("type"), "type_");
        assert!(!is_ident("1"));
        assert!(is_camel("PhotoNotFound"));
        assert_eq!(
            split_method("flickr.photos.geo.getLocation"),
            Some((vec!["photos".into(), "geo".into()], "getLocation".into()))
        );
    }
}
