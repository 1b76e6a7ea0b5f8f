//! Sending an upload or a replacement: the file streamed as the multipart
//! `photo` part (never signed), the other fields signed, through the
//! client's one request path; a file that cannot be read is an error that
//! names it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::time::Duration;

use futures::stream::StreamExt;
use tokio::io::AsyncRead;
use tokio_util::io::ReaderStream;

use super::stream::ExactLen;
use super::{Common, Source, UploadReply, CHUNK_SIZE};
use crate::client::Client;
use crate::error::Error;
use crate::params::Params;
use crate::registry::Perms;
use crate::transport::FilePart;

pub(super) async fn send_multipart(
    client: &Client,
    what: &'static str,
    endpoint: url::Url,
    mut fields: Params,
    common: Common,
) -> Result<UploadReply, Error> {
    let creds = client.credentials();
    if !creds.can_sign() || !creds.has_token() {
        return Err(Error::MissingCredentials {
            method: what.to_owned(),
            perms: Perms::Write,
            missing: "uploads are signed with an access token: build the client with \
                      Credentials::oauth(key, secret, token, token_secret)"
                .to_owned(),
        });
    }
    if common.is_async {
        fields.set("async", 1u8);
    }
    let (filename, reader, len): (String, Pin<Box<dyn AsyncRead + Send>>, u64) = match common.source
    {
        Source::Path(path) => {
            let file = tokio::fs::File::open(&path)
                .await
                .map_err(|e| io_context(e, &path))?;
            let len = file
                .metadata()
                .await
                .map_err(|e| io_context(e, &path))?
                .len();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, Box::pin(file), len)
        }
        Source::Reader { reader, len } => (String::new(), reader, len),
    };
    let filename = common.filename.unwrap_or(filename);
    let filename = if filename.is_empty() {
        "upload".to_owned()
    } else {
        filename
    };
    let mime = common
        .mime_type
        .unwrap_or_else(|| guess_mime(&filename).to_owned());

    let stream = ExactLen::new(
        ReaderStream::with_capacity(reader, CHUNK_SIZE),
        len,
        common.progress,
    );
    let file = FilePart {
        field: "photo".to_owned(),
        filename,
        content_type: mime,
        len,
        stream: stream.boxed(),
    };
    // Only the text fields are signed (the client's request path signs
    // everything but the file part); sent once, under the upload's own limit.
    let timeout = common.timeout.unwrap_or_else(|| default_timeout(len));
    client.upload(what, &endpoint, fields, file, timeout).await
}

/// An [`Error::Io`] naming the file, with the OS error as its source.
fn io_context(e: std::io::Error, path: &Path) -> Error {
    Error::Io(std::io::Error::new(
        e.kind(),
        UnreadableFile {
            path: path.to_owned(),
            source: e,
        },
    ))
}

/// A file to upload that cannot be read: says which; the OS error is the source.
#[derive(Debug)]
struct UnreadableFile {
    path: PathBuf,
    source: std::io::Error,
}

impl fmt::Display for UnreadableFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read {} for upload", self.path.display())
    }
}

impl std::error::Error for UnreadableFile {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Five minutes, plus a second per 256 KiB (a 2 GB video gets about 2.3 hours,
/// enough at 256 KiB/s).
fn default_timeout(len: u64) -> Duration {
    Duration::from_secs(300 + len / (256 * 1024))
}

pub(super) fn guess_mime(filename: &str) -> &'static str {
    let ext = filename
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "tif" | "tiff" => "image/tiff",
        "heic" => "image/heic",
        "webp" => "image/webp",
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "avi" => "video/x-msvideo",
        "mpg" | "mpeg" => "video/mpeg",
        "wmv" => "video/x-ms-wmv",
        "3gp" => "video/3gpp",
        _ => "application/octet-stream",
    }
}
