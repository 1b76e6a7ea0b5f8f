//! `flickr.collections.getTree`: a user's collections with their albums.

use serde_json::{json, Value};

use super::{obj, Answer, Call};
use crate::state::Collection;

fn node(c: &Collection) -> Value {
    json!({
        "id": c.id,
        "title": c.title,
        "description": c.description,
        "iconlarge": "/images/collection_default_l.gif",
        "iconsmall": "/images/collection_default_s.gif",
        "set": c.sets.iter().map(|s| json!({"id": s.to_string(), "title": "", "description": ""})).collect::<Vec<_>>(),
        "collection": c.children.iter().map(node).collect::<Vec<_>>(),
    })
}

/// `flickr.collections.getTree` (the whole tree; `collection_id` picks one).
pub(super) fn get_tree(c: &mut Call<'_>) -> Answer {
    let user = c.user_arg(1)?;
    let wanted = c.args.get("collection_id");
    let mut nodes: Vec<Value> = Vec::new();
    for col in c.state.collections.iter().filter(|x| x.owner == user) {
        let mut v = node(col);
        // Album titles as Flickr gives them.
        fill_titles(&mut v, c);
        if wanted.is_none_or(|w| w == col.id) {
            nodes.push(v);
        }
    }
    Ok(obj(json!({"collections": {"collection": nodes}})))
}

fn fill_titles(v: &mut Value, c: &Call<'_>) {
    if let Some(sets) = v.get_mut("set").and_then(Value::as_array_mut) {
        for s in sets {
            let id = s["id"].as_str().and_then(|x| x.parse::<u64>().ok());
            if let Some(set) = id.and_then(|id| c.state.photosets.get(&id)) {
                s["title"] = json!(set.title);
                s["description"] = json!(set.description);
            }
        }
    }
    if let Some(children) = v.get_mut("collection").and_then(Value::as_array_mut) {
        for child in children {
            fill_titles(child, c);
        }
    }
}
