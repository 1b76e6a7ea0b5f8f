//! `flickr mcp` driven by an independent client, Python's MCP SDK
//! (scripts/mcp_client.py, in the venv named by FLICKR_TEST_PYTHON), against
//! the loopback Flickr: over stdio read-only and with `--allow write`, and
//! over Streamable HTTP. The loopback's request log shows what each session
//! cost: listing tools nothing, a `flickr_call` exactly one request.

mod common;

use common::Server;
use std::path::PathBuf;
use std::process::{Command, Output};

fn python() -> std::ffi::OsString {
    std::env::var_os("FLICKR_TEST_PYTHON").unwrap_or_else(|| {
        panic!(
            "FLICKR_TEST_PYTHON is not set: run the test suite with `bash scripts/test.sh`, which \
             creates target/pyenv with scripts/requirements-test.txt and sets it"
        )
    })
}

/// Runs the client script in `mode` against `server`, as the pre-authorized user.
fn client(server: &Server, mode: &str, photo_id: u64) -> String {
    let creds = server.fake.credentials();
    client_with_token(
        server,
        mode,
        photo_id,
        (&creds.oauth_token, &creds.oauth_token_secret),
    )
}

/// [`client`] with another access token (token, secret).
fn client_with_token(server: &Server, mode: &str, photo_id: u64, token: (&str, &str)) -> String {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("scripts")
        .join("mcp_client.py");
    let config = tempfile::tempdir().unwrap();
    let creds = server.fake.credentials();
    let out: Output = Command::new(python())
        .arg(&script)
        .args([mode, env!("CARGO_BIN_EXE_flickr"), &photo_id.to_string()])
        .env("FLICKR_CONFIG_DIR", config.path())
        .env("FLICKR_ENDPOINT", server.base_url())
        .env("FLICKR_API_KEY", &creds.api_key)
        .env("FLICKR_API_SECRET", &creds.api_secret)
        .env("FLICKR_OAUTH_TOKEN", token.0)
        .env("FLICKR_OAUTH_TOKEN_SECRET", token.1)
        .env_remove("FLICKR_QUOTA_REDIS")
        .env_remove("FLICKR_PROFILE")
        .output()
        .expect("the Python client runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stdout.contains("MISSING PACKAGE"),
        "the client's packages are missing: {stdout}\nrun `bash scripts/test.sh` (it installs scripts/requirements-test.txt)"
    );
    assert!(
        out.status.success() && stdout.contains("{\"all\": \"ok\"}"),
        "the MCP client ({mode}) failed:\n{stdout}\n{stderr}"
    );
    stdout
}

/// The photo the sessions read and retitle: the user's newest public one.
fn own_photo(server: &Server) -> u64 {
    let id = server.fake.public_photo_ids()[0];
    let photo = server.fake.photo(id).unwrap();
    assert_eq!(photo.owner, server.fake.credentials().user_nsid);
    id
}

#[test]
fn stdio_read_only_session_costs_one_request_per_call_and_refuses_writes() {
    let server = Server::start_with(|b| b.photos(5));
    let id = own_photo(&server);
    let title = server.fake.photo(id).unwrap().title;
    let before = server.fake.total_requests();

    let out = client(&server, "read", id);
    for step in [
        "ok initialize stdio",
        "ok list_tools",
        "ok flickr_call flickr.test.login",
        "ok flickr_call flickr.photos.search",
        "ok bad argument refused before sending",
        "ok get_photo",
        "ok flickr error as tool error",
        "ok write refused by default",
        "ok per-method write refused by default",
    ] {
        assert!(out.contains(step), "missing `{step}` in:\n{out}");
    }
    let fake = &server.fake;
    // One request per flickr_call; get_photo is getInfo and getSizes (its
    // image comes from the static host, not the API), and of a missing photo
    // getInfo only; listing, the bad argument and the refused writes sent
    // nothing.
    assert_eq!(fake.requests("flickr.test.login"), 1);
    assert_eq!(fake.requests("flickr.photos.search"), 1);
    assert_eq!(fake.requests("flickr.photos.getInfo"), 2);
    assert_eq!(fake.requests("flickr.photos.getSizes"), 1);
    assert_eq!(fake.requests("flickr.photos.setMeta"), 0);
    assert_eq!(fake.total_requests() - before, 5);
    assert_eq!(
        fake.photo(id).unwrap().title,
        title,
        "the photo is unchanged"
    );
}

#[test]
fn stdio_with_allow_write_applies_the_write() {
    let server = Server::start_with(|b| b.photos(3));
    let id = own_photo(&server);
    client(&server, "write", id);
    assert_eq!(server.fake.requests("flickr.photos.setMeta"), 1);
    assert_eq!(server.fake.requests("flickr.photos.delete"), 0);
    assert_eq!(
        server.fake.photo(id).unwrap().title,
        "Retitled by an assistant"
    );
    assert!(server.fake.photo(id).is_some(), "the delete was refused");
}

#[test]
fn a_token_with_too_little_permission_gets_flickrs_answer_explained() {
    let server = Server::start_with(|b| b.photos(2));
    let id = own_photo(&server);
    let title = server.fake.photo(id).unwrap().title;
    let nsid = server.fake.credentials().user_nsid;
    let (token, secret) = server
        .fake
        .issue_token(&nsid, flickr_sdk::registry::Perms::Read);
    let out = client_with_token(&server, "lowperm", id, (&token, &secret));
    assert!(out.contains("ok low-permission token explained"), "{out}");
    assert_eq!(server.fake.requests("flickr.photos.setMeta"), 1);
    assert_eq!(server.fake.photo(id).unwrap().title, title);
}

#[test]
fn streamable_http_session_works_the_same() {
    let server = Server::start_with(|b| b.photos(2));
    let id = own_photo(&server);
    let before = server.fake.total_requests();
    let out = client(&server, "http", id);
    assert!(
        out.contains("ok initialize http") && out.contains("ok flickr_call over http"),
        "{out}"
    );
    assert_eq!(server.fake.requests("flickr.test.login"), 1);
    assert_eq!(server.fake.total_requests() - before, 1);
}
