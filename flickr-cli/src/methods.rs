//! `flickr methods`: the offline API explorer over the generated registry.

use crate::cli::{MethodsArgs, MethodsCommand};
use crate::fail::{Fail, Result};
use crate::output::{emit_bytes, emit_json};
use flickr_sdk::registry::MethodInfo;
use flickr_sdk::registry::{find, METHODS};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// Runs `flickr methods …`.
pub fn run(args: &MethodsArgs) -> Result<()> {
    match &args.command {
        Some(MethodsCommand::Show { name, json }) => {
            let method = lookup(name)?;
            if *json || args.json {
                emit_json(&method_json(method));
            } else {
                emit_bytes(method_text(method).as_bytes());
            }
            Ok(())
        }
        None => list(args.namespace.as_deref(), args.json),
    }
}

/// The registry entry named `name` (with or without `flickr.`), or an error
/// suggesting close names.
pub fn lookup(name: &str) -> Result<&'static MethodInfo> {
    let full = full_name(name);
    if let Some(m) = find(&full) {
        return Ok(m);
    }
    let last = full.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let mut close: Vec<&str> = METHODS
        .iter()
        .filter(|m| {
            let lower = m.name.to_ascii_lowercase();
            (!last.is_empty() && lower.rsplit('.').next().unwrap_or("").contains(&last))
                || edit_distance(&lower, &full.to_ascii_lowercase()) <= 3
        })
        .map(|m| m.name)
        .take(8)
        .collect();
    close.dedup();
    let hint = if close.is_empty() {
        "run `flickr methods` to list them".to_owned()
    } else {
        format!("did you mean: {}?", close.join(", "))
    };
    Err(Fail::usage(format!(
        "Flickr has no method `{name}`; {hint}"
    )))
}

fn full_name(name: &str) -> String {
    let name = name.trim();
    if name.to_ascii_lowercase().starts_with("flickr.") {
        name.to_owned()
    } else {
        format!("flickr.{name}")
    }
}

fn list(namespace: Option<&str>, as_json: bool) -> Result<()> {
    let prefix = namespace.map(|ns| {
        let full = full_name(ns.trim_end_matches('.'));
        format!("{}.", full.to_ascii_lowercase())
    });
    let selected: Vec<&MethodInfo> = METHODS
        .iter()
        .copied()
        .filter(|m| match prefix.as_deref() {
            Some(p) => m.name.to_ascii_lowercase().starts_with(p),
            None => true,
        })
        .collect();
    if selected.is_empty() {
        let mut namespaces: Vec<&str> = METHODS
            .iter()
            .filter_map(|m| m.name.split('.').nth(1))
            .collect();
        namespaces.dedup();
        return Err(Fail::usage(format!(
            "no methods in namespace `{}`; namespaces: {}",
            namespace.unwrap_or_default(),
            namespaces.join(", ")
        )));
    }
    if as_json {
        emit_json(&Value::Array(
            selected
                .iter()
                .map(|m| {
                    json!({
                        "name": m.name,
                        "summary": m.summary,
                        "verb": m.verb.as_str(),
                        "perms": m.perms.as_str(),
                        "deprecated": m.deprecated,
                        "not_in_reflection": m.not_in_reflection,
                        "paged": m.paging.is_some(),
                    })
                })
                .collect(),
        ));
        return Ok(());
    }
    let width = selected.iter().map(|m| m.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for m in &selected {
        let mut flags = String::new();
        if m.deprecated {
            flags.push_str(" [deprecated]");
        }
        if m.not_in_reflection.is_some() {
            flags.push_str(" [not in Flickr's reflection]");
        }
        let _ = writeln!(
            out,
            "{:width$}  {:6}  {}{}",
            m.name,
            m.perms.as_str(),
            m.summary,
            flags
        );
    }
    let _ = writeln!(
        out,
        "\n{} methods; `flickr methods show NAME` describes one",
        selected.len()
    );
    emit_bytes(out.as_bytes());
    Ok(())
}

/// The text of `flickr methods show`.
pub fn method_text(m: &MethodInfo) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", m.name);
    if m.deprecated {
        let _ = writeln!(
            out,
            "  DEPRECATED: kept for completeness; Flickr may refuse it"
        );
    }
    let _ = writeln!(out, "  {}", m.summary);
    if let Some(why) = m.not_in_reflection {
        let _ = writeln!(out);
        let _ = writeln!(out, "  Not listed by Flickr's reflection data:");
        for line in wrap(why, 72) {
            let _ = writeln!(out, "{}", indent("    ", &line));
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "  verb:    {}", m.verb.as_str());
    let _ = writeln!(
        out,
        "  perms:   {}{}",
        m.perms.as_str(),
        if m.needs_login {
            " (needs a logged-in user: `flickr auth login`)"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "  signed:  {}",
        if m.needs_signing || m.needs_login {
            "yes"
        } else {
            "no"
        }
    );
    if let Some(p) = &m.paging {
        let _ = writeln!(
            out,
            "  paged:   `{}` / `{}` (`flickr call {} --all` fetches every page)",
            p.page_arg, p.per_page_arg, m.name
        );
    }
    let _ = writeln!(out, "  returns: {}", m.response);
    if m.not_in_reflection.is_some() {
        let _ = writeln!(out, "  docs:    none on flickr.com (see above)");
    } else {
        let _ = writeln!(out, "  docs:    {}", m.doc_url());
    }
    let _ = writeln!(out);
    if m.args.is_empty() {
        let _ = writeln!(out, "Arguments: none");
    } else {
        let _ = writeln!(out, "Arguments:");
        for a in m.args {
            let mut head = format!("  {}", a.name);
            head.push_str(if a.required {
                "  (required)"
            } else {
                "  (optional)"
            });
            let _ = writeln!(out, "{head}");
            let _ = writeln!(out, "      type:    {}", a.kind.describe());
            if let Some(d) = a.default {
                let _ = writeln!(out, "      default: {d}");
            }
            if !a.doc.is_empty() {
                for line in wrap(a.doc, 72) {
                    let _ = writeln!(out, "{}", indent("      ", &line));
                }
            }
        }
    }
    let _ = writeln!(out);
    if m.all_errors().next().is_none() {
        let _ = writeln!(out, "Errors: none documented");
    } else {
        let _ = writeln!(out, "Errors:");
        for e in m.all_errors() {
            let _ = writeln!(out, "  {:>4}  {}: {}", e.code, e.name, e.message);
            if !e.doc.is_empty() && e.doc != e.message {
                for line in wrap(e.doc, 70) {
                    let _ = writeln!(out, "{}", indent("        ", &line));
                }
            }
        }
    }
    out
}

/// The JSON of `flickr methods show --json`.
pub fn method_json(m: &MethodInfo) -> Value {
    json!({
        "name": m.name,
        "summary": m.summary,
        "verb": m.verb.as_str(),
        "perms": m.perms.as_str(),
        "needs_login": m.needs_login,
        "needs_signing": m.needs_signing,
        "deprecated": m.deprecated,
        "not_in_reflection": m.not_in_reflection,
        "response": m.response,
        "doc_url": m.doc_url(),
        "paging": m.paging.map(|p| json!({"page_arg": p.page_arg, "per_page_arg": p.per_page_arg})),
        "args": m.args.iter().map(|a| json!({
            "name": a.name,
            "type": a.kind.short_name(),
            "description": a.kind.describe(),
            "constraints": a.kind.constraints_json(),
            "required": a.required,
            "default": a.default,
            "doc": a.doc,
        })).collect::<Vec<_>>(),
        "errors": m.all_errors().map(|e| json!({
            "code": e.code,
            "name": e.name,
            "message": e.message,
            "doc": e.doc,
        })).collect::<Vec<_>>(),
    })
}

/// `line` after `pad`, without trailing spaces on blank lines.
fn indent(pad: &str, line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!("{pad}{line}")
    }
}

/// Greedy word wrap.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_suggest_close_ones() {
        let err = lookup("photos.serach").unwrap_err();
        assert!(
            err.message.contains("flickr.photos.search"),
            "{}",
            err.message
        );
        assert!(lookup("stats.getPhotostreamReferrers").is_ok());
        assert!(lookup("FLICKR.PHOTOS.SEARCH").is_ok());
    }

    #[test]
    fn wrap_keeps_words_whole() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert!(wrap("", 5).is_empty());
    }
}
