//! Generates the bindings from the spec (`spec/`, a link to the workspace's `spec/` that `cargo package` copies into the package) into `$OUT_DIR`: `flickr_sdk.rs`
//! (included by `lib.rs`) declares the modules filled from the other files.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let spec = manifest.join("spec");
    println!("cargo:rerun-if-changed={}", spec.display());
    println!("cargo:rerun-if-changed={}", spec.join("methods").display());
    println!("cargo:rerun-if-changed={}", spec.join("types").display());
    match flickr_codegen::spec_files(&spec) {
        Ok(files) => {
            for f in files {
                println!("cargo:rerun-if-changed={}", f.display());
            }
        }
        Err(e) => fail(&e.to_string()),
    }
    let model = match flickr_codegen::model_from_dir(&spec) {
        Ok(m) => m,
        Err(e) => fail(&e.to_string()),
    };
    let files = match flickr_codegen::generate_files(&model) {
        Ok(f) => f,
        Err(e) => fail(&e.to_string()),
    };
    declare_generated_types(&model);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for f in files {
        let path = out.join(&f.name);
        // Write only on change so an unrelated rebuild does not recompile the crate.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(f.source.as_str()) {
            if let Err(e) = std::fs::write(&path, f.source) {
                fail(&format!("cannot write {}: {e}", path.display()));
            }
        }
    }
}

/// `cfg(generated_type = "Photo")` for every shared type this feature set
/// compiles (a feature whose methods reach it is on), so hand-written code
/// built on a generated type is gated exactly as the type is.
fn declare_generated_types(model: &flickr_codegen::model::Model) {
    println!("cargo::rustc-check-cfg=cfg(generated_type, values(any()))");
    for (ty, features) in flickr_codegen::type_users(model) {
        let enabled = features.iter().any(|f| {
            std::env::var_os(format!(
                "CARGO_FEATURE_{}",
                f.to_uppercase().replace('-', "_")
            ))
            .is_some()
        });
        if enabled {
            println!("cargo::rustc-cfg=generated_type=\"{ty}\"");
        }
    }
}

fn fail(message: &str) -> ! {
    for line in message.lines() {
        println!("cargo:warning={line}");
    }
    eprintln!("{message}");
    std::process::exit(1);
}
