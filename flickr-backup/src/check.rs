//! Does a downloaded file look like what it claims to be? Its first and
//! last bytes against its format's signature (a truncated JPEG has no end
//! marker; an HTML error page is no PNG).

/// Bytes kept from each end of a download for the check.
pub const EDGE: usize = 32;

/// `Ok` when `head` (the first bytes) and `tail` (the last bytes) fit a
/// file of extension `ext`; formats it does not know pass.
pub fn signature(ext: &str, head: &[u8], tail: &[u8]) -> Result<(), String> {
    let ok = match ext.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" => head.starts_with(&[0xFF, 0xD8, 0xFF]) && tail.ends_with(&[0xFF, 0xD9]),
        "png" => {
            head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A])
                && tail.ends_with(&[b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82])
        }
        "gif" => {
            (head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a")) && tail.ends_with(&[0x3B])
        }
        "mp4" | "m4v" | "mov" | "3gp" => head.len() >= 8 && &head[4..8] == b"ftyp",
        _ => return Ok(()),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "content is not a .{ext} file (starts {:02x?})",
            &head[..head.len().min(8)]
        ))
    }
}

/// Collects the first and last [`EDGE`] bytes of a stream of chunks.
#[derive(Debug, Default)]
pub struct Edges {
    /// First bytes.
    pub head: Vec<u8>,
    /// Last bytes.
    pub tail: Vec<u8>,
}

impl Edges {
    /// Takes in the next chunk.
    pub fn push(&mut self, chunk: &[u8]) {
        if self.head.len() < EDGE {
            let n = (EDGE - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..n]);
        }
        self.tail.extend_from_slice(chunk);
        if self.tail.len() > EDGE {
            let cut = self.tail.len() - EDGE;
            self.tail.drain(..cut);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        let jpg = [&[0xFF, 0xD8, 0xFF, 0xE0][..], &[1; 100], &[0xFF, 0xD9]].concat();
        let mut e = Edges::default();
        for c in jpg.chunks(7) {
            e.push(c);
        }
        assert_eq!(e.head, &jpg[..EDGE]);
        assert_eq!(e.tail, &jpg[jpg.len() - EDGE..]);
        assert!(signature("jpg", &e.head, &e.tail).is_ok());
        assert!(
            signature("jpg", &e.head, &jpg[..50]).is_err(),
            "no end marker"
        );
        assert!(signature("png", b"<html>", b"</html>").is_err());
        assert!(signature("mp4", b"\0\0\0\x18ftypisom", b"").is_ok());
        assert!(signature("xyz", b"", b"").is_ok());
    }
}
