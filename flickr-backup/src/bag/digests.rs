//! SHA-256 and SHA-512 of a file in one read: both hashers are fed from the
//! same buffer, and a copy (when the bag cannot hard-link) is written from
//! it too, so each payload file is read once whatever the manifests hold.

use std::io::{Read, Write};
use std::path::Path;

use sha2::{Digest, Sha256, Sha512};

use crate::digest::hex;
use crate::error::{Error, Result};

/// A bag's two checksum algorithms, in the order their manifests are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Algorithm {
    Sha256,
    Sha512,
}

impl Algorithm {
    pub const ALL: [Algorithm; 2] = [Algorithm::Sha256, Algorithm::Sha512];

    /// The name RFC 8493 gives it (`manifest-<name>.txt`).
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha512 => "sha512",
        }
    }

    /// The length of its digest in hex.
    pub fn hex_len(self) -> usize {
        match self {
            Algorithm::Sha256 => 64,
            Algorithm::Sha512 => 128,
        }
    }
}

/// A payload file's length and digests (lowercase hex), as the manifests
/// list it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Digests {
    /// Bytes.
    pub size: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
    /// SHA-512, lowercase hex.
    pub sha512: String,
}

impl Digests {
    /// A file of `size` bytes with these digests (lowercase hex), hashed
    /// elsewhere (as a store hashes what it is sent).
    pub fn new(size: u64, sha256: impl Into<String>, sha512: impl Into<String>) -> Digests {
        Digests {
            size,
            sha256: sha256.into(),
            sha512: sha512.into(),
        }
    }

    /// The digest of `alg`.
    pub(super) fn get(&self, alg: Algorithm) -> &str {
        match alg {
            Algorithm::Sha256 => &self.sha256,
            Algorithm::Sha512 => &self.sha512,
        }
    }
}

/// Both digests of what `bytes` holds (tag files, tests).
pub(super) fn of_bytes(bytes: &[u8]) -> Digests {
    Digests {
        size: bytes.len() as u64,
        sha256: hex(&Sha256::digest(bytes)),
        sha512: hex(&Sha512::digest(bytes)),
    }
}

/// Reads the file at `path` once, hashing it.
pub(super) fn of_file(path: &Path) -> Result<Digests> {
    one_pass(path, None)
}

/// Copies the file at `from` to `to` (created) in one read, hashing it,
/// and fsyncs the copy.
pub(super) fn copy_file(from: &Path, to: &Path) -> Result<Digests> {
    let mut out = std::fs::File::create(to).map_err(|e| Error::io("cannot create", to, e))?;
    let digests = one_pass(from, Some((to, &mut out)))?;
    out.sync_all()
        .map_err(|e| Error::io("cannot fsync", to, e))?;
    Ok(digests)
}

fn one_pass(path: &Path, mut copy: Option<(&Path, &mut std::fs::File)>) -> Result<Digests> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io("cannot open", path, e))?;
    let (mut sha256, mut sha512) = (Sha256::new(), Sha512::new());
    let mut size = 0u64;
    let mut buf = vec![0u8; 256 << 10];
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io("cannot read", path, e)),
        };
        let chunk = &buf[..n];
        sha256.update(chunk);
        sha512.update(chunk);
        if let Some((to, out)) = copy.as_mut() {
            out.write_all(chunk)
                .map_err(|e| Error::io("cannot write", *to, e))?;
        }
        size += n as u64;
    }
    Ok(Digests {
        size,
        sha256: hex(&sha256.finalize()),
        sha512: hex(&sha512.finalize()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ABC_256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    const ABC_512: &str = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
                           2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

    #[test]
    fn one_read_gives_both_digests_of_abc_and_a_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc");
        std::fs::write(&path, b"abc").unwrap();
        let d = of_file(&path).unwrap();
        assert_eq!(
            (d.size, d.sha256.as_str(), d.sha512.as_str()),
            (3, ABC_256, ABC_512)
        );
        assert_eq!(of_bytes(b"abc"), d);
        assert_eq!(d.get(Algorithm::Sha512).len(), Algorithm::Sha512.hex_len());
        let copy = dir.path().join("copy");
        assert_eq!(copy_file(&path, &copy).unwrap(), d);
        assert_eq!(std::fs::read(&copy).unwrap(), b"abc");
    }

    #[test]
    fn a_file_that_cannot_be_read_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = of_file(&dir.path().join("gone.jpg")).unwrap_err();
        assert!(err.to_string().contains("gone.jpg"), "{err}");
        // A directory opens but cannot be read: named too, no panic.
        let err = of_file(dir.path()).unwrap_err();
        assert!(err.to_string().starts_with("cannot"), "{err}");
    }
}
