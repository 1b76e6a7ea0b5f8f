//! Stage 1: read the spec folder and parse each TOML file.

use crate::diagnostics::{SpecError, SpecErrors};
use crate::spec::{ErrorsFile, MethodsFile, TypesFile};
use std::path::{Path, PathBuf};

/// One spec file's text, named relative to the spec folder.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the spec folder, `/`-separated (`methods/photos.toml`).
    pub name: String,
    /// File contents.
    pub text: String,
}

/// The parsed spec, before validation.
#[derive(Debug, Clone, Default)]
pub struct RawSpec {
    /// `errors.toml`.
    pub errors: Vec<(String, ErrorsFile)>,
    /// `enums.toml`, `types.toml`.
    pub types: Vec<(String, TypesFile)>,
    /// `methods/*.toml`, sorted by file name.
    pub methods: Vec<(String, MethodsFile)>,
}

/// Lists the files `codegen` reads in `dir` (for `rerun-if-changed`).
pub fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, SpecError> {
    let mut files = Vec::new();
    for name in ["errors.toml", "enums.toml", "types.toml"] {
        let path = dir.join(name);
        if path.exists() {
            files.push(path);
        }
    }
    for folder in ["types", "methods"] {
        let sub = dir.join(folder);
        if folder == "types" && !sub.exists() {
            continue;
        }
        let entries = std::fs::read_dir(&sub).map_err(|e| {
            SpecError::file(
                &format!("{folder}/"),
                format!("cannot read {}: {e}", sub.display()),
            )
        })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// Reads every spec file in `dir`.
pub fn read_dir(dir: &Path) -> Result<Vec<Source>, SpecError> {
    spec_files(dir)?
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let text = std::fs::read_to_string(&path)
                .map_err(|e| SpecError::file(&name, format!("cannot read: {e}")))?;
            Ok(Source { name, text })
        })
        .collect()
}

/// Parses sources by their role (`errors.toml`, `enums.toml`/`types.toml`, `methods/*.toml`).
pub fn parse(sources: &[Source]) -> Result<RawSpec, SpecErrors> {
    let mut raw = RawSpec::default();
    let mut problems = Vec::new();
    for source in sources {
        let name = source.name.as_str();
        let result = if name == "errors.toml" {
            toml::from_str(&source.text).map(|f| raw.errors.push((name.to_owned(), f)))
        } else if name == "enums.toml" || name == "types.toml" || name.starts_with("types/") {
            toml::from_str(&source.text).map(|f| raw.types.push((name.to_owned(), f)))
        } else if name.starts_with("methods/") {
            toml::from_str(&source.text).map(|f| raw.methods.push((name.to_owned(), f)))
        } else {
            problems.push(SpecError::file(
                name,
                "unexpected spec file (see spec/README.md for the layout)",
            ));
            continue;
        };
        if let Err(e) = result {
            problems.push(SpecError::file(
                name,
                format!("invalid TOML: {}", e.to_string().trim_end()),
            ));
        }
    }
    raw.methods.sort_by(|a, b| a.0.cmp(&b.0));
    if raw.errors.is_empty() && problems.is_empty() {
        problems.push(SpecError::file(
            "errors.toml",
            "missing: the generic error table is required",
        ));
    }
    if problems.is_empty() {
        Ok(raw)
    } else {
        Err(SpecErrors(problems))
    }
}
