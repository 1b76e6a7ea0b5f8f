//! Manifest lines (RFC 8493 §2.1.3, §2.2.1): `<hex>  <path>`, one per
//! file, the path relative to the bag with `/`, and in it only `%`, CR and
//! LF percent-encoded (`%25`, `%0D`, `%0A`) so that a line is one file.
//!
//! The encoding is written here rather than taken from a percent-encoding
//! crate because those encode every byte outside ASCII, which would turn
//! `albums/Été à Kyōto (7)/` into something no other BagIt tool decodes;
//! decoding, likewise, undoes exactly these three.

use super::digests::{Algorithm, Digests};

/// A file name of the bag as a manifest writes it.
pub(super) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A manifest's path as a file name of the bag (`%25`, `%0D` and `%0A`,
/// in either case; any other `%` is kept as it is).
pub(super) fn decode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let code = rest.get(at + 1..at + 3).map(str::to_ascii_uppercase);
        let decoded = match code.as_deref() {
            Some("25") => Some('%'),
            Some("0D") => Some('\r'),
            Some("0A") => Some('\n'),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[at + 3..];
            }
            None => {
                out.push('%');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A manifest of `alg` over `files` (path in the bag, digests), in the
/// order given.
pub(super) fn render<'a>(
    alg: Algorithm,
    files: impl IntoIterator<Item = (&'a str, &'a Digests)>,
) -> String {
    let mut out = String::new();
    for (path, d) in files {
        out.push_str(d.get(alg));
        out.push_str("  ");
        out.push_str(&encode_path(path));
        out.push('\n');
    }
    out
}

/// One line of a manifest as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// The checksum, lowercased.
    pub hex: String,
    /// The path in the bag, decoded.
    pub path: String,
}

/// The lines of a manifest of `alg`: each an entry, or why it is not one
/// (with its line number from 1). Blank lines are skipped.
pub(super) fn parse(alg: Algorithm, text: &str) -> Vec<Result<Entry, String>> {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix('\r').unwrap_or(line)))
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            let (hex, path) = line
                .split_once([' ', '\t'])
                .ok_or_else(|| format!("line {n}: no path after the checksum"))?;
            let path = path.trim_start_matches([' ', '\t']);
            let ok_hex = hex.len() == alg.hex_len() && hex.chars().all(|c| c.is_ascii_hexdigit());
            if !ok_hex {
                return Err(format!(
                    "line {n}: {hex:?} is not a {} checksum",
                    alg.name()
                ));
            }
            if path.is_empty() {
                return Err(format!("line {n}: no path after the checksum"));
            }
            Ok(Entry {
                hex: hex.to_ascii_lowercase(),
                path: decode_path(path),
            })
        })
        .collect()
}

/// Whether `path` (decoded) stays inside the bag: relative, with no `.`,
/// `..` or empty part, and no `\`.
pub(super) fn stays_inside(path: &str) -> bool {
    !path.contains('\\')
        && path
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != "..")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bag::digests::of_bytes;

    #[test]
    fn only_percent_cr_and_lf_are_encoded_and_non_ascii_stays() {
        let name = "data/albums/Été à Kyōto (721)/0001-1.jpg";
        assert_eq!(encode_path(name), name);
        assert_eq!(encode_path("data/a%b\r\nc.jpg"), "data/a%25b%0D%0Ac.jpg");
        assert_eq!(decode_path("data/a%25b%0d%0Ac.jpg"), "data/a%b\r\nc.jpg");
        assert_eq!(decode_path("data/100%/x%2"), "data/100%/x%2");
        for s in ["data/%25.jpg", "a%\n%0A", "東京 %", "%"] {
            assert_eq!(decode_path(&encode_path(s)), s);
        }
    }

    #[test]
    fn a_manifest_line_is_hex_two_spaces_path_and_reads_back() {
        let d = of_bytes(b"abc");
        let text = render(Algorithm::Sha256, [("data/x y/1%.jpg", &d)]);
        assert_eq!(
            text,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  data/x y/1%25.jpg\n"
        );
        let parsed = parse(Algorithm::Sha256, &text);
        assert_eq!(
            parsed,
            vec![Ok(Entry {
                hex: d.sha256.clone(),
                path: "data/x y/1%.jpg".into()
            })]
        );
        let sha512 = render(Algorithm::Sha512, [("data/a", &d)]);
        assert!(sha512.starts_with(&format!("{}  data/a", d.sha512)));
        // Upper-case hex, a tab, CRLF and blank lines are read too.
        let loose = format!("{}\tdata/b\r\n\n", d.sha256.to_uppercase());
        assert_eq!(
            parse(Algorithm::Sha256, &loose)[0].as_ref().unwrap().hex,
            d.sha256
        );
        let bad = parse(Algorithm::Sha256, "abc data/c\nnopath\n");
        assert!(bad[0].as_ref().unwrap_err().contains("line 1"), "{bad:?}");
        assert!(bad[1].as_ref().unwrap_err().contains("line 2"), "{bad:?}");
    }

    #[test]
    fn paths_that_leave_the_bag_are_refused() {
        assert!(stays_inside("data/albums/Été (1)/0001-1.jpg"));
        for p in ["/etc/passwd", "data/../x", "data//x", "./data/x", "data\\x"] {
            assert!(!stays_inside(p), "{p}");
        }
    }
}
