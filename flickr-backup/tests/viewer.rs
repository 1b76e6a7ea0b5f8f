//! The offline viewer in a real browser: headless Chromium opens the
//! mirror's `index.html` from `file://` (no server; the network is cut off
//! by its flags and the page's own Content-Security-Policy), and the DOM it
//! builds shows every photo of the first page, every album, and a photo's
//! page with its title. A screenshot of the index is left in
//! `target/viewer-screenshot.png` for people to look at.
//!
//! Chromium is Debian's `chromium` (`scripts/test.sh` installs it when
//! missing). Without it the tests say so and pass, unless
//! `FLICKR_REQUIRE_CHROMIUM=1` (set by `scripts/test.sh`), where they fail.
//!
//! The backup and Chromium's runs happen once, in a fixture shared by this
//! binary's cases ([`viewer`]), which records what Chromium rendered; each
//! case checks one page.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use flickr_backup::{Backup, Options, Report};
use flickr_testkit::{AccountSpec, Hosted};
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

/// The backup with the viewer, then what Chromium rendered of its pages:
/// the index, a photo's, an album's, a search's, and a screenshot.
struct Viewer {
    _dir: tempfile::TempDir,
    report: Report,
    /// The viewer's data (`viewer/data.js`) and its stream of photo ids.
    data: Value,
    stream: Vec<String>,
    /// The account's own photos.
    own: Vec<u64>,
    /// The first photo's thumbnail, and whether its file was there.
    thumb: (String, bool),
    index: String,
    photo_page: String,
    album_page: String,
    search_page: String,
    screenshot: Vec<u8>,
}

/// The fixture, made once for this binary's cases; `None` when Chromium
/// is missing and not required.
fn viewer() -> Option<&'static Viewer> {
    static FIXTURE: OnceLock<Option<Viewer>> = OnceLock::new();
    FIXTURE.get_or_init(back_up_and_open_in_chromium).as_ref()
}

fn back_up_and_open_in_chromium() -> Option<Viewer> {
    let bin = chromium()?;
    let hosted = Hosted::start_with(|b| b.photos(30).account(AccountSpec::default()));
    let fake = &hosted.fake;
    // A title the page must show as text, never as markup.
    let tricky = "<b>bold</b> & \"quotes\" 🎉 </script>";
    let own = fake.photos_of(&fake.credentials().user_nsid);
    fake.edit_photo(own[0], tricky);
    let dir = flickr_testkit::fixture_tempdir();
    let report = hosted
        .block_on(
            Backup::new(fake.client(), dir.path())
                .options(Options::default())
                .run(),
        )
        .unwrap();
    let data = data(dir.path());
    let stream: Vec<String> = data["stream"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let thumb = data["photos"][&stream[0]]["thumb"]
        .as_str()
        .unwrap()
        .to_owned();
    let thumb_there = dir.path().join(&thumb).is_file();

    let profile = flickr_testkit::fixture_tempdir();
    let index = dir.path().join("index.html");
    let url = format!("file://{}", index.display());
    let dump = |url: &str| run_chromium(&bin, profile.path(), url, &["--dump-dom".to_owned()]);
    let index = dump(&url);
    let photo_page = dump(&format!("{url}#photo/{}", own[0]));
    let album = data["albums"][0]["id"].as_str().unwrap();
    let album_page = dump(&format!("{url}#album/{album}"));
    let search_page = dump(&format!("{url}#search/bold"));
    let shot = screenshot_path();
    let _ = std::fs::remove_file(&shot);
    run_chromium(
        &bin,
        profile.path(),
        &url,
        &[format!("--screenshot={}", shot.display())],
    );
    let screenshot = std::fs::read(&shot).expect("a screenshot");
    Some(Viewer {
        _dir: dir,
        report,
        data,
        stream,
        own,
        thumb: (thumb, thumb_there),
        index,
        photo_page,
        album_page,
        search_page,
        screenshot,
    })
}

#[test]
fn the_backup_writes_the_viewer_s_data_and_fetches_its_thumbnails() {
    let Some(v) = viewer() else {
        return;
    };
    let report = &v.report;
    assert!(report.viewer_written >= 4, "{report:?}");
    assert!(report.thumbnails_fetched > 0 && report.thumbnails_failed == 0);
    assert_eq!(v.stream.len(), v.own.len(), "every own photo in the stream");
    let (thumb, there) = &v.thumb;
    assert!(*there, "{thumb} fetched");
}

#[test]
fn the_index_opened_from_file_shows_every_photo_of_its_first_page_and_every_album() {
    let Some(v) = viewer() else {
        return;
    };
    let dom = &v.index;
    for id in v.stream.iter().take(100) {
        assert!(
            dom.contains(&format!("data-photo=\"{id}\"")),
            "photo {id} on the first page"
        );
    }
    let albums = v.data["albums"].as_array().unwrap();
    assert_eq!(albums.len(), 3 + 1, "the account's 3 and the seeded one");
    for a in albums {
        let id = a["id"].as_str().unwrap();
        assert!(dom.contains(&format!("data-album=\"{id}\"")), "album {id}");
        assert!(dom.contains(a["title"].as_str().unwrap()));
    }
}

#[test]
fn a_title_is_shown_as_text_never_as_markup() {
    let Some(v) = viewer() else {
        return;
    };
    assert!(
        !v.index.contains("<b>bold</b>"),
        "a title is text, not markup"
    );
    assert!(
        v.index.contains("&lt;b&gt;bold&lt;/b&gt;"),
        "and it is shown"
    );
}

#[test]
fn a_photo_s_page_shows_its_title_and_its_file() {
    let Some(v) = viewer() else {
        return;
    };
    let dom = &v.photo_page;
    let file = v.data["photos"][v.own[0].to_string()]["file"]
        .as_str()
        .unwrap();
    assert!(
        dom.contains("<h1>&lt;b&gt;bold&lt;/b&gt; &amp; \"quotes\" 🎉 &lt;/script&gt;</h1>"),
        "{dom}"
    );
    assert!(dom.contains(file), "the full file is on the page");
}

#[test]
fn an_album_s_page_lists_its_photos_and_a_search_finds_by_title() {
    let Some(v) = viewer() else {
        return;
    };
    for p in v.data["albums"][0]["photos"].as_array().unwrap() {
        assert!(v
            .album_page
            .contains(&format!("data-photo=\"{}\"", p.as_str().unwrap())));
    }
    assert!(v.search_page.contains("1 found"), "{}", v.search_page);
}

#[test]
fn a_screenshot_of_the_index_is_left_for_people_to_look_at() {
    let Some(v) = viewer() else {
        return;
    };
    assert_eq!(&v.screenshot[..8], b"\x89PNG\r\n\x1a\n");
}
