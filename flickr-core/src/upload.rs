//! Upload and replace: streamed multipart POSTs.
//!
//! ```no_run
//! # async fn run(client: flickr_core::client::Client) -> Result<(), flickr_core::error::Error> {
//! use flickr_core::upload::Upload;
//! let reply = Upload::from_path("holiday.mp4")
//!     .title("Beach, día 1")
//!     .tags(["beach", "new york"])
//!     .is_public(false)
//!     .on_progress(|sent, total| eprintln!("{sent}/{total}"))
//!     .send(&client)
//!     .await?;
//! # let _ = reply; Ok(()) }
//! ```
//!
//! Why it looks like this:
//! - the file is streamed in 64 KiB chunks from disk (or any reader) with its
//!   length declared up front, so memory stays flat however large the video;
//! - every text field is signed and travels as a multipart field together with
//!   the `oauth_*` parameters; the `photo` part is not signed (Flickr's rule);
//! - uploads are writes: they are never retried, since a resent upload is a
//!   duplicate photo;
//! - each goes to its own endpoint (`upload` vs `replace`), a mistake other
//!   clients make.
//!
//! The values of `safety_level` and `content_type` are Flickr's enums, and
//! waiting for asynchronous tickets is the API method
//! `flickr.photos.upload.checkTickets`: both belong to the generated
//! bindings (`flickr_sdk::upload::{SafetyLevel, PhotoContentType, wait_for_tickets}`),
//! so the core knows no method and takes those enums through the traits
//! they implement, [`SafetyLevelValue`] and [`ContentTypeValue`]: a number
//! or a string does not compile there.

use std::fmt;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::AsyncRead;

use crate::client::Client;
pub use crate::envelope::UploadReply;
use crate::error::Error;
use crate::ids::PhotoId;
use crate::params::{Params, ToParam};

mod send;
mod stream;

#[cfg(test)]
use send::guess_mime;
use send::send_multipart;

/// Size of the chunks read from the file and handed to the HTTP layer.
pub const CHUNK_SIZE: usize = 64 * 1024;

/// Progress callback: `(bytes sent so far, total bytes)`.
pub type Progress = Arc<dyn Fn(u64, u64) + Send + Sync>;

/// Where the bytes come from.
enum Source {
    Path(PathBuf),
    Reader {
        reader: Pin<Box<dyn AsyncRead + Send>>,
        len: u64,
    },
}

/// What both upload and replace carry besides their own fields.
struct Common {
    source: Source,
    filename: Option<String>,
    mime_type: Option<String>,
    is_async: bool,
    progress: Option<Progress>,
    timeout: Option<Duration>,
}

impl Common {
    fn new(source: Source) -> Common {
        Common {
            source,
            filename: None,
            mime_type: None,
            is_async: false,
            progress: None,
            timeout: None,
        }
    }
}

impl fmt::Debug for Common {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match &self.source {
            Source::Path(p) => format!("{}", p.display()),
            Source::Reader { len, .. } => format!("reader of {len} bytes"),
        };
        f.debug_struct("Upload")
            .field("source", &source)
            .field("filename", &self.filename)
            .field("async", &self.is_async)
            .finish_non_exhaustive()
    }
}

/// A new photo or video for `services/upload/`.
#[derive(Debug)]
pub struct Upload {
    common: Common,
    fields: Params,
}

macro_rules! common_setters {
    () => {
        /// File name sent to Flickr (defaults to the path's file name, or `upload`).
        pub fn filename(mut self, name: impl Into<String>) -> Self {
            self.common.filename = Some(name.into());
            self
        }

        /// MIME type of the file (defaults to one guessed from the file name's extension).
        pub fn mime_type(mut self, mime: impl Into<String>) -> Self {
            self.common.mime_type = Some(mime.into());
            self
        }

        /// Asks Flickr to process the file in the background and answer with a
        /// ticket ([`UploadReply::Ticket`]); `flickr_sdk::upload::wait_for_tickets`
        /// waits for it.
        pub fn asynchronous(mut self, yes: bool) -> Self {
            self.common.is_async = yes;
            self
        }

        /// Called as chunks of the file are handed to the connection, with the
        /// bytes sent so far and the total.
        pub fn on_progress(mut self, f: impl Fn(u64, u64) + Send + Sync + 'static) -> Self {
            self.common.progress = Some(Arc::new(f));
            self
        }

        /// Total time allowed for the request. The default allows 5 minutes plus
        /// one second per 256 KiB of file, since the client's usual timeout is
        /// made for small calls.
        pub fn timeout(mut self, limit: Duration) -> Self {
            self.common.timeout = Some(limit);
            self
        }
    };
}

/// What [`Upload::safety_level`] takes: flickr-sdk's
/// `upload::SafetyLevel`, whose wire values are Flickr's (`1` safe, `2`
/// moderate, `3` restricted). A type of your own may implement it if it
/// sends those values.
pub trait SafetyLevelValue: ToParam {}

/// What [`Upload::content_type`] takes: flickr-sdk's
/// `upload::PhotoContentType` (`1` photo, `2` screenshot, `3` other).
pub trait ContentTypeValue: ToParam {}

impl Upload {
    /// Uploads the file at `path` (opened and measured when sent).
    pub fn from_path(path: impl Into<PathBuf>) -> Upload {
        Upload::new(Source::Path(path.into()))
    }

    /// Uploads `len` bytes read from `reader`. The reader must yield exactly
    /// `len` bytes: fewer or more fails the upload rather than sending a
    /// corrupt file.
    pub fn from_reader(reader: impl AsyncRead + Send + 'static, len: u64) -> Upload {
        Upload::new(Source::Reader {
            reader: Box::pin(reader),
            len,
        })
    }

    fn new(source: Source) -> Upload {
        Upload {
            common: Common::new(source),
            fields: Params::new(),
        }
    }

    common_setters!();

    /// The title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.fields.set("title", title.into());
        self
    }

    /// The description (Flickr allows some HTML).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.fields.set("description", description.into());
        self
    }

    /// Tags. A tag with spaces is sent in double quotes, so it stays one tag.
    pub fn tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.fields.set("tags", join_tags(tags));
        self
    }

    /// Whether everyone can see it.
    pub fn is_public(mut self, yes: bool) -> Self {
        self.fields.set("is_public", yes);
        self
    }

    /// Whether the uploader's friends can see it.
    pub fn is_friend(mut self, yes: bool) -> Self {
        self.fields.set("is_friend", yes);
        self
    }

    /// Whether the uploader's family can see it.
    pub fn is_family(mut self, yes: bool) -> Self {
        self.fields.set("is_family", yes);
        self
    }

    /// Safety level, sent as `safety_level`: `flickr_sdk::upload::SafetyLevel`
    /// (wire values `1` safe, `2` moderate, `3` restricted).
    pub fn safety_level(mut self, level: impl SafetyLevelValue) -> Self {
        self.fields.set("safety_level", level);
        self
    }

    /// Content type, sent as `content_type`: `flickr_sdk::upload::PhotoContentType`
    /// (wire values `1` photo, `2` screenshot, `3` other).
    pub fn content_type(mut self, kind: impl ContentTypeValue) -> Self {
        self.fields.set("content_type", kind);
        self
    }

    /// Whether to hide it from public searches (`hidden=2`; `false` sends `hidden=1`).
    pub fn hidden(mut self, yes: bool) -> Self {
        self.fields.set("hidden", if yes { 2u8 } else { 1 });
        self
    }

    /// Sends the upload to the client's upload endpoint.
    pub async fn send(self, client: &Client) -> Result<UploadReply, Error> {
        let endpoint = client.endpoints().upload.clone();
        send_multipart(client, "upload", endpoint, self.fields, self.common).await
    }
}

/// New bytes for an existing photo, for `services/replace/`.
#[derive(Debug)]
pub struct Replace {
    common: Common,
    photo_id: PhotoId,
}

impl Replace {
    /// Replaces photo `photo_id` with the file at `path`.
    pub fn from_path(photo_id: impl Into<PhotoId>, path: impl Into<PathBuf>) -> Replace {
        Replace {
            common: Common::new(Source::Path(path.into())),
            photo_id: photo_id.into(),
        }
    }

    /// Replaces photo `photo_id` with `len` bytes read from `reader`.
    pub fn from_reader(
        photo_id: impl Into<PhotoId>,
        reader: impl AsyncRead + Send + 'static,
        len: u64,
    ) -> Replace {
        Replace {
            common: Common::new(Source::Reader {
                reader: Box::pin(reader),
                len,
            }),
            photo_id: photo_id.into(),
        }
    }

    common_setters!();

    /// Sends the replacement to the client's replace endpoint.
    pub async fn send(self, client: &Client) -> Result<UploadReply, Error> {
        let endpoint = client.endpoints().replace.clone();
        let mut fields = Params::new();
        fields.push("photo_id", self.photo_id.as_str());
        send_multipart(client, "replace", endpoint, fields, self.common).await
    }
}

/// Joins tags with spaces, quoting those that contain whitespace.
fn join_tags<I: IntoIterator<Item = S>, S: AsRef<str>>(tags: I) -> String {
    let mut out = String::new();
    for tag in tags {
        // A double quote would end the quoted tag early; Flickr drops it anyway.
        let tag = tag.as_ref().trim().replace('"', "");
        if tag.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if tag.contains(char::is_whitespace) {
            out.push('"');
            out.push_str(&tag);
            out.push('"');
        } else {
            out.push_str(&tag);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_with_spaces_are_quoted() {
        assert_eq!(
            join_tags(["beach", "new york", " ", "día\u{a0}1", "say \"hi\""]),
            "beach \"new york\" \"día\u{a0}1\" \"say hi\""
        );
    }

    /// Flickr's values as a type of their own (flickr-sdk's enums in use).
    #[derive(Clone, Copy)]
    struct Level(u8);
    impl ToParam for Level {
        fn to_param(&self) -> String {
            self.0.to_string()
        }
    }
    impl SafetyLevelValue for Level {}
    impl ContentTypeValue for Level {}

    #[test]
    fn safety_level_and_content_type_send_the_values_wire_form() {
        let upload = Upload::from_path("a.jpg")
            .safety_level(Level(3))
            .content_type(Level(2))
            .safety_level(Level(1));
        assert_eq!(upload.fields.get("safety_level"), Some("1"));
        assert_eq!(upload.fields.get("content_type"), Some("2"));
    }

    #[test]
    fn mime_types_follow_the_extension() {
        assert_eq!(guess_mime("a.JPG"), "image/jpeg");
        assert_eq!(guess_mime("clip.mov"), "video/quicktime");
        assert_eq!(guess_mime("upload"), "application/octet-stream");
    }
}
