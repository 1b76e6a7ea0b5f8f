//! Stage 3 data: the validated, resolved and deterministically ordered API model
//! that the emitters and `dump` read.

use serde::Serialize;

/// The whole API.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    /// The generic error table (95–116), by code.
    pub generic_errors: Vec<ErrorDef>,
    /// Shared enums, by name.
    pub enums: Vec<EnumDef>,
    /// Response structs, by name.
    pub structs: Vec<StructDef>,
    /// Every method, by name.
    pub methods: Vec<Method>,
}

impl Model {
    /// The method named `name`.
    pub fn method(&self, name: &str) -> Option<&Method> {
        self.methods.iter().find(|m| m.name == name)
    }

    /// The struct named `name`.
    pub fn struct_def(&self, name: &str) -> Option<&StructDef> {
        self.structs.iter().find(|s| s.name == name)
    }

    /// Namespaces (`["photos", "geo"]`), sorted, including parents of nested ones.
    pub fn namespaces(&self) -> Vec<Vec<String>> {
        let mut all = std::collections::BTreeSet::new();
        for m in &self.methods {
            for i in 1..=m.namespace.len() {
                all.insert(m.namespace[..i].to_vec());
            }
        }
        all.into_iter().collect()
    }
}

/// HTTP verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Verb {
    /// GET.
    #[serde(rename = "GET")]
    Get,
    /// POST.
    #[serde(rename = "POST")]
    Post,
}

/// Required permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Perms {
    /// none
    None,
    /// read
    Read,
    /// write
    Write,
    /// delete
    Delete,
}

/// One method.
#[derive(Debug, Clone, Serialize)]
pub struct Method {
    /// `flickr.photos.geo.getLocation`.
    pub name: String,
    /// Spec file it came from.
    #[serde(skip)]
    pub file: String,
    /// `["photos", "geo"]`.
    #[serde(skip)]
    pub namespace: Vec<String>,
    /// `getLocation`.
    #[serde(skip)]
    pub short: String,
    /// One-line summary.
    pub summary: String,
    /// Documentation.
    pub doc: String,
    /// HTTP verb.
    pub verb: Verb,
    /// Required permission.
    pub perms: Perms,
    /// Needs an authenticated user.
    pub login: bool,
    /// Needs a signed request.
    pub signed: bool,
    /// Whether deprecated.
    pub deprecated: bool,
    /// Why deprecated / what to use instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecation_note: Option<String>,
    /// For a method Flickr's reflection data does not list (spec
    /// `documented_addition`): why it is in the spec and where it is
    /// documented or seen in use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_in_reflection: Option<String>,
    /// Arguments in Flickr's order.
    pub args: Vec<Arg>,
    /// Method-specific errors then the generic ones it lists.
    pub errors: Vec<ErrorDef>,
    /// Paging.
    pub paging: Option<Paging>,
    /// Response type name (the generated Rust type).
    pub response: String,
    /// How the response decodes.
    #[serde(skip)]
    pub response_shape: ResponseShape,
    /// Enums declared inline in this method's arguments.
    #[serde(skip)]
    pub inline_enums: Vec<EnumDef>,
}

impl Method {
    /// The generated request struct name, e.g. `GetLocation`.
    pub fn type_name(&self) -> String {
        crate::names::camel(&self.short)
    }

    /// The generated error enum name, e.g. `GetLocationError`.
    pub fn error_type_name(&self) -> String {
        format!("{}Error", self.type_name())
    }

    /// The namespace accessor function name, e.g. `get_location`.
    pub fn fn_name(&self) -> String {
        crate::names::snake(&self.short)
    }

    /// The registry static's name, e.g. `PHOTOS_GEO_GET_LOCATION`.
    pub fn static_name(&self) -> String {
        let mut parts: Vec<String> = self
            .namespace
            .iter()
            .map(|n| heck::ToShoutySnakeCase::to_shouty_snake_case(n.as_str()))
            .collect();
        parts.push(heck::ToShoutySnakeCase::to_shouty_snake_case(
            self.short.as_str(),
        ));
        parts.join("_")
    }
}

/// How a successful response decodes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ResponseShape {
    /// Not modelled yet: a newtype over the JSON value.
    #[default]
    Untyped,
    /// A struct from `types.toml`, under `root` or as the whole envelope.
    Typed {
        /// Struct name.
        ty: String,
        /// Envelope key.
        root: Option<String>,
    },
}

/// Paging arguments.
#[derive(Debug, Clone, Serialize)]
pub struct Paging {
    /// Page-number argument.
    pub page: String,
    /// Page-size argument.
    pub per_page: String,
}

/// One argument.
#[derive(Debug, Clone, Serialize)]
pub struct Arg {
    /// Wire name.
    pub name: String,
    /// Rust field / setter name.
    #[serde(skip)]
    pub rust_name: String,
    /// Short kind name (`int`, `photo_id`, …).
    #[serde(rename = "type")]
    pub kind_name: String,
    /// Full type.
    #[serde(rename = "detail")]
    pub ty: ArgType,
    /// Required.
    pub required: bool,
    /// Documented default, wire form.
    pub default: Option<String>,
    /// Documentation.
    pub doc: String,
    /// Why `required` differs from reflection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
}

/// Resolved argument type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ArgType {
    /// Human text.
    Text,
    /// Opaque string.
    String,
    /// Integer.
    Int {
        /// Lower bound.
        min: Option<i64>,
        /// Upper bound.
        max: Option<i64>,
    },
    /// Float.
    Float {
        /// Lower bound.
        min: Option<f64>,
        /// Upper bound.
        max: Option<f64>,
    },
    /// 0/1.
    Bool,
    /// Enum: the Rust type name, and its wire values.
    Enum {
        /// Rust type name.
        name: String,
        /// Declared in `enums.toml` (module `types`) rather than inline.
        shared: bool,
        /// Wire values the argument accepts.
        values: Vec<String>,
        /// When `values` is a run of the enum's values only (`min`/`max` on a
        /// level enum): where the run starts in the enum's order.
        #[serde(skip_serializing_if = "Option::is_none")]
        part_from: Option<usize>,
    },
    /// List.
    List {
        /// Item type.
        item: Box<ArgType>,
        /// Separator.
        sep: String,
    },
    /// Date.
    Date {
        /// Accepted formats: `ymd`, `unix`, `mysql`.
        formats: Vec<String>,
    },
    /// Id of a kind (`photo_id`, …).
    Id {
        /// Kind name.
        id: String,
    },
}

impl ArgType {
    /// Short kind name.
    pub fn short_name(&self) -> String {
        match self {
            ArgType::Text => "text".into(),
            ArgType::String => "string".into(),
            ArgType::Int { .. } => "int".into(),
            ArgType::Float { .. } => "float".into(),
            ArgType::Bool => "bool".into(),
            ArgType::Enum { .. } => "enum".into(),
            ArgType::List { .. } => "list".into(),
            ArgType::Date { .. } => "date".into(),
            ArgType::Id { id } => id.clone(),
        }
    }
}

/// One error code.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorDef {
    /// Code.
    pub code: u32,
    /// Variant name.
    pub name: String,
    /// Flickr's message.
    pub message: String,
    /// Explanation.
    #[serde(skip)]
    pub doc: String,
    /// From the generic table.
    #[serde(skip)]
    pub generic: bool,
}

/// An enum.
#[derive(Debug, Clone, Serialize)]
pub struct EnumDef {
    /// Rust name.
    pub name: String,
    /// Documentation.
    pub doc: String,
    /// Variants.
    pub values: Vec<EnumValue>,
}

/// One enum variant.
#[derive(Debug, Clone, Serialize)]
pub struct EnumValue {
    /// Wire value.
    pub wire: String,
    /// Variant name.
    pub name: String,
    /// Documentation.
    pub doc: String,
}

/// A response struct.
#[derive(Debug, Clone, Serialize)]
pub struct StructDef {
    /// Rust name.
    pub name: String,
    /// Documentation.
    pub doc: String,
    /// List field holding the items, for page types.
    pub items: Option<String>,
    /// The field holding the page, for a page with siblings (e.g. a gallery's
    /// photos beside the gallery's own info).
    pub page_in: Option<String>,
    /// Fields.
    pub fields: Vec<Field>,
}

impl StructDef {
    /// A type that paging can walk: a page type, or a page with siblings.
    pub fn is_paged(&self) -> bool {
        self.items.is_some() || self.page_in.is_some()
    }
}

/// A response field.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// Wire name.
    pub wire: String,
    /// Rust name.
    pub rust: String,
    /// Type.
    pub ty: FieldType,
    /// Not optional.
    pub required: bool,
    /// Other wire names.
    pub alias: Vec<String>,
    /// Documentation.
    pub doc: String,
}

/// Resolved response field type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum FieldType {
    /// Text (`_content` unwrapped).
    Text,
    /// String.
    String,
    /// Integer.
    Int,
    /// Float.
    Float,
    /// 0/1 boolean.
    Bool,
    /// Unix seconds.
    UnixTime,
    /// A date (`flickr_core::values::DateValue`): `YYYY-MM-DD HH:MM:SS`,
    /// `YYYY-MM-DD` or Unix time.
    DateTime,
    /// Id newtype (`photo_id`, …).
    Id(String),
    /// A struct from `types.toml`.
    Struct(String),
    /// An enum from `enums.toml` / `types.toml`.
    Enum(String),
    /// List of items.
    List(Box<FieldType>),
}
