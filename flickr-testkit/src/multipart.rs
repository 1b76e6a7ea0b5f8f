//! Reading an upload form: the multipart body of `upload` and `replace`.
//!
//! The text fields are collected (each at most [`MAX_FIELD`] bytes of UTF-8)
//! and the `photo` part is hashed with SHA-256 as it arrives, never held in
//! memory. The parser is multer's; this module decides what a field may be.
//! [`read_form`] takes the request body as a stream of chunks, as the server
//! receives it; [`parse_form`] takes a whole body in memory (for tests and
//! the fuzz target in `fuzz/`).

use bytes::Bytes;
use futures::Stream;
use sha2::{Digest, Sha256};

/// Largest text field accepted in an upload form.
pub const MAX_FIELD: usize = 1024 * 1024;

/// The name of the file part.
const PHOTO: &str = "photo";

/// A parsed upload form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadForm {
    /// The text fields in the order received (these are signed).
    pub fields: Vec<(String, String)>,
    /// The `photo` part, if there was one (the last one wins).
    pub photo: Option<ReceivedPhoto>,
}

/// The `photo` part as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedPhoto {
    /// The part's `filename`, or empty.
    pub filename: String,
    /// The part's `Content-Type`, or `application/octet-stream`.
    pub content_type: String,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// Number of bytes.
    pub size: u64,
}

/// Why a form could not be read. Flickr answers these with code 3, "General
/// upload failure".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FormError(String);

/// The boundary named by a `Content-Type` header, if it is
/// `multipart/form-data` with one.
pub fn boundary(content_type: &str) -> Option<String> {
    multer::parse_boundary(content_type).ok()
}

/// Reads a whole form from `body`, a stream of chunks, split at `boundary`.
pub async fn read_form<S, E>(body: S, boundary: String) -> Result<UploadForm, FormError>
where
    S: Stream<Item = Result<Bytes, E>> + Send + 'static,
    E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
{
    let mut multipart = multer::Multipart::new(body, boundary);
    let mut form = UploadForm::default();
    while let Some(field) = multipart.next_field().await.map_err(malformed)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == PHOTO {
            form.photo = Some(receive_photo(field).await?);
        } else {
            let text = read_text(field).await?;
            form.fields.push((name, text));
        }
    }
    Ok(form)
}

/// Reads a whole form held in memory, given the request's `Content-Type`.
#[cfg(any(test, feature = "fuzzing"))]
pub fn parse_form(content_type: &str, body: &[u8]) -> Result<UploadForm, FormError> {
    let boundary = boundary(content_type)
        .ok_or_else(|| FormError("the Content-Type is not multipart/form-data".to_owned()))?;
    let chunk = Bytes::copy_from_slice(body);
    let stream = futures::stream::iter([Ok::<_, std::convert::Infallible>(chunk)]);
    futures::executor::block_on(read_form(stream, boundary))
}

fn malformed(e: multer::Error) -> FormError {
    FormError(e.to_string())
}

async fn receive_photo(mut field: multer::Field<'_>) -> Result<ReceivedPhoto, FormError> {
    let filename = field.file_name().unwrap_or_default().to_owned();
    let content_type = field
        .content_type()
        .map(|m| m.to_string())
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    while let Some(chunk) = field.chunk().await.map_err(malformed)? {
        size += chunk.len() as u64;
        hasher.update(&chunk);
    }
    let sha256 = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(ReceivedPhoto {
        filename,
        content_type,
        sha256,
        size,
    })
}

async fn read_text(mut field: multer::Field<'_>) -> Result<String, FormError> {
    let mut buf = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(malformed)? {
        if buf.len() + chunk.len() > MAX_FIELD {
            return Err(FormError("a text field is larger than 1 MiB".to_owned()));
        }
        buf.extend_from_slice(&chunk);
    }
    String::from_utf8(buf).map_err(|_| FormError("a text field is not UTF-8".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CT: &str = "multipart/form-data; boundary=XyZ";

    fn body(parts: &[&str]) -> Vec<u8> {
        let mut out = String::new();
        for p in parts {
            out.push_str("--XyZ\r\n");
            out.push_str(p);
            out.push_str("\r\n");
        }
        out.push_str("--XyZ--\r\n");
        out.into_bytes()
    }

    #[test]
    fn reads_text_fields_in_order_and_hashes_the_photo() {
        let form = parse_form(
            CT,
            &body(&[
                "Content-Disposition: form-data; name=\"title\"\r\n\r\nSunset",
                "Content-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\n\
                 Content-Type: image/jpeg\r\n\r\nabc",
                "Content-Disposition: form-data; name=\"tags\"\r\n\r\nsea sky",
            ]),
        )
        .unwrap();
        assert_eq!(
            form.fields,
            [
                ("title".to_owned(), "Sunset".to_owned()),
                ("tags".to_owned(), "sea sky".to_owned())
            ]
        );
        let photo = form.photo.unwrap();
        assert_eq!(photo.filename, "a.jpg");
        assert_eq!(photo.content_type, "image/jpeg");
        assert_eq!(photo.size, 3);
        assert_eq!(
            photo.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_chunked_body_reads_like_a_whole_one() {
        let whole = body(&[
            "Content-Disposition: form-data; name=\"title\"\r\n\r\nSunset",
            "Content-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\n\r\nabcdefgh",
        ]);
        let chunks: Vec<Result<Bytes, std::convert::Infallible>> = whole
            .chunks(3)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        let chunked =
            futures::executor::block_on(read_form(futures::stream::iter(chunks), "XyZ".into()))
                .unwrap();
        assert_eq!(chunked, parse_form(CT, &whole).unwrap());
    }

    #[test]
    fn a_text_field_over_the_limit_is_refused() {
        let big = "x".repeat(MAX_FIELD + 1);
        let err = parse_form(
            CT,
            &body(&[&format!(
                "Content-Disposition: form-data; name=\"description\"\r\n\r\n{big}"
            )]),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "a text field is larger than 1 MiB");
    }

    #[test]
    fn a_text_field_that_is_not_utf8_is_refused() {
        let mut raw = b"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n".to_vec();
        raw.extend_from_slice(&[0xff, 0xfe]);
        raw.extend_from_slice(b"\r\n--XyZ--\r\n");
        let err = parse_form(CT, &raw).unwrap_err();
        assert_eq!(err.to_string(), "a text field is not UTF-8");
    }

    #[test]
    fn a_truncated_body_and_a_wrong_content_type_are_errors() {
        let whole = body(&["Content-Disposition: form-data; name=\"title\"\r\n\r\nSunset"]);
        let err = parse_form(CT, &whole[..whole.len() - 12]).unwrap_err();
        assert!(err.to_string().contains("incomplete"), "{err}");
        let err = parse_form("application/json", &whole).unwrap_err();
        assert!(err.to_string().contains("not multipart"), "{err}");
    }
}
