//! Album and collection folders against the loopback Flickr: hard links in
//! album order, no extra bytes on disk, and kept exact by incremental runs
//! after an album is retitled, loses a photo, is reordered or deleted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod common;

use common::quick;
use flickr_backup::{Backup, Report};
use flickr_testkit::{AccountSpec, FakeFlickr, FIRST_ACCOUNT_ALBUM_ID};

async fn backup(fake: &FakeFlickr, dir: &Path, viewer: bool) -> Report {
    let opts = quick().viewer(viewer);
    let report = Backup::new(fake.client(), dir)
        .options(opts)
        .run()
        .await
        .unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    report
}

/// Every entry under `dir/under` (files and symlinks), relative to `dir`.
fn entries(dir: &Path, under: &str) -> BTreeSet<String> {
    fn walk(root: &Path, d: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, &dir.join(under), &mut out);
    out
}

#[cfg(unix)]
fn inode(p: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(p).unwrap();
    (m.dev(), m.ino())
}

/// The file of photo `id` under photos/ (by its JSON sidecar).
fn photo_file(dir: &Path, id: &str) -> String {
    entries(dir, "photos")
        .into_iter()
        .find(|p| {
            let name = p.rsplit('/').next().unwrap();
            name.split('.').next() == Some(id)
                && !name.ends_with(".json")
                && !name.ends_with(".xmp")
        })
        .unwrap_or_else(|| panic!("no file of photo {id}"))
}

/// The media entries (no sidecars) of the folder `folder`, in name order,
/// as photo ids; checks each is the same inode as the photo's file.
fn album_ids(dir: &Path, folder: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for (i, e) in entries(dir, folder)
        .into_iter()
        .filter(|e| !e.ends_with(".xmp"))
        .enumerate()
    {
        let name = e.rsplit('/').next().unwrap();
        let (num, rest) = name.split_once('-').unwrap();
        assert_eq!(
            num.parse::<usize>().unwrap(),
            i + 1,
            "{e}: numbered from 1 without gaps"
        );
        let id = rest.split('.').next().unwrap().to_owned();
        #[cfg(unix)]
        assert_eq!(
            inode(&dir.join(&e)),
            inode(&dir.join(photo_file(dir, &id))),
            "{e} is a hard link to the photo's file"
        );
        ids.push(id);
    }
    ids
}

/// The folder of album `id` under `under` (its name ends with ` (ID)`).
fn folder_of(dir: &Path, under: &str, id: u64) -> Option<String> {
    let suffix = format!(" ({id})");
    entries(dir, under)
        .into_iter()
        .filter_map(|e| e.rsplit_once('/').map(|(d, _)| d.to_owned()))
        .find(|d| d.ends_with(&suffix))
}

fn listed(fake: &FakeFlickr, id: u64) -> Vec<String> {
    let set = fake.photoset(id).unwrap();
    let visible: Vec<u64> = set
        .photos
        .into_iter()
        .filter(|p| fake.photo(*p).is_some())
        .collect();
    visible.iter().map(u64::to_string).collect()
}

/// The album and collection folders (not the manifests beside them).
fn link_folders(dir: &Path) -> Vec<String> {
    let mut out = vec!["collections".to_owned()];
    for e in std::fs::read_dir(dir.join("albums")).unwrap().flatten() {
        if e.file_type().unwrap().is_dir() {
            out.push(format!("albums/{}", e.file_name().to_string_lossy()));
        }
    }
    out
}

/// Bytes on disk (512-byte blocks) of the regular files under `dir`, each
/// inode once, leaving out what is under `skip`; and how many inodes.
#[cfg(unix)]
fn blocks(dir: &Path, skip: &[String]) -> (u64, usize) {
    use std::os::unix::fs::MetadataExt;
    let mut seen = BTreeMap::new();
    fn walk(d: &Path, skip: &[std::path::PathBuf], seen: &mut BTreeMap<(u64, u64), u64>) {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if skip.contains(&p) {
                continue;
            }
            let m = std::fs::symlink_metadata(&p).unwrap();
            if m.is_dir() {
                walk(&p, skip, seen);
            } else if m.is_file() {
                seen.insert((m.dev(), m.ino()), m.blocks());
            }
        }
    }
    let skip: Vec<_> = skip.iter().map(|s| dir.join(s)).collect();
    walk(dir, &skip, &mut seen);
    (seen.values().sum(), seen.len())
}

#[tokio::test]
async fn album_folders_are_hard_links_in_order_and_follow_every_change_on_flickr() {
    let fake = FakeFlickr::builder()
        .photos(30)
        .account(AccountSpec::default())
        .start()
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let report = backup(&fake, d, false).await;
    let (a1, a2, a3) = (
        FIRST_ACCOUNT_ALBUM_ID,
        FIRST_ACCOUNT_ALBUM_ID + 1,
        FIRST_ACCOUNT_ALBUM_ID + 2,
    );
    for id in [a1, a2, a3] {
        let folder = folder_of(d, "albums", id).expect("a folder per album");
        assert_eq!(folder, format!("albums/Album {} ({id})", id - a1 + 1));
        assert_eq!(
            album_ids(d, &folder),
            listed(&fake, id),
            "{folder} in album order"
        );
        assert!(
            d.join(format!("albums/{id}.json")).is_file(),
            "the manifest stays"
        );
    }
    // Collections nest: Collection 1 holds album 1 and the nested collection
    // holding album 1 again; Collection 2 holds album 2.
    let nested = format!(
        "collections/Collection 1 (10000-72157710000000000)/Nested (10000-72157720000000000)/Album 1 ({a1})"
    );
    assert_eq!(album_ids(d, &nested), listed(&fake, a1));
    assert!(folder_of(d, "collections/Collection 2 (10001-72157710000000001)", a2).is_some());
    assert!(report.album_links > 0);
    assert_eq!(
        report.album_symlinks, 0,
        "this file system takes hard links"
    );
    // `viewer: false` (`--no-viewer`): no page, no thumbnails.
    assert!(!d.join("index.html").exists() && !d.join("viewer").exists());
    assert!(!d.join(".flickr-backup/thumbs").exists());
    assert_eq!((report.viewer_written, report.thumbnails_fetched), (0, 0));

    // No bytes added: the same files (inodes) and blocks with and without
    // the folders.
    #[cfg(unix)]
    assert_eq!(blocks(d, &[]), blocks(d, &link_folders(d)));

    // Changes on Flickr: album 1 retitled (a title no file system takes
    // as is), a photo leaves album 2 and the rest is reversed, album 3 deleted.
    let c = fake.client();
    let ps = c.photosets();
    ps.edit_meta(a1.to_string(), "Été <à> & 🎉 Kyōto/2024")
        .send()
        .await
        .unwrap();
    let before2 = listed(&fake, a2);
    ps.remove_photo(a2.to_string(), before2[1].clone())
        .send()
        .await
        .unwrap();
    let mut reversed = listed(&fake, a2);
    reversed.reverse();
    ps.reorder_photos(a2.to_string(), reversed.clone())
        .send()
        .await
        .unwrap();
    ps.delete(a3.to_string()).send().await.unwrap();
    let old1 = folder_of(d, "albums", a1).unwrap();

    let report = backup(&fake, d, false).await;
    let new1 = folder_of(d, "albums", a1).unwrap();
    assert_eq!(new1, format!("albums/Été _à_ & _ Kyōto_2024 ({a1})"));
    assert!(!d.join(&old1).exists(), "the old title's folder is gone");
    assert_eq!(album_ids(d, &new1), listed(&fake, a1));
    let f2 = folder_of(d, "albums", a2).unwrap();
    assert_eq!(album_ids(d, &f2), reversed, "renumbered in the new order");
    assert!(
        !album_ids(d, &f2).contains(&before2[1]),
        "the removed photo's link is gone"
    );
    assert_eq!(
        folder_of(d, "albums", a3),
        None,
        "the deleted album's folder is gone"
    );
    assert!(
        d.join(format!("albums/{a3}.json")).is_file(),
        "its manifest is kept, flagged"
    );
    assert!(entries(d, "collections")
        .iter()
        .any(|e| e.contains("Été _à_ & _ Kyōto_2024")));
    assert!(report.album_links_removed > 0, "{report:?}");
    #[cfg(unix)]
    assert_eq!(blocks(d, &[]), blocks(d, &link_folders(d)));

    // Nothing changed: nothing linked or removed.
    let report = backup(&fake, d, false).await;
    assert_eq!((report.album_links, report.album_links_removed), (0, 0));
}

#[tokio::test]
async fn an_xmp_sidecar_beside_a_file_is_linked_beside_its_album_entry() {
    let fake = FakeFlickr::builder()
        .photos(3)
        .account(AccountSpec {
            photos: 8,
            albums: 1,
            album_size: 4,
            collections: 0,
            galleries: 0,
            favorites: 0,
            ..AccountSpec::default()
        })
        .start()
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    backup(&fake, d, false).await;
    let folder = folder_of(d, "albums", FIRST_ACCOUNT_ALBUM_ID).unwrap();
    let ids = album_ids(d, &folder);
    assert_eq!(ids.len(), 4);
    for (i, id) in ids.iter().enumerate() {
        // The XMP stage wrote `<media>.xmp` beside the file; the album
        // entry has its own beside it, the same file.
        let file = photo_file(d, id);
        let ext = file.rsplit('.').next().unwrap();
        let link = d.join(format!("{folder}/{:04}-{id}.{ext}.xmp", i + 1));
        let sidecar = d.join(format!("{file}.xmp"));
        assert!(sidecar.is_file(), "{file}.xmp written");
        assert_eq!(
            std::fs::read(&link).unwrap(),
            std::fs::read(&sidecar).unwrap()
        );
        #[cfg(unix)]
        assert_eq!(inode(&link), inode(&sidecar));
    }
    // A sidecar rewritten (a new file in its place) is linked again.
    let file = photo_file(d, &ids[0]);
    std::fs::remove_file(d.join(format!("{file}.xmp"))).unwrap();
    let report = backup(&fake, d, false).await;
    assert_eq!(report.album_links, 1, "{report:?}");
    #[cfg(unix)]
    {
        let ext = file.rsplit('.').next().unwrap();
        let link = d.join(format!("{folder}/0001-{}.{ext}.xmp", ids[0]));
        assert_eq!(inode(&link), inode(&d.join(format!("{file}.xmp"))));
    }
}
