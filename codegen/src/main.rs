//! `codegen check | dump | generate [OUT]` over the spec folder.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: codegen [--spec DIR] <check | dump | generate [--out DIR] | method NAME>\n\
  check     validate the spec and print a summary\n\
  dump      print the validated spec as JSON\n\
  generate  write the generated files into DIR (as flickr-sdk's build script does),\n\
            or print them all to stdout\n\
  method    print the generated source for one method";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut spec = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"));
    if let Some(i) = args.iter().position(|a| a == "--spec") {
        if i + 1 >= args.len() {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
        spec = PathBuf::from(args.remove(i + 1));
        args.remove(i);
    }
    let model = match flickr_codegen::model_from_dir(&spec) {
        Ok(m) => m,
        Err(e) => {
            eprint!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match args.first().map(String::as_str) {
        Some("check") => println!("{}", flickr_codegen::dump::summary(&model)),
        Some("dump") => {
            let json =
                serde_json::to_string_pretty(&flickr_codegen::dump::dump(&model)).expect("JSON");
            println!("{json}");
        }
        Some("generate") => {
            let files = match flickr_codegen::generate_files(&model) {
                Ok(f) => f,
                Err(e) => {
                    eprint!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            match (args.get(1).map(String::as_str), args.get(2)) {
                (Some("--out"), Some(dir)) => {
                    let dir = PathBuf::from(dir);
                    if let Err(e) = std::fs::create_dir_all(&dir) {
                        eprintln!("cannot create {}: {e}", dir.display());
                        return ExitCode::FAILURE;
                    }
                    for f in &files {
                        let path = dir.join(&f.name);
                        if let Err(e) = std::fs::write(&path, &f.source) {
                            eprintln!("cannot write {}: {e}", path.display());
                            return ExitCode::FAILURE;
                        }
                    }
                    let lines: usize = files.iter().map(|f| f.source.lines().count()).sum();
                    eprintln!(
                        "wrote {} files ({lines} lines) to {}",
                        files.len(),
                        dir.display()
                    );
                }
                (None, _) => {
                    for f in &files {
                        println!("// ==== file: {} ====", f.name);
                        print!("{}", f.source);
                    }
                }
                _ => {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                }
            }
        }
        Some("method") => match args
            .get(1)
            .and_then(|name| flickr_codegen::generate_method(&model, name))
        {
            Some(source) => print!("{source}"),
            None => {
                eprintln!("no such method; try `codegen dump`");
                return ExitCode::FAILURE;
            }
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
