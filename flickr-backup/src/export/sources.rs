//! Where the export's files are: its zips, read in place member by member
//! (never extracted to a copy), or folders where they were extracted. The
//! PATHs a user gives are zips, folders holding them, or extracted folders,
//! in any order and number. Every zip is untrusted: a file that is not a
//! zip (an expired link saved as `data-download-7.zip`) is named and
//! skipped; a zip cut short (no central directory) yields the members that
//! are whole, read in order from its start, and names the first that is
//! not; a member whose declared size is absurd, or whose compression ratio
//! no photo has, is refused. Member names are only ever matched, never used
//! as paths.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::Serialize;

/// The most a member may declare (a 4K video of a few hours is far less).
const MAX_MEMBER: u64 = 256 << 30;
/// Above this size, a member may not inflate more than [`MAX_RATIO`] times:
/// photos and videos hardly compress, a zip bomb inflates thousands of times.
const RATIO_FROM: u64 = 64 << 20;
const MAX_RATIO: u64 = 200;

/// A zip or a folder of the export.
#[derive(Debug, Clone)]
pub(crate) struct Container {
    /// Where it is.
    pub path: PathBuf,
    /// As the report and the state name it: the zip's file name, or the folder's path.
    pub name: String,
    pub kind: ContainerKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContainerKind {
    /// A whole zip (read through its central directory).
    Zip,
    /// A zip cut short: its whole members, read from their local headers.
    Salvaged,
    /// An extracted folder.
    Folder,
}

/// One file of the export: a zip member or a file in an extracted folder.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Index in [`Inventory::containers`].
    pub container: usize,
    /// The member's name (a folder's: its path below the folder, with `/`).
    pub name: String,
    /// Declared (uncompressed) size.
    pub size: u64,
    /// Where to read it: the member's index in a whole zip, its local
    /// header's offset in a salvaged one; unused for folders.
    pub at: u64,
}

/// Something wrong with the export's files, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportProblem {
    /// The zip (or folder) it is in.
    pub file: String,
    /// The member, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// What is wrong, and what was done.
    pub problem: String,
}

/// A zip (or folder) read, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContainerRead {
    /// Its name.
    pub file: String,
    /// `zip`, `salvaged zip` (cut short: whole members only) or `folder`.
    pub kind: &'static str,
    /// Files read in it.
    pub files: u64,
}

/// Every file of the export, and what was wrong on the way.
#[derive(Debug, Default)]
pub(crate) struct Inventory {
    pub containers: Vec<Container>,
    pub entries: Vec<Entry>,
    pub problems: Vec<ExportProblem>,
}

impl Inventory {
    /// Finds and lists every zip and extracted file under `paths`.
    pub fn scan(paths: &[PathBuf]) -> io::Result<Inventory> {
        let mut inv = Inventory::default();
        let mut zips = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for p in paths {
            let meta = std::fs::metadata(p).map_err(|e| {
                io::Error::new(e.kind(), format!("--from-export {}: {e}", p.display()))
            })?;
            if meta.is_dir() {
                inv.walk(p, p, &mut zips, 0)?;
            } else {
                zips.push(p.clone());
            }
        }
        zips.sort_by_key(|p| name_key(p));
        for z in zips {
            let canonical = std::fs::canonicalize(&z).unwrap_or_else(|_| z.clone());
            if seen.insert(canonical) {
                inv.open_zip(&z);
            }
        }
        Ok(inv)
    }

    /// Lists an extracted folder's files (as one container) and collects its zips.
    fn walk(
        &mut self,
        root: &Path,
        dir: &Path,
        zips: &mut Vec<PathBuf>,
        depth: u32,
    ) -> io::Result<()> {
        if depth > 8 {
            return Ok(());
        }
        let mut names: Vec<_> = std::fs::read_dir(dir)?.filter_map(|e| e.ok()).collect();
        names.sort_by_key(|e| e.file_name());
        let mut folder: Option<usize> = None;
        for e in names {
            let path = e.path();
            let Ok(ft) = e.file_type() else { continue };
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if ft.is_dir() {
                self.walk(root, &path, zips, depth + 1)?;
            } else if ft.is_file() {
                if name.to_ascii_lowercase().ends_with(".zip") {
                    zips.push(path);
                    continue;
                }
                let c = *folder.get_or_insert_with(|| {
                    self.containers.push(Container {
                        path: dir.to_path_buf(),
                        name: dir.display().to_string(),
                        kind: ContainerKind::Folder,
                    });
                    self.containers.len() - 1
                });
                let size = e.metadata().map(|m| m.len()).unwrap_or(0);
                let _ = root;
                self.entries.push(Entry {
                    container: c,
                    name,
                    size,
                    at: 0,
                });
            }
        }
        Ok(())
    }

    fn problem(&mut self, file: &str, member: Option<&str>, problem: String) {
        self.problems.push(ExportProblem {
            file: file.to_owned(),
            member: member.map(str::to_owned),
            problem,
        });
    }

    /// Lists a zip's members through its central directory, or salvages
    /// the whole members of one cut short; names a file that is no zip.
    fn open_zip(&mut self, path: &Path) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let container = self.containers.len();
        let mut head = [0u8; 4];
        let starts_like_a_zip = File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok()
            && head == *b"PK\x03\x04";
        match File::open(path)
            .map_err(zip::result::ZipError::Io)
            .and_then(zip::ZipArchive::new)
        {
            Ok(mut archive) => {
                self.containers.push(Container {
                    path: path.to_path_buf(),
                    name: name.clone(),
                    kind: ContainerKind::Zip,
                });
                for i in 0..archive.len() {
                    let listed = archive.by_index_raw(i).map(|m| {
                        let n = m.name().map(|n| n.into_owned());
                        (n, m.is_dir(), m.size(), m.compressed_size())
                    });
                    match listed {
                        Ok((Ok(member), false, size, packed)) => {
                            if let Some(why) = refused(size, packed) {
                                self.problem(&name, Some(&member), why);
                                continue;
                            }
                            self.entries.push(Entry {
                                container,
                                name: member,
                                size,
                                at: i as u64,
                            });
                        }
                        Ok((_, true, _, _)) => {}
                        Ok((Err(e), _, _, _)) | Err(e) => self.problem(
                            &name,
                            None,
                            format!("member {i} cannot be read ({e}); skipped"),
                        ),
                    }
                }
            }
            Err(_) if starts_like_a_zip => self.salvage(path, name),
            Err(e) => {
                let what = if head.starts_with(b"<") || head.starts_with(b"\xEF\xBB\xBF<") {
                    "not a zip: it starts like an HTML page (an expired download link saved under the zip's name?)"
                        .to_owned()
                } else {
                    format!("not a zip ({e})")
                };
                self.problem(&name, None, format!("{what}; skipped"));
            }
        }
    }

    /// Reads a zip without its central directory from its start, member by
    /// member, keeping those that are whole.
    fn salvage(&mut self, path: &Path, name: String) {
        let container = self.containers.len();
        self.containers.push(Container {
            path: path.to_path_buf(),
            name: name.clone(),
            kind: ContainerKind::Salvaged,
        });
        let Ok(file) = File::open(path) else {
            self.problem(&name, None, "cannot be opened; skipped".to_owned());
            return;
        };
        let mut reader = Counting::new(BufReader::new(file));
        let mut whole = 0u64;
        loop {
            let at = reader.count;
            let mut broken: Option<(Option<String>, String)> = None;
            match zip::read::read_zipfile_from_stream(&mut reader) {
                Ok(Some(mut member)) => {
                    let member_name = member.name().map(|n| n.into_owned()).unwrap_or_default();
                    let (size, packed, dir) =
                        (member.size(), member.compressed_size(), member.is_dir());
                    if let Some(why) = refused(size, packed) {
                        self.problem(&name, Some(&member_name), why);
                        // Not read: nothing after it can be trusted either.
                        broken = Some((None, "stopped after a refused member".to_owned()));
                    } else {
                        match io::copy(&mut member, &mut io::sink()) {
                            Ok(n) if n == size => {
                                if !dir {
                                    self.entries.push(Entry {
                                        container,
                                        name: member_name,
                                        size,
                                        at,
                                    });
                                    whole += 1;
                                }
                            }
                            Ok(n) => {
                                broken = Some((
                                    Some(member_name),
                                    format!("cut short: {n} of {size} bytes"),
                                ))
                            }
                            Err(e) => {
                                broken =
                                    Some((Some(member_name), format!("cut short or corrupt ({e})")))
                            }
                        }
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    broken = Some((
                        None,
                        format!("unreadable after {whole} whole members ({e})"),
                    ))
                }
            }
            if let Some((member, why)) = broken {
                self.problem(
                    &name,
                    member.as_deref(),
                    format!("the zip is cut short (no central directory); {why}: the {whole} whole members before it are used, the rest is lost"),
                );
                break;
            }
        }
    }

    /// What the report lists of the containers.
    pub fn read(&self) -> Vec<ContainerRead> {
        self.containers
            .iter()
            .enumerate()
            .map(|(i, c)| ContainerRead {
                file: c.name.clone(),
                kind: match c.kind {
                    ContainerKind::Zip => "zip",
                    ContainerKind::Salvaged => "salvaged zip",
                    ContainerKind::Folder => "folder",
                },
                files: self.entries.iter().filter(|e| e.container == i).count() as u64,
            })
            .collect()
    }
}

/// Why a member declaring `size` bytes packed in `packed` is refused.
fn refused(size: u64, packed: u64) -> Option<String> {
    if size > MAX_MEMBER {
        return Some(format!(
            "declares {size} bytes, more than any photo or video; refused"
        ));
    }
    if size > RATIO_FROM && size / packed.max(1) > MAX_RATIO {
        return Some(format!(
            "inflates {packed} bytes to {size} (a zip bomb, not a photo); refused"
        ));
    }
    None
}

/// `data-download-10.zip` after `data-download-9.zip`: numbers by value.
fn name_key(p: &Path) -> (String, u64, String) {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let digits: String = name
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    let prefix: String = name.chars().take_while(|c| !c.is_ascii_digit()).collect();
    (prefix, digits.parse().unwrap_or(0), name)
}

/// A reader that counts what was read from it (a salvaged member's offset).
pub(crate) struct Counting<R> {
    inner: R,
    pub count: u64,
}

impl<R> Counting<R> {
    pub fn new(inner: R) -> Counting<R> {
        Counting { inner, count: 0 }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// An open container, reading its entries one after another.
pub(crate) enum Opened {
    Zip(zip::ZipArchive<File>),
    Salvaged(PathBuf),
    Folder(PathBuf),
}

impl Opened {
    pub fn open(c: &Container) -> io::Result<Opened> {
        Ok(match c.kind {
            ContainerKind::Zip => {
                Opened::Zip(zip::ZipArchive::new(File::open(&c.path)?).map_err(io::Error::other)?)
            }
            ContainerKind::Salvaged => Opened::Salvaged(c.path.clone()),
            ContainerKind::Folder => Opened::Folder(c.path.clone()),
        })
    }

    /// Calls `f` with a reader of entry `e`'s bytes, which fails on a
    /// checksum that does not match and never gives more than the declared size.
    pub fn with<T>(
        &mut self,
        e: &Entry,
        f: impl FnOnce(&mut dyn Read) -> io::Result<T>,
    ) -> io::Result<T> {
        let limit = e.size + 1;
        match self {
            Opened::Zip(archive) => {
                let member = archive.by_index(e.at as usize).map_err(io::Error::other)?;
                f(&mut member.take(limit))
            }
            Opened::Salvaged(path) => {
                let mut file = BufReader::new(File::open(&*path)?);
                file.seek(SeekFrom::Start(e.at))?;
                let out = match zip::read::read_zipfile_from_stream(&mut file) {
                    Ok(Some(member)) => f(&mut member.take(limit)),
                    Ok(None) => Err(io::Error::other("no member where it was found")),
                    Err(e) => Err(io::Error::other(e)),
                };
                out
            }
            Opened::Folder(dir) => {
                let file = File::open(dir.join(&e.name))?;
                f(&mut file.take(limit))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zips_sort_by_number_not_by_text() {
        let mut v: Vec<PathBuf> = [
            "data-download-10.zip",
            "data-download-9.zip",
            "data-download-1.zip",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        v.sort_by_key(|p| name_key(p));
        assert_eq!(v[0], PathBuf::from("data-download-1.zip"));
        assert_eq!(v[2], PathBuf::from("data-download-10.zip"));
    }

    #[test]
    fn absurd_sizes_and_bombs_are_refused() {
        assert!(refused(12_000_000, 11_900_000).is_none());
        assert!(refused(1 << 30, 1 << 20).unwrap().contains("zip bomb"));
        assert!(refused(MAX_MEMBER + 1, MAX_MEMBER)
            .unwrap()
            .contains("declares"));
        // Small JSON files compress well: not a bomb.
        assert!(refused(1 << 20, 1 << 10).is_none());
    }
}
