//! `flickr backup DIR --from-export PATH` killed (SIGKILL) while it copies
//! files and while it writes sidecars, then run again: the tree equals a
//! clean import's, and whatever is in the tree after a kill is complete.
//! The clean import, the killed runs and the resumed one each run once, in
//! order, by the first case that needs them; the cases check what each showed.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::sync::OnceLock;

use common::mirror::server;
use flickr_testkit::mirror::{tree, Tree};
use flickr_testkit::{ExportSpec, ALICE};
use tempfile::TempDir;

fn import(config: &Path, dir: &Path, export: &Path) -> StdCommand {
    let mut cmd = StdCommand::new(assert_cmd::cargo::cargo_bin("flickr"));
    cmd.arg("backup")
        .arg(dir)
        .arg("--from-export")
        .arg(export)
        .args(["--json", "--jobs", "1"])
        .env("FLICKR_CONFIG_DIR", config)
        .env_remove("FLICKR_ENDPOINT")
        .env_remove("FLICKR_API_KEY")
        .env_remove("FLICKR_PROFILE");
    cmd
}

/// The tree without the run's report (it counts what this run copied).
fn settled(dir: &Path) -> Tree {
    let mut t = tree(dir);
    t.remove("export-report.json");
    t
}

/// Alice's export and the clean import of it.
struct Clean {
    config: TempDir,
    export: TempDir,
    tree: Tree,
    /// The photo and video files the import copies.
    files: usize,
}

/// One run killed at the `k`-th stdout line containing `what`.
struct Killed {
    what: &'static str,
    k: usize,
    /// How many such lines the run printed before it was killed.
    seen: usize,
    report_written: bool,
    tree: Tree,
}

/// The runs killed one after another into `dir`.
struct Kills {
    dir: TempDir,
    runs: Vec<Killed>,
}

/// The run after the kills.
struct Resumed {
    success: bool,
    tree: Tree,
    temporary_files: usize,
}

fn clean() -> &'static Clean {
    static CLEAN: OnceLock<Clean> = OnceLock::new();
    CLEAN.get_or_init(|| {
        let server = server();
        let export = flickr_testkit::fixture_tempdir();
        let mut spec = ExportSpec::default();
        spec.per_zip = 10;
        server
            .fake
            .write_export(ALICE, export.path(), &spec)
            .unwrap();
        let config = flickr_testkit::fixture_tempdir();
        let clean = flickr_testkit::fixture_tempdir();
        assert!(import(config.path(), clean.path(), export.path())
            .stdout(Stdio::null())
            .status()
            .unwrap()
            .success());
        let tree = settled(clean.path());
        let files = tree
            .keys()
            .filter(|k| k.starts_with("photos/") && !k.ends_with(".json") && !k.ends_with(".xmp"))
            .count();
        Clean {
            config,
            export,
            tree,
            files,
        }
    })
}

/// Kill points: after the k-th file is in place, and once sidecars are
/// being written. Each run copies what the ones before did not: k counts
/// this run's files.
fn kills() -> &'static Kills {
    static KILLS: OnceLock<Kills> = OnceLock::new();
    KILLS.get_or_init(|| {
        let clean = clean();
        let dir = flickr_testkit::fixture_tempdir();
        let files = clean.files;
        let points: Vec<(&str, usize)> = vec![
            ("file_done", 1),
            ("file_done", files / 3),
            ("file_done", files / 6),
            ("\"writing\"", 1),
            ("\"viewer\"", 1),
        ];
        let mut runs = Vec::new();
        for (what, k) in points {
            let mut child = import(clean.config.path(), dir.path(), clean.export.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let mut seen = 0;
            for line in BufReader::new(child.stdout.take().unwrap()).lines() {
                if line.unwrap().contains(what) {
                    seen += 1;
                    if seen == k {
                        child.kill().unwrap();
                        break;
                    }
                }
            }
            let _ = child.wait();
            runs.push(Killed {
                what,
                k,
                seen,
                report_written: dir.path().join("export-report.json").exists(),
                tree: settled(dir.path()),
            });
        }
        Kills { dir, runs }
    })
}

fn resumed() -> &'static Resumed {
    static RESUMED: OnceLock<Resumed> = OnceLock::new();
    RESUMED.get_or_init(|| {
        let (clean, dir) = (clean(), &kills().dir);
        let done = import(clean.config.path(), dir.path(), clean.export.path())
            .stdout(Stdio::null())
            .status()
            .unwrap();
        let tmp = dir.path().join(".flickr-backup/tmp").read_dir().unwrap();
        Resumed {
            success: done.success(),
            tree: settled(dir.path()),
            temporary_files: tmp.count(),
        }
    })
}

#[test]
fn each_run_reached_its_kill_point_before_it_was_killed() {
    let files = clean().files;
    assert!(files > 30, "{files} files");
    for Killed { what, k, seen, .. } in &kills().runs {
        assert_eq!(seen, k, "the run reached {what} {k} before it was killed");
    }
}

#[test]
fn killed_while_copying_it_had_not_written_the_report() {
    for run in kills().runs.iter().filter(|r| r.what == "file_done") {
        assert!(
            !run.report_written,
            "killed while copying, before the report"
        );
    }
}

/// Whatever is in the tree after a kill is complete: the clean import's bytes.
#[test]
fn whatever_is_in_the_tree_after_a_kill_is_complete() {
    let clean_tree = &clean().tree;
    for Killed { what, k, tree, .. } in &kills().runs {
        for (path, bytes) in tree {
            let want = clean_tree.get(path);
            assert!(
                want.is_some() || path.starts_with("albums/") || path.starts_with("export/"),
                "{path}: not a file of the mirror (killed at {what} {k})"
            );
            if !path.ends_with(".json")
                && !path.ends_with(".xmp")
                && !path.ends_with(".js")
                && !path.ends_with(".html")
            {
                if let Some(want) = want {
                    assert_eq!(bytes, want, "{path} after kill -9 at {what} {k}");
                }
            }
        }
    }
}

#[test]
fn the_resumed_import_equals_a_clean_one() {
    let resumed = resumed();
    assert!(resumed.success);
    assert_eq!(resumed.tree, clean().tree, "resumed equals clean");
}

#[test]
fn the_resumed_import_leaves_no_temporary_file() {
    assert_eq!(resumed().temporary_files, 0, "no temporary file left");
}
