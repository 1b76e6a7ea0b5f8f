//! `flickr call` against the loopback Flickr.

mod common;

use common::{flickr, flickr_authed, json_documents, Server};
use predicates::prelude::*;
use std::collections::BTreeSet;

#[test]
fn argument_errors_are_reported_before_any_traffic() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["call", "flickr.photos.search", "per_page=0", "text=x"],
            &["argument `per_page`", "out of range", "1..="],
        ),
        (
            &["call", "flickr.photos.getInfo"],
            &["argument `photo_id`", "requires it"],
        ),
        (
            &["call", "flickr.photos.getInfo", "photo_id=1", "colour=red"],
            &["argument `colour`", "no such argument", "photo_id"],
        ),
        (
            &["call", "flickr.photos.search", "sort=sideways", "text=x"],
            &["argument `sort`", "use one of", "relevance"],
        ),
        (
            &[
                "call",
                "flickr.stats.getPhotostreamReferrers",
                "date=yesterday",
                "domain=flickr.com",
            ],
            &["argument `date`", "YYYY-MM-DD"],
        ),
        (
            &["call", "flickr.photos.getInfo", "photo_id"],
            &["NAME=VALUE"],
        ),
        (
            &["call", "flickr.photos.serach", "text=x"],
            &["did you mean"],
        ),
        (
            &["call", "flickr.photos.getInfo", "photo_id=1", "--all"],
            &["not paged"],
        ),
    ];
    for (args, needles) in cases {
        let assert = flickr_authed(&server, dir.path())
            .args(*args)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        for needle in *needles {
            assert!(
                stderr.contains(needle),
                "{args:?}: missing {needle:?} in {stderr}"
            );
        }
    }
    assert_eq!(server.fake.total_requests(), 0, "nothing may be sent");
}

#[test]
fn calls_print_the_typed_response_in_both_wire_formats() {
    let server = Server::start_with(|b| b.photos(30));
    let dir = tempfile::tempdir().unwrap();
    let id = server.fake.public_photo_ids()[0].to_string();
    let arg = format!("photo_id={id}");
    let json_out = flickr_authed(&server, dir.path())
        .args(["call", "photos.getInfo", &arg])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rest_out = flickr_authed(&server, dir.path())
        .args(["call", "photos.getInfo", &arg, "--format", "rest"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&json_out).unwrap();
    let rest: serde_json::Value = serde_json::from_slice(&rest_out).unwrap();
    assert!(json.to_string().contains(&id), "{json}");
    assert_eq!(json, rest, "JSON and XML decode into the same typed value");
    // --raw prints the body as received.
    flickr_authed(&server, dir.path())
        .args(["call", "photos.getInfo", &arg, "--raw", "--format", "rest"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<?xml").or(predicate::str::starts_with("<rsp")));
}

#[test]
fn api_errors_exit_non_zero_with_code_message_and_advice() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    flickr_authed(&server, dir.path())
        .args(["call", "photos.getInfo", "photo_id=999999999999"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Flickr error 1"))
        .stderr(predicate::str::contains("code:    1 (PhotoNotFound)"))
        .stderr(predicate::str::contains("what to do"));
    // A method that needs a user, called with only an API key: refused locally.
    let creds = server.fake.credentials();
    flickr(dir.path())
        .env("FLICKR_ENDPOINT", server.base_url())
        .env("FLICKR_API_KEY", &creds.api_key)
        .args(["call", "photos.delete", "photo_id=1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("flickr auth login"));
    // A wrong secret: Flickr's signature error, with advice, and no secret printed.
    let out = flickr(dir.path())
        .env("FLICKR_ENDPOINT", server.base_url())
        .env("FLICKR_API_KEY", &creds.api_key)
        .env("FLICKR_API_SECRET", "not-the-secret-value")
        .env("FLICKR_OAUTH_TOKEN", &creds.oauth_token)
        .env("FLICKR_OAUTH_TOKEN_SECRET", &creds.oauth_token_secret)
        .args(["call", "test.login"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("96") || all.contains("signature"), "{all}");
    for secret in ["not-the-secret-value", creds.oauth_token_secret.as_str()] {
        assert!(!all.contains(secret), "secret leaked: {all}");
    }
}

/// Every page of `photos.search` (`min_upload_date=1 per_page=20 --all`
/// and `extra`) over 137 photos, one JSON document each.
fn search_all_pages(extra: &[&str]) -> (Server, Vec<serde_json::Value>) {
    let server = Server::start_with(|b| b.photos(137));
    let dir = tempfile::tempdir().unwrap();
    let out = flickr_authed(&server, dir.path())
        .args([
            "call",
            "photos.search",
            "min_upload_date=1",
            "per_page=20",
            "--all",
        ])
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let pages = json_documents(&String::from_utf8(out).unwrap());
    (server, pages)
}

/// The ids of the photos on one page, whatever the list's member is called.
fn ids_on(page: &serde_json::Value) -> Vec<String> {
    let text = page.to_string();
    let list = page
        .as_object()
        .and_then(|o| o.values().find_map(|v| v.as_array()))
        .or_else(|| {
            page.as_object()
                .and_then(|o| o.values().find_map(|v| v.as_object()))
                .and_then(|o| o.values().find_map(|v| v.as_array()))
        })
        .unwrap_or_else(|| panic!("no list in {text}"));
    list.iter()
        .map(|photo| {
            photo["id"]
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| photo["id"].to_string())
        })
        .collect()
}

#[test]
fn all_pages_return_each_photo_exactly_once() {
    let (server, pages) = search_all_pages(&["privacy_filter=1"]);
    let ids: Vec<String> = pages.iter().flat_map(ids_on).collect();
    let unique: BTreeSet<&String> = ids.iter().collect();
    let expected: BTreeSet<String> = server
        .fake
        .public_photo_ids()
        .into_iter()
        .map(|id| id.to_string())
        .collect();
    assert_eq!(pages.len(), expected.len().div_ceil(20));
    assert_eq!(unique.len(), ids.len(), "a photo came twice");
    assert_eq!(
        unique.into_iter().cloned().collect::<BTreeSet<_>>(),
        expected
    );
}

#[test]
fn max_pages_stops_paging_early() {
    let (_server, pages) = search_all_pages(&["--max-pages", "2"]);
    assert_eq!(pages.len(), 2);
}

/// `flickr call flickr.photos.search text=x` (or `args`) with the API key
/// `key` alone; the stderr of its failure.
fn key_only_failure(server: &Server, key: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let assert = flickr(dir.path())
        .env("FLICKR_ENDPOINT", server.base_url())
        .env("FLICKR_API_KEY", key)
        .args(["call"])
        .args(args)
        .assert()
        .failure();
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// Flickr answers the next `photos.search` with error `code`.
fn refuse_next_search(server: &Server, code: u32, message: &str) {
    server.fake.inject(
        "flickr.photos.search",
        flickr_testkit::Fault::Api {
            code,
            message: message.to_owned(),
        },
        1,
    );
}

// A refused API key and a login-only method called with a key only end
// with hints that say what happened and what to do.

#[test]
fn a_refused_api_key_comes_with_a_hint_to_check_it() {
    let server = Server::start();
    let search = ["flickr.photos.search", "text=x"];
    let stderr = key_only_failure(&server, "not-a-key-flickr-knows", &search);
    for needle in [
        "Flickr error 100",
        "hint: Flickr refused the API key",
        "Flickr Pro",
        "shared widely",
    ] {
        assert!(stderr.contains(needle), "{needle:?} not in:\n{stderr}");
    }
}

#[test]
fn a_login_only_method_called_with_a_key_only_says_to_log_in() {
    let server = Server::start();
    let key = server.fake.credentials().api_key;
    let stderr = key_only_failure(&server, &key, &["flickr.test.login"]);
    assert!(
        stderr.contains("needs") && stderr.contains("flickr auth login"),
        "{stderr}"
    );
}

/// Flickr itself answering 99 (or 98) to a key-only call: the hint says to log in.
#[test]
fn flickr_refusing_a_key_only_call_with_99_or_98_hints_to_log_in() {
    let server = Server::start();
    let key = server.fake.credentials().api_key;
    for code in [99, 98] {
        refuse_next_search(
            &server,
            code,
            "Insufficient permissions. Method requires read privileges; none granted.",
        );
        let stderr = key_only_failure(&server, &key, &["flickr.photos.search", "text=x"]);
        assert!(stderr.contains(&format!("Flickr error {code}")), "{stderr}");
        assert!(
            stderr.contains("hint: this method needs a logged-in user")
                && stderr.contains("flickr auth login"),
            "{stderr}"
        );
    }
}

/// The same code with a token: logging in again is not the advice.
#[test]
fn the_same_refusal_with_a_token_does_not_say_to_log_in() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    refuse_next_search(&server, 99, "Insufficient permissions");
    let assert = flickr_authed(&server, dir.path())
        .args(["call", "flickr.photos.search", "text=x"])
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("Flickr error 99"), "{stderr}");
    assert!(
        !stderr.contains("hint: this method needs a logged-in user"),
        "{stderr}"
    );
}

/// `flickr call` leaves out what Flickr did not send: no `null` members and
/// no empty lists in a page of photos; `--raw` is unchanged.
#[test]
fn typed_output_leaves_out_absent_fields() {
    let server = Server::start_with(|b| b.photos(30));
    let dir = tempfile::tempdir().unwrap();
    let out = flickr_authed(&server, dir.path())
        .args(["call", "photos.search", "min_upload_date=1", "per_page=10"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains("null"), "{text}");
    assert!(!text.contains("[]"), "{text}");
    let page: serde_json::Value = serde_json::from_str(&text).unwrap();
    let photos = page["photo"]
        .as_array()
        .expect("Flickr's member name `photo`");
    assert!(!photos.is_empty(), "{text}");
    assert!(photos.iter().all(|p| p.get("id").is_some()), "{text}");
}
