//! BagIt's text files (RFC 8493) for a bag built from the catalog.

use sha2::{Digest, Sha256, Sha512};

/// `bagit.txt`.
pub(crate) const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

/// A bag's manifest lines, payload or tag.
#[derive(Debug, Default)]
pub(crate) struct Manifests {
    lines: Vec<(String, String, String)>,
    bytes: u64,
}

impl Manifests {
    /// A payload file at `data/NAME`.
    pub(crate) fn add(&mut self, name: &str, sha256: &str, sha512: &str, size: u64) {
        self.lines.push((
            format!("data/{}", encode(name)),
            sha256.to_owned(),
            sha512.to_owned(),
        ));
        self.bytes += size;
    }

    /// A tag file at the bag's top.
    pub(crate) fn add_tag(&mut self, name: &str, body: &[u8]) {
        self.lines.push((
            encode(name),
            format!("{:x}", Sha256::digest(body)),
            format!("{:x}", Sha512::digest(body)),
        ));
    }

    /// `Payload-Oxum`: bytes.files.
    pub(crate) fn oxum(&self) -> String {
        format!("{}.{}", self.bytes, self.lines.len())
    }

    /// `manifest-sha256.txt` and `manifest-sha512.txt`, sorted by path.
    pub(crate) fn render(&self) -> (String, String) {
        let mut lines: Vec<_> = self.lines.iter().collect();
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        let mut a = String::new();
        let mut b = String::new();
        for (path, s256, s512) in lines {
            a.push_str(&format!("{s256}  {path}\n"));
            b.push_str(&format!("{s512}  {path}\n"));
        }
        (a, b)
    }
}

/// Which part of a group of bags a bag is (RFC 8493 §2.2.2's
/// `Bag-Group-Identifier` and `Bag-Count`): `number` of `of`, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Part {
    pub number: usize,
    pub of: usize,
}

/// `bag-info.txt`. A bag that is one part of several is identified as
/// `IDENTIFIER/part-NNNN`, in the group `IDENTIFIER`.
pub(crate) fn bag_info(
    identifier: &str,
    part: Option<Part>,
    organization: Option<&str>,
    date: &str,
    oxum: String,
) -> String {
    let mut s = String::new();
    if let Some(org) = organization.filter(|o| !o.trim().is_empty()) {
        s.push_str(&format!("Source-Organization: {}\n", one_line(org)));
    }
    match part {
        Some(part) => {
            s.push_str(&format!(
                "External-Identifier: {identifier}/{}\n",
                part.dir()
            ));
            s.push_str(&format!("Bag-Group-Identifier: {identifier}\n"));
            s.push_str(&format!("Bag-Count: {} of {}\n", part.number, part.of));
        }
        None => s.push_str(&format!("External-Identifier: {identifier}\n")),
    }
    s.push_str(&format!("Bagging-Date: {date}\n"));
    s.push_str(&format!("Payload-Oxum: {oxum}\n"));
    s.push_str(concat!(
        "Bag-Software-Agent: flickr-archive ",
        env!("CARGO_PKG_VERSION"),
        "\n"
    ));
    s
}

impl Part {
    /// The part's folder within its target's: `part-0001`.
    pub(crate) fn dir(self) -> String {
        format!("part-{:04}", self.number)
    }
}

fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A path as manifests write it: `%`, CR and LF percent-encoded (RFC 8493 §2.1.3).
fn encode(path: &str) -> String {
    path.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_are_sorted_encoded_and_counted() {
        let mut m = Manifests::default();
        m.add("b.jpg", "2", "22", 5);
        m.add("a%\n.json", "1", "11", 7);
        assert_eq!(m.oxum(), "12.2");
        let (a, b) = m.render();
        assert_eq!(a, "1  data/a%25%0A.json\n2  data/b.jpg\n");
        assert_eq!(b, "11  data/a%25%0A.json\n22  data/b.jpg\n");
        let info = bag_info(
            "flickr:user:1@N00",
            None,
            Some("Lib\nrary"),
            "2026-12-07",
            m.oxum(),
        );
        assert!(info.starts_with("Source-Organization: Lib rary\nExternal-Identifier: flickr:user:1@N00\nBagging-Date: 2026-12-07\nPayload-Oxum: 12.2\n"), "{info}");
        let part = Part { number: 2, of: 12 };
        let info = bag_info(
            "flickr:commons",
            Some(part),
            None,
            "2026-12-07",
            "1.1".into(),
        );
        assert!(info.starts_with("External-Identifier: flickr:commons/part-0002\nBag-Group-Identifier: flickr:commons\nBag-Count: 2 of 12\nBagging-Date: 2026-12-07\n"), "{info}");
    }
}
