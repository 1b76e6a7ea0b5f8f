//! `flickr backup bag DIR OUT`: the mirror packaged as a BagIt bag, and a
//! one-line summary (or the report as JSON).

use std::io::Write;
use std::path::Path;

use flickr_backup::BagInfo;

use crate::fail::{Fail, Result};

/// Bags the mirror at `dir` into `out`.
pub async fn run(dir: &Path, out: &Path, info: BagInfo, json_out: bool) -> Result<()> {
    let (mirror, bag) = (dir.to_path_buf(), out.to_path_buf());
    let report = tokio::task::spawn_blocking(move || flickr_backup::bag(&mirror, &bag, &info))
        .await
        .map_err(|e| {
            Fail::from(flickr_backup::Error::Internal {
                what: "bagging stopped".to_owned(),
                source: Box::new(e),
            })
        })?
        .map_err(Fail::from)?;
    let mut stdout = std::io::stdout().lock();
    if json_out {
        let _ = writeln!(
            stdout,
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        let _ = writeln!(
            stdout,
            "{}: a BagIt bag of {} file(s), {} bytes ({} hard-linked, {} copied, {} bytes copied); \
             {} checked against the backup's SHA-256.",
            out.display(),
            report.files,
            report.bytes,
            report.linked,
            report.copied,
            report.bytes_copied,
            report.checked_against_state
        );
    }
    let _ = stdout.flush();
    Ok(())
}
