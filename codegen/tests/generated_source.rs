//! The generated source, reviewed as diffs: insta snapshots of a few methods'
//! and types' generated code, and a determinism check over the whole API.

use std::path::Path;

fn model() -> flickr_codegen::Model {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    flickr_codegen::model_from_dir(&spec).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn snapshots_of_generated_methods() {
    let model = model();
    for name in [
        "flickr.photos.search",
        "flickr.photosets.getList",
        "flickr.photosets.getPhotos",
        "flickr.test.login",
        "flickr.stats.getPhotostreamReferrers",
    ] {
        let source = flickr_codegen::generate_method(&model, name).expect("method exists");
        insta::assert_snapshot!(name, source);
    }
}

/// One paged method as its users run it: the request type's methods
/// written out as the generated `request_methods!` writes them (the
/// generated file holds the macro's one-line invocation instead).
#[test]
fn snapshot_of_a_method_expanded() {
    let model = model();
    let source = flickr_codegen::generate_method_expanded(&model, "flickr.photos.search")
        .expect("method exists");
    assert!(!source.contains("request_methods!"), "{source}");
    insta::assert_snapshot!("flickr.photos.search expanded", source);
}

/// A response enum (closed, with its `WireEnum` table), a struct whose
/// enum fields decode open (`Open<MediaType>`), an enum whose wire values
/// are numbers (`numeric_wire_enum!`) and a struct whose `datetime` fields
/// are `DateValue`s read by flickr-core's date reader (`via opt_date`).
#[test]
fn snapshots_of_generated_types() {
    let model = model();
    for name in ["MediaType", "SizeEntry", "License", "PhotoCount"] {
        let source = flickr_codegen::generate_type(&model, name).expect("type exists");
        insta::assert_snapshot!(name, source);
    }
}

#[test]
fn generation_is_deterministic() {
    let first = flickr_codegen::generate(&model()).expect("generates");
    let second = flickr_codegen::generate(&model()).expect("generates");
    assert!(first == second, "generating twice gave different bytes");
    assert!(first.starts_with(flickr_codegen::HEADER));
}

#[test]
fn every_method_gets_a_request_type_and_a_registry_entry() {
    let model = model();
    let source = flickr_codegen::generate(&model).expect("generates");
    for m in &model.methods {
        let decl = format!("pub struct {} {{", m.type_name());
        let entry = format!("pub static {}: MethodInfo", m.static_name());
        assert!(source.contains(&decl), "{}: no `{decl}`", m.name);
        assert!(source.contains(&entry), "{}: no registry entry", m.name);
    }
}

/// The generated source's written line budget (issue: lean generated code).
/// Raising it is a decision to make in review, with the reason beside it.
const LINE_BUDGET: usize = 35_000;

#[test]
fn generated_source_stays_within_its_line_budget() {
    // Rust source only: the schemas' data file (one JSON line per method,
    // read by `flickr_sdk::schemas`) is not compiled as code.
    let files: Vec<_> = flickr_codegen::generate_files(&model())
        .expect("generates")
        .into_iter()
        .filter(|f| f.name.ends_with(".rs"))
        .collect();
    let total: usize = files.iter().map(|f| f.source.lines().count()).sum();
    let per_file: Vec<String> = files
        .iter()
        .map(|f| format!("{}: {}", f.name, f.source.lines().count()))
        .collect();
    assert!(
        total <= LINE_BUDGET,
        "the generated source has {total} lines, over its budget of {LINE_BUDGET}:\n{}",
        per_file.join("\n")
    );
}

#[test]
fn one_file_per_top_level_namespace() {
    let model = model();
    let files = flickr_codegen::generate_files(&model).expect("generates");
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    for ns in [
        "photos.rs",
        "photosets.rs",
        "people.rs",
        "test.rs",
        "stats.rs",
    ] {
        assert!(names.contains(&ns), "no {ns} in {names:?}");
    }
    for shared in ["flickr_sdk.rs", "types.rs", "errors.rs", "registry.rs"] {
        assert!(names.contains(&shared), "no {shared} in {names:?}");
    }
    // The root declares each namespace module behind its feature.
    let root = &files
        .iter()
        .find(|f| f.name == "flickr_sdk.rs")
        .expect("root")
        .source;
    assert!(root.contains("#[cfg(feature = \"photos\")]"), "{root}");
    assert!(
        root.contains("include!(concat!(env!(\"OUT_DIR\"), \"/photos.rs\"))"),
        "{root}"
    );
}
