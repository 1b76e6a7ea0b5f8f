//! A response that could not be decoded: [`DecodeError`].

use std::fmt;

/// A response could not be decoded.
///
/// A leaf error: `message` is the parser's own text (serde_json's, quick-xml's)
/// placed at `path`, so there is no separate source to print twice.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeError {
    /// The method whose response failed.
    pub method: String,
    /// JSON path of the failing field (`photos.photo[3].latitude`), empty when the document itself is broken.
    pub path: String,
    /// What was wrong.
    pub message: String,
    /// A short excerpt of the body around the failure.
    pub body_excerpt: String,
    /// The body was not a JSON, JSONP or XML document at all (empty,
    /// truncated, an HTML page, garbage), as opposed to a valid document of
    /// the wrong shape. Flickr answers so transiently; reads retry it.
    pub unparsable: bool,
}

impl DecodeError {
    /// A document that parsed but has the wrong shape: `message` says what
    /// is wrong at `path` (a JSON path, or empty for the whole answer) of
    /// `method`'s answer (empty when the reader does not know the method:
    /// see [`in_method`](Self::in_method)).
    pub fn new(
        method: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> DecodeError {
        DecodeError {
            method: method.into(),
            path: path.into(),
            message: message.into(),
            body_excerpt: String::new(),
            unparsable: false,
        }
    }

    /// The same error, said of `method`'s answer: for a reader that decodes
    /// an answer without knowing which method gave it.
    pub fn in_method(self, method: impl Into<String>) -> DecodeError {
        DecodeError {
            method: method.into(),
            ..self
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not decode the response of {}", self.method)?;
        if !self.path.is_empty() && self.path != "." {
            write!(f, " at `{}`", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if !self.body_excerpt.is_empty() {
            write!(f, "; body: {}", self.body_excerpt)?;
        }
        f.write_str(
            " (Flickr's answer did not have the documented shape: please report it with the body)",
        )
    }
}

impl std::error::Error for DecodeError {}
