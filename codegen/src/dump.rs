//! `codegen dump`: the validated spec as JSON.

use crate::model::Model;
use serde_json::{json, Value};

/// `{ "methods": [ { name, verb, perms, deprecated, args: [{name, type, required, default, …}], errors, paging, response } ] }`.
pub fn dump(model: &Model) -> Value {
    let methods: Vec<Value> = model
        .methods
        .iter()
        .map(|m| {
            let mut v = serde_json::to_value(m).expect("the model serializes");
            if let Some(obj) = v.as_object_mut() {
                obj.insert(
                    "namespace".into(),
                    json!(format!("flickr.{}", m.namespace.join("."))),
                );
                obj.insert(
                    "docs_url".into(),
                    json!(format!(
                        "https://www.flickr.com/services/api/{}.html",
                        m.name
                    )),
                );
            }
            v
        })
        .collect();
    json!({
        "methods": methods,
        "generic_errors": model.generic_errors,
        "enums": model.enums,
        "structs": model.structs,
    })
}

/// `codegen check`'s summary line.
pub fn summary(model: &Model) -> String {
    let namespaces = model
        .methods
        .iter()
        .map(|m| &m.namespace)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let args: usize = model.methods.iter().map(|m| m.args.len()).sum();
    let specific: usize = model
        .methods
        .iter()
        .map(|m| m.errors.iter().filter(|e| !e.generic).count())
        .sum();
    let paged = model.methods.iter().filter(|m| m.paging.is_some()).count();
    let typed = model
        .methods
        .iter()
        .filter(|m| !matches!(m.response_shape, crate::model::ResponseShape::Untyped))
        .count();
    let mut by_type = std::collections::BTreeMap::<String, usize>::new();
    for a in model.methods.iter().flat_map(|m| &m.args) {
        *by_type.entry(a.kind_name.clone()).or_default() += 1;
    }
    let types = by_type
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "spec OK: {namespaces} namespaces, {} methods, {args} arguments, {specific} method-specific error codes + {} generic, \
         {} enums, {} response types, {paged} paged methods, {typed} typed responses\nargument types: {types}",
        model.methods.len(),
        model.generic_errors.len(),
        model.enums.len(),
        model.structs.len(),
    )
}
