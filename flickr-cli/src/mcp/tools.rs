//! The tool list: the generic tools, the task tools, and with `--tools all`
//! one tool per method, each with its JSON Schema (the generated one for a
//! method). Listing costs no API call.

use super::safety::Allowed;
use crate::cli::ToolSet;
use flickr_sdk::registry::METHODS;
use flickr_sdk::registry::{MethodInfo, Perms};
use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use serde_json::{json, Value};
use std::sync::Arc;

/// The generic tools.
pub const METHODS_TOOL: &str = "flickr_methods";
/// One method's description.
pub const METHOD_INFO_TOOL: &str = "flickr_method_info";
/// Any method.
pub const CALL_TOOL: &str = "flickr_call";

/// The tool named after a method: `flickr.photos.search` → `flickr_photos_search`.
pub fn method_tool_name(method: &str) -> String {
    method.replace('.', "_")
}

/// The method a per-method tool name stands for.
pub fn method_of_tool(tool: &str) -> Option<&'static MethodInfo> {
    METHODS
        .iter()
        .copied()
        .find(|m| method_tool_name(m.name) == tool)
}

/// The JSON Schema of `method`'s arguments, as generated from the spec.
pub fn method_schema(method: &str) -> Option<JsonObject> {
    let entry = flickr_sdk::schemas::find(method)?;
    match serde_json::from_str(entry.schema) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

fn object(v: Value) -> Arc<JsonObject> {
    match v {
        Value::Object(map) => Arc::new(map),
        _ => Arc::new(JsonObject::new()),
    }
}

fn read_only(tool: Tool) -> Tool {
    let mut a = ToolAnnotations::new();
    a.read_only_hint = Some(true);
    a.open_world_hint = Some(true);
    tool.annotate(a)
}

/// Every tool the server lists: the generic tools, `task_tools`, and with
/// `--tools all` one per method.
pub fn list(set: ToolSet, allowed: Allowed, task_tools: Vec<Tool>) -> Vec<Tool> {
    let mut tools = vec![
        read_only(Tool::new(
            METHODS_TOOL,
            "Find Flickr API methods by words or namespace (offline): names, summaries, \
             the permission each needs, and whether this server allows it.",
            object(json!({
                "type": "object",
                "properties": {
                    "query": {"type": "string", "description": "Words to look for in names and summaries, e.g. `album photos`."},
                    "namespace": {"type": "string", "description": "Only this namespace, e.g. `photos.geo` or `flickr.people`."},
                },
                "additionalProperties": false,
            })),
        )),
        read_only(Tool::new(
            METHOD_INFO_TOOL,
            "Describe one Flickr API method (offline): arguments with their JSON Schema, \
             permission, paging and error codes.",
            object(json!({
                "type": "object",
                "properties": {"method": {"type": "string", "description": "e.g. flickr.photos.search (the `flickr.` prefix may be left out)"}},
                "required": ["method"],
                "additionalProperties": false,
            })),
        )),
        Tool::new(
            CALL_TOOL,
            format!(
                "Call any Flickr API method with arguments as its schema (flickr_method_info) \
                 describes; they are checked before anything is sent. This server allows {} methods.",
                allowed.describe()
            ),
            object(json!({
                "type": "object",
                "properties": {
                    "method": {"type": "string", "description": "e.g. flickr.photos.search"},
                    "arguments": {"type": "object", "description": "The method's arguments, e.g. {\"text\": \"harbour\", \"per_page\": 10}"},
                },
                "required": ["method"],
                "additionalProperties": false,
            })),
        ),
    ];
    tools.extend(task_tools.into_iter().map(read_only));
    if set == ToolSet::All {
        tools.extend(METHODS.iter().filter_map(|m| method_tool(m, allowed)));
    }
    tools
}

fn method_tool(m: &MethodInfo, allowed: Allowed) -> Option<Tool> {
    let schema = method_schema(m.name)?;
    let mut description = format!(
        "{} ({}; permission: {}",
        m.summary,
        m.name,
        m.perms.as_str()
    );
    if !allowed.permits(m.perms) {
        description.push_str(", not allowed by this server");
    }
    description.push(')');
    let mut tool = Tool::new(method_tool_name(m.name), description, Arc::new(schema));
    let mut a = ToolAnnotations::new();
    a.read_only_hint = Some(m.perms <= Perms::Read);
    a.destructive_hint = Some(m.perms == Perms::Delete);
    a.open_world_hint = Some(true);
    tool = tool.annotate(a);
    Some(tool)
}

/// `flickr_methods`: methods matching every word of `query` (in the name or
/// summary) within `namespace`.
pub fn find_methods(query: Option<&str>, namespace: Option<&str>, allowed: Allowed) -> Value {
    let ns = namespace.map(|n| {
        let n = n.trim().trim_end_matches('.');
        let n = n.strip_prefix("flickr.").unwrap_or(n);
        format!("flickr.{n}.")
    });
    let words: Vec<String> = query
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let found: Vec<Value> = METHODS
        .iter()
        .filter(|m| ns.as_deref().is_none_or(|ns| m.name.starts_with(ns)))
        .filter(|m| {
            let hay = format!("{} {}", m.name, m.summary).to_ascii_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .map(|m| {
            json!({
                "name": m.name,
                "summary": m.summary,
                "perms": m.perms.as_str(),
                "allowed": allowed.permits(m.perms),
            })
        })
        .collect();
    json!({"count": found.len(), "methods": found})
}

/// `flickr_method_info`: the CLI's description of one method, with its schema.
pub fn method_info(m: &MethodInfo, allowed: Allowed) -> Value {
    let mut info = crate::methods::method_json(m);
    info["schema"] = method_schema(m.name)
        .map(Value::Object)
        .unwrap_or(Value::Null);
    info["allowed"] = json!(allowed.permits(m.perms));
    if !allowed.permits(m.perms) {
        info["refused_because"] = json!(allowed.check(m.name, m.perms).err());
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_gets_a_tool_with_its_schema() {
        let tools = list(ToolSet::All, Allowed::READ_ONLY, Vec::new());
        let base = list(ToolSet::Task, Allowed::READ_ONLY, Vec::new()).len();
        assert_eq!(tools.len(), base + METHODS.len());
        assert_eq!(METHODS.len(), 224);
        let search = tools
            .iter()
            .find(|t| t.name == "flickr_photos_search")
            .expect("per-method tool");
        assert_eq!(
            search.input_schema["properties"]["per_page"]["maximum"],
            500
        );
        assert_eq!(
            method_of_tool("flickr_photos_search").unwrap().name,
            "flickr.photos.search"
        );
        let set_meta = tools
            .iter()
            .find(|t| t.name == "flickr_photos_setMeta")
            .unwrap();
        assert!(set_meta
            .description
            .as_deref()
            .unwrap()
            .contains("not allowed"));
    }

    #[test]
    fn methods_are_found_by_words_and_namespace() {
        let v = find_methods(Some("list photos set"), None, Allowed::READ_ONLY);
        assert!(
            v["methods"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["name"] == "flickr.photosets.getPhotos"),
            "{v}"
        );
        let v = find_methods(None, Some("photos.geo"), Allowed::READ_ONLY);
        let names: Vec<&str> = v["methods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["name"].as_str().unwrap())
            .collect();
        assert!(
            !names.is_empty() && names.iter().all(|n| n.starts_with("flickr.photos.geo.")),
            "{names:?}"
        );
        let set_meta = find_methods(Some("setMeta"), Some("photos"), Allowed::READ_ONLY);
        assert_eq!(set_meta["methods"][0]["allowed"], false);
    }
}
