//! Album and collection folders against the loopback Flickr: hard links in
//! album order, no extra bytes on disk, and kept exact by incremental runs
//! after an album is retitled, loses a photo, is reordered or deleted.
//!
//! Those runs happen once, in order, in a fixture shared by this binary's
//! cases ([`runs`]), which records what each left; each case checks one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

mod common;

use common::quick;
use flickr_backup::{Backup, Report};
use flickr_testkit::{AccountSpec, FakeFlickr, Hosted, FIRST_ACCOUNT_ALBUM_ID};

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

/// One media entry (no sidecar) of an album folder, as a run left it.
struct Entry {
    /// Its path, relative to the library.
    path: String,
    /// The number its name starts with.
    number: usize,
    id: String,
    /// Whether it is the same inode as the photo's file (always, off Unix).
    linked: bool,
}

/// The media entries (no sidecars) of the folder `folder`, in name order.
fn folder_entries(dir: &Path, folder: &str) -> Vec<Entry> {
    entries(dir, folder)
        .into_iter()
        .filter(|e| !e.ends_with(".xmp"))
        .map(|e| {
            let name = e.rsplit('/').next().unwrap();
            let (num, rest) = name.split_once('-').unwrap();
            let id = rest.split('.').next().unwrap().to_owned();
            #[cfg(unix)]
            let linked = inode(&dir.join(&e)) == inode(&dir.join(photo_file(dir, &id)));
            #[cfg(not(unix))]
            let linked = true;
            Entry {
                number: num.parse().unwrap(),
                path: e,
                id,
                linked,
            }
        })
        .collect()
}

/// The photo ids of a folder's entries, in name order; checks they are
/// numbered from 1 without gaps, each the same inode as the photo's file.
fn ids_of(folder: &[Entry]) -> Vec<String> {
    folder
        .iter()
        .enumerate()
        .map(|(i, e)| {
            assert_eq!(e.number, i + 1, "{}: numbered from 1 without gaps", e.path);
            assert!(e.linked, "{} is a hard link to the photo's file", e.path);
            e.id.clone()
        })
        .collect()
}

/// The media entries (no sidecars) of the folder `folder`, in name order,
/// as photo ids; checks each is the same inode as the photo's file.
fn album_ids(dir: &Path, folder: &str) -> Vec<String> {
    ids_of(&folder_entries(dir, folder))
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

/// An album as a run left its folder.
struct AlbumSeen {
    id: u64,
    folder: Option<String>,
    entries: Vec<Entry>,
    /// Its photos on Flickr, in order, at the time (none once deleted).
    listed: Vec<String>,
    manifest: bool,
}

fn album_seen(fake: &FakeFlickr, d: &Path, id: u64) -> AlbumSeen {
    let folder = folder_of(d, "albums", id);
    AlbumSeen {
        id,
        entries: folder
            .as_deref()
            .map(|f| folder_entries(d, f))
            .unwrap_or_default(),
        folder,
        listed: if fake.photoset(id).is_some() {
            listed(fake, id)
        } else {
            Vec::new()
        },
        manifest: d.join(format!("albums/{id}.json")).is_file(),
    }
}

/// Bytes on disk and inodes with the link folders, and without them.
#[cfg(unix)]
type Blocks = ((u64, usize), (u64, usize));

/// The three runs, in order: the first (no viewer); after album 1 is
/// retitled, a photo leaves album 2 and the rest is reversed, and album 3
/// is deleted on Flickr; and again with nothing changed.
struct Runs {
    _hosted: &'static Hosted,
    _dir: tempfile::TempDir,
    first: Report,
    albums: Vec<AlbumSeen>,
    /// Album 1 in the nested collection, and whether Collection 2 held a
    /// folder of album 2.
    nested: Vec<Entry>,
    nested_listed: Vec<String>,
    collection_2_has_album_2: bool,
    /// Whether the page, the viewer's folder and the thumbnails were there.
    viewer: (bool, bool, bool),
    #[cfg(unix)]
    blocks: Blocks,
    changed: Report,
    /// Album 1's folder before and after the retitling, and whether the
    /// old one was still there.
    old1: String,
    old1_exists: bool,
    album1: AlbumSeen,
    /// Album 2's photos before the change, its order after it, and its
    /// folder after.
    before2: Vec<String>,
    reversed: Vec<String>,
    album2: AlbumSeen,
    album3: AlbumSeen,
    collections_retitled: bool,
    #[cfg(unix)]
    blocks_changed: Blocks,
    unchanged: Report,
}

fn runs() -> &'static Runs {
    static FIXTURE: OnceLock<Runs> = OnceLock::new();
    FIXTURE.get_or_init(back_up_change_and_back_up_twice)
}

#[cfg(unix)]
fn blocks_with_and_without_folders(d: &Path) -> Blocks {
    (blocks(d, &[]), blocks(d, &link_folders(d)))
}

const A1: u64 = FIRST_ACCOUNT_ALBUM_ID;
const A2: u64 = FIRST_ACCOUNT_ALBUM_ID + 1;
const A3: u64 = FIRST_ACCOUNT_ALBUM_ID + 2;

fn back_up_change_and_back_up_twice() -> Runs {
    // Kept for the fixture's life, the binary's.
    let hosted: &'static Hosted = Box::leak(Box::new(Hosted::start_with(|b| {
        b.photos(30).account(AccountSpec::default())
    })));
    let fake = &hosted.fake;
    let dir = flickr_testkit::fixture_tempdir();
    let d = &dir.path().to_path_buf();
    hosted.block_on(async {
        let first = backup(fake, d, false).await;
        let albums = [A1, A2, A3].map(|id| album_seen(fake, d, id)).into();
        let nested = format!(
            "collections/Collection 1 (10000-72157710000000000)/Nested (10000-72157720000000000)/Album 1 ({A1})"
        );
        let nested = folder_entries(d, &nested);
        let nested_listed = listed(fake, A1);
        let collection_2_has_album_2 =
            folder_of(d, "collections/Collection 2 (10001-72157710000000001)", A2).is_some();
        let viewer = (
            d.join("index.html").exists(),
            d.join("viewer").exists(),
            d.join(".flickr-backup/thumbs").exists(),
        );
        #[cfg(unix)]
        let blocks = blocks_with_and_without_folders(d);

        // Changes on Flickr: album 1 retitled (a title no file system takes
        // as is), a photo leaves album 2 and the rest is reversed, album 3
        // deleted.
        let c = fake.client();
        let ps = c.photosets();
        ps.edit_meta(A1.to_string(), "Été <à> & 🎉 Kyōto/2024")
            .send()
            .await
            .unwrap();
        let before2 = listed(fake, A2);
        ps.remove_photo(A2.to_string(), before2[1].clone())
            .send()
            .await
            .unwrap();
        let mut reversed = listed(fake, A2);
        reversed.reverse();
        ps.reorder_photos(A2.to_string(), reversed.clone())
            .send()
            .await
            .unwrap();
        ps.delete(A3.to_string()).send().await.unwrap();
        let old1 = folder_of(d, "albums", A1).unwrap();

        let changed = backup(fake, d, false).await;
        let old1_exists = d.join(&old1).exists();
        let album1 = album_seen(fake, d, A1);
        let album2 = album_seen(fake, d, A2);
        let album3 = album_seen(fake, d, A3);
        let collections_retitled = entries(d, "collections")
            .iter()
            .any(|e| e.contains("Été _à_ & _ Kyōto_2024"));
        #[cfg(unix)]
        let blocks_changed = blocks_with_and_without_folders(d);

        let unchanged = backup(fake, d, false).await;
        Runs {
            first,
            albums,
            nested,
            nested_listed,
            collection_2_has_album_2,
            viewer,
            #[cfg(unix)]
            blocks,
            changed,
            old1,
            old1_exists,
            album1,
            before2,
            reversed,
            album2,
            album3,
            collections_retitled,
            #[cfg(unix)]
            blocks_changed,
            unchanged,
            _dir: dir,
            _hosted: hosted,
        }
    })
}

#[test]
fn album_folders_are_hard_links_in_album_order_beside_their_manifests() {
    let r = runs();
    for a in &r.albums {
        let id = a.id;
        let folder = a.folder.as_deref().expect("a folder per album");
        assert_eq!(folder, format!("albums/Album {} ({id})", id - A1 + 1));
        assert_eq!(ids_of(&a.entries), a.listed, "{folder} in album order");
        assert!(a.manifest, "the manifest stays");
    }
    assert!(r.first.album_links > 0);
    assert_eq!(
        r.first.album_symlinks, 0,
        "this file system takes hard links"
    );
}

#[test]
fn collections_nest_folders_of_their_albums() {
    // Collection 1 holds album 1 and the nested collection holding album 1
    // again; Collection 2 holds album 2.
    let r = runs();
    assert_eq!(ids_of(&r.nested), r.nested_listed);
    assert!(r.collection_2_has_album_2);
}

#[test]
fn without_the_viewer_a_run_writes_no_page_and_fetches_no_thumbnail() {
    // `viewer: false` (`--no-viewer`).
    let r = runs();
    let (page, viewer, thumbs) = r.viewer;
    assert!(!page && !viewer);
    assert!(!thumbs);
    assert_eq!((r.first.viewer_written, r.first.thumbnails_fetched), (0, 0));
}

/// No bytes added: the same files (inodes) and blocks with and without the
/// folders, after the first run and after the changes.
#[cfg(unix)]
#[test]
fn the_folders_add_no_bytes_on_disk_before_or_after_the_changes() {
    let r = runs();
    assert_eq!(r.blocks.0, r.blocks.1);
    assert_eq!(r.blocks_changed.0, r.blocks_changed.1);
}

#[test]
fn a_retitled_album_s_folder_takes_the_new_title_made_safe() {
    let r = runs();
    let new1 = r.album1.folder.as_deref().unwrap();
    assert_eq!(new1, format!("albums/Été _à_ & _ Kyōto_2024 ({A1})"));
    assert!(!r.old1_exists, "the old title's folder is gone: {}", r.old1);
    assert_eq!(ids_of(&r.album1.entries), r.album1.listed);
    assert!(r.collections_retitled);
}

#[test]
fn a_reordered_album_is_renumbered_without_the_photo_it_lost() {
    let r = runs();
    assert!(r.album2.folder.is_some());
    let ids = ids_of(&r.album2.entries);
    assert_eq!(ids, r.reversed, "renumbered in the new order");
    assert!(
        !ids.contains(&r.before2[1]),
        "the removed photo's link is gone"
    );
}

#[test]
fn a_deleted_album_loses_its_folder_and_keeps_its_manifest() {
    let r = runs();
    assert_eq!(r.album3.folder, None, "the deleted album's folder is gone");
    assert!(r.album3.manifest, "its manifest is kept, flagged");
    assert!(r.changed.album_links_removed > 0, "{:?}", r.changed);
}

#[test]
fn a_run_after_no_change_links_and_removes_nothing() {
    let r = &runs().unchanged;
    assert_eq!((r.album_links, r.album_links_removed), (0, 0));
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
    let dir = flickr_testkit::fixture_tempdir();
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
