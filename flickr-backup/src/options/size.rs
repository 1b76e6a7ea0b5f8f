//! Which image size to keep of each photo: `--size`.

use std::fmt;

use crate::error::{Error, Result};

/// Which image size to keep of each photo.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SizeChoice {
    /// The original; when Flickr does not list it (free accounts since
    /// 2025, some privacy settings) the largest size it lists.
    #[default]
    Original,
    /// The largest size listed (usually the original).
    Largest,
    /// One size by its `url_*` extra's key (`sq q t s n w m z c l h k 3k 4k
    /// f 5k 6k o`); when not listed, the largest listed size below it, else
    /// the smallest listed above it.
    Suffix(String),
}

impl SizeChoice {
    /// `original`, `largest`, a suffix (`l`, `3k`, …) or Flickr's label (`Large`, `Medium 640`, …).
    pub fn parse(s: &str) -> Result<SizeChoice> {
        let t = s.trim().to_ascii_lowercase();
        let labels = [
            ("square", "sq"),
            ("large square", "q"),
            ("thumbnail", "t"),
            ("small", "s"),
            ("small 320", "n"),
            ("small 400", "w"),
            ("medium", "m"),
            ("medium 640", "z"),
            ("medium 800", "c"),
            ("large", "l"),
            ("large 1600", "h"),
            ("large 2048", "k"),
            ("x-large 3k", "3k"),
            ("x-large 4k", "4k"),
            ("x-large 5k", "5k"),
            ("x-large 6k", "6k"),
        ];
        match t.as_str() {
            "original" | "o" => Ok(SizeChoice::Original),
            "largest" => Ok(SizeChoice::Largest),
            _ => {
                if let Some((_, suffix)) = labels.iter().find(|(l, _)| *l == t) {
                    return Ok(SizeChoice::Suffix((*suffix).to_owned()));
                }
                let t = t.strip_prefix("url_").unwrap_or(&t);
                if flickr_sdk::sizes::Size::from_extra(t).is_some() {
                    return Ok(SizeChoice::Suffix(t.to_owned()));
                }
                Err(Error::Usage(format!(
                    "--size `{s}`: expected original, largest, or a size such as l, c, z, m, 3k or `Large`"
                )))
            }
        }
    }
}

impl fmt::Display for SizeChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SizeChoice::Original => f.write_str("original"),
            SizeChoice::Largest => f.write_str("largest"),
            SizeChoice::Suffix(s) => f.write_str(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(SizeChoice::parse("original").unwrap(), SizeChoice::Original);
        assert_eq!(
            SizeChoice::parse("Large").unwrap(),
            SizeChoice::Suffix("l".into())
        );
        assert_eq!(
            SizeChoice::parse("3k").unwrap(),
            SizeChoice::Suffix("3k".into())
        );
        assert!(SizeChoice::parse("huge").is_err());
    }
}
