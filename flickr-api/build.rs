//! Generates the bindings from `../spec` into `$OUT_DIR/flickr_api.rs`.

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
    let source = match codegen::generate_dir(&spec) {
        Ok(s) => s,
        Err(e) => fail(&e.to_string()),
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("flickr_api.rs");
    // Write only on change so an unrelated rebuild does not recompile the crate.
    if std::fs::read_to_string(&out).ok().as_deref() != Some(source.as_str()) {
        if let Err(e) = std::fs::write(&out, source) {
            fail(&format!("cannot write {}: {e}", out.display()));
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
