//! Editing the spec is all it takes to change the API, and a broken spec is
//! refused with a message naming file, method and field (the build script
//! prints exactly this message and fails the build).

use std::fs;
use std::path::{Path, PathBuf};

fn copy_spec() -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let dir = tempfile::tempdir().expect("temp dir");
    for file in flickr_codegen::spec_files(&src).expect("spec files") {
        let rel = file.strip_prefix(&src).expect("inside spec");
        let dest: PathBuf = dir.path().join(rel);
        fs::create_dir_all(dest.parent().expect("has parent")).expect("mkdir");
        fs::copy(&file, &dest).expect("copy");
    }
    dir
}

fn edit(dir: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let path = dir.join(rel);
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, f(text)).expect("write");
}

#[test]
fn adding_an_optional_argument_adds_a_setter_and_a_registry_entry() {
    let dir = copy_spec();
    let before = flickr_codegen::generate_dir(dir.path()).expect("generates");
    assert!(!before.contains("pub fn colour_mode("));
    // Append the new argument to flickr.test.echo, the last method table of its file.
    let path = dir.path().join("methods/test.toml");
    let text = fs::read_to_string(&path).unwrap();
    let echo = text
        .find("name = \"flickr.test.echo\"")
        .expect("echo in test.toml");
    let next_method = text[echo..]
        .find("[[methods]]")
        .map(|i| echo + i)
        .unwrap_or(text.len());
    let arg = "\n[[methods.args]]\nname = \"colour_mode\"\ntype = \"enum\"\nvalues = [\"light\", \"dark\"]\ndoc = \"A test argument.\"\n\n";
    let edited = format!("{}{}{}", &text[..next_method], arg, &text[next_method..]);
    fs::write(&path, edited).unwrap();

    let after = flickr_codegen::generate_dir(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        after.contains("pub fn colour_mode("),
        "the new setter is generated"
    );
    assert!(
        after.contains("pub enum EchoColourMode"),
        "its enum is generated"
    );
    let files = flickr_codegen::generate_dir_files(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let registry = &files
        .iter()
        .find(|f| f.name == "registry.rs")
        .expect("registry.rs")
        .source;
    assert!(
        registry.contains("ArgInfo::optional(\n            \"colour_mode\","),
        "the registry lists it"
    );
}

#[test]
fn a_broken_spec_fails_with_file_method_and_field() {
    let dir = copy_spec();
    edit(dir.path(), "methods/stats.toml", |text| {
        text.replacen("type = \"int\"", "type = \"integer\"", 1)
    });
    let err = flickr_codegen::generate_dir(dir.path())
        .expect_err("must refuse")
        .to_string();
    assert!(
        err.contains("spec/methods/stats.toml: flickr.stats."),
        "{err}"
    );
    assert!(err.contains(".type: unknown type `integer`"), "{err}");
}

/// An argument named after something the request type has itself (its
/// `options` setter, the paging streams' `items`) gets an `_arg` setter and
/// keeps its wire name, so the generated code never collides.
#[test]
fn arguments_named_like_the_builders_own_items_are_renamed() {
    let dir = copy_spec();
    edit(dir.path(), "methods/test.toml", |text| {
        let echo = text
            .find("name = \"flickr.test.echo\"")
            .expect("echo in test.toml");
        let next_method = text[echo..]
            .find("[[methods]]")
            .map(|i| echo + i)
            .unwrap_or(text.len());
        let args = "\n[[methods.args]]\nname = \"options\"\ntype = \"string\"\ndoc = \"A test argument.\"\n\n\
                    [[methods.args]]\nname = \"items\"\ntype = \"int\"\ndoc = \"Another.\"\n\n";
        format!("{}{}{}", &text[..next_method], args, &text[next_method..])
    });
    let files = flickr_codegen::generate_dir_files(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let source = &files
        .iter()
        .find(|f| f.name == "test.rs")
        .expect("test.rs")
        .source;
    let echo = &source[source.find("pub struct Echo {").expect("Echo")..];
    let echo = &echo[..echo.find("request_methods!").expect("its request_methods!")];
    assert!(echo.contains("sender: crate::Sender,"), "{echo}");
    assert!(
        echo.contains("pub fn options_arg(mut self, options_arg:"),
        "{echo}"
    );
    assert!(
        echo.contains("pub fn items_arg(mut self, items_arg:"),
        "{echo}"
    );
    assert!(!echo.contains("pub fn options("), "{echo}");
    assert!(
        echo.contains("params.push_opt(\"options\", self.options_arg.as_ref());"),
        "{echo}"
    );
}
