//! Photo sizes: Flickr's size suffixes, `url_*` extras and `getSizes` labels,
//! and which secret each size's URL needs.

use std::fmt;

/// A photo size, named after its longest edge (Flickr's size suffixes in brackets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Size {
    /// 75 × 75 square (`s`).
    Square75,
    /// 150 × 150 square (`q`).
    Square150,
    /// 100 px thumbnail (`t`).
    Thumbnail100,
    /// 240 px (`m`).
    Small240,
    /// 320 px (`n`).
    Small320,
    /// 400 px (`w`).
    Small400,
    /// 500 px, the default size (no suffix).
    Medium500,
    /// 640 px (`z`).
    Medium640,
    /// 800 px (`c`).
    Medium800,
    /// 1024 px (`b`).
    Large1024,
    /// 1600 px (`h`), own secret.
    Large1600,
    /// 2048 px (`k`), own secret.
    Large2048,
    /// 3072 px (`3k`), own secret.
    XLarge3K,
    /// 4096 px (`4k`), own secret.
    XLarge4K,
    /// 4096 px for 2:1 panoramas (`f`), own secret.
    XLarge4K2To1,
    /// 5120 px (`5k`), own secret.
    XLarge5K,
    /// 6144 px (`6k`), own secret.
    XLarge6K,
    /// The original file (`o`): `originalsecret` and `originalformat`.
    Original,
}

/// Which secret a size's URL needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// The photo's `secret`.
    Photo,
    /// A secret of the size's own (from `getSizes` or the `url_*` extra).
    Own,
    /// `originalsecret` (and `originalformat`).
    Original,
}

impl Size {
    /// Every size, smallest first.
    pub const ALL: [Size; 18] = [
        Size::Square75,
        Size::Square150,
        Size::Thumbnail100,
        Size::Small240,
        Size::Small320,
        Size::Small400,
        Size::Medium500,
        Size::Medium640,
        Size::Medium800,
        Size::Large1024,
        Size::Large1600,
        Size::Large2048,
        Size::XLarge3K,
        Size::XLarge4K,
        Size::XLarge4K2To1,
        Size::XLarge5K,
        Size::XLarge6K,
        Size::Original,
    ];

    /// The URL suffix letter(s) (`""` for the default 500 px size).
    pub fn suffix(self) -> &'static str {
        match self {
            Size::Square75 => "s",
            Size::Square150 => "q",
            Size::Thumbnail100 => "t",
            Size::Small240 => "m",
            Size::Small320 => "n",
            Size::Small400 => "w",
            Size::Medium500 => "",
            Size::Medium640 => "z",
            Size::Medium800 => "c",
            Size::Large1024 => "b",
            Size::Large1600 => "h",
            Size::Large2048 => "k",
            Size::XLarge3K => "3k",
            Size::XLarge4K => "4k",
            Size::XLarge4K2To1 => "f",
            Size::XLarge5K => "5k",
            Size::XLarge6K => "6k",
            Size::Original => "o",
        }
    }

    /// The size with this URL suffix (`""` is the default size).
    pub fn from_suffix(suffix: &str) -> Option<Size> {
        Size::ALL.into_iter().find(|s| s.suffix() == suffix)
    }

    /// The size an `extras` URL field describes: `url_sq` → `s`, `url_s` →
    /// `m`, `url_m` → default, `url_l` → `b`, others by their letter
    /// (`url_q`, `url_t`, `url_n`, `url_w`, `url_z`, `url_c`, `url_h`,
    /// `url_k`, `url_3k`, `url_4k`, `url_f`, `url_5k`, `url_6k`, `url_o`).
    pub fn from_extra(field: &str) -> Option<Size> {
        let key = field.strip_prefix("url_").unwrap_or(field);
        Some(match key {
            "sq" => Size::Square75,
            "s" => Size::Small240,
            "m" => Size::Medium500,
            "l" => Size::Large1024,
            "" => return None,
            other => return Size::from_suffix(other).filter(|s| *s != Size::Medium500),
        })
    }

    /// The `extras` value that asks for this size's URL (`url_sq`, `url_s`, `url_m`, `url_l`, `url_z`, …).
    pub fn extra(self) -> &'static str {
        match self {
            Size::Square75 => "url_sq",
            Size::Square150 => "url_q",
            Size::Thumbnail100 => "url_t",
            Size::Small240 => "url_s",
            Size::Small320 => "url_n",
            Size::Small400 => "url_w",
            Size::Medium500 => "url_m",
            Size::Medium640 => "url_z",
            Size::Medium800 => "url_c",
            Size::Large1024 => "url_l",
            Size::Large1600 => "url_h",
            Size::Large2048 => "url_k",
            Size::XLarge3K => "url_3k",
            Size::XLarge4K => "url_4k",
            Size::XLarge4K2To1 => "url_f",
            Size::XLarge5K => "url_5k",
            Size::XLarge6K => "url_6k",
            Size::Original => "url_o",
        }
    }

    /// The size a `getSizes` label names (`Square`, `Large 1600`, `X-Large 3K`, `Original`, …).
    pub fn from_label(label: &str) -> Option<Size> {
        Some(match label.trim() {
            "Square" => Size::Square75,
            "Large Square" => Size::Square150,
            "Thumbnail" => Size::Thumbnail100,
            "Small" => Size::Small240,
            "Small 320" => Size::Small320,
            "Small 400" => Size::Small400,
            "Medium" => Size::Medium500,
            "Medium 640" => Size::Medium640,
            "Medium 800" => Size::Medium800,
            "Large" => Size::Large1024,
            "Large 1600" => Size::Large1600,
            "Large 2048" => Size::Large2048,
            "X-Large 3K" => Size::XLarge3K,
            "X-Large 4K" => Size::XLarge4K,
            "X-Large 4K 2:1" => Size::XLarge4K2To1,
            "X-Large 5K" => Size::XLarge5K,
            "X-Large 6K" => Size::XLarge6K,
            "Original" => Size::Original,
            _ => return None,
        })
    }

    /// Which secret the URL of this size needs.
    pub fn secret_kind(self) -> SecretKind {
        match self {
            Size::Original => SecretKind::Original,
            Size::Large1600
            | Size::Large2048
            | Size::XLarge3K
            | Size::XLarge4K
            | Size::XLarge4K2To1
            | Size::XLarge5K
            | Size::XLarge6K => SecretKind::Own,
            _ => SecretKind::Photo,
        }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.suffix() {
            "" => f.write_str("default (500 px)"),
            s => f.write_str(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_map_between_suffixes_extras_and_labels() {
        for size in Size::ALL {
            assert_eq!(Size::from_suffix(size.suffix()), Some(size));
            assert_eq!(Size::from_extra(size.extra()), Some(size));
        }
        assert_eq!(Size::from_extra("url_l"), Some(Size::Large1024));
        assert_eq!(Size::from_extra("url_s"), Some(Size::Small240));
        assert_eq!(Size::from_extra("url_"), None);
        assert_eq!(Size::from_label("X-Large 3K"), Some(Size::XLarge3K));
    }
}
