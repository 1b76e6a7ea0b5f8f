//! `bag-info.txt` (RFC 8493 §2.2.2): `Label: value` lines, the bag's
//! description ([`BagInfo`]) and what the bag itself says (`Bagging-Date`,
//! `Payload-Oxum`, `Bag-Software-Agent`); a long value is folded onto
//! lines starting with white space, broken before a space so that
//! unfolding (removing the line breaks) gives it back.

use crate::error::{Error, Result};

/// Lines are folded past this many characters where the value has a space.
const WIDTH: usize = 79;

/// What `bag-info.txt` says of the bag beyond what [`crate::bag()`] writes
/// itself (`Bagging-Date`, `Payload-Oxum`, `Bag-Software-Agent`).
///
/// ```
/// let info = flickr_backup::BagInfo::default()
///     .source_organization("Example Archive")
///     .external_identifier("flickr:user:12345678@N00")
///     .field("Contact-Email", "archive@example.org");
/// # let _ = info;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BagInfo {
    /// `Source-Organization`: who made the bag.
    pub source_organization: Option<String>,
    /// `External-Identifier`: what the bag holds, for the archive's catalog
    /// (for example `flickr:user:12345678@N00`).
    pub external_identifier: Option<String>,
    /// `External-Description`: a sentence about the bag.
    pub external_description: Option<String>,
    /// `Bag-Group-Identifier`: the group of bags it belongs to.
    pub bag_group_identifier: Option<String>,
    /// Any other labels, in order (RFC 8493 §2.2.2 lists the reserved ones).
    pub other: Vec<(String, String)>,
}

impl BagInfo {
    /// Sets `Source-Organization`.
    pub fn source_organization(mut self, value: impl Into<String>) -> BagInfo {
        self.source_organization = Some(value.into());
        self
    }

    /// Sets `External-Identifier`.
    pub fn external_identifier(mut self, value: impl Into<String>) -> BagInfo {
        self.external_identifier = Some(value.into());
        self
    }

    /// Sets `External-Description`.
    pub fn external_description(mut self, value: impl Into<String>) -> BagInfo {
        self.external_description = Some(value.into());
        self
    }

    /// Sets `Bag-Group-Identifier`.
    pub fn bag_group_identifier(mut self, value: impl Into<String>) -> BagInfo {
        self.bag_group_identifier = Some(value.into());
        self
    }

    /// Adds a `label: value` line (a label may repeat).
    pub fn field(mut self, label: impl Into<String>, value: impl Into<String>) -> BagInfo {
        self.other.push((label.into(), value.into()));
        self
    }
}

/// The labels the bag writes itself.
const OWN: [&str; 3] = ["Bagging-Date", "Payload-Oxum", "Bag-Software-Agent"];

/// `Payload-Oxum`: the payload's bytes and file count.
pub(super) fn oxum(bytes: u64, files: u64) -> String {
    format!("{bytes}.{files}")
}

/// `bag-info.txt` for `info`, made on `date` (`YYYY-MM-DD`) of a payload of
/// `bytes` in `files`.
pub(super) fn render(info: &BagInfo, date: &str, bytes: u64, files: u64) -> Result<String> {
    let given = [
        ("Source-Organization", &info.source_organization),
        ("External-Identifier", &info.external_identifier),
        ("External-Description", &info.external_description),
        ("Bag-Group-Identifier", &info.bag_group_identifier),
    ];
    let mut lines: Vec<(&str, String)> = given
        .iter()
        .filter_map(|(label, v)| Some((*label, (*v).clone()?)))
        .collect();
    for (label, value) in &info.other {
        check_label(label)?;
        lines.push((label, value.clone()));
    }
    lines.push(("Bagging-Date", date.to_owned()));
    lines.push(("Payload-Oxum", oxum(bytes, files)));
    lines.push((
        "Bag-Software-Agent",
        format!(
            "flickr-backup {} <{}>",
            env!("CARGO_PKG_VERSION"),
            env!("CARGO_PKG_REPOSITORY")
        ),
    ));
    Ok(lines
        .into_iter()
        .map(|(label, value)| fold(label, &value))
        .collect())
}

fn check_label(label: &str) -> Result<()> {
    let bad = label.is_empty()
        || label.trim() != label
        || label.contains(':')
        || label.chars().any(char::is_control);
    if bad {
        return Err(Error::Usage(format!(
            "bag-info.txt: {label:?} cannot be a label (it must be non-empty, with no colon, \
             control character or white space at its ends)"
        )));
    }
    if OWN.iter().any(|own| own.eq_ignore_ascii_case(label)) {
        return Err(Error::Usage(format!(
            "bag-info.txt: {label} is written by the bag itself"
        )));
    }
    Ok(())
}

/// `label: value` as lines of at most [`WIDTH`] characters where the value
/// has spaces to break before; line breaks in the value become spaces.
pub(super) fn fold(label: &str, value: &str) -> String {
    let value: String = value
        .split(['\r', '\n'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let text: Vec<char> = format!("{label}: {value}").chars().collect();
    let first_break = label.chars().count() + 2;
    let mut out = String::new();
    let mut start = 0;
    while text.len() - start > WIDTH {
        let earliest = (start + 1).max(first_break);
        let limit = start + WIDTH;
        let at = (earliest..=limit)
            .rev()
            .find(|&i| text[i] == ' ')
            .or_else(|| (limit + 1..text.len()).find(|&i| text[i] == ' '));
        let Some(at) = at else { break };
        out.extend(&text[start..at]);
        out.push('\n');
        start = at;
    }
    out.extend(&text[start..]);
    out.push('\n');
    out
}

/// The `label: value` pairs of a tag file, folded lines joined back.
pub(super) fn parse(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = out.last_mut() {
                value.push_str(line);
            }
            continue;
        }
        if let Some((label, value)) = line.split_once(':') {
            out.push((label.trim().to_owned(), value.trim_start().to_owned()));
        }
    }
    for (_, value) in &mut out {
        *value = value.trim().to_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_oxum_is_bytes_dot_files() {
        assert_eq!(oxum(279_164_409_832, 1_198), "279164409832.1198");
        assert_eq!(oxum(0, 0), "0.0");
    }

    #[test]
    fn bag_info_has_the_given_fields_then_its_own() {
        let info = BagInfo::default()
            .source_organization("Example Archive")
            .external_identifier("flickr:user:12345678@N00")
            .field("Contact-Email", "a@example.org");
        let text = render(&info, "2026-05-01", 1234, 5).unwrap();
        let version = env!("CARGO_PKG_VERSION");
        assert!(
            text.starts_with(
                "Source-Organization: Example Archive\n\
             External-Identifier: flickr:user:12345678@N00\n\
             Contact-Email: a@example.org\n\
             Bagging-Date: 2026-05-01\n\
             Payload-Oxum: 1234.5\n"
            ),
            "{text}"
        );
        let parsed = parse(&text);
        assert!(
            parsed[5]
                .1
                .starts_with(&format!("flickr-backup {version} <")),
            "{parsed:?}"
        );
        assert_eq!(parsed[4], ("Payload-Oxum".into(), "1234.5".into()));
        for bad in ["", "A:B", " X", "Payload-Oxum", "bagging-date", "a\nb"] {
            let err = render(&BagInfo::default().field(bad, "v"), "d", 0, 0).unwrap_err();
            assert!(matches!(err, Error::Usage(_)), "{bad:?}: {err}");
        }
    }

    #[test]
    fn long_values_fold_before_a_space_and_unfold_to_themselves() {
        let value = "An archive of the public photos, albums and galleries of one Flickr \
                     member, made from its API backup on a machine of the fleet; Été à Kyōto.";
        let folded = fold("External-Description", value);
        let lines: Vec<&str> = folded.lines().collect();
        assert!(lines.len() > 1, "{folded}");
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH), "{folded}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')), "{folded}");
        // RFC 5322 unfolding: remove the line breaks.
        assert_eq!(
            folded.trim_end().replace('\n', ""),
            format!("External-Description: {value}")
        );
        assert_eq!(parse(&folded)[0].1.replace('\n', ""), value);
        // A word longer than a line is not cut; short values stay on one line.
        let long = "x".repeat(120);
        assert_eq!(fold("A", &long), format!("A: {long}\n"));
        assert_eq!(fold("A", "one\r\ntwo"), "A: one two\n");
    }
}
