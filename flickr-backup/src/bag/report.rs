//! What [`crate::bag()`] made and what [`crate::validate_bag`] found.

use serde::Serialize;

/// A bag made by [`crate::bag()`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BagReport {
    /// Payload files (under `data/`), each path once: an album entry and
    /// the file it links count twice, as `Payload-Oxum` counts them.
    pub files: u64,
    /// Their bytes, counted the same way (`Payload-Oxum`).
    pub bytes: u64,
    /// Payload files that are hard links (to the mirror's file, or to
    /// another payload file with the same content): no extra bytes.
    pub linked: u64,
    /// Payload files copied (the bag on another file system, or one that
    /// refuses hard links).
    pub copied: u64,
    /// Bytes written by those copies.
    pub bytes_copied: u64,
    /// Media files whose SHA-256 matched the one the backup recorded when
    /// it downloaded them.
    pub checked_against_state: u64,
    /// `Payload-Oxum` as written in `bag-info.txt` (`bytes.files`).
    pub payload_oxum: String,
}

/// A file of a bag that is not as its manifests, or its `bag-info.txt`,
/// say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BagProblem {
    /// The path in the bag (`data/photos/…`, `manifest-sha256.txt`, …).
    pub path: String,
    /// What is wrong.
    pub reason: String,
}

/// What [`crate::validate_bag`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BagCheck {
    /// Payload files found under `data/`.
    pub files: u64,
    /// Their bytes.
    pub bytes: u64,
    /// Files read and compared with the manifests (payload and tag files).
    pub checked: u64,
    /// Everything that is not as it should be, by path.
    pub problems: Vec<BagProblem>,
}

impl BagCheck {
    /// Whether the bag is complete and every checksum matches.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    pub(super) fn problem(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.problems.push(BagProblem {
            path: path.into(),
            reason: reason.into(),
        });
    }
}
