//! Reading the export's files: an open zip (or folder) gives each entry's
//! bytes, bounded by the size it declares and checked against the zip's
//! checksum as it is read.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::PathBuf;

use super::{Container, ContainerKind, Entry};

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
