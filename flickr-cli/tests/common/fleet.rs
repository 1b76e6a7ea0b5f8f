//! What the fleet archive's tests share: a command that must succeed, and
//! bagit.py's verdict on a bag.

use std::path::Path;
use std::process::Command;

/// Runs `cmd`, which must succeed; its standard output.
pub fn run_ok(mut cmd: Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `python -m bagit --validate BAG` must pass (in the venv scripts/test.sh
/// names in FLICKR_TEST_PYTHON; without it, said and skipped).
pub fn bagit_valid(bag: &Path) {
    let Some(python) = std::env::var_os("FLICKR_TEST_PYTHON") else {
        eprintln!("bagit.py not checked: FLICKR_TEST_PYTHON is not set (scripts/test.sh sets it)");
        return;
    };
    let out = Command::new(python)
        .args(["-m", "bagit", "--validate"])
        .arg(bag)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "bagit.py: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
