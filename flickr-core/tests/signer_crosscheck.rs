//! The signer against an independent implementation (Python's oauthlib) over
//! thousands of generated requests.
//!
//! Inputs come from a seeded generator, so a failure reproduces exactly. They
//! mix the cases implementations get wrong: non-ASCII text and emoji, every
//! reserved ASCII character (`+`, `~`, `=`, `&`, `%`, space, ...), empty
//! values, repeated names, names that differ only by case, query strings in the
//! URL (with `+` for space and lowercase hex), mixed-case schemes and hosts,
//! explicit default and non-default ports, and odd secrets.
//!
//! All cases go to one Python process as a JSON batch. `scripts/test.sh` sets
//! `FLICKR_TEST_PYTHON` to a venv with oauthlib; without it, `python3` is tried,
//! and a missing oauthlib fails the test (it never passes silently).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use flickr_core::signer::{sign, OAuthParams};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

const CASES: usize = 3_500;

/// Characters the generator draws from, grouped so each case gets a mix.
const ALNUM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const RESERVED: &str = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const NON_ASCII: &[&str] = &[
    "é",
    "ü",
    "ß",
    "ñ",
    "Ω",
    "中",
    "文",
    "日本",
    "ä",
    "\u{301}",
    "\u{a0}",
    "\u{2028}",
    "😀",
    "🎉",
    "👍🏽",
    "👨‍👩‍👧",
    "\t",
    "\n",
    "\u{7f}",
    "\u{fffd}",
];

fn random_text(rng: &mut StdRng, max_len: usize) -> String {
    let len = rng.gen_range(0..=max_len);
    let mut s = String::new();
    for _ in 0..len {
        match rng.gen_range(0..10) {
            0..=4 => s.push(pick_char(rng, ALNUM)),
            5..=7 => s.push(pick_char(rng, RESERVED)),
            _ => s.push_str(NON_ASCII[rng.gen_range(0..NON_ASCII.len())]),
        }
    }
    s
}

fn pick_char(rng: &mut StdRng, set: &str) -> char {
    let bytes = set.as_bytes();
    bytes[rng.gen_range(0..bytes.len())] as char
}

/// A parameter name: usually a plain identifier, sometimes arbitrary text
/// (never starting with `oauth_`, which oauthlib would unescape).
fn random_name(rng: &mut StdRng) -> String {
    const PLAIN: &[&str] = &[
        "method", "api_key", "tags", "title", "a", "A", "a2", "b5", "c@", "photo_id", "per_page",
    ];
    let name = if rng.gen_bool(0.6) {
        PLAIN[rng.gen_range(0..PLAIN.len())].to_owned()
    } else {
        random_text(rng, 8)
    };
    if name.starts_with("oauth_") {
        format!("x{name}")
    } else {
        name
    }
}

fn random_value(rng: &mut StdRng) -> String {
    match rng.gen_range(0..8) {
        0 => String::new(),
        1 => "+".into(),
        2 => "a b+c=d&e%20f~g".into(),
        _ => random_text(rng, 24),
    }
}

/// Form-encodes a query value the way a URL might carry it: RFC 3986 style,
/// or with `+` for spaces, or with lowercase hex.
fn query_encode(rng: &mut StdRng, s: &str) -> String {
    let style = rng.gen_range(0..3);
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            b' ' if style == 1 => out.push('+'),
            _ if style == 2 => out.push_str(&format!("%{b:02x}")),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn random_url(rng: &mut StdRng) -> String {
    const SCHEMES: &[&str] = &["https", "http", "HTTPS", "Http"];
    const HOSTS: &[&str] = &[
        "api.flickr.com",
        "API.Flickr.COM",
        "up.flickr.com",
        "Example.com",
        "localhost",
        "127.0.0.1",
        "[::1]",
        "www.FLICKR.com",
    ];
    const PATHS: &[&str] = &[
        "",
        "/",
        "/services/rest/",
        "/services/upload/",
        "/services/oauth/request_token",
        "/request",
        "/r%20v/X",
        "/a/b~c/d.e_f-g",
        "/caf%C3%A9/",
        "/photos",
    ];
    let scheme = SCHEMES[rng.gen_range(0..SCHEMES.len())];
    let host = HOSTS[rng.gen_range(0..HOSTS.len())];
    let default_port = if scheme.eq_ignore_ascii_case("https") {
        443
    } else {
        80
    };
    let port = match rng.gen_range(0..6) {
        0 | 1 => format!(":{default_port}"),
        2 => ":8080".to_owned(),
        3 => format!(":{}", if default_port == 80 { 443 } else { 80 }),
        _ => String::new(),
    };
    let path = PATHS[rng.gen_range(0..PATHS.len())];
    let mut url = format!("{scheme}://{host}{port}{path}");
    if rng.gen_bool(0.4) {
        let n = rng.gen_range(1..4);
        let mut parts = Vec::new();
        for _ in 0..n {
            let name = random_name(rng);
            let value = random_value(rng);
            parts.push(match rng.gen_range(0..6) {
                0 => query_encode(rng, &name), // no `=`: an empty value
                _ => format!("{}={}", query_encode(rng, &name), query_encode(rng, &value)),
            });
        }
        url.push('?');
        url.push_str(&parts.join("&"));
    }
    if rng.gen_bool(0.05) {
        url.push_str("#frag");
    }
    url
}

fn random_case(rng: &mut StdRng) -> Value {
    let mut params: Vec<(String, String)> = Vec::new();
    for _ in 0..rng.gen_range(0..8) {
        params.push((random_name(rng), random_value(rng)));
    }
    if !params.is_empty() && rng.gen_bool(0.3) {
        // A repeated name with a different (or the same) value.
        let (name, _) = params[rng.gen_range(0..params.len())].clone();
        let value = if rng.gen_bool(0.5) {
            random_value(rng)
        } else {
            String::new()
        };
        params.push((name, value));
    }
    if rng.gen_bool(0.05) {
        params.push(("oauth_signature".into(), "ignored".into()));
    }
    let token = if rng.gen_bool(0.7) {
        Some(random_text(rng, 20))
    } else {
        None
    };
    let token_secret = if token.is_some() {
        random_text(rng, 20)
    } else {
        String::new()
    };
    let method = ["GET", "POST", "get", "Post"][rng.gen_range(0..4)];
    json!({
        "method": method,
        "url": random_url(rng),
        "params": params,
        "consumer_secret": random_text(rng, 20),
        "token_secret": token_secret,
        "oauth": {
            "consumer_key": random_text(rng, 16),
            "token": token,
            "nonce": random_text(rng, 12),
            "timestamp": rng.gen_range(0u64..4_000_000_000),
        },
    })
}

fn ours(case: &Value) -> (String, String) {
    let oauth = &case["oauth"];
    let params: Vec<(String, String)> = serde_json::from_value(case["params"].clone()).unwrap();
    let signed = sign(
        case["method"].as_str().unwrap(),
        case["url"].as_str().unwrap(),
        params.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        &OAuthParams {
            consumer_key: oauth["consumer_key"].as_str().unwrap(),
            token: oauth["token"].as_str(),
            nonce: oauth["nonce"].as_str().unwrap(),
            timestamp: oauth["timestamp"].as_u64().unwrap(),
        },
        case["consumer_secret"].as_str().unwrap(),
        case["token_secret"].as_str().unwrap(),
    )
    .unwrap_or_else(|e| panic!("signing {case} failed: {e}"));
    (signed.base_string, signed.signature)
}

/// Runs the oauthlib script once over every case.
fn oauthlib(cases: &[Value]) -> Vec<Value> {
    let python = std::env::var("FLICKR_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/oauth_crosscheck.py");
    let mut child = Command::new(&python)
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot run {python:?} ({e}): run scripts/test.sh, which installs oauthlib and sets FLICKR_TEST_PYTHON")
        });
    let input = serde_json::to_vec(cases).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Write from a thread: the script reads everything before answering, but a
    // large batch must not deadlock on a full pipe if it dies early.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    if out.status.code() == Some(3) {
        panic!(
            "oauthlib cannot be imported by {python:?}: run scripts/test.sh, which installs oauthlib \
             (scripts/requirements-test.txt) and sets FLICKR_TEST_PYTHON.\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(
        out.status.success(),
        "{} failed: {}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the cross-check script answers a JSON array")
}

#[test]
fn agrees_with_oauthlib_on_generated_requests() {
    let mut rng = StdRng::seed_from_u64(0x5849_f11c);
    let cases: Vec<Value> = (0..CASES).map(|_| random_case(&mut rng)).collect();
    let theirs = oauthlib(&cases);
    assert_eq!(theirs.len(), cases.len());

    let mut failures = Vec::new();
    for (i, (case, reference)) in cases.iter().zip(&theirs).enumerate() {
        if let Some(err) = reference.get("error") {
            failures.push(format!("case {i}: oauthlib rejected {case}: {err}"));
            continue;
        }
        let (base_string, signature) = ours(case);
        if base_string != reference["base_string"] || signature != reference["signature"] {
            failures.push(format!(
                "case {i}: {case}\n  ours:     {base_string} {signature}\n  oauthlib: {} {}",
                reference["base_string"], reference["signature"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {CASES} cases differ; first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
