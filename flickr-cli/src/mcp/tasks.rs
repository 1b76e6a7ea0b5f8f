//! The task tools: `search_photos`, `get_photo` (metadata, sizes and the
//! image itself), `list_albums`, `album_photos` and `whoami`. Their
//! arguments are a chosen part of their method's generated schema; every
//! Flickr call goes through [`ToolContext::call_method`].

use super::answers;
use super::dispatch::ToolContext;
use super::tools::method_schema;
use base64::Engine;
use flickr_sdk::registry::MethodInfo;
use rmcp::model::{CallToolResult, ContentBlock, Tool};
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// Photo fields asked for with every list of photos.
const EXTRAS: &str = "description,date_taken,owner_name,tags,url_m";

/// The task tools: (tool, method, arguments taken from its schema, description).
const TASKS: &[(&str, &str, &[&str], &str)] = &[
    (
        "search_photos",
        "flickr.photos.search",
        &[
            "text",
            "tags",
            "tag_mode",
            "user_id",
            "sort",
            "min_taken_date",
            "max_taken_date",
            "page",
            "per_page",
        ],
        "Search photos by text, tags, owner or date taken; a page of photos with title, owner, \
         date taken, tags and a medium image URL.",
    ),
    (
        "get_photo",
        "flickr.photos.getInfo",
        &["photo_id"],
        "One photo: its metadata, its sizes, and the image itself (the largest size under \
         max_bytes) as image content.",
    ),
    (
        "list_albums",
        "flickr.photosets.getList",
        &["user_id", "page", "per_page"],
        "A user's albums (photosets), the logged-in user's if user_id is left out.",
    ),
    (
        "album_photos",
        "flickr.photosets.getPhotos",
        &["photoset_id", "user_id", "page", "per_page"],
        "The photos of an album (photoset); user_id is the album owner's, the logged-in \
         user's if left out.",
    ),
    (
        "whoami",
        "flickr.test.login",
        &[],
        "The logged-in user's id and name (flickr.test.login).",
    ),
];

fn method(name: &str) -> &'static MethodInfo {
    flickr_sdk::registry::find(name).expect("task tools name methods of the registry")
}

/// The task tools with their schemas.
pub fn tools() -> Vec<Tool> {
    TASKS
        .iter()
        .map(|(tool, method, args, description)| {
            let full = method_schema(method).unwrap_or_default();
            let props = full.get("properties").and_then(Value::as_object);
            let mut properties = Map::new();
            for a in *args {
                if let Some(p) = props.and_then(|p| p.get(*a)) {
                    properties.insert((*a).to_owned(), p.clone());
                }
            }
            if *tool == "get_photo" {
                properties.insert(
                    "max_bytes".to_owned(),
                    json!({"type": "integer", "minimum": 1,
                           "description": "Largest image to return, in bytes (default: the server's --image-bytes)."}),
                );
            }
            let required: Vec<&str> = full
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .filter(|r| args.contains(r) && !(*tool == "album_photos" && *r == "user_id"))
                .collect();
            let mut schema = json!({"type": "object", "properties": properties, "additionalProperties": false});
            if !required.is_empty() {
                schema["required"] = json!(required);
            }
            let Value::Object(schema) = schema else { unreachable!("built as an object") };
            Tool::new(*tool, *description, Arc::new(schema))
        })
        .collect()
}

/// Runs the task tool `name`; `None` if it is not one.
pub async fn run(
    ctx: &ToolContext,
    name: &str,
    arguments: &Map<String, Value>,
) -> Option<CallToolResult> {
    let (_, method_name, allowed_args, _) = TASKS.iter().find(|t| t.0 == name)?;
    let takes = |k: &str| allowed_args.contains(&k) || (name == "get_photo" && k == "max_bytes");
    if let Some(extra) = arguments.keys().find(|k| !takes(k)) {
        return Some(answers::refusal(format!(
            "argument `{extra}`: {name} takes {}; flickr_call takes every argument of {method_name}",
            if allowed_args.is_empty() { "none".to_owned() } else { allowed_args.join(", ") }
        )));
    }
    let mut args = arguments.clone();
    Some(match name {
        "search_photos" => {
            args.entry("extras").or_insert(json!(EXTRAS));
            args.entry("per_page").or_insert(json!(20));
            ctx.answer_method(method(method_name), &args).await
        }
        "album_photos" => {
            if !args.contains_key("user_id") {
                match my_nsid(ctx).await {
                    Ok(id) => {
                        args.insert("user_id".to_owned(), json!(id));
                    }
                    Err(e) => return Some(e),
                }
            }
            args.entry("extras").or_insert(json!(EXTRAS));
            ctx.answer_method(method(method_name), &args).await
        }
        "get_photo" => get_photo(ctx, &args).await,
        _ => ctx.answer_method(method(method_name), &args).await,
    })
}

/// The logged-in user's NSID (one call of flickr.test.login).
async fn my_nsid(ctx: &ToolContext) -> Result<String, CallToolResult> {
    let me = ctx
        .call_method(method("flickr.test.login"), &Map::new())
        .await?;
    me["user"]["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| answers::refusal("flickr.test.login answered without a user id"))
}

/// `get_photo`: getInfo, getSizes, then the largest size at most `max_bytes`.
async fn get_photo(ctx: &ToolContext, args: &Map<String, Value>) -> CallToolResult {
    let cap = match args.get("max_bytes") {
        None | Some(Value::Null) => ctx.image_bytes,
        Some(v) => match v.as_u64().filter(|n| *n > 0) {
            Some(n) => n,
            None => return answers::refusal("argument `max_bytes`: expected a positive integer"),
        },
    };
    let mut id_only = args.clone();
    id_only.remove("max_bytes");
    let info = match ctx
        .call_method(method("flickr.photos.getInfo"), &id_only)
        .await
    {
        Ok(v) => v,
        Err(e) => return e,
    };
    let sizes = match ctx
        .call_method(method("flickr.photos.getSizes"), &id_only)
        .await
    {
        Ok(v) => v,
        Err(e) => return e,
    };
    let mut listed: Vec<Value> = sizes["sizes"]["size"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let number = |v: &Value| {
        v.as_u64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            .unwrap_or(0)
    };
    listed.retain(|s| s["media"].as_str().unwrap_or("photo") == "photo" && s["source"].is_string());
    listed.sort_by_key(|s| std::cmp::Reverse(number(&s["width"]) * number(&s["height"])));
    let mut chosen = None;
    let mut skipped = Vec::new();
    for size in &listed {
        let url = size["source"].as_str().unwrap_or_default();
        match ctx.flickr.image(url, cap).await {
            Ok(Some(image)) => {
                chosen = Some((size.clone(), image));
                break;
            }
            Ok(None) => {
                skipped.push(json!({"label": size["label"], "reason": format!("over {cap} bytes")}))
            }
            Err(e) => skipped.push(json!({"label": size["label"], "reason": e})),
        }
    }
    let mut body = json!({"photo": info["photo"], "sizes": sizes["sizes"]});
    if !skipped.is_empty() {
        body["sizes_skipped"] = json!(skipped);
    }
    let mut result = match &chosen {
        Some((size, image)) => {
            body["image"] = json!({
                "label": size["label"], "width": size["width"], "height": size["height"],
                "source": size["source"], "bytes": image.bytes.len(), "mime": image.mime,
            });
            answers::success(body, ctx.list_limit)
        }
        None => {
            body["image"] =
                json!({"none": format!("no size of this photo is at most {cap} bytes")});
            answers::success(body, ctx.list_limit)
        }
    };
    if let Some((_, image)) = chosen {
        let data = base64::engine::general_purpose::STANDARD.encode(&image.bytes);
        result.content.push(ContentBlock::image(data, image.mime));
    }
    result
}
