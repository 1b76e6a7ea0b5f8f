//! Stage 1 data: the spec files exactly as written, deserialized from TOML.
//!
//! Nothing here is checked beyond TOML syntax and field names
//! (`deny_unknown_fields` catches typos); the [`validate`](crate::validate)
//! stage turns these into the checked [`model`](crate::model).

use serde::Deserialize;

/// One `methods/<namespace>.toml` file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodsFile {
    /// Flickr namespace, e.g. `flickr.photos.geo`.
    pub namespace: String,
    /// The methods of this namespace.
    #[serde(default)]
    pub methods: Vec<MethodSpec>,
}

/// One Flickr method.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodSpec {
    /// Full name, e.g. `flickr.photos.search`.
    pub name: String,
    /// One-line summary.
    #[serde(default)]
    pub summary: String,
    /// Longer documentation.
    #[serde(default)]
    pub doc: String,
    /// `GET` or `POST`.
    pub verb: String,
    /// `none`, `read`, `write` or `delete`.
    pub perms: String,
    /// Flickr's `needslogin`.
    #[serde(default)]
    pub login: bool,
    /// Flickr's `needssigning`.
    #[serde(default)]
    pub signed: bool,
    /// `false`, `true`, or a reason.
    #[serde(default)]
    pub deprecated: Deprecation,
    /// For a method Flickr's reflection data does not list: why it is in the
    /// spec and where it is documented or seen in use.
    #[serde(default)]
    pub documented_addition: Option<String>,
    /// Generic error codes (from `errors.toml`) the method can answer.
    #[serde(default)]
    pub generic_errors: Vec<u32>,
    /// The response type.
    pub response: ResponseSpec,
    /// Paging arguments.
    #[serde(default)]
    pub paging: Option<PagingSpec>,
    /// Arguments, in Flickr's order.
    #[serde(default)]
    pub args: Vec<ArgSpec>,
    /// Method-specific error codes.
    #[serde(default)]
    pub errors: Vec<ErrorSpec>,
}

/// `deprecated = false | true | "reason"`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Deprecation {
    /// `true` / `false`.
    Flag(bool),
    /// Deprecated, with a reason.
    Reason(String),
}

impl Default for Deprecation {
    fn default() -> Self {
        Deprecation::Flag(false)
    }
}

/// `response = { type = "...", root = "..." }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSpec {
    /// A struct from `types.toml`, or `untyped`.
    #[serde(rename = "type")]
    pub ty: String,
    /// Envelope key holding the value.
    #[serde(default)]
    pub root: Option<String>,
}

/// `paging = { page = "page", per_page = "per_page" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagingSpec {
    /// The page-number argument.
    pub page: String,
    /// The page-size argument.
    pub per_page: String,
}

/// One argument.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArgSpec {
    /// Wire name.
    pub name: String,
    /// Type name (see spec/README.md).
    #[serde(rename = "type")]
    pub ty: String,
    /// Whether Flickr requires it.
    #[serde(default)]
    pub required: bool,
    /// Why `required` differs from Flickr's reflection.
    #[serde(default, rename = "override")]
    pub override_reason: Option<String>,
    /// Documented default.
    #[serde(default)]
    pub default: Option<toml::Value>,
    /// Inclusive lower bound.
    #[serde(default)]
    pub min: Option<toml::Value>,
    /// Inclusive upper bound.
    #[serde(default)]
    pub max: Option<toml::Value>,
    /// Inline enum values.
    #[serde(default)]
    pub values: Option<Vec<EnumValueSpec>>,
    /// Shared enum name.
    #[serde(default, rename = "enum")]
    pub enum_name: Option<String>,
    /// List item type.
    #[serde(default)]
    pub of: Option<String>,
    /// List separator.
    #[serde(default)]
    pub sep: Option<String>,
    /// Accepted date formats.
    #[serde(default)]
    pub formats: Option<Vec<String>>,
    /// Documentation.
    #[serde(default)]
    pub doc: String,
}

/// One enum value: `"wire"` or `{ wire, name, doc }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum EnumValueSpec {
    /// Just the wire value; the variant name is derived.
    Wire(String),
    /// Wire value with an explicit name.
    Full {
        /// Wire value.
        wire: String,
        /// Variant name.
        #[serde(default)]
        name: Option<String>,
        /// Documentation.
        #[serde(default)]
        doc: Option<String>,
    },
}

/// One method-specific (or generic, in `errors.toml`) error.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorSpec {
    /// Flickr code.
    pub code: u32,
    /// Variant name.
    pub name: String,
    /// Flickr's message.
    pub message: String,
    /// Flickr's explanation.
    #[serde(default)]
    pub doc: String,
}

/// `errors.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorsFile {
    /// The generic error table.
    pub errors: Vec<ErrorSpec>,
}

/// `enums.toml` / `types.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypesFile {
    /// Enums.
    #[serde(default)]
    pub enums: Vec<EnumSpec>,
    /// Response structs.
    #[serde(default)]
    pub structs: Vec<StructSpec>,
}

/// A named enum.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumSpec {
    /// Rust name.
    pub name: String,
    /// Documentation.
    #[serde(default)]
    pub doc: String,
    /// Values.
    pub values: Vec<EnumValueSpec>,
}

/// A response struct.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructSpec {
    /// Rust name.
    pub name: String,
    /// Documentation.
    #[serde(default)]
    pub doc: String,
    /// For page types: the list field holding the items (Rust name).
    #[serde(default)]
    pub items: Option<String>,
    /// For a page with siblings: the required field (Rust name) whose type
    /// is the page type; paging reads the page there.
    #[serde(default)]
    pub page_in: Option<String>,
    /// Fields.
    pub fields: Vec<FieldSpec>,
}

/// A response field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// Wire name.
    pub name: String,
    /// Rust name, when it differs.
    #[serde(default)]
    pub rust: Option<String>,
    /// Type.
    #[serde(rename = "type")]
    pub ty: String,
    /// List item type.
    #[serde(default)]
    pub of: Option<String>,
    /// Present in every response (not `Option`).
    #[serde(default)]
    pub required: bool,
    /// Other wire names.
    #[serde(default)]
    pub alias: Vec<String>,
    /// Documentation.
    #[serde(default)]
    pub doc: String,
}
