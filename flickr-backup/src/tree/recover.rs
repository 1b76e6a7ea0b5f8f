//! Finishing what a killed run left, before anything else touches the tree.

use std::path::Path;

use super::Tree;
use crate::error::Result;
use crate::layout;
use crate::state::{FileStatus, State};

impl Tree {
    /// `Placing` rows are finished without fetching again: renamed into
    /// place when their checked temporary file is there, adopted when the
    /// rename had happened, otherwise recorded failed (the next plan fetches
    /// them). Then stray temporary files go. Returns the files finished.
    pub fn recover(&self, state: &State) -> Result<u64> {
        let mut finished = 0;
        for f in state.files_in(FileStatus::Placing)? {
            let has_size = |p: &Path| {
                std::fs::metadata(p)
                    .map(|m| Some(m.len() as i64) == f.size)
                    .unwrap_or(false)
            };
            let tmp = f
                .tmp
                .as_deref()
                .map(|t| layout::tmp_dir(&self.root).join(t));
            match tmp {
                Some(t) if has_size(&t) => self.finish_placing(&f, &t)?,
                // Renamed before the kill: only the old version is left to remove.
                _ if self.holds(&f.path, f.size) => self.remove_replaced(&f)?,
                _ => {
                    state.file_failed(&f.photo_id, "interrupted before it was in place")?;
                    continue;
                }
            }
            state.file_done(&f.photo_id)?;
            finished += 1;
        }
        if let Ok(entries) = std::fs::read_dir(layout::tmp_dir(&self.root)) {
            for e in entries.flatten() {
                let _ = std::fs::remove_file(e.path());
            }
        }
        Ok(finished)
    }
}
