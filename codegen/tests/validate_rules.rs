//! One test per validation rule: each broken spec is refused with an error
//! naming the file, the method and the field.

use flickr_codegen::Source;
use flickr_codegen::{model_from_sources, SpecError};

const ERRORS: &str = r#"
[[errors]]
code = 100
name = "InvalidApiKey"
message = "Invalid API Key"
"#;

/// A valid one-method spec; each test breaks one thing in it.
const METHOD: &str = r#"
namespace = "flickr.stats"

[[methods]]
name = "flickr.stats.getPhotostreamReferrers"
verb = "GET"
perms = "read"
login = true
signed = true
generic_errors = [100]
response = { type = "untyped" }
paging = { page = "page", per_page = "per_page" }

[[methods.args]]
name = "domain"
type = "string"
required = true

[[methods.args]]
name = "per_page"
type = "int"
min = 1
max = 100
default = 25

[[methods.args]]
name = "page"
type = "int"
min = 1
default = 1

[[methods.args]]
name = "sort"
type = "enum"
values = ["views", "date"]
default = "views"

[[methods.errors]]
code = 1
name = "UserDoesNotHaveStats"
message = "User does not have stats"
"#;

/// Builds the model from `errors.toml` (the test's) and `files` (name, text).
fn check_files(files: &[(&str, &str)]) -> Result<(), Vec<SpecError>> {
    let sources: Vec<Source> = std::iter::once(("errors.toml", ERRORS))
        .chain(files.iter().copied())
        .map(|(name, text)| Source {
            name: name.into(),
            text: text.into(),
        })
        .collect();
    model_from_sources(&sources).map(|_| ()).map_err(|e| e.0)
}

fn check(method_toml: &str) -> Result<(), Vec<SpecError>> {
    check_files(&[("methods/stats.toml", method_toml)])
}

/// Asserts exactly one problem, at `field` of the test method, mentioning `needle`.
fn assert_refused(method_toml: &str, field: &str, needle: &str) {
    assert_one_problem(
        check(method_toml),
        "methods/stats.toml",
        "flickr.stats.getPhotostreamReferrers",
        field,
        needle,
    );
}

/// Asserts that `result` holds exactly one problem, at `file`, `owner`
/// (method or struct) and `field`, whose message starts with where it is
/// and mentions `needle`.
fn assert_one_problem(
    result: Result<(), Vec<SpecError>>,
    file: &str,
    owner: &str,
    field: &str,
    needle: &str,
) {
    let problems = result.expect_err("the broken spec must be refused");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert_eq!(p.file, file);
    assert_eq!(p.method.as_deref(), Some(owner));
    assert_eq!(p.field.as_deref(), Some(field));
    let text = p.to_string();
    assert!(text.contains(needle), "`{text}` should mention `{needle}`");
    let prefix = format!("spec/{file}: {owner}: ");
    assert!(text.starts_with(&prefix), "{text}");
}

#[test]
fn the_base_spec_is_valid() {
    assert_eq!(check(METHOD), Ok(()));
}

#[test]
fn documented_addition_needs_a_reason() {
    let marked = |why: &str| {
        METHOD.replace(
            "generic_errors = [100]",
            &format!("documented_addition = {why:?}\ngeneric_errors = [100]"),
        )
    };
    assert_eq!(
        check(&marked("Used by every downloader, see yt-dlp.")),
        Ok(())
    );
    assert_refused(&marked("undocumented"), "documented_addition", "say why");
}

#[test]
fn unknown_type() {
    let broken = METHOD.replace("type = \"string\"", "type = \"strnig\"");
    assert_refused(&broken, "args.domain.type", "unknown type `strnig`");
}

#[test]
fn duplicate_argument() {
    let broken = format!("{METHOD}\n[[methods.args]]\nname = \"domain\"\ntype = \"string\"\n");
    assert_refused(&broken, "args.domain", "duplicate argument");
}

#[test]
fn duplicate_error_code() {
    let broken =
        format!("{METHOD}\n[[methods.errors]]\ncode = 1\nname = \"Other\"\nmessage = \"x\"\n");
    assert_refused(&broken, "errors.1", "duplicate error code 1");
}

#[test]
fn method_error_code_that_repeats_a_generic_one() {
    let broken =
        format!("{METHOD}\n[[methods.errors]]\ncode = 100\nname = \"Other\"\nmessage = \"x\"\n");
    assert_refused(&broken, "errors.100", "duplicate error code 100");
}

#[test]
fn default_outside_range() {
    let broken = METHOD.replace("default = 25", "default = 250");
    assert_refused(
        &broken,
        "args.per_page.default",
        "default 250 is outside 1..=100",
    );
}

#[test]
fn default_outside_enum() {
    let broken = METHOD.replace("default = \"views\"", "default = \"popularity\"");
    assert_refused(
        &broken,
        "args.sort.default",
        "not one of the enum values (views, date)",
    );
}

#[test]
fn required_argument_with_default() {
    let broken = METHOD.replace(
        "type = \"string\"\nrequired = true",
        "type = \"string\"\nrequired = true\ndefault = \"flickr.com\"",
    );
    assert_refused(
        &broken,
        "args.domain.default",
        "a required argument cannot have a default",
    );
}

#[test]
fn paging_that_names_a_missing_argument() {
    let broken = METHOD.replace("per_page = \"per_page\" }", "per_page = \"perpage\" }");
    assert_refused(&broken, "paging.per_page", "missing argument `perpage`");
}

#[test]
fn verb_that_contradicts_perms() {
    let broken = METHOD.replace("verb = \"GET\"", "verb = \"POST\"");
    assert_refused(&broken, "verb", "perms `read` calls for Get");
}

#[test]
fn unknown_generic_error() {
    let broken = METHOD.replace("generic_errors = [100]", "generic_errors = [100, 101]");
    assert_refused(&broken, "generic_errors", "code 101 is not in errors.toml");
}

#[test]
fn unknown_response_type() {
    let broken = METHOD.replace("type = \"untyped\"", "type = \"Referrers\"");
    assert_refused(&broken, "response.type", "unknown type `Referrers`");
}

#[test]
fn typos_in_field_names_are_refused_with_the_file() {
    let broken = METHOD.replace("required = true", "requried = true");
    let problems = check(&broken).unwrap_err();
    assert_eq!(problems[0].file, "methods/stats.toml");
    assert!(problems[0].message.contains("requried"), "{}", problems[0]);
}

#[test]
fn every_problem_is_reported_at_once() {
    let broken = METHOD
        .replace("type = \"string\"", "type = \"strnig\"")
        .replace("default = 25", "default = 250");
    assert_eq!(check(&broken).unwrap_err().len(), 2);
}

/// A valid types file with a response enum used by a field; each test below
/// breaks one thing in it.
const TYPES: &str = r#"
[[enums]]
name = "MediaType"
values = ["photo", "video"]

[[structs]]
name = "Size"
fields = [
  { name = "label", type = "text" },
  { name = "media", type = "MediaType" },
]
"#;

fn check_types(types_toml: &str) -> Result<(), Vec<SpecError>> {
    check_files(&[
        ("types/photos.toml", types_toml),
        ("methods/stats.toml", METHOD),
    ])
}

/// Asserts exactly one problem, at `field` of struct `Size`, mentioning `needle`.
fn assert_type_refused(types_toml: &str, field: &str, needle: &str) {
    assert_one_problem(
        check_types(types_toml),
        "types/photos.toml",
        "Size",
        field,
        needle,
    );
}

#[test]
fn the_base_types_are_valid() {
    assert_eq!(check_types(TYPES), Ok(()));
}

#[test]
fn response_field_with_an_inline_enum() {
    let broken = TYPES.replace("type = \"MediaType\"", "type = \"enum\"");
    assert_type_refused(&broken, "fields.media.type", "names a declared enum");
    let broken = TYPES.replace("type = \"MediaType\"", "type = \"list\", of = \"enum\"");
    assert_type_refused(&broken, "fields.media.of", "names a declared enum");
}

#[test]
fn response_enum_with_an_empty_wire_value() {
    let broken = TYPES.replace(
        "values = [\"photo\", \"video\"]",
        "values = [\"photo\", \"video\", { wire = \"\", name = \"Nothing\" }]",
    );
    assert_type_refused(&broken, "fields.media.type", "reads as absent");
    let broken = broken.replace(
        "type = \"MediaType\"",
        "type = \"list\", of = \"MediaType\"",
    );
    assert_type_refused(
        &broken,
        "fields.media.of",
        "enum `MediaType` has the wire value",
    );
}

/// A page type and a page with a sibling (`page_in`), answered by a paged method.
const PAGE_IN: &str = r#"
[[structs]]
name = "SizePage"
items = "sizes"
fields = [
  { name = "page", type = "int" },
  { name = "pages", type = "int" },
  { name = "size", rust = "sizes", type = "list", of = "Size" },
]

[[structs]]
name = "Size"
page_in = "page"
fields = [
  { name = "sizes", rust = "page", type = "SizePage", required = true },
  { name = "label", type = "text" },
]
"#;

/// The paging streams yield a page's items as a type of `types`: `items`
/// names a list of structs.
#[test]
fn page_items_are_a_list_of_structs() {
    let check =
        |types: &str| check_files(&[("types/photos.toml", types), ("methods/stats.toml", METHOD)]);
    assert_eq!(check(PAGE_IN), Ok(()));
    let texts = PAGE_IN.replace(
        "{ name = \"size\", rust = \"sizes\", type = \"list\", of = \"Size\" }",
        "{ name = \"size\", rust = \"sizes\", type = \"list\", of = \"text\" }",
    );
    assert_one_problem(
        check(&texts),
        "types/photos.toml",
        "SizePage",
        "items",
        "is not a list-of-structs field of SizePage",
    );
}

#[test]
fn page_in_names_a_required_page_field() {
    let paged = METHOD.replace(
        "response = { type = \"untyped\" }",
        "response = { type = \"Size\" }",
    );
    let check =
        |types: &str| check_files(&[("types/photos.toml", types), ("methods/stats.toml", &paged)]);
    // `Size` is only a page through `page_in`: it answers a paged method.
    assert_eq!(check(PAGE_IN), Ok(()));
    let refused = |types: &str, needle: &str| {
        assert_one_problem(check(types), "types/photos.toml", "Size", "page_in", needle)
    };
    refused(
        &PAGE_IN
            .replace("page_in = \"page\"", "page_in = \"label\"")
            .replace("type = \"text\"", "type = \"text\", required = true"),
        "not of a page type",
    );
    refused(
        &PAGE_IN.replace("page_in = \"page\"", "page_in = \"pages\""),
        "`pages` is not a field of Size",
    );
    refused(
        &PAGE_IN.replace(
            "type = \"SizePage\", required = true",
            "type = \"SizePage\"",
        ),
        "must be required",
    );
    // Without `page_in`, the paged method's response is no page type.
    assert_one_problem(
        check(&PAGE_IN.replace("page_in = \"page\"\n", "")),
        "methods/stats.toml",
        "flickr.stats.getPhotostreamReferrers",
        "paging",
        "is not a page type",
    );
}

#[test]
fn min_and_max_on_an_enum_need_a_shared_enum_of_integers() {
    let levels = r#"
[[enums]]
name = "Level"
values = [
  { wire = "0", name = "Zero" },
  { wire = "1", name = "One" },
  { wire = "2", name = "Two" },
  { wire = "3", name = "Three" },
]

[[enums]]
name = "Word"
values = ["a", "b"]
"#;
    let with_arg = |arg: &str| {
        METHOD.replace(
            "[[methods.errors]]",
            &format!("[[methods.args]]\nname = \"level\"\n{arg}\n\n[[methods.errors]]"),
        )
    };
    let check = |arg: &str| {
        check_files(&[
            ("enums.toml", levels),
            ("methods/stats.toml", &with_arg(arg)),
        ])
    };
    assert_eq!(
        check("type = \"enum\"\nenum = \"Level\"\nmin = 1\nmax = 3\ndefault = \"3\""),
        Ok(())
    );
    let refused = |arg: &str, field: &str, needle: &str| {
        assert_one_problem(
            check(arg),
            "methods/stats.toml",
            "flickr.stats.getPhotostreamReferrers",
            field,
            needle,
        )
    };
    // The range leaves `0` out: it is no longer a valid default.
    refused(
        "type = \"enum\"\nenum = \"Level\"\nmin = 1\ndefault = \"0\"",
        "args.level.default",
        "not one of the enum values (1, 2, 3)",
    );
    refused(
        "type = \"enum\"\nenum = \"Word\"\nmin = 1",
        "args.level",
        "need an enum of integers",
    );
    refused(
        "type = \"enum\"\nvalues = [\"a\", \"b\"]\nmax = 1",
        "args.level",
        "need a shared enum of integers",
    );
}
