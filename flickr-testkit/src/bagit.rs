//! An independent check of a BagIt bag (RFC 8493): the Library of
//! Congress's bagit.py, `python -m bagit --validate BAG`, run with the
//! Python named by `FLICKR_TEST_PYTHON` (the venv `bash scripts/test.sh`
//! makes in `target/pyenv` from `scripts/requirements-test.txt`, bagit
//! among them). A bag our own code made and our own code checks could pass
//! by agreeing with itself; bagit.py cannot.
//!
//! ```no_run
//! let bag = std::path::Path::new("/tmp/bags/alice");
//! flickr_testkit::bagit::assert_valid(bag);
//! let (passed, said) = flickr_testkit::bagit::validate(bag);
//! assert!(passed, "{said}");
//! ```

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// The environment variable naming the Python that has bagit installed.
pub const PYTHON_VAR: &str = "FLICKR_TEST_PYTHON";

/// The Python named by [`PYTHON_VAR`].
///
/// # Panics
///
/// When it is not set, saying to run the suite with `bash scripts/test.sh`.
pub fn python() -> OsString {
    std::env::var_os(PYTHON_VAR).unwrap_or_else(|| {
        panic!(
            "{PYTHON_VAR} is not set: run the test suite with `bash scripts/test.sh`, which \
             creates target/pyenv with scripts/requirements-test.txt (bagit among them) and sets it"
        )
    })
}

/// Runs `python -m bagit --validate BAG`: whether it passed, and what it
/// said (standard output, then standard error; UTF-8, so that paths such as
/// `Été à Kyōto` come out as they are).
///
/// # Panics
///
/// When [`PYTHON_VAR`] is not set ([`python`]) or the Python cannot be run.
pub fn validate(bag: &Path) -> (bool, String) {
    let python = python();
    let out = Command::new(&python)
        .args(["-m", "bagit", "--validate"])
        .arg(bag)
        .env("PYTHONIOENCODING", "utf-8")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python:?}: {e}"));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

/// Fails unless bagit.py calls the bag valid: every payload file in the
/// manifests with its digests, none besides, the tag files as their tag
/// manifests say, and `Payload-Oxum` right.
///
/// # Panics
///
/// When bagit.py refuses the bag (with what it said), and as [`validate`].
pub fn assert_valid(bag: &Path) {
    let (passed, said) = validate(bag);
    assert!(passed, "bagit.py refuses {}:\n{said}", bag.display());
}
