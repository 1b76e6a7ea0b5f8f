//! Photo sizes ([`Size`]: Flickr's size suffixes, `url_*` extras and
//! `getSizes` labels), the sizes Flickr lists for a photo
//! ([`AvailableSizes`]), and choosing one of them: the largest, or a
//! requested size with a fallback rule.
//!
//! Since 2025-05-15 Flickr no longer serves the original, nor any size above
//! 1024 px, of photos owned by free accounts: URLs built by hand from
//! `originalsecret` (or from a large size's secret learned elsewhere) answer
//! 404 for them. Which sizes exist for a photo is known only from Flickr:
//! `flickr.photos.getSizes`, or the `url_*` extras of any photo list. This
//! module works only from those listings and never builds a URL.
//!
//! ```
//! use flickr_sdk::sizes::{AvailableSizes, Size, Want};
//!
//! // What a free account's photo lists: nothing above 1024 px, no original.
//! let sizes = AvailableSizes::from_listed([
//!     (Size::Medium640, "https://live.staticflickr.com/1/2_abc_z.jpg", Some((640, 480))),
//!     (Size::Large1024, "https://live.staticflickr.com/1/2_abc_b.jpg", Some((1024, 768))),
//! ]);
//! assert_eq!(sizes.largest().unwrap().size, Size::Large1024);
//! // The original was asked for; the fallback is the largest listed size.
//! assert_eq!(sizes.pick(Want::Prefer(Size::Original)).unwrap().size, Size::Large1024);
//! // Exactly the original: an error that says what was listed instead.
//! assert!(sizes.pick(Want::Exactly(Size::Original)).is_err());
//! ```
//!
//! Video files are not image sizes: a video's streams come from
//! `flickr.video.getStreamInfo`. The still frames Flickr lists for a video
//! are image sizes like any other.

use std::fmt;

pub use crate::links::size::{SecretKind, Size};

/// One size Flickr listed for a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AvailableSize {
    /// The size.
    pub size: Size,
    /// The image URL Flickr gave for it.
    pub url: String,
    /// Width and height in pixels, when Flickr gave them.
    pub dimensions: Option<(u32, u32)>,
}

/// The image sizes Flickr listed for one photo, smallest first, one entry per
/// size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AvailableSizes {
    listed: Vec<AvailableSize>,
}

/// Which size to choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// The largest size listed (the original when Flickr lists it).
    Largest,
    /// Exactly this size, or an error.
    Exactly(Size),
    /// This size, or else the largest listed size below it; never a larger one.
    AtMost(Size),
    /// This size, or else the largest listed size below it, or else the
    /// smallest listed size above it. `Prefer(Size::Original)` is "the
    /// original, or the largest size Flickr offers instead".
    Prefer(Size),
}

/// Why no size could be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoSize {
    /// Flickr listed no image size at all (a photo still processing, or a
    /// listing without `url_*` extras).
    NothingListed,
    /// Flickr did not list the size asked for, nor one the rule allows.
    NotListed {
        /// What was asked for.
        want: Want,
        /// The sizes Flickr did list, smallest first.
        listed: Vec<Size>,
    },
}

impl fmt::Display for NoSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoSize::NothingListed => f.write_str(
                "Flickr listed no image size for this photo (ask for the url_* extras, or call flickr.photos.getSizes)",
            ),
            NoSize::NotListed { want, listed } => {
                let listed: Vec<String> = listed.iter().map(|s| s.to_string()).collect();
                let rule = match want {
                    Want::Largest => "the largest size".to_owned(),
                    Want::Exactly(s) => format!("size {s}"),
                    Want::AtMost(s) => format!("size {s} or a smaller one"),
                    Want::Prefer(s) => format!("size {s} or another"),
                };
                write!(f, "Flickr does not list {rule} for this photo; it lists: {}", listed.join(", "))?;
                if matches!(want, Want::Exactly(s) | Want::AtMost(s) if s.secret_kind() != SecretKind::Photo)
                {
                    f.write_str(
                        " (since 2025-05-15 Flickr serves neither originals nor sizes above 1024 px of free accounts' photos)",
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for NoSize {}

impl AvailableSizes {
    /// The sizes from `(size, url, (width, height))` triples, in any order. Empty
    /// URLs are skipped; when a size appears twice the first one is kept.
    pub fn from_listed<U: Into<String>>(
        listed: impl IntoIterator<Item = (Size, U, Option<(u32, u32)>)>,
    ) -> AvailableSizes {
        let mut sizes = AvailableSizes::default();
        for (size, url, dimensions) in listed {
            sizes.insert(AvailableSize {
                size,
                url: url.into(),
                dimensions,
            });
        }
        sizes
    }

    fn insert(&mut self, entry: AvailableSize) {
        if entry.url.trim().is_empty() {
            return;
        }
        if let Err(at) = self.listed.binary_search_by(|l| l.size.cmp(&entry.size)) {
            self.listed.insert(at, entry);
        }
    }

    /// The image sizes of a `flickr.photos.getSizes` answer. Entries whose
    /// label names no image size (`Video Player`, `Site MP4`, …) or that have
    /// no `source` are left out.
    #[cfg(feature = "photos")]
    #[cfg_attr(docsrs, doc(cfg(feature = "photos")))]
    pub fn from_size_list(list: &crate::types::SizeList) -> AvailableSizes {
        AvailableSizes::from_listed(list.sizes.iter().filter_map(|s| {
            let size = Size::from_label(s.label.as_deref()?)?;
            Some((size, s.source.clone()?, dimensions(s.width, s.height)))
        }))
    }

    /// The sizes a listed photo carries in its `url_*`, `width_*` and
    /// `height_*` extras (ask for them with `extras=url_sq,url_q,…,url_o`;
    /// [`url_extras`] gives them all).
    #[cfg(generated_type = "Photo")]
    pub fn from_photo(p: &crate::types::Photo) -> AvailableSizes {
        macro_rules! extras {
            ($($size:ident: $url:ident, $w:ident, $h:ident;)*) => {
                AvailableSizes::from_listed([
                    $((Size::$size, p.$url.clone(), dimensions(p.$w, p.$h)),)*
                ]
                .into_iter()
                .filter_map(|(size, url, dims)| Some((size, url?, dims))))
            };
        }
        extras! {
            Square75: url_sq, width_sq, height_sq;
            Square150: url_q, width_q, height_q;
            Thumbnail100: url_t, width_t, height_t;
            Small240: url_s, width_s, height_s;
            Small320: url_n, width_n, height_n;
            Small400: url_w, width_w, height_w;
            Medium500: url_m, width_m, height_m;
            Medium640: url_z, width_z, height_z;
            Medium800: url_c, width_c, height_c;
            Large1024: url_l, width_l, height_l;
            Large1600: url_h, width_h, height_h;
            Large2048: url_k, width_k, height_k;
            XLarge3K: url_3k, width_3k, height_3k;
            XLarge4K: url_4k, width_4k, height_4k;
            XLarge4K2To1: url_f, width_f, height_f;
            XLarge5K: url_5k, width_5k, height_5k;
            XLarge6K: url_6k, width_6k, height_6k;
            Original: url_o, width_o, height_o;
        }
    }

    /// Asks Flickr which sizes `photo_id` has (`flickr.photos.getSizes`, one call).
    #[cfg(feature = "photos")]
    #[cfg_attr(docsrs, doc(cfg(feature = "photos")))]
    pub async fn fetch(
        client: &crate::Client,
        photo_id: impl Into<crate::PhotoId>,
    ) -> Result<AvailableSizes, crate::Error<crate::photos::GetSizesError>> {
        let list = client.photos().get_sizes(photo_id).send().await?;
        Ok(AvailableSizes::from_size_list(&list))
    }

    /// Every listed size, smallest first.
    pub fn listed(&self) -> &[AvailableSize] {
        &self.listed
    }

    /// Whether Flickr listed no image size.
    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }

    /// The entry for `size`, if Flickr listed it.
    pub fn get(&self, size: Size) -> Option<&AvailableSize> {
        self.listed.iter().find(|l| l.size == size)
    }

    /// The largest listed size: the original when Flickr lists it.
    pub fn largest(&self) -> Option<&AvailableSize> {
        self.listed.last()
    }

    /// The size `want` names, following its fallback rule, from what Flickr listed.
    pub fn pick(&self, want: Want) -> Result<&AvailableSize, NoSize> {
        if self.listed.is_empty() {
            return Err(NoSize::NothingListed);
        }
        let below = |s: Size| self.listed.iter().rev().find(|l| l.size < s);
        let found = match want {
            Want::Largest => self.largest(),
            Want::Exactly(s) => self.get(s),
            Want::AtMost(s) => self.get(s).or_else(|| below(s)),
            Want::Prefer(s) => self
                .get(s)
                .or_else(|| below(s))
                .or_else(|| self.listed.iter().find(|l| l.size > s)),
        };
        found.ok_or_else(|| NoSize::NotListed {
            want,
            listed: self.listed.iter().map(|l| l.size).collect(),
        })
    }
}

/// The `extras` asking for every size's URL (and with it its width and
/// height): `url_sq`, `url_q`, `url_t`, …, `url_6k`, `url_o`, smallest first.
#[cfg(generated_type = "Extra")]
pub fn url_extras() -> Vec<crate::types::Extra> {
    Size::ALL
        .iter()
        .filter_map(|s| s.extra().parse().ok())
        .collect()
}

/// Width and height from Flickr's optional integers.
#[cfg(any(generated_type = "Photo", generated_type = "SizeList"))]
fn dimensions(width: Option<i64>, height: Option<i64>) -> Option<(u32, u32)> {
    Some((u32::try_from(width?).ok()?, u32::try_from(height?).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn free_account() -> AvailableSizes {
        AvailableSizes::from_listed([
            (Size::Large1024, "b", Some((1024, 768))),
            (Size::Square75, "sq", Some((75, 75))),
            (Size::Medium640, "z", Some((640, 480))),
        ])
    }

    #[test]
    fn listed_in_size_order_once_each_and_empty_urls_dropped() {
        let sizes = AvailableSizes::from_listed([
            (Size::Medium640, "z", None),
            (Size::Square75, "sq", None),
            (Size::Medium640, "second", None),
            (Size::Original, " ", None),
        ]);
        let order: Vec<_> = sizes
            .listed()
            .iter()
            .map(|l| (l.size, l.url.as_str()))
            .collect();
        assert_eq!(order, [(Size::Square75, "sq"), (Size::Medium640, "z")]);
    }

    #[test]
    fn largest_is_the_original_only_when_listed() {
        assert_eq!(free_account().largest().unwrap().size, Size::Large1024);
        let pro = AvailableSizes::from_listed([
            (Size::Large1024, "b", None),
            (Size::Original, "o", Some((4000, 3000))),
            (Size::Large2048, "k", None),
        ]);
        assert_eq!(pro.largest().unwrap().url, "o");
        assert_eq!(pro.pick(Want::Largest).unwrap().size, Size::Original);
    }

    #[test]
    fn fallback_rules() {
        let s = free_account();
        let pick = |w| s.pick(w).map(|l| l.size);
        assert_eq!(pick(Want::Exactly(Size::Medium640)), Ok(Size::Medium640));
        assert_eq!(pick(Want::AtMost(Size::Medium800)), Ok(Size::Medium640));
        assert_eq!(pick(Want::AtMost(Size::Original)), Ok(Size::Large1024));
        assert_eq!(pick(Want::Prefer(Size::Original)), Ok(Size::Large1024));
        assert_eq!(pick(Want::Prefer(Size::Square150)), Ok(Size::Square75));
        // Nothing below a thumbnail but the square; nothing below the square at all.
        let big = AvailableSizes::from_listed([(Size::Large1024, "b", None)]);
        assert_eq!(
            big.pick(Want::Prefer(Size::Medium500)).map(|l| l.size),
            Ok(Size::Large1024)
        );
        assert!(big.pick(Want::AtMost(Size::Medium500)).is_err());
    }

    #[test]
    fn errors_say_what_was_listed() {
        let err = free_account()
            .pick(Want::Exactly(Size::Original))
            .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("does not list size o"), "{text}");
        assert!(text.contains("s, z, b"), "{text}");
        assert!(text.contains("free accounts"), "{text}");
        let err = AvailableSizes::default().pick(Want::Largest).unwrap_err();
        assert_eq!(err, NoSize::NothingListed);
        assert!(err.to_string().contains("url_* extras"));
    }

    #[cfg(generated_type = "Extra")]
    #[test]
    fn url_extras_names_every_size() {
        let extras: Vec<String> = url_extras().iter().map(|e| e.to_string()).collect();
        let expected: Vec<&str> = Size::ALL.iter().map(|s| s.extra()).collect();
        assert_eq!(extras, expected);
    }
}
