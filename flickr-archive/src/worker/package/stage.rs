//! A package's staging directory and the library's files in it.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The library's files, by path relative to it, in order: its state under
/// `.flickr-backup/` stays out but for the viewer's thumbnails, so the
/// bag's `data/index.html` works as the library's does (as in
/// `flickr backup bag`).
pub(super) fn payload(library: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let mut dirs = vec![library.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| Error::Other(format!("{}: {e}", dir.display())))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::Other(format!("{}: {e}", dir.display())))?;
            let path = entry.path();
            let rel = path
                .strip_prefix(library)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let thumbs = flickr_backup::library::THUMBNAILS_DIR;
            if rel.starts_with(".flickr-backup")
                && !(thumbs.starts_with(&rel) || rel.starts_with(thumbs))
            {
                continue;
            }
            if entry
                .file_type()
                .map_err(|e| Error::Other(format!("{}: {e}", path.display())))?
                .is_dir()
            {
                dirs.push(path);
            } else {
                out.push((rel, path));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A package job's staging directory, removed when dropped.
pub(super) struct Stage(pub(super) PathBuf);

impl Stage {
    pub(super) fn new(work_dir: &Path, job: i64) -> Result<Stage> {
        let dir = work_dir.join(format!(
            "flickr-archive-package-{job}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::Other(format!("staging {}: {e}", dir.display())))?;
        Ok(Stage(dir))
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
