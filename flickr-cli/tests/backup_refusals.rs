//! `flickr backup` refusing to run: bad invocations (usage, exit 2), a held
//! lock and another account's mirror, each with its own exit status.

mod common;

use common::mirror::backup;
use common::{flickr_authed, Server};
use flickr_testkit::AccountSpec;

fn server() -> Server {
    Server::start_with(|b| b.photos(30).account(AccountSpec::default()))
}

#[test]
fn bad_invocations_say_what_is_wrong() {
    let server = server();
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (args, needle) in [
        (
            vec!["--include", "photos,selfies"],
            "unknown item `selfies`",
        ),
        (vec!["--size", "huge"], "--size `huge`"),
        (vec!["--user", "alice"], "--user `alice`"),
        (vec!["--since", "yesterday"], "--since `yesterday`"),
        (vec!["--jobs", "0"], "--jobs"),
    ] {
        let out = flickr_authed(&server, config.path())
            .arg("backup")
            .arg(dir.path())
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(needle),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = flickr_authed(&server, config.path())
        .args(["backup", "verify"])
        .arg(dir.path().join("nothing-here"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a backup"));
}

/// Each way a backup stops that a script acts on differently has its own
/// exit status, as `flickr --help` lists them: 4 for a mirror another run
/// holds, 5 for another account's mirror.
#[test]
fn a_held_lock_and_another_accounts_mirror_have_their_own_exit_status() {
    let server = server();
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    backup(&server, config.path(), dir.path(), &["--include", "albums"]);

    // Another run holds the lock.
    let held = std::fs::File::open(dir.path().join(".flickr-backup").join("lock")).unwrap();
    held.try_lock().unwrap();
    let out = flickr_authed(&server, config.path())
        .arg("backup")
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("another backup is running"), "{stderr}");
    drop(held);

    // A mirror belongs to one account.
    let out = flickr_authed(&server, config.path())
        .arg("backup")
        .arg(dir.path())
        .args(["--user", flickr_testkit::BOB])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains("is a backup of"), "{stderr}");

    // The statuses are documented where a user looks.
    let help = flickr_authed(&server, config.path())
        .arg("--help")
        .output()
        .unwrap();
    // clap wraps the text to the terminal: compare with whitespace collapsed.
    let help = String::from_utf8_lossy(&help.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for line in [
        "4 another backup is running into the mirror",
        "5 the mirror is a backup of another account",
        "6 the mirror was written by a newer flickr",
        "7 internal error",
    ] {
        assert!(help.contains(line), "{line:?} not in --help:\n{help}");
    }
}
