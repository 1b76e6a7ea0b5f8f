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

mod opened;
mod zips;

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub(crate) use opened::Opened;
#[cfg(test)]
use zips::{refused, MAX_MEMBER};

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
#[non_exhaustive]
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
#[non_exhaustive]
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
        // Deep enough for any extracted export; and a mirror (a folder with
        // the backup's state) is never read as part of one.
        if depth > 8 || dir.join(crate::layout::STATE_DIR).is_dir() {
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
    fn an_extracted_folder_is_read_but_a_mirror_inside_it_is_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("photo_1.json"), b"{}").unwrap();
        std::fs::write(dir.path().join("a_1_o.jpg"), b"x").unwrap();
        let mirror = dir.path().join("mirror");
        std::fs::create_dir_all(mirror.join(".flickr-backup")).unwrap();
        std::fs::create_dir_all(mirror.join("photos")).unwrap();
        std::fs::write(mirror.join("photos/1.jpg"), b"x").unwrap();
        std::fs::write(dir.path().join(".hidden.jpg"), b"x").unwrap();
        let inv = Inventory::scan(&[dir.path().to_path_buf()]).unwrap();
        let mut names: Vec<&str> = inv.entries.iter().map(|e| e.name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["a_1_o.jpg", "photo_1.json"]);
        assert_eq!(inv.read()[0].kind, "folder");
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
