//! Generates the bindings from `../spec` into `$OUT_DIR`: `flickr_api.rs`
//! (included by `lib.rs`) declares the modules filled from the other files.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let spec = manifest.join("../spec");
    println!("cargo:rerun-if-changed={}", spec.display());
    println!("cargo:rerun-if-changed={}", spec.join("methods").display());
    println!("cargo:rerun-if-changed={}", spec.join("types").display());
    match codegen::load::spec_files(&spec) {
        Ok(files) => {
            for f in files {
                println!("cargo:rerun-if-changed={}", f.display());
            }
        }
        Err(e) => fail(&e.to_string()),
    }
    let files = match codegen::generate_dir_files(&spec) {
        Ok(f) => f,
        Err(e) => fail(&e.to_string()),
    };
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

fn fail(message: &str) -> ! {
    for line in message.lines() {
        println!("cargo:warning={line}");
    }
    eprintln!("{message}");
    std::process::exit(1);
}
