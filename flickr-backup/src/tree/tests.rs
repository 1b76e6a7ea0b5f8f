use std::sync::Mutex;

use super::*;
use crate::state::FileStatus;

struct Mirror {
    _dir: tempfile::TempDir,
    tree: Tree,
    state: Mutex<State>,
}

fn mirror() -> Mirror {
    let dir = tempfile::tempdir().unwrap();
    let tree = Tree::new(dir.path().join("m"));
    let _lock = tree.open().unwrap();
    let state = State::open(&layout::state_db(tree.root())).unwrap();
    Mirror {
        _dir: dir,
        tree,
        state: Mutex::new(state),
    }
}

fn row(id: &str, path: &str, old_path: Option<&str>) -> FileRow {
    FileRow {
        photo_id: id.to_owned(),
        url: format!("http://static/{id}.jpg"),
        variant: "o".to_owned(),
        path: path.to_owned(),
        status: FileStatus::Pending,
        size: None,
        sha256: None,
        tmp: None,
        old_path: old_path.map(str::to_owned),
        error: None,
        origin: None,
    }
}

impl Mirror {
    fn put(&self, f: &FileRow) {
        state::lock(&self.state)
            .batch(|b| b.put_file(f, Some(1)))
            .unwrap();
    }

    fn file(&self, id: &str) -> FileRow {
        state::lock(&self.state).file(id).unwrap().unwrap()
    }

    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        std::fs::read(self.tree.resolve(rel)).ok()
    }

    fn write(&self, rel: &str, bytes: &[u8]) {
        let p = self.tree.resolve(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    fn tmp_files(&self) -> usize {
        std::fs::read_dir(layout::tmp_dir(self.tree.root()))
            .unwrap()
            .count()
    }

    async fn download(&self, f: &FileRow, bytes: &[u8]) -> ReadyFile {
        let mut p = self.tree.partial(f).await.unwrap();
        for chunk in bytes.chunks(3) {
            p.write(chunk).await.unwrap();
        }
        p.finish().await.unwrap()
    }
}

#[tokio::test]
async fn a_download_is_placed_recorded_and_replaces_the_old_version() {
    let m = mirror();
    m.write("photos/2020/01/01/1.png", b"old version");
    let f = row(
        "1",
        "photos/2024/05/31/1.jpg",
        Some("photos/2020/01/01/1.png"),
    );
    m.put(&f);
    let written = m.download(&f, b"new bytes").await;
    assert_eq!(written.size, 9);
    m.tree.place(&m.state, &f, written).unwrap();
    assert_eq!(m.read(&f.path).unwrap(), b"new bytes");
    assert_eq!(
        m.read("photos/2020/01/01/1.png"),
        None,
        "the replaced file goes"
    );
    let recorded = m.file("1");
    assert_eq!(recorded.status, FileStatus::Done);
    assert_eq!(recorded.size, Some(9));
    assert_eq!(
        recorded.sha256.as_deref(),
        Some(
            crate::digest::sha256_file(&m.tree.resolve(&f.path))
                .unwrap()
                .as_str()
        )
    );
    assert_eq!(m.tmp_files(), 0);
}

#[tokio::test]
async fn a_discarded_download_leaves_nothing() {
    let m = mirror();
    let f = row("2", "photos/undated/2.jpg", None);
    let mut p = m.tree.partial(&f).await.unwrap();
    p.write(b"half").await.unwrap();
    assert!(p.path().starts_with(layout::tmp_dir(m.tree.root())));
    p.discard().await;
    assert_eq!(m.tmp_files(), 0);
    assert_eq!(m.read(&f.path), None);
}

#[tokio::test]
async fn recovery_finishes_adopts_or_fails_what_a_kill_left() {
    let m = mirror();
    // Killed after recording `Placing`, before the rename: the checked temporary file is there.
    let renamed_later = row("1", "photos/a/1.jpg", Some("photos/old/1.jpg"));
    m.write("photos/old/1.jpg", b"old");
    // Killed after the rename, before `Done`: the file is in place.
    let adopted = row("2", "photos/a/2.jpg", Some("photos/old/2.jpg"));
    m.write("photos/old/2.jpg", b"old");
    // Killed with neither (the temporary file lost).
    let lost = row("3", "photos/a/3.jpg", None);
    for f in [&renamed_later, &adopted, &lost] {
        m.put(f);
        let w = m.download(f, b"complete").await;
        let tmp_name = w.tmp.file_name().unwrap().to_string_lossy().into_owned();
        state::lock(&m.state)
            .file_placing(&f.photo_id, w.size, &w.sha256, &tmp_name)
            .unwrap();
        match f.photo_id.as_str() {
            "2" => std::fs::rename(&w.tmp, m.tree.resolve_created(&f.path)).unwrap(),
            "3" => std::fs::remove_file(&w.tmp).unwrap(),
            _ => {}
        }
    }
    std::fs::write(layout::tmp_dir(m.tree.root()).join("stray.part"), b"x").unwrap();

    let finished = m.tree.recover(&state::lock(&m.state)).unwrap();
    assert_eq!(finished, 2);
    for id in ["1", "2"] {
        assert_eq!(m.file(id).status, FileStatus::Done, "photo {id}");
        assert_eq!(m.read(&format!("photos/a/{id}.jpg")).unwrap(), b"complete");
        assert_eq!(m.read(&format!("photos/old/{id}.jpg")), None, "photo {id}");
    }
    let lost = m.file("3");
    assert_eq!(lost.status, FileStatus::Failed);
    assert!(lost.error.unwrap().contains("interrupted"));
    assert_eq!(m.tmp_files(), 0, "stray temporary files go");
}

#[test]
fn moves_carry_complete_files_and_record_where_they_went() {
    let m = mirror();
    let f = row("1", "photos/undated/1.jpg", None);
    m.put(&f);
    m.write(&f.path, b"bytes");
    let gone = row("2", "photos/undated/2.jpg", None);
    m.put(&gone);
    let moves = [
        Move {
            photo_id: "1".into(),
            from: f.path.clone(),
            to: "photos/2024/01/02/1.jpg".into(),
        },
        Move {
            photo_id: "2".into(),
            from: gone.path.clone(),
            to: "photos/2024/01/02/2.jpg".into(),
        },
    ];
    m.tree.apply_moves(&m.state, &moves).unwrap();
    assert_eq!(m.read("photos/2024/01/02/1.jpg").unwrap(), b"bytes");
    assert_eq!(m.read(&f.path), None);
    assert_eq!(m.file("1").path, "photos/2024/01/02/1.jpg");
    assert_eq!(m.file("2").path, "photos/2024/01/02/2.jpg");
    assert!(m.tree.holds("photos/2024/01/02/1.jpg", Some(5)));
    assert!(!m.tree.holds("photos/2024/01/02/1.jpg", Some(6)));
    assert!(!m.tree.holds("photos/2024/01/02/2.jpg", None));
}

#[test]
fn documents_are_written_atomically_and_only_when_changed() {
    let m = mirror();
    assert!(m.tree.write_if_changed("albums/1.json", b"{}\n").unwrap());
    assert!(!m.tree.write_if_changed("albums/1.json", b"{}\n").unwrap());
    assert!(m.tree.write_if_changed("albums/1.json", b"[]\n").unwrap());
    assert_eq!(m.read("albums/1.json").unwrap(), b"[]\n");
    assert_eq!(m.tmp_files(), 0);
    // They are made durable together, once.
    m.tree.sync_documents().unwrap();
}

// `sync(2)` elsewhere cannot fail.
#[cfg(target_os = "linux")]
#[test]
fn syncing_the_documents_of_a_mirror_that_is_gone_names_it() {
    let m = mirror();
    let gone = Tree::new(m.tree.root().join("nowhere"));
    let err = gone.sync_documents().unwrap_err().to_string();
    assert!(err.contains("nowhere"), "{err}");
}

#[test]
fn a_moved_file_takes_its_sidecars_and_keeps_its_date() {
    let m = mirror();
    let (old, new) = ("photos/undated/1.jpg", "photos/2024/01/02/1.jpg");
    m.write(old, b"image");
    m.write("photos/undated/1.json", b"{}");
    m.write("photos/undated/1.jpg.xmp", b"<x/>");
    assert!(m.tree.date_file(old, 1_000_000_000).unwrap());
    assert!(
        !m.tree.date_file(old, 1_000_000_000).unwrap(),
        "already dated"
    );
    assert!(
        !m.tree.date_file("photos/none.jpg", 1).unwrap(),
        "not there"
    );
    m.put(&row("1", old, None));
    let moves = [Move {
        photo_id: "1".into(),
        from: old.into(),
        to: new.into(),
    }];
    m.tree.apply_moves(&m.state, &moves).unwrap();
    assert_eq!(m.read(new).unwrap(), b"image");
    assert_eq!(m.read("photos/2024/01/02/1.json").unwrap(), b"{}");
    assert_eq!(m.read("photos/2024/01/02/1.jpg.xmp").unwrap(), b"<x/>");
    for gone in [old, "photos/undated/1.json", "photos/undated/1.jpg.xmp"] {
        assert!(m.read(gone).is_none(), "{gone}");
    }
    let mtime = std::fs::metadata(m.tree.resolve(new))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(
        mtime,
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000)
    );
}

#[test]
fn one_holder_of_the_lock_at_a_time() {
    let m = mirror();
    let held = m.tree.lock().unwrap();
    let err = m.tree.lock().unwrap_err();
    assert!(
        err.to_string().contains("another backup is running"),
        "{err}"
    );
    drop(held);
    m.tree.lock().unwrap();
}

impl Tree {
    /// `resolve`, with the parent directory created.
    fn resolve_created(&self, rel: &str) -> PathBuf {
        let p = self.resolve(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        p
    }
}

mod links;

#[test]
fn a_document_is_compared_by_length_then_block_by_block() {
    let m = mirror();
    let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    m.write("viewer/data.js", &big);
    let path = m.tree.resolve("viewer/data.js");
    assert!(atomic::holds_exactly(&path, &big));
    let mut last_differs = big.clone();
    *last_differs.last_mut().unwrap() ^= 1;
    assert!(!atomic::holds_exactly(&path, &last_differs));
    assert!(!atomic::holds_exactly(&path, &big[..big.len() - 1]));
    let mut longer = big.clone();
    longer.push(0);
    assert!(!atomic::holds_exactly(&path, &longer));
    assert!(!atomic::holds_exactly(
        &m.tree.resolve("viewer/gone.js"),
        b""
    ));
    // An empty file holds exactly nothing.
    m.write("viewer/empty.js", b"");
    assert!(atomic::holds_exactly(
        &m.tree.resolve("viewer/empty.js"),
        b""
    ));
}
