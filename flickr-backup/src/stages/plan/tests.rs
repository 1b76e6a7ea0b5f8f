use super::*;

const NEW: &str = "photos/2024/05/31/1.jpg";
const OLD: &str = "photos/undated/1.jpg";

fn known(status: FileStatus, url: &str, path: &str) -> FileRow {
    FileRow {
        photo_id: "1".into(),
        url: url.into(),
        variant: "o".into(),
        path: path.into(),
        status,
        size: Some(10),
        sha256: Some("ab".into()),
        tmp: None,
        old_path: None,
        error: None,
        origin: None,
    }
}

/// `decide` for a file that should be `u1` at `NEW`, with a tree
/// holding complete files at `present`.
fn decide_with(known: Option<FileRow>, present: &[&str]) -> FileAction {
    decide(
        known,
        "1",
        Target {
            url: "u1".into(),
            variant: "o".into(),
            origin: None,
            ext: None,
        },
        NEW.into(),
        |rel, size| present.contains(&rel) && size == Some(10),
    )
}

#[test]
fn a_new_photo_is_fetched() {
    let FileAction::Fetch(row) = decide_with(None, &[]) else {
        panic!("not fetched")
    };
    assert_eq!((row.url.as_str(), row.path.as_str()), ("u1", NEW));
    assert_eq!(row.status, FileStatus::Pending);
    assert_eq!(row.old_path, None);
}

#[test]
fn a_complete_file_is_kept_moved_or_adopted() {
    let done = |path| Some(known(FileStatus::Done, "u1", path));
    assert_eq!(decide_with(done(NEW), &[NEW]), FileAction::Keep);
    assert_eq!(
        decide_with(done(OLD), &[OLD]),
        FileAction::Move(Move {
            photo_id: "1".into(),
            from: OLD.into(),
            to: NEW.into()
        })
    );
    // Moved before a kill, the new path not yet recorded: no download.
    let FileAction::Adopt(row) = decide_with(done(OLD), &[NEW]) else {
        panic!("not adopted")
    };
    assert_eq!((row.path.as_str(), row.status), (NEW, FileStatus::Done));
}

#[test]
fn a_missing_file_an_unfinished_one_and_a_replaced_one_are_fetched() {
    let FileAction::Fetch(row) = decide_with(Some(known(FileStatus::Done, "u1", NEW)), &[]) else {
        panic!("a missing file is not fetched")
    };
    assert_eq!(row.error.as_deref(), Some("missing or changed in the tree"));
    for status in [FileStatus::Pending, FileStatus::Placing, FileStatus::Failed] {
        let FileAction::Fetch(row) = decide_with(Some(known(status, "u1", OLD)), &[OLD]) else {
            panic!("{status:?} is not fetched")
        };
        assert_eq!((row.status, row.path.as_str()), (FileStatus::Pending, NEW));
    }
    // Replaced on Flickr: the complete old version goes once the new one is in place.
    let FileAction::Fetch(row) = decide_with(Some(known(FileStatus::Done, "u0", OLD)), &[OLD])
    else {
        panic!("a replaced file is not fetched")
    };
    assert_eq!((row.url.as_str(), row.size), ("u1", None));
    assert_eq!(row.old_path.as_deref(), Some(OLD));
    // Replaced again before the first replacement landed: the old path is kept.
    let mut pending = known(FileStatus::Pending, "u0", NEW);
    pending.old_path = Some(OLD.into());
    let FileAction::Fetch(row) = decide_with(Some(pending), &[]) else {
        panic!("not fetched")
    };
    assert_eq!(row.old_path.as_deref(), Some(OLD));
}
