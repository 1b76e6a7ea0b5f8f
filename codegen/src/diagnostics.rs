//! Spec errors that name the file, the method and the field at fault.

use std::fmt;

/// One problem found in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The spec file, relative to the spec folder (e.g. `methods/photos.toml`).
    pub file: String,
    /// The method (or type) the problem is in, if any.
    pub method: Option<String>,
    /// The field, e.g. `args.per_page.default`.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl SpecError {
    /// A problem with a whole file.
    pub fn file(file: &str, message: impl Into<String>) -> SpecError {
        SpecError {
            file: file.to_owned(),
            method: None,
            field: None,
            message: message.into(),
        }
    }

    /// A problem in one method's (or type's) field.
    pub fn at(
        file: &str,
        method: &str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> SpecError {
        SpecError {
            file: file.to_owned(),
            method: Some(method.to_owned()),
            field: Some(field.into()),
            message: message.into(),
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "spec/{}", self.file)?;
        if let Some(method) = &self.method {
            write!(f, ": {method}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for SpecError {}

/// Every problem found in one run, so a spec author fixes them all at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecErrors(pub Vec<SpecError>);

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the Flickr spec has {} problem(s):", self.0.len())?;
        for e in &self.0 {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecErrors {}

impl From<SpecError> for SpecErrors {
    fn from(e: SpecError) -> Self {
        SpecErrors(vec![e])
    }
}
