//! Temporary folders for fixtures kept in a `static`: [`fixture_tempdir`].

use std::path::PathBuf;
use std::sync::Once;

/// A temporary folder for a test fixture made once per test binary and
/// kept in a `static`.
///
/// A `static` is never dropped, so a `tempfile::tempdir()` held there would
/// stay behind after every run. These folders live under
/// `flickr-test-fixtures/` in the system's temporary folder, named by the
/// process that made them; the first call in a process removes the folders
/// of processes that are no longer running (on Linux, where `/proc` tells),
/// so a run leaves at most its own behind, until the next.
///
/// # Panics
/// When the folder cannot be made: a test cannot go on.
pub fn fixture_tempdir() -> tempfile::TempDir {
    let root = std::env::temp_dir().join("flickr-test-fixtures");
    static SWEEP: Once = Once::new();
    SWEEP.call_once(|| remove_folders_of_ended_processes(&root));
    std::fs::create_dir_all(&root).expect("the fixtures' folder can be made");
    tempfile::Builder::new()
        .prefix(&format!("{}-", std::process::id()))
        .tempdir_in(&root)
        .expect("a fixture's temporary folder can be made")
}

/// Removes the folders under `root` whose process (the number their name
/// starts with) has ended.
fn remove_folders_of_ended_processes(root: &std::path::Path) {
    if !cfg!(target_os = "linux") {
        return;
    }
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let alive = PathBuf::from(format!("/proc/{pid}")).exists();
        if !alive {
            // Best effort: another process may be sweeping it at once.
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixture_folder_is_named_by_its_process_and_an_ended_ones_is_swept() {
        let root = std::env::temp_dir().join("flickr-test-fixtures");
        std::fs::create_dir_all(&root).unwrap();
        // No process has this number (Linux's pid_max is at most 2^22).
        let ended = root.join("4294967-leftover");
        std::fs::create_dir_all(ended.join("inner")).unwrap();
        let dir = fixture_tempdir();
        let name = dir
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(&format!("{}-", std::process::id())),
            "{name}"
        );
        assert!(dir.path().starts_with(&root));
        if cfg!(target_os = "linux") {
            assert!(!ended.exists(), "a folder of an ended process is removed");
        } else {
            let _ = std::fs::remove_dir_all(&ended);
        }
    }
}
