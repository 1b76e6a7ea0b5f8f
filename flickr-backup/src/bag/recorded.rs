//! What the backup recorded of each media file it completed (size and
//! SHA-256, in the state database): the bag checks its own reading against
//! it, so a damaged mirror is not packaged as if it were sound.

use std::collections::HashMap;

use super::digests::Digests;
use crate::error::{Error, Result};
use crate::state::{FileStatus, State};

/// Recorded (size, SHA-256) by path in the mirror.
#[derive(Debug, Default)]
pub(super) struct Recorded(HashMap<String, (Option<i64>, Option<String>)>);

impl Recorded {
    /// The complete files of the mirror's state.
    pub fn read(state: &State) -> Result<Recorded> {
        Ok(Recorded(
            state
                .files_in(FileStatus::Done)?
                .into_iter()
                .map(|f| (f.path, (f.size, f.sha256)))
                .collect(),
        ))
    }

    /// Whether `rel` is recorded and read as `d` (`Ok(false)`: nothing
    /// recorded); an error naming the file when it differs.
    pub fn check(&self, rel: &str, d: &Digests) -> Result<bool> {
        let Some((size, sha256)) = self.0.get(rel) else {
            return Ok(false);
        };
        if *size == Some(d.size as i64) && sha256.as_deref() == Some(d.sha256.as_str()) {
            return Ok(true);
        }
        Err(Error::Usage(format!(
            "{rel} is not as the backup recorded it ({} bytes, SHA-256 {}; recorded {} bytes, {}); \
             run `flickr backup verify` and then the backup again to fetch it, before bagging",
            d.size,
            d.sha256,
            size.map_or("no".to_owned(), |s| s.to_string()),
            sha256.as_deref().unwrap_or("no SHA-256"),
        )))
    }
}
