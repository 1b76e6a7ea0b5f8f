//! Every enabled method's arguments as a JSON Schema (draft 2020-12), with
//! the permission a token needs: what `flickr mcp` offers as tool input
//! schemas. Rendered from the registry by flickr-core
//! (`MethodInfo::json_schema`, each argument by its `ArgKind`), once per
//! process, when first asked for.

use flickr_core::registry::Perms;
use std::sync::OnceLock;

/// One method's arguments as a JSON Schema, and the permission a token needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MethodSchema {
    /// Flickr's method name, e.g. `flickr.photos.search`.
    pub name: &'static str,
    /// The permission an OAuth token needs to call it.
    pub perms: Perms,
    /// The JSON Schema of its arguments, as JSON text.
    pub schema: &'static str,
}

/// Every compiled method's schema as JSON text, in the registry's order
/// (sorted by name).
fn texts() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        crate::registry::METHODS
            .iter()
            .map(|m| m.json_schema().to_string())
            .collect()
    })
}

/// The schemas of the methods this build compiles (its namespace features),
/// sorted by name.
pub fn all() -> impl Iterator<Item = MethodSchema> {
    crate::registry::METHODS
        .iter()
        .zip(texts())
        .map(|(m, schema)| MethodSchema {
            name: m.name,
            perms: m.perms,
            schema,
        })
}

/// The schema of the method named `name` (`flickr.photos.search`), if this
/// build compiles it.
pub fn find(name: &str) -> Option<MethodSchema> {
    all().find(|s| s.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_compiled_method_has_a_schema_with_its_permission() {
        let schemas: Vec<MethodSchema> = all().collect();
        assert_eq!(schemas.len(), crate::registry::METHODS.len());
        for (s, m) in schemas.iter().zip(crate::registry::METHODS) {
            assert_eq!((s.name, s.perms), (m.name, m.perms));
            let v: serde_json::Value = serde_json::from_str(s.schema).expect("JSON");
            assert_eq!(v["title"], m.name);
        }
    }
}
