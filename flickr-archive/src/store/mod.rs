//! Where the bytes go: an S3-compatible bucket (`s3://BUCKET/PREFIX`, with
//! the standard `AWS_*` variables: `AWS_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`,
//! `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, `AWS_ALLOW_HTTP`) or a local
//! directory, both through the `object_store` crate.
//!
//! Files are stored by content, `objects/sha256/AB/SHA256`: the digest is
//! computed while the file streams in, so a file uploaded again after a
//! crash lands on the key it already has, and the same photo in two
//! targets is stored once. A file up to [`IN_MEMORY`] is hashed first and
//! put in one request (skipped when the store already has it); a larger one
//! streams in parts to `incoming/` and is copied to its key when its digest
//! is known.

use std::sync::Arc;

use bytes::Bytes;
use futures::{Stream, StreamExt};
use object_store::path::Path;
use object_store::{ObjectStore, PutPayload, WriteMultipart};
use sha2::{Digest, Sha256, Sha512};

use crate::error::{Error, Result};

/// Files up to this size are held in memory and put in one request.
pub const IN_MEMORY: usize = 8 << 20;

/// An object store and the prefix everything goes under.
#[derive(Clone)]
pub struct Store {
    inner: Arc<dyn ObjectStore>,
    prefix: String,
    shown: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("at", &self.shown).finish()
    }
}

/// A file in the store: its digests, size and key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredObject {
    /// SHA-256, lowercase hex.
    pub sha256: String,
    /// SHA-512, lowercase hex.
    pub sha512: String,
    /// Bytes.
    pub size: u64,
    /// The key under the store's prefix.
    pub key: String,
}

impl Store {
    /// `s3://BUCKET[/PREFIX]` or a local directory (created if missing).
    pub fn open(spec: &str) -> Result<Store> {
        if let Some(rest) = spec.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err(Error::Usage(format!("--store {spec}: no bucket named")));
            }
            let s3 = object_store::aws::AmazonS3Builder::from_env()
                .with_bucket_name(bucket)
                .build()
                .map_err(|e| Error::Usage(format!("--store {spec}: {e}")))?;
            return Ok(Store {
                inner: Arc::new(s3),
                prefix: prefix.trim_matches('/').to_owned(),
                shown: spec.to_owned(),
            });
        }
        if spec.contains("://") {
            return Err(Error::Usage(format!(
                "--store {spec}: expected a directory or s3://BUCKET/PREFIX"
            )));
        }
        std::fs::create_dir_all(spec).map_err(|e| {
            Error::Usage(format!("--store {spec}: cannot create the directory: {e}"))
        })?;
        let local = object_store::local::LocalFileSystem::new_with_prefix(spec)
            .map_err(|e| Error::Usage(format!("--store {spec}: {e}")))?
            .with_automatic_cleanup(true);
        Ok(Store {
            inner: Arc::new(local),
            prefix: String::new(),
            shown: spec.to_owned(),
        })
    }

    /// The store as named on the command line.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    fn path(&self, key: &str) -> Path {
        if self.prefix.is_empty() {
            Path::from(key)
        } else {
            Path::from(format!("{}/{key}", self.prefix))
        }
    }

    /// The content key of a SHA-256.
    pub fn object_key(sha256: &str) -> String {
        format!("objects/sha256/{}/{sha256}", &sha256[..2.min(sha256.len())])
    }

    /// Stores a file streamed from `body` by its content; `scratch` names
    /// its upload while its digest is unknown (unique per file and job).
    pub async fn put_stream<E: std::fmt::Display>(
        &self,
        scratch: &str,
        body: impl Stream<Item = std::result::Result<Bytes, E>>,
    ) -> Result<std::result::Result<StoredObject, String>> {
        let mut body = std::pin::pin!(body);
        let mut upload = Upload::new(self, self.path(&format!("incoming/{scratch}")));
        while let Some(chunk) = body.next().await {
            match chunk {
                Ok(chunk) => upload.write(chunk).await?,
                Err(e) => {
                    upload.abort().await;
                    return Ok(Err(e.to_string()));
                }
            }
        }
        let (landed, sha256, sha512, size) = upload.finish().await?;
        let key = Store::object_key(&sha256);
        let dest = self.path(&key);
        match landed {
            Landed::Held(payload) => {
                let present = matches!(self.inner.head(&dest).await, Ok(m) if m.size == size);
                if !present {
                    self.inner
                        .put(&dest, payload)
                        .await
                        .map_err(Error::store(format!("putting {dest}")))?;
                }
            }
            Landed::Spilled(path) => {
                self.inner
                    .copy(&path, &dest)
                    .await
                    .map_err(Error::store(format!("copying {path} to {dest}")))?;
                let _ = self.inner.delete(&path).await;
            }
        }
        Ok(Ok(StoredObject {
            sha256,
            sha512,
            size,
            key,
        }))
    }

    /// Writes the local file at `path` to `key` (in parts when it is large)
    /// and returns its SHA-256, SHA-512 and size, read in the same pass.
    pub async fn put_file(
        &self,
        key: &str,
        path: &std::path::Path,
    ) -> Result<(String, String, u64)> {
        use tokio::io::AsyncReadExt;
        let dest = self.path(key);
        let local = |e: std::io::Error| Error::Other(format!("{}: {e}", path.display()));
        let mut file = tokio::fs::File::open(path).await.map_err(local)?;
        let mut upload = Upload::new(self, dest.clone());
        loop {
            let mut buf = vec![0u8; 1 << 20];
            let n = file.read(&mut buf).await.map_err(local)?;
            if n == 0 {
                break;
            }
            buf.truncate(n);
            upload.write(Bytes::from(buf)).await?;
        }
        let (landed, sha256, sha512, size) = upload.finish().await?;
        if let Landed::Held(payload) = landed {
            self.inner
                .put(&dest, payload)
                .await
                .map_err(Error::store(format!("putting {dest}")))?;
        }
        Ok((sha256, sha512, size))
    }

    /// Copies the object at `key` into the local file `path`.
    pub async fn get_file(&self, key: &str, path: &std::path::Path) -> Result<u64> {
        use tokio::io::AsyncWriteExt;
        let local = |e: std::io::Error| Error::Other(format!("{}: {e}", path.display()));
        let mut stream = std::pin::pin!(self.get_stream(key).await?);
        let mut file = tokio::fs::File::create(path).await.map_err(local)?;
        let mut size = 0u64;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(Error::store(format!("reading {key}")))?;
            size += chunk.len() as u64;
            file.write_all(&chunk).await.map_err(local)?;
        }
        file.flush().await.map_err(local)?;
        Ok(size)
    }

    /// Writes `bytes` at `key`.
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<()> {
        let path = self.path(key);
        self.inner
            .put(&path, PutPayload::from(bytes))
            .await
            .map_err(Error::store(format!("putting {path}")))?;
        Ok(())
    }

    /// Copies `from` to `to` within the store (server-side where it can).
    pub async fn copy(&self, from: &str, to: &str) -> Result<()> {
        let (from, to) = (self.path(from), self.path(to));
        self.inner
            .copy(&from, &to)
            .await
            .map_err(Error::store(format!("copying {from} to {to}")))
    }

    /// Every key under `prefix/` (relative to the store's own prefix).
    pub async fn list(&self, prefix: &str) -> Result<Vec<String>> {
        let under = self.path(prefix);
        let skip = if self.prefix.is_empty() {
            0
        } else {
            self.prefix.len() + 1
        };
        let mut keys = Vec::new();
        let mut listing = self.inner.list(Some(&under));
        while let Some(meta) = listing.next().await {
            let meta = meta.map_err(Error::store(format!("listing {under}")))?;
            keys.push(meta.location.as_ref()[skip..].to_owned());
        }
        keys.sort();
        Ok(keys)
    }

    /// Removes `key` (absent is fine).
    pub async fn delete(&self, key: &str) -> Result<()> {
        let path = self.path(key);
        match self.inner.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(Error::Store {
                what: format!("removing {path}"),
                source: e,
            }),
        }
    }

    /// The bytes at `key`, as a stream.
    pub async fn get_stream(
        &self,
        key: &str,
    ) -> Result<impl Stream<Item = std::result::Result<Bytes, object_store::Error>>> {
        let path = self.path(key);
        let got = self
            .inner
            .get(&path)
            .await
            .map_err(Error::store(format!("reading {path}")))?;
        Ok(got.into_stream())
    }

    /// The size of `key`, or `None` when it is absent.
    pub async fn size(&self, key: &str) -> Result<Option<u64>> {
        let path = self.path(key);
        match self.inner.head(&path).await {
            Ok(m) => Ok(Some(m.size)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(Error::Store {
                what: format!("reading {path}"),
                source: e,
            }),
        }
    }

    /// SHA-256 and SHA-512 of the bytes at `key`, read again.
    pub async fn digests(&self, key: &str) -> Result<(String, String, u64)> {
        let mut stream = std::pin::pin!(self.get_stream(key).await?);
        let mut sha256 = Sha256::new();
        let mut sha512 = Sha512::new();
        let mut size = 0u64;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(Error::store(format!("reading {key}")))?;
            sha256.update(&chunk);
            sha512.update(&chunk);
            size += chunk.len() as u64;
        }
        Ok((
            format!("{:x}", sha256.finalize()),
            format!("{:x}", sha512.finalize()),
            size,
        ))
    }
}

/// Bytes on their way to the store, hashed (SHA-256 and SHA-512) as they
/// come: held in memory up to [`IN_MEMORY`], past it streamed in parts to
/// `spill`. The one path of [`Store::put_stream`] and [`Store::put_file`].
struct Upload<'a> {
    store: &'a Store,
    spill: Path,
    sha256: Sha256,
    sha512: Sha512,
    size: u64,
    held: Vec<Bytes>,
    parts: Option<WriteMultipart>,
}

/// Where an upload's bytes are once it is finished.
enum Landed {
    /// Still in memory: the caller puts them where they belong.
    Held(PutPayload),
    /// Stored at this path, in parts.
    Spilled(Path),
}

impl<'a> Upload<'a> {
    fn new(store: &'a Store, spill: Path) -> Upload<'a> {
        Upload {
            store,
            spill,
            sha256: Sha256::new(),
            sha512: Sha512::new(),
            size: 0,
            held: Vec::new(),
            parts: None,
        }
    }

    async fn write(&mut self, chunk: Bytes) -> Result<()> {
        self.sha256.update(&chunk);
        self.sha512.update(&chunk);
        self.size += chunk.len() as u64;
        match &mut self.parts {
            Some(w) => w.write(&chunk),
            None if self.size as usize <= IN_MEMORY => self.held.push(chunk),
            None => {
                let parts =
                    self.store
                        .inner
                        .put_multipart(&self.spill)
                        .await
                        .map_err(Error::store(format!(
                            "starting the upload of {}",
                            self.spill
                        )))?;
                let mut w = WriteMultipart::new(parts);
                for c in self.held.drain(..) {
                    w.write(&c);
                }
                w.write(&chunk);
                self.parts = Some(w);
            }
        }
        Ok(())
    }

    /// Where the bytes are, and their SHA-256, SHA-512 and size.
    async fn finish(self) -> Result<(Landed, String, String, u64)> {
        let sha256 = format!("{:x}", self.sha256.finalize());
        let sha512 = format!("{:x}", self.sha512.finalize());
        let landed = match self.parts {
            Some(w) => {
                w.finish().await.map_err(Error::store(format!(
                    "finishing the upload of {}",
                    self.spill
                )))?;
                Landed::Spilled(self.spill)
            }
            None => Landed::Held(self.held.into_iter().collect()),
        };
        Ok((landed, sha256, sha512, self.size))
    }

    /// Drops what was sent in parts.
    async fn abort(self) {
        if let Some(w) = self.parts {
            let _ = w.abort().await;
            let _ = self.store.inner.delete(&self.spill).await;
        }
    }
}

#[cfg(test)]
mod tests;
