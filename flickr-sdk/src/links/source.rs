//! Photo source URLs: building them per size from a photo's id, server and
//! secrets ([`PhotoSource`]), and parsing them back ([`SourceUrl`]).

use super::{SecretKind, Size, UrlError, STATIC_HOST};
use std::collections::BTreeMap;
use url::Url;

/// What is needed to build a photo's source URLs: the `id`, `server` and
/// `secret` every photo list carries, plus optional secrets for the large
/// sizes and the original.
///
/// Which sizes can be built, and which need the API:
/// - up to 1024 px (`s`, `q`, `t`, `m`, `n`, `w`, default, `z`, `c`, `b`):
///   from the photo's `secret`, for every photo;
/// - `h`, `k`, `3k`, `4k`, `f`, `5k`, `6k`: each has a secret of its own that
///   only the API reveals (`flickr.photos.getSizes`, or the size's `url_*`
///   extra); [`PhotoSource::url`] errs without it rather than guessing;
/// - the original (`o`): `originalsecret` and `originalformat`. Since
///   2025-05-15 Flickr serves neither the original nor any size above
///   1024 px of photos owned by free accounts, although it still hands out
///   their `originalsecret`: a URL built from it answers 404. Choose sizes
///   from what Flickr listed instead (`flickr_sdk::sizes` does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoSource {
    id: String,
    server: String,
    secret: String,
    original_secret: Option<String>,
    original_format: Option<String>,
    own_secrets: BTreeMap<Size, String>,
}

impl PhotoSource {
    /// A photo from its `id`, `server` and `secret`.
    pub fn new(
        id: impl Into<String>,
        server: impl Into<String>,
        secret: impl Into<String>,
    ) -> PhotoSource {
        PhotoSource {
            id: id.into(),
            server: server.into(),
            secret: secret.into(),
            original_secret: None,
            original_format: None,
            own_secrets: BTreeMap::new(),
        }
    }

    /// Adds `originalsecret` and `originalformat` (`jpg`, `png`, `gif`).
    pub fn original(mut self, secret: impl Into<String>, format: impl Into<String>) -> Self {
        self.original_secret = Some(secret.into());
        self.original_format = Some(format.into());
        self
    }

    /// Adds the secret of one of the large sizes (`h`, `k`, `3k`, `4k`, `f`,
    /// `5k`, `6k`), e.g. from a `getSizes` source or a `url_h` extra; for the
    /// original use [`PhotoSource::original`], for the other sizes it is ignored.
    pub fn size_secret(mut self, size: Size, secret: impl Into<String>) -> Self {
        if size.secret_kind() == SecretKind::Own {
            self.own_secrets.insert(size, secret.into());
        }
        self
    }

    /// Learns every secret a source URL reveals (the photo secret, a large
    /// size's own secret, or the original secret and format). URLs of other
    /// photos are ignored.
    pub fn learn(mut self, source: &SourceUrl) -> Self {
        if source.id != self.id {
            return self;
        }
        match source.size.secret_kind() {
            SecretKind::Photo => self.secret = source.secret.clone(),
            SecretKind::Own => {
                self.own_secrets.insert(source.size, source.secret.clone());
            }
            SecretKind::Original => {
                self.original_secret = Some(source.secret.clone());
                self.original_format = Some(source.format.clone());
            }
        }
        self
    }

    /// The source URL of `size`, or why there is none.
    pub fn url(&self, size: Size) -> Result<String, UrlError> {
        check_part("id", &self.id, |c| c.is_ascii_digit())?;
        check_part("server", &self.server, |c| c.is_ascii_digit())?;
        if self.server.bytes().all(|b| b == b'0') {
            return Err(UrlError::UnknownServer);
        }
        let (secret, format) = match size.secret_kind() {
            SecretKind::Photo => (self.secret.as_str(), "jpg"),
            SecretKind::Own => match self.own_secrets.get(&size) {
                Some(s) => (s.as_str(), "jpg"),
                None => {
                    return Err(UrlError::MissingSecret {
                        size,
                        needs: "its own secret, which only photos.getSizes or the matching url_* extra reveal",
                    })
                }
            },
            SecretKind::Original => match (&self.original_secret, &self.original_format) {
                (Some(s), Some(f)) if !s.is_empty() && !f.is_empty() => (s.as_str(), f.as_str()),
                _ => {
                    return Err(UrlError::MissingSecret {
                        size,
                        needs: "originalsecret and originalformat (photos.getInfo, or the original_format extra; \
                                absent when the owner does not allow downloads)",
                    })
                }
            },
        };
        check_part("secret", secret, |c| c.is_ascii_alphanumeric())?;
        check_part("format", format, |c| c.is_ascii_alphanumeric())?;
        let suffix = match size.suffix() {
            "" => String::new(),
            s => format!("_{s}"),
        };
        Ok(format!(
            "https://{STATIC_HOST}/{}/{}_{secret}{suffix}.{format}",
            self.server, self.id
        ))
    }

    /// The URLs of every size that can be built, smallest first.
    pub fn available(&self) -> Vec<(Size, String)> {
        Size::ALL
            .into_iter()
            .filter_map(|s| self.url(s).ok().map(|u| (s, u)))
            .collect()
    }
}

fn check_part(part: &'static str, value: &str, ok: impl Fn(char) -> bool) -> Result<(), UrlError> {
    if value.is_empty() || !value.chars().all(ok) {
        return Err(UrlError::BadPart {
            part,
            value: value.to_owned(),
        });
    }
    Ok(())
}

/// The parts of a photo source URL (`live.staticflickr.com`, or the older
/// `farmN.staticflickr.com` and `farmN.static.flickr.com` hosts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceUrl {
    /// The server number.
    pub server: String,
    /// The photo id.
    pub id: String,
    /// The secret in the URL (photo, own or original secret, depending on `size`).
    pub secret: String,
    /// The size.
    pub size: Size,
    /// The file extension (`jpg`, or the original's format).
    pub format: String,
}

impl SourceUrl {
    /// Parses a photo source URL.
    pub fn parse(text: &str) -> Result<SourceUrl, UrlError> {
        let not = || UrlError::NotFlickr(format!("`{text}` is not a Flickr photo source URL"));
        let url = Url::parse(text.trim()).map_err(|_| not())?;
        let host = url.host_str().unwrap_or_default();
        if !(host == STATIC_HOST
            || host.ends_with(".staticflickr.com")
            || host.ends_with(".static.flickr.com")
            || host == "staticflickr.com")
        {
            return Err(not());
        }
        let mut segments = url.path_segments().ok_or_else(not)?;
        let server = segments.next().ok_or_else(not)?;
        let file = segments.next().ok_or_else(not)?;
        if segments.next().is_some() {
            return Err(not());
        }
        let (stem, format) = file.rsplit_once('.').ok_or_else(not)?;
        let mut parts = stem.split('_');
        let id = parts.next().ok_or_else(not)?;
        let secret = parts.next().ok_or_else(not)?;
        let suffix = parts.next().unwrap_or("");
        if parts.next().is_some() {
            return Err(not());
        }
        let size = Size::from_suffix(suffix).ok_or_else(not)?;
        let out = SourceUrl {
            server: server.to_owned(),
            id: id.to_owned(),
            secret: secret.to_owned(),
            size,
            format: format.to_owned(),
        };
        check_part("id", &out.id, |c| c.is_ascii_digit())?;
        check_part("server", &out.server, |c| c.is_ascii_digit())?;
        check_part("secret", &out.secret, |c| c.is_ascii_alphanumeric())?;
        check_part("format", &out.format, |c| c.is_ascii_alphanumeric())?;
        Ok(out)
    }

    /// The URL in its canonical form (https, `live.staticflickr.com`).
    pub fn canonical(&self) -> String {
        let suffix = match self.size.suffix() {
            "" => String::new(),
            s => format!("_{s}"),
        };
        format!(
            "https://{STATIC_HOST}/{}/{}_{}{suffix}.{}",
            self.server, self.id, self.secret, self.format
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_secrets_are_errors_not_broken_urls() {
        let p = PhotoSource::new("5628095432", "5150", "678f9b91c1");
        for size in Size::ALL {
            let r = p.url(size);
            match size.secret_kind() {
                SecretKind::Photo => assert!(r.is_ok(), "{size}"),
                _ => assert!(
                    matches!(r, Err(UrlError::MissingSecret { .. })),
                    "{size}: {r:?}"
                ),
            }
        }
        let msg = p.url(Size::Original).unwrap_err().to_string();
        assert!(msg.contains("originalsecret"), "{msg}");
        assert_eq!(p.available().len(), 10);
        assert!(PhotoSource::new("1", "", "abc")
            .url(Size::Small240)
            .is_err());
        assert_eq!(
            PhotoSource::new("51179100026", "0", "dabebcf635").url(Size::Small240),
            Err(UrlError::UnknownServer)
        );
        assert!(PhotoSource::new("1", "2", "a/b")
            .url(Size::Small240)
            .is_err());
        assert!(PhotoSource::new("1", "2", "ab")
            .original("cd", "")
            .url(Size::Original)
            .is_err());
    }
}
