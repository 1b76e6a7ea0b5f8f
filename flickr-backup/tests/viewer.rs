//! The offline viewer in a real browser: headless Chromium opens the
//! mirror's `index.html` from `file://` (no server; the network is cut off
//! by its flags and the page's own Content-Security-Policy), and the DOM it
//! builds shows every photo of the first page, every album, and a photo's
//! page with its title. A screenshot of the index is left in
//! `target/viewer-screenshot.png` for people to look at.
//!
//! Chromium is Debian's `chromium` (`scripts/test.sh` installs it when
//! missing). Without it the test says so and passes, unless
//! `FLICKR_REQUIRE_CHROMIUM=1` (set by `scripts/test.sh`), where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use flickr_backup::{Backup, Options};
use flickr_testkit::{AccountSpec, FakeFlickr};
use serde_json::Value;

fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let ok = Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success());
            ok.then(|| PathBuf::from(name))
        });
    if found.is_none() {
        assert!(
            std::env::var("FLICKR_REQUIRE_CHROMIUM").as_deref() != Ok("1"),
            "FLICKR_REQUIRE_CHROMIUM=1 but no chromium on PATH (apt-get install chromium)"
        );
        eprintln!("viewer test skipped: no chromium on PATH (scripts/test.sh installs it)");
    }
    found
}

/// Runs headless Chromium on `url` with the network cut off; `extra` adds
/// flags (`--dump-dom`, `--screenshot=…`). Returns its stdout.
fn run_chromium(bin: &Path, profile: &Path, url: &str, extra: &[String]) -> String {
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-sync",
            "--no-pings",
            "--metrics-recording-only",
            // Any host name resolves to nothing: no request can leave.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--allow-file-access-from-files",
            "--virtual-time-budget=10000",
            "--window-size=1280,900",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The data the backup wrote for the page (`viewer/data.js`).
fn data(dir: &Path) -> Value {
    let js = std::fs::read_to_string(dir.join("viewer/data.js")).unwrap();
    let json = js
        .strip_prefix("window.FLICKR = ")
        .and_then(|s| s.strip_suffix(";\n"))
        .expect("data.js assigns window.FLICKR");
    serde_json::from_str(json).unwrap()
}

fn screenshot_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    std::fs::create_dir_all(&target).unwrap();
    target.join("viewer-screenshot.png")
}

#[tokio::test]
async fn the_viewer_opens_from_file_in_chromium_with_every_photo_album_and_a_photo_page() {
    let Some(bin) = chromium() else {
        return;
    };
    let fake = FakeFlickr::builder()
        .photos(30)
        .account(AccountSpec::default())
        .start()
        .await
        .unwrap();
    // A title the page must show as text, never as markup.
    let tricky = "<b>bold</b> & \"quotes\" 🎉 </script>";
    let own = fake.photos_of(&fake.credentials().user_nsid);
    fake.edit_photo(own[0], tricky);
    let dir = tempfile::tempdir().unwrap();
    let report = Backup::new(fake.client(), dir.path())
        .options(Options::default())
        .run()
        .await
        .unwrap();
    assert!(report.viewer_written >= 4, "{report:?}");
    assert!(report.thumbnails_fetched > 0 && report.thumbnails_failed == 0);
    let d = data(dir.path());
    let stream: Vec<&str> = d["stream"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(stream.len(), own.len(), "every own photo in the stream");
    let thumb = d["photos"][stream[0]]["thumb"].as_str().unwrap();
    assert!(dir.path().join(thumb).is_file(), "{thumb} fetched");

    let profile = tempfile::tempdir().unwrap();
    let index = dir.path().join("index.html");
    let url = format!("file://{}", index.display());
    let dom = run_chromium(&bin, profile.path(), &url, &["--dump-dom".to_owned()]);
    for id in stream.iter().take(100) {
        assert!(
            dom.contains(&format!("data-photo=\"{id}\"")),
            "photo {id} on the first page"
        );
    }
    let albums = d["albums"].as_array().unwrap();
    assert_eq!(albums.len(), 3 + 1, "the account's 3 and the seeded one");
    for a in albums {
        let id = a["id"].as_str().unwrap();
        assert!(dom.contains(&format!("data-album=\"{id}\"")), "album {id}");
        assert!(dom.contains(a["title"].as_str().unwrap()));
    }
    assert!(!dom.contains("<b>bold</b>"), "a title is text, not markup");
    assert!(dom.contains("&lt;b&gt;bold&lt;/b&gt;"), "and it is shown");

    // A photo's page shows its title and its file.
    let id = own[0].to_string();
    let file = d["photos"][&id]["file"].as_str().unwrap().to_owned();
    let dom = run_chromium(
        &bin,
        profile.path(),
        &format!("{url}#photo/{id}"),
        &["--dump-dom".to_owned()],
    );
    assert!(
        dom.contains("<h1>&lt;b&gt;bold&lt;/b&gt; &amp; \"quotes\" 🎉 &lt;/script&gt;</h1>"),
        "{dom}"
    );
    assert!(dom.contains(&file), "the full file is on the page");

    // An album's page lists its photos; a search finds by title.
    let a = &albums[0];
    let dom = run_chromium(
        &bin,
        profile.path(),
        &format!("{url}#album/{}", a["id"].as_str().unwrap()),
        &["--dump-dom".to_owned()],
    );
    for p in a["photos"].as_array().unwrap() {
        assert!(dom.contains(&format!("data-photo=\"{}\"", p.as_str().unwrap())));
    }
    let dom = run_chromium(
        &bin,
        profile.path(),
        &format!("{url}#search/bold"),
        &["--dump-dom".to_owned()],
    );
    assert!(dom.contains("1 found"), "{dom}");

    let shot = screenshot_path();
    let _ = std::fs::remove_file(&shot);
    run_chromium(
        &bin,
        profile.path(),
        &url,
        &[format!("--screenshot={}", shot.display())],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}
