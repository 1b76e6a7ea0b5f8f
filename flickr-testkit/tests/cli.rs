//! `flickr-testkit --port 0 --json` prints one JSON line with the base URL and
//! credentials and serves until killed.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn json_mode_prints_one_line_and_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flickr-testkit"))
        .args(["--port", "0", "--json", "--photos", "10"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    for key in [
        "base_url",
        "api_key",
        "api_secret",
        "oauth_token",
        "oauth_token_secret",
    ] {
        assert!(
            v[key].as_str().is_some_and(|s| !s.is_empty()),
            "{key} in {line}"
        );
    }
    let base = v["base_url"].as_str().unwrap().to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let body = rt.block_on(async {
        let url = format!(
            "{base}services/rest/?method=flickr.test.echo&api_key={}&format=json&nojsoncallback=1",
            v["api_key"].as_str().unwrap()
        );
        reqwest::get(url).await.unwrap().text().await.unwrap()
    });
    let _ = child.kill();
    let _ = child.wait();
    assert!(body.ends_with("\"stat\":\"ok\"}"), "{body}");
}

#[test]
fn json_mode_names_the_members_and_their_targets() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flickr-testkit"))
        .args(["--port", "0", "--json", "--photos", "10", "--users", "3"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    let list = |key: &str| -> Vec<String> {
        let items = v[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} in {line}"));
        items
            .iter()
            .map(|i| i.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        list("users"),
        ["30000001@N02", "30000002@N02", "30000003@N02"]
    );
    assert_eq!(list("groups").len(), 3);
    assert_eq!(list("albums").len(), 6);
    assert_eq!(list("galleries").len(), 3);
    let plain = Command::new(env!("CARGO_BIN_EXE_flickr-testkit"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&plain.stdout).contains("--users N"));
}
