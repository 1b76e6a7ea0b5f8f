//! `codegen check | dump | generate [OUT]` over the spec folder.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: codegen [--spec DIR] <check | dump | generate [OUT_FILE] | method NAME>\n\
  check     validate the spec and print a summary\n\
  dump      print the validated spec as JSON\n\
  generate  write the generated Rust source (stdout or OUT_FILE)\n\
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
    let model = match codegen::model_from_dir(&spec) {
        Ok(m) => m,
        Err(e) => {
            eprint!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match args.first().map(String::as_str) {
        Some("check") => println!("{}", codegen::dump::summary(&model)),
        Some("dump") => {
            let json = serde_json::to_string_pretty(&codegen::dump::dump(&model)).expect("JSON");
            println!("{json}");
        }
        Some("generate") => {
            let source = match codegen::generate(&model) {
                Ok(s) => s,
                Err(e) => {
                    eprint!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            match args.get(1) {
                Some(out) => {
                    if let Err(e) = std::fs::write(out, source) {
                        eprintln!("cannot write {out}: {e}");
                        return ExitCode::FAILURE;
                    }
                }
                None => print!("{source}"),
            }
        }
        Some("method") => match args
            .get(1)
            .and_then(|name| codegen::generate_method(&model, name))
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
