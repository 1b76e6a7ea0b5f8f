//! An independent OAuth implementation (Python's requests-oauthlib/oauthlib,
//! installed by scripts/test.sh into the venv named by FLICKR_TEST_PYTHON) is
//! pointed at the server: its signed calls and its upload are accepted, and
//! the same call signed with a wrong secret is rejected with 96.

use std::path::PathBuf;
use std::process::Command;

use flickr_testkit::FakeFlickr;

#[test]
fn python_requests_oauthlib_is_accepted_and_a_wrong_secret_gets_96() {
    let Some(python) = std::env::var_os("FLICKR_TEST_PYTHON") else {
        panic!(
            "FLICKR_TEST_PYTHON is not set: run the test suite with `bash scripts/test.sh`, which \
             creates target/pyenv with scripts/requirements-test.txt and sets it"
        );
    };
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("scripts")
        .join("independent_client.py");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let fake = rt
        .block_on(FakeFlickr::builder().photos(30).start())
        .unwrap();
    let c = fake.credentials();
    let out = Command::new(&python)
        .arg(&script)
        .args([
            fake.base_url(),
            c.api_key,
            c.api_secret,
            c.oauth_token,
            c.oauth_token_secret,
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python:?}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stdout.contains("MISSING PACKAGE"),
        "the independent client's packages are missing: {stdout}\nrun `bash scripts/test.sh` (it installs scripts/requirements-test.txt)"
    );
    assert!(
        out.status.success(),
        "independent client failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("{\"all\": \"ok\"}"), "{stdout}");
    // The server stored the upload with the hash the client computed.
    let sha = stdout
        .lines()
        .find_map(|l| l.strip_prefix("sha256 "))
        .expect("the script prints the photo's sha256");
    let uploads = fake.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].sha256, sha);
    assert_eq!(
        fake.photo(uploads[0].photo_id).unwrap().title,
        "From Python"
    );
    assert_eq!(fake.requests("flickr.test.login"), 2);
}
