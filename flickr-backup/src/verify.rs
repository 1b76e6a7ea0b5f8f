//! `verify`: every file the state says is complete, re-read and compared
//! with the size and SHA-256 recorded when it was downloaded.

use std::path::Path;

use serde::Serialize;

use crate::digest::sha256_file;
use crate::error::{Error, Result};
use crate::layout;
use crate::state::{FileStatus, State};
use crate::tree::Tree;

/// A file that is not as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Problem {
    /// Path inside the mirror.
    pub path: String,
    /// Photo id.
    pub photo: String,
    /// What is wrong.
    pub reason: String,
}

/// What `verify` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct VerifyReport {
    /// Files checked.
    pub checked: u64,
    /// Files as recorded.
    pub ok: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Files that are gone.
    pub missing: Vec<Problem>,
    /// Files whose size or content differ.
    pub changed: Vec<Problem>,
    /// Files the state knows of that no run has completed yet.
    pub not_downloaded: u64,
}

impl VerifyReport {
    /// Whether every complete file is as recorded.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.changed.is_empty()
    }
}

/// Re-checks every complete file of the mirror at `root` (size, then SHA-256)
/// and records when each was last found intact; a missing or changed file
/// is marked for the next backup run to fetch again.
pub fn verify(root: &Path, mut progress: impl FnMut(u64, u64)) -> Result<VerifyReport> {
    let state = State::open_existing(&layout::state_db(root))?;
    // Not while a backup writes to the same mirror.
    let _lock = Tree::new(root).lock()?;
    let files = state.files()?;
    let mut report = VerifyReport::default();
    let total = files
        .iter()
        .filter(|f| f.status == FileStatus::Done)
        .count() as u64;
    let now = crate::ctx::now();
    for f in files {
        if f.status != FileStatus::Done {
            report.not_downloaded += 1;
            continue;
        }
        report.checked += 1;
        let path = layout::resolve(root, &f.path);
        let problem = |reason: String| Problem {
            path: f.path.clone(),
            photo: f.photo_id.clone(),
            reason,
        };
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                state.file_invalid(&f.photo_id, "missing (found by verify)")?;
                report.missing.push(problem("missing".to_owned()));
                continue;
            }
            Err(e) => return Err(Error::io("cannot read", &path, e)),
        };
        let expected = f.size.unwrap_or(-1);
        if meta.len() as i64 != expected {
            let reason = format!("size {} bytes, recorded {expected}", meta.len());
            state.file_invalid(&f.photo_id, &format!("{reason} (found by verify)"))?;
            report.changed.push(problem(reason));
            continue;
        }
        let sha = sha256_file(&path)?;
        report.bytes += meta.len();
        if Some(&sha) != f.sha256.as_ref() {
            let reason = format!(
                "SHA-256 {sha}, recorded {}",
                f.sha256.as_deref().unwrap_or("none")
            );
            state.file_invalid(&f.photo_id, &format!("{reason} (found by verify)"))?;
            report.changed.push(problem(reason));
            continue;
        }
        report.ok += 1;
        state.file_verified(&f.photo_id, now)?;
        progress(report.checked, total);
    }
    Ok(report)
}
