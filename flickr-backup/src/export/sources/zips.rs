//! Reading a zip's member list: through its central directory, or, for a
//! zip cut short, from its local headers, keeping the whole members; and
//! refusing members no photo could be (absurd sizes, bombs).

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use super::{Container, ContainerKind, Entry, Inventory};

/// The most a member may declare (a 4K video of a few hours is far less).
pub(super) const MAX_MEMBER: u64 = 256 << 30;
/// Above this size, a member may not inflate more than [`MAX_RATIO`] times:
/// photos and videos hardly compress, a zip bomb inflates thousands of times.
const RATIO_FROM: u64 = 64 << 20;
const MAX_RATIO: u64 = 200;

impl Inventory {
    /// Lists a zip's members through its central directory, or salvages
    /// the whole members of one cut short; names a file that is no zip.
    pub(super) fn open_zip(&mut self, path: &Path) {
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
}

/// Why a member declaring `size` bytes packed in `packed` is refused.
pub(super) fn refused(size: u64, packed: u64) -> Option<String> {
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
