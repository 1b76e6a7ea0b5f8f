//! Response structs: names, fields, the `items` list of page types, the
//! `page_in` field of pages with siblings, and each field's type.

use super::{Validator, ID_KINDS};
use crate::load::RawSpec;
use crate::model::{EnumDef, Field, FieldType, StructDef};
use crate::names;
use crate::spec::FieldSpec;
use std::collections::{BTreeMap, BTreeSet};

impl Validator {
    pub(super) fn structs(
        &mut self,
        raw: &RawSpec,
        enums: &BTreeMap<String, EnumDef>,
    ) -> BTreeMap<String, StructDef> {
        let names: BTreeSet<&str> = raw
            .types
            .iter()
            .flat_map(|(_, t)| t.structs.iter().map(|s| s.name.as_str()))
            .collect();
        let mut structs = BTreeMap::new();
        let mut file_of = BTreeMap::new();
        for (file, types) in &raw.types {
            for s in &types.structs {
                file_of.insert(s.name.clone(), file.to_string());
                if !names::is_camel(&s.name) {
                    self.err(file, &s.name, "name", "struct names are UpperCamelCase");
                }
                if enums.contains_key(&s.name) {
                    self.err(
                        file,
                        &s.name,
                        "name",
                        format!("duplicate type name `{}`", s.name),
                    );
                }
                let mut fields: Vec<Field> = Vec::new();
                for f in &s.fields {
                    let at = format!("fields.{}", f.name);
                    let Some(ty) = self.field_type(file, &s.name, &at, f, &names, enums) else {
                        continue;
                    };
                    let rust = f.rust.clone().unwrap_or_else(|| names::snake(&f.name));
                    if fields.iter().any(|x| x.rust == rust || x.wire == f.name) {
                        self.err(file, &s.name, &at, format!("duplicate field `{rust}`"));
                    }
                    fields.push(Field {
                        wire: f.name.clone(),
                        rust,
                        ty,
                        required: f.required,
                        alias: f.alias.clone(),
                        doc: f.doc.clone(),
                    });
                }
                // The paging streams yield the items as a type of `types`.
                if let Some(items) = &s.items {
                    if !fields.iter().any(|f| {
                        &f.rust == items
                            && matches!(&f.ty, FieldType::List(item) if matches!(**item, FieldType::Struct(_)))
                    }) {
                        self.err(
                            file,
                            &s.name,
                            "items",
                            format!("`{items}` is not a list-of-structs field of {}", s.name),
                        );
                    }
                }
                let def = StructDef {
                    name: s.name.clone(),
                    doc: s.doc.clone(),
                    items: s.items.clone(),
                    page_in: s.page_in.clone(),
                    fields,
                };
                if structs.insert(s.name.clone(), def).is_some() {
                    self.err(
                        file,
                        &s.name,
                        "name",
                        format!("duplicate type name `{}`", s.name),
                    );
                }
            }
        }
        self.pages_in(&file_of, &structs);
        structs
    }

    /// `page_in` names a required field whose type is a page type, in a
    /// struct that is not itself a page type.
    fn pages_in(
        &mut self,
        file_of: &BTreeMap<String, String>,
        structs: &BTreeMap<String, StructDef>,
    ) {
        for s in structs.values() {
            let Some(page_in) = &s.page_in else { continue };
            let file = file_of
                .get(&s.name)
                .map(String::as_str)
                .unwrap_or("types.toml");
            let inner = s.fields.iter().find(|f| &f.rust == page_in);
            let problem = match inner {
                _ if s.items.is_some() => Some("a page type cannot also have `page_in`".to_owned()),
                None => Some(format!("`{page_in}` is not a field of {}", s.name)),
                Some(f) if !f.required => Some(format!("`{page_in}` must be required")),
                Some(f) => match &f.ty {
                    FieldType::Struct(t) if structs.get(t).is_some_and(|d| d.items.is_some()) => {
                        None
                    }
                    _ => Some(format!(
                        "`{page_in}` is not of a page type (a struct with `items`)"
                    )),
                },
            };
            if let Some(p) = problem {
                self.err(file, &s.name, "page_in", p);
            }
        }
    }

    pub(super) fn field_type(
        &mut self,
        file: &str,
        owner: &str,
        at: &str,
        f: &FieldSpec,
        structs: &BTreeSet<&str>,
        enums: &BTreeMap<String, EnumDef>,
    ) -> Option<FieldType> {
        let scalar = |name: &str| -> Option<FieldType> {
            Some(match name {
                "text" => FieldType::Text,
                "string" => FieldType::String,
                "int" => FieldType::Int,
                "float" => FieldType::Float,
                "bool" => FieldType::Bool,
                "unix_time" => FieldType::UnixTime,
                "datetime" => FieldType::DateTime,
                id if ID_KINDS.contains(&id) => FieldType::Id(id.to_owned()),
                s if structs.contains(s) => FieldType::Struct(s.to_owned()),
                e if enums.contains_key(e) => FieldType::Enum(e.to_owned()),
                _ => return None,
            })
        };
        if f.ty == "enum" || f.of.as_deref() == Some("enum") {
            let which = if f.ty == "enum" { "type" } else { "of" };
            self.err(
                file,
                owner,
                format!("{at}.{which}"),
                "a response field names a declared enum (`[[enums]]` in types.toml or enums.toml), not `enum` with inline values",
            );
            return None;
        }
        let ty = self.field_type_name(file, owner, at, f, &scalar)?;
        let enum_name = match &ty {
            FieldType::Enum(e) => Some((e, "type")),
            FieldType::List(item) => match item.as_ref() {
                FieldType::Enum(e) => Some((e, "of")),
                _ => None,
            },
            _ => None,
        };
        if let Some((def, which)) = enum_name.and_then(|(e, w)| Some((enums.get(e)?, w))) {
            // Flickr writes `""` for an absent value, so an enum with an empty
            // wire value could never decode that variant in a response.
            if def.values.iter().any(|v| v.wire.is_empty()) {
                self.err(
                    file,
                    owner,
                    format!("{at}.{which}"),
                    format!(
                        "enum `{}` has the wire value `\"\"`, which a response field reads as absent",
                        def.name
                    ),
                );
            }
        }
        Some(ty)
    }

    /// The field's type from its `type` (and `of`) names.
    pub(super) fn field_type_name(
        &mut self,
        file: &str,
        owner: &str,
        at: &str,
        f: &FieldSpec,
        scalar: &dyn Fn(&str) -> Option<FieldType>,
    ) -> Option<FieldType> {
        if f.ty == "list" {
            let Some(of) = &f.of else {
                self.err(file, owner, at, "a list field needs `of`");
                return None;
            };
            match scalar(of) {
                Some(item) => Some(FieldType::List(Box::new(item))),
                None => {
                    self.err(
                        file,
                        owner,
                        format!("{at}.of"),
                        format!("unknown type `{of}`"),
                    );
                    None
                }
            }
        } else {
            let t = scalar(&f.ty);
            if t.is_none() {
                self.err(
                    file,
                    owner,
                    format!("{at}.type"),
                    format!("unknown type `{}`", f.ty),
                );
            }
            t
        }
    }
}
