use std::collections::BTreeMap;

use super::*;

fn put_file(m: &Mirror, rel: &str, bytes: &[u8]) {
    let p = layout::resolve(m.tree.root(), rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn listing(m: &Mirror, under: &str) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if e.path().is_dir() {
                out.push(format!("{rel}/"));
                walk(root, &e.path(), out);
            } else {
                out.push(rel);
            }
        }
    }
    walk(m.tree.root(), &m.tree.root().join(under), &mut out);
    out.sort();
    out
}

#[cfg(unix)]
fn inode(m: &Mirror, rel: &str) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(layout::resolve(m.tree.root(), rel))
        .unwrap()
        .ino()
}

#[test]
fn folders_hold_exactly_the_links_asked_for_across_renames_reorders_and_removals() {
    let m = mirror();
    put_file(&m, "photos/a.jpg", b"A");
    put_file(&m, "photos/b.jpg", b"B");
    put_file(&m, "albums/72.json", b"{}");
    let ask = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(l, t)| ((*l).to_owned(), (*t).to_owned()))
            .collect()
    };
    let first = ask(&[
        ("albums/Trip (72)/0001-a.jpg", "photos/a.jpg"),
        ("albums/Trip (72)/0002-b.jpg", "photos/b.jpg"),
        ("albums/Trip (72)/0003-c.jpg", "photos/c.jpg"), // not in the tree: skipped
    ]);
    let out = m.tree.sync_links(&["albums"], &first).unwrap();
    assert_eq!((out.made, out.symlinks, out.removed), (2, 0, 0));
    #[cfg(unix)]
    assert_eq!(
        inode(&m, "albums/Trip (72)/0001-a.jpg"),
        inode(&m, "photos/a.jpg")
    );
    let again = m.tree.sync_links(&["albums"], &first).unwrap();
    assert_eq!(again, LinkOutcome::default(), "nothing to do twice");

    // Retitled and reordered, and b left the album.
    let second = ask(&[("albums/Ski (72)/0001-a.jpg", "photos/a.jpg")]);
    let out = m.tree.sync_links(&["albums"], &second).unwrap();
    assert_eq!(out.renamed, 1);
    assert_eq!(
        listing(&m, "albums"),
        [
            "albums/72.json",
            "albums/Ski (72)/",
            "albums/Ski (72)/0001-a.jpg"
        ]
    );
    // b's file replaced on disk (a new inode): its link follows.
    put_file(&m, "photos/b2.jpg", b"B2");
    std::fs::rename(
        layout::resolve(m.tree.root(), "photos/b2.jpg"),
        layout::resolve(m.tree.root(), "photos/a.jpg"),
    )
    .unwrap();
    let out = m.tree.sync_links(&["albums"], &second).unwrap();
    assert_eq!(out.made, 1);
    let link = layout::resolve(m.tree.root(), "albums/Ski (72)/0001-a.jpg");
    assert_eq!(std::fs::read(link).unwrap(), b"B2");

    // The album deleted: its folder goes, the manifest stays.
    let out = m.tree.sync_links(&["albums"], &BTreeMap::new()).unwrap();
    assert_eq!(out.removed, 1);
    assert_eq!(listing(&m, "albums"), ["albums/72.json"]);
}

#[cfg(unix)]
#[test]
fn where_hard_links_are_refused_the_entries_are_relative_symlinks() {
    let m = mirror();
    put_file(&m, "photos/2024/a.jpg", b"A");
    let want: BTreeMap<String, String> = [(
        "collections/C (1)/Trip (72)/0001-a.jpg".to_owned(),
        "photos/2024/a.jpg".to_owned(),
    )]
    .into();
    let refuse: super::super::links::HardLink =
        |_, _| Err(std::io::Error::from(std::io::ErrorKind::Unsupported));
    let out = m
        .tree
        .sync_links_with(&["collections"], &want, refuse)
        .unwrap();
    assert_eq!((out.made, out.symlinks), (1, 1));
    let link = layout::resolve(m.tree.root(), "collections/C (1)/Trip (72)/0001-a.jpg");
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("../../../photos/2024/a.jpg"),
        "relative: the mirror can move"
    );
    assert_eq!(std::fs::read(&link).unwrap(), b"A");
    // A symlink to the right file is kept as it is.
    let again = m.tree.sync_links(&["collections"], &want).unwrap();
    assert_eq!(again, LinkOutcome::default());
}
