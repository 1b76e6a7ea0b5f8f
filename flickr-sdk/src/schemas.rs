//! Every enabled method's arguments as a JSON Schema (draft 2020-12), with
//! the permission a token needs: what `flickr mcp` offers as tool input
//! schemas. Generated from the spec (`codegen`'s `emit::schemas`) into a data
//! file this module includes: a schema is a `&'static str` slice of it, with
//! nothing parsed until it is used.

use flickr_core::registry::Perms;

/// One line per method: `NAME PERMS SCHEMA`, sorted by name.
static DATA: &str = include_str!(concat!(env!("OUT_DIR"), "/schemas.txt"));

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

fn parse(line: &'static str) -> Option<MethodSchema> {
    let (name, rest) = line.split_once(' ')?;
    let (perms, schema) = rest.split_once(' ')?;
    Some(MethodSchema {
        name,
        perms: Perms::parse(perms)?,
        schema,
    })
}

/// The schemas of the methods this build compiles (its namespace features),
/// sorted by name.
pub fn all() -> impl Iterator<Item = MethodSchema> {
    DATA.lines()
        .filter_map(parse)
        .filter(|s| crate::registry::find(s.name).is_some())
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
