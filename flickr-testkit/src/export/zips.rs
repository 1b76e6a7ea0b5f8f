//! Writing one flat zip: JSON deflated, media stored (they are compressed
//! already), with the zip format's default time stamp so the same content
//! gives the same bytes.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// What a zip holds, which decides how its members are compressed.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// JSON files: deflated.
    Metadata,
    /// Photos and videos: stored.
    Media,
}

/// A zip being written.
pub struct Zip {
    writer: ZipWriter<BufWriter<File>>,
    options: SimpleFileOptions,
}

impl Zip {
    /// Creates (or truncates) the zip at `path`.
    pub fn create(path: &Path, kind: Kind) -> std::io::Result<Zip> {
        let method = match kind {
            Kind::Metadata => CompressionMethod::Deflated,
            Kind::Media => CompressionMethod::Stored,
        };
        Ok(Zip {
            writer: ZipWriter::new(BufWriter::new(File::create(path)?)),
            options: SimpleFileOptions::default().compression_method(method),
        })
    }

    /// Adds member `name` with `bytes`.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.writer
            .start_file(name, self.options)
            .map_err(std::io::Error::other)?;
        self.writer.write_all(bytes)
    }

    /// Adds member `name` holding `value` as JSON.
    pub fn add_json(&mut self, name: &str, value: &serde_json::Value) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
        self.add(name, &bytes)
    }

    /// Writes the central directory and closes the file.
    pub fn finish(self) -> std::io::Result<()> {
        self.writer.finish().map_err(std::io::Error::other)?.flush()
    }
}
