//! Flickr's license table: the name and link of each license id, for
//! [`License`] (a photo's `license`, extra `license`, and the ids of
//! `flickr.photos.licenses.getInfo`).
//!
//! The table is Flickr's current list, with the Creative Commons 4.0
//! licenses (ids 11–16) added on 2025-06-18. A license id Flickr adds later
//! still decodes, as `Open::Unknown` with its id, and serializes back as the
//! same number; `flickr.photos.licenses.getInfo` gives its name and URL.
//!
//! ```
//! use flickr_sdk::types::License;
//! use flickr_sdk::Open;
//!
//! let license: Open<License> = serde_json::from_str("11").unwrap();
//! assert_eq!(license, License::CcBy4);
//! let known = license.known().unwrap();
//! assert_eq!(known.name(), "CC BY 4.0");
//! assert_eq!(known.url(), "https://creativecommons.org/licenses/by/4.0/");
//! assert_eq!(serde_json::to_string(&license).unwrap(), "11");
//! ```

use crate::types::License;

impl License {
    /// The license's name, as Flickr's `flickr.photos.licenses.getInfo`
    /// gives it today (`"All Rights Reserved"`, `"CC BY-SA 4.0"`, …).
    pub fn name(self) -> &'static str {
        self.entry().0
    }

    /// The page describing the license: the Creative Commons deed, Flickr's
    /// help or usage page, or the US government's copyright page.
    pub fn url(self) -> &'static str {
        self.entry().1
    }

    /// Whether the license is one of Creative Commons' (ids 1–6, 9 and 11–16).
    pub fn is_creative_commons(self) -> bool {
        self.url().starts_with("https://creativecommons.org/")
    }

    fn entry(self) -> (&'static str, &'static str) {
        match self {
            License::AllRightsReserved => (
                "All Rights Reserved",
                "https://www.flickrhelp.com/hc/en-us/articles/10710266545556-Using-Flickr-images-shared-by-other-members",
            ),
            License::CcByNcSa2 => (
                "CC BY-NC-SA 2.0",
                "https://creativecommons.org/licenses/by-nc-sa/2.0/",
            ),
            License::CcByNc2 => (
                "CC BY-NC 2.0",
                "https://creativecommons.org/licenses/by-nc/2.0/",
            ),
            License::CcByNcNd2 => (
                "CC BY-NC-ND 2.0",
                "https://creativecommons.org/licenses/by-nc-nd/2.0/",
            ),
            License::CcBy2 => ("CC BY 2.0", "https://creativecommons.org/licenses/by/2.0/"),
            License::CcBySa2 => (
                "CC BY-SA 2.0",
                "https://creativecommons.org/licenses/by-sa/2.0/",
            ),
            License::CcByNd2 => (
                "CC BY-ND 2.0",
                "https://creativecommons.org/licenses/by-nd/2.0/",
            ),
            License::NoKnownCopyrightRestrictions => (
                "No known copyright restrictions",
                "https://www.flickr.com/commons/usage/",
            ),
            License::UsGovernmentWork => (
                "United States Government Work",
                "https://www.usa.gov/government-copyright",
            ),
            License::Cc0 => (
                "Public Domain Dedication (CC0)",
                "https://creativecommons.org/publicdomain/zero/1.0/",
            ),
            License::PublicDomainMark => (
                "Public Domain Mark",
                "https://creativecommons.org/publicdomain/mark/1.0/",
            ),
            License::CcBy4 => ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
            License::CcBySa4 => (
                "CC BY-SA 4.0",
                "https://creativecommons.org/licenses/by-sa/4.0/",
            ),
            License::CcByNd4 => (
                "CC BY-ND 4.0",
                "https://creativecommons.org/licenses/by-nd/4.0/",
            ),
            License::CcByNc4 => (
                "CC BY-NC 4.0",
                "https://creativecommons.org/licenses/by-nc/4.0/",
            ),
            License::CcByNcSa4 => (
                "CC BY-NC-SA 4.0",
                "https://creativecommons.org/licenses/by-nc-sa/4.0/",
            ),
            License::CcByNcNd4 => (
                "CC BY-NC-ND 4.0",
                "https://creativecommons.org/licenses/by-nc-nd/4.0/",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Open;

    /// Flickr's `flickr.photos.licenses.getInfo` answer, 2026: id, name, url.
    const FLICKR: [(u32, &str, &str); 17] = [
        (0, "All Rights Reserved", "https://www.flickrhelp.com/hc/en-us/articles/10710266545556-Using-Flickr-images-shared-by-other-members"),
        (1, "CC BY-NC-SA 2.0", "https://creativecommons.org/licenses/by-nc-sa/2.0/"),
        (2, "CC BY-NC 2.0", "https://creativecommons.org/licenses/by-nc/2.0/"),
        (3, "CC BY-NC-ND 2.0", "https://creativecommons.org/licenses/by-nc-nd/2.0/"),
        (4, "CC BY 2.0", "https://creativecommons.org/licenses/by/2.0/"),
        (5, "CC BY-SA 2.0", "https://creativecommons.org/licenses/by-sa/2.0/"),
        (6, "CC BY-ND 2.0", "https://creativecommons.org/licenses/by-nd/2.0/"),
        (7, "No known copyright restrictions", "https://www.flickr.com/commons/usage/"),
        (8, "United States Government Work", "https://www.usa.gov/government-copyright"),
        (9, "Public Domain Dedication (CC0)", "https://creativecommons.org/publicdomain/zero/1.0/"),
        (10, "Public Domain Mark", "https://creativecommons.org/publicdomain/mark/1.0/"),
        (11, "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        (12, "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
        (13, "CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/"),
        (14, "CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/"),
        (15, "CC BY-NC-SA 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
        (16, "CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/"),
    ];

    #[test]
    fn every_license_id_has_flickrs_name_and_url() {
        assert_eq!(License::ALL.len(), FLICKR.len());
        for (id, name, url) in FLICKR {
            let text = id.to_string();
            let license = License::from_wire(&text).unwrap_or_else(|| panic!("id {id}"));
            assert_eq!(license.as_str(), text);
            assert_eq!((license.name(), license.url()), (name, url), "id {id}");
            // Flickr writes the id as a number or as a string; both decode,
            // and it serializes back as the number.
            let from_number: Open<License> = serde_json::from_str(&text).unwrap();
            let from_string: Open<License> = serde_json::from_str(&format!("\"{id}\"")).unwrap();
            assert_eq!(from_number.known(), Some(license));
            assert_eq!(from_string.known(), Some(license));
            assert_eq!(serde_json::to_string(&from_string).unwrap(), text);
            assert_eq!(serde_json::to_string(&license).unwrap(), text);
        }
        assert!(License::CcBy4.is_creative_commons());
        assert!(License::Cc0.is_creative_commons());
        assert!(!License::AllRightsReserved.is_creative_commons());
        assert!(!License::NoKnownCopyrightRestrictions.is_creative_commons());
    }

    #[test]
    fn an_unknown_license_id_decodes_and_serializes_back_as_its_number() {
        for json in ["17", "\"17\""] {
            let license: Open<License> = serde_json::from_str(json).unwrap();
            assert!(license.is_unknown());
            assert_eq!(license.as_str(), "17");
            assert_eq!(serde_json::to_string(&license).unwrap(), "17");
        }
    }

    #[test]
    fn a_photos_license_round_trips_as_a_number() {
        let json = r#"{"id":"1","license":"16"}"#;
        let photo: crate::types::Photo = serde_json::from_str(json).unwrap();
        assert_eq!(photo.license, Some(Open::Known(License::CcByNcNd4)));
        let out = serde_json::to_value(&photo).unwrap();
        assert_eq!(out["license"], serde_json::json!(16));
        let new: crate::types::Photo = serde_json::from_str(r#"{"id":"1","license":99}"#).unwrap();
        assert_eq!(
            serde_json::to_value(&new).unwrap()["license"],
            serde_json::json!(99)
        );
    }
}
