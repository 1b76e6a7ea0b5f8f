//! The ordered steps the incremental cases check, each run once, by the
//! first case that needs it: alice's account on the loopback Flickr, a dry
//! run then a full mirror, adds, edits, a replace and a delete on Flickr,
//! a dry run then an incremental run, and a third run. Each step asks for
//! the one before it and keeps what its cases read (the tree on disk, the
//! static host's log, the fake's files) as it was then.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use flickr_backup::{Backup, Options, Report};
use flickr_testkit::{AccountSpec, FakeFlickr, Hosted, FIRST_ACCOUNT_ALBUM_ID};
use tempfile::TempDir;

use crate::common::quick;

pub use flickr_testkit::mirror::{
    id_of, is_thumbnail, media_ids, sidecar, static_by_photo, tree, Tree,
};

/// The loopback Flickr with alice's account, the runtime serving it, and
/// the mirror every step writes into.
pub struct World {
    pub runtime: tokio::runtime::Runtime,
    pub fake: FakeFlickr,
    pub me: String,
    pub dir: TempDir,
}

/// The dry run and the full mirror after it.
pub struct First {
    pub plan: Report,
    /// Requests the dry run made, and the tree after it.
    pub planning: u64,
    pub planned_tree: Tree,
    pub report: Report,
    /// Requests the real run made.
    pub made: u64,
    pub tree: Tree,
    /// Alice's photos then, the media of each and the bytes the static
    /// host served at each of their sidecars' URLs.
    pub own: Vec<u64>,
    pub media: BTreeMap<u64, String>,
    pub served: BTreeMap<String, Vec<u8>>,
    pub favorites: usize,
    pub static_requests: BTreeMap<String, u64>,
    pub static_total: u64,
    #[cfg(unix)]
    pub links: Vec<Link>,
}

/// The changes on Flickr, the incremental dry run and the run after it.
pub struct Second {
    pub added: Vec<u64>,
    pub edited: u64,
    pub replaced: u64,
    /// A photo of the first album.
    pub deleted: u64,
    pub plan: Report,
    pub planning: u64,
    pub report: Report,
    pub made: u64,
    /// Static-host requests per photo before and after the two runs.
    pub before: BTreeMap<String, u64>,
    pub after: BTreeMap<String, u64>,
    pub tree: Tree,
}

/// A third run with nothing changed on Flickr.
pub struct Third {
    pub report: Report,
    pub tree: Tree,
}

/// An entry of an album or collection folder.
#[cfg(unix)]
pub struct Link {
    pub path: String,
    /// Whether it is a file (a hard link), not a symlink.
    pub is_file: bool,
    pub inode: u64,
    /// The inode of the file of the same name (less `NNNN-`) under photos/
    /// or others/.
    pub target: Option<u64>,
}

pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let Hosted { fake, runtime } =
            Hosted::start_with(|b| b.photos(30).account(AccountSpec::default()));
        let me = fake.credentials().user_nsid;
        let dir = flickr_testkit::fixture_tempdir();
        World {
            runtime,
            fake,
            me,
            dir,
        }
    })
}

impl World {
    /// Runs the backup into the mirror: its report and the requests made.
    fn run(&self, options: Options) -> (Report, u64) {
        let before = self.fake.total_requests();
        let backup = Backup::new(self.fake.client(), self.dir.path()).options(options);
        let report = self.runtime.block_on(backup.run()).unwrap();
        (report, self.fake.total_requests() - before)
    }
}

pub fn first() -> &'static First {
    static FIRST: OnceLock<First> = OnceLock::new();
    FIRST.get_or_init(|| {
        let w = world();
        let (plan, planning) = w.run(quick().dry_run(true));
        let planned_tree = tree(w.dir.path());
        let (report, made) = w.run(quick());
        let tree = tree(w.dir.path());
        let own = w.fake.photos_of(&w.me);
        let media = own
            .iter()
            .map(|id| (*id, w.fake.photo(*id).unwrap().media))
            .collect();
        let served = own
            .iter()
            .filter_map(|id| {
                sidecar(&tree, &id.to_string())["file"]["url"]
                    .as_str()
                    .map(str::to_owned)
            })
            .filter_map(|url| Some((url.clone(), w.fake.static_file(&url)?.bytes)))
            .collect();
        First {
            plan,
            planning,
            planned_tree,
            report,
            made,
            tree,
            own,
            media,
            served,
            favorites: w.fake.favorites(&w.me).len(),
            static_requests: w.fake.static_requests(),
            static_total: w.fake.static_requests_total(),
            #[cfg(unix)]
            links: album_links(w.dir.path()),
        }
    })
}

pub fn second() -> &'static Second {
    static SECOND: OnceLock<Second> = OnceLock::new();
    SECOND.get_or_init(|| {
        let (w, own) = (world(), &first().own);
        let added = w.fake.add_account_photos(2);
        let (edited, replaced) = (own[10], own[11]);
        let deleted = w.fake.photoset(FIRST_ACCOUNT_ALBUM_ID).unwrap().photos[1];
        assert!(w.fake.edit_photo(edited, "Renamed"));
        assert!(w.fake.replace_photo_file(replaced));
        assert!(w.fake.delete_photo(deleted));
        let before = static_by_photo(&w.fake);
        let (plan, planning) = w.run(quick().dry_run(true));
        let (report, made) = w.run(quick());
        Second {
            added,
            edited,
            replaced,
            deleted,
            plan,
            planning,
            report,
            made,
            before,
            after: static_by_photo(&w.fake),
            tree: tree(w.dir.path()),
        }
    })
}

pub fn third() -> &'static Third {
    static THIRD: OnceLock<Third> = OnceLock::new();
    THIRD.get_or_init(|| {
        let w = world();
        second();
        let (report, _) = w.run(quick());
        Third {
            report,
            tree: tree(w.dir.path()),
        }
    })
}

/// Every entry of the album and collection folders, with the inode of the
/// file of the same name under photos/ or others/.
#[cfg(unix)]
fn album_links(dir: &Path) -> Vec<Link> {
    use std::os::unix::fs::MetadataExt;
    fn walk(d: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
            if e.file_type().unwrap().is_dir() {
                walk(&e.path(), out);
            } else {
                out.push(e.path());
            }
        }
    }
    let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
    let mut files = Vec::new();
    walk(&dir.join("photos"), &mut files);
    walk(&dir.join("others"), &mut files);
    let by_name: BTreeMap<String, u64> = files
        .iter()
        .map(|p| (name(p), std::fs::metadata(p).unwrap().ino()))
        .collect();
    let mut links = Vec::new();
    walk(&dir.join("collections"), &mut links);
    for e in std::fs::read_dir(dir.join("albums"))
        .into_iter()
        .flatten()
        .flatten()
    {
        if e.file_type().unwrap().is_dir() {
            walk(&e.path(), &mut links);
        }
    }
    links
        .iter()
        .map(|l| {
            let meta = std::fs::symlink_metadata(l).unwrap();
            let n = name(l);
            let (_, file) = n.split_once('-').expect("NNNN-ID.EXT");
            Link {
                path: l.display().to_string(),
                is_file: meta.is_file(),
                inode: meta.ino(),
                target: by_name.get(file).copied(),
            }
        })
        .collect()
}
