//! The lines a run from Flickr's export adds to its summary.

use std::io::Write;
use std::path::Path;

/// What the export held and lacked, in a few lines (the whole list is in
/// `export-report.json`).
pub(super) fn print(out: &mut impl Write, e: &flickr_backup::ExportReport, dir: &Path) {
    let few = |ids: &[String]| {
        let shown: Vec<&str> = ids.iter().take(5).map(String::as_str).collect();
        let more = if ids.len() > 5 { ", …" } else { "" };
        format!("{}{more}", shown.join(", "))
    };
    let _ = writeln!(
        out,
        "Flickr's export: {} zip(s) or folder(s) read, {} photo(s) with metadata, {} file(s); {} file(s) copied from it ({} bytes).",
        e.read.len(),
        e.photos,
        e.media_files,
        e.files_copied,
        e.bytes_copied
    );
    if !e.missing_media.is_empty() {
        let _ = writeln!(
            out,
            "  {} photo(s) have metadata but no file in the export ({}): their sidecars are written; a run with credentials (--user me) downloads them.",
            e.missing_media.len(),
            few(&e.missing_media)
        );
    }
    if !e.no_metadata.is_empty() {
        let _ = writeln!(
            out,
            "  {} file(s) have no metadata ({}): kept, undated.",
            e.no_metadata.len(),
            few(&e.no_metadata)
        );
    }
    for gap in e.albums_missing_photos.iter().take(5) {
        let _ = writeln!(
            out,
            "  album {:?} ({}) names {} photo(s) the export lacks.",
            gap.title,
            gap.album,
            gap.missing.len()
        );
    }
    for p in e.problems.iter().take(5) {
        let member = p
            .member
            .as_deref()
            .map(|m| format!(" {m}"))
            .unwrap_or_default();
        let _ = writeln!(out, "  {}{member}: {}", p.file, p.problem);
    }
    if e.problems.len() > 5 {
        let _ = writeln!(out, "  … {} more problem(s)", e.problems.len() - 5);
    }
    let _ = writeln!(
        out,
        "  The full list: {}",
        dir.join("export-report.json").display()
    );
}
