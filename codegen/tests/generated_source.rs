//! The generated source, reviewed as diffs: insta snapshots of a few methods'
//! and types' generated code, and a determinism check over the whole API.

use std::path::Path;

fn model() -> codegen::Model {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    codegen::model_from_dir(&spec).unwrap_or_else(|e| panic!("{e}"))
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
        let source = codegen::generate_method(&model, name).expect("method exists");
        insta::assert_snapshot!(name, source);
    }
}

/// A response enum (closed, with its `WireEnum` table) and a struct whose
/// enum fields decode open (`Open<MediaType>`).
#[test]
fn snapshots_of_generated_types() {
    let model = model();
    for name in ["MediaType", "Size"] {
        let source = codegen::generate_type(&model, name).expect("type exists");
        insta::assert_snapshot!(name, source);
    }
}

#[test]
fn generation_is_deterministic() {
    let first = codegen::generate(&model()).expect("generates");
    let second = codegen::generate(&model()).expect("generates");
    assert!(first == second, "generating twice gave different bytes");
    assert!(first.starts_with(codegen::format::HEADER));
}

#[test]
fn every_method_gets_a_request_type_and_a_registry_entry() {
    let model = model();
    let source = codegen::generate(&model).expect("generates");
    for m in &model.methods {
        let decl = format!("pub struct {} {{", m.type_name());
        let entry = format!(
            "pub static {}: ::flickr_core::registry::MethodInfo",
            m.static_name()
        );
        assert!(source.contains(&decl), "{}: no `{decl}`", m.name);
        assert!(source.contains(&entry), "{}: no registry entry", m.name);
    }
}
