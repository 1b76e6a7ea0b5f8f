//! Where requests go: REST, upload, replace and the three OAuth URLs.
//!
//! All are configurable (tests, proxies, the loopback fake server), but plain
//! `http` is refused except for loopback hosts: credentials and signatures
//! travel in query strings and form bodies, and Flickr itself requires https
//! (error 95).

use crate::error::Error;
use std::net::IpAddr;
use url::Url;

/// The set of URLs a client talks to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// REST API, `https://api.flickr.com/services/rest/`.
    pub rest: Url,
    /// Upload, `https://up.flickr.com/services/upload/`.
    pub upload: Url,
    /// Replace, `https://up.flickr.com/services/replace/`.
    pub replace: Url,
    /// OAuth request-token step.
    pub oauth_request_token: Url,
    /// OAuth user authorization page.
    pub oauth_authorize: Url,
    /// OAuth access-token step.
    pub oauth_access_token: Url,
}

fn fixed(s: &str) -> Url {
    // Only called with the literals below, which the unit tests parse.
    Url::parse(s).expect("valid literal URL")
}

impl Endpoints {
    /// Flickr's real endpoints.
    pub fn flickr() -> Endpoints {
        Endpoints {
            rest: fixed("https://api.flickr.com/services/rest/"),
            upload: fixed("https://up.flickr.com/services/upload/"),
            replace: fixed("https://up.flickr.com/services/replace/"),
            oauth_request_token: fixed("https://www.flickr.com/services/oauth/request_token"),
            oauth_authorize: fixed("https://www.flickr.com/services/oauth/authorize"),
            oauth_access_token: fixed("https://www.flickr.com/services/oauth/access_token"),
        }
    }

    /// Every endpoint under one base URL, laid out like Flickr's paths:
    /// `BASE/services/rest/`, `BASE/services/upload/`, `BASE/services/replace/`,
    /// `BASE/services/oauth/{request_token,authorize,access_token}`.
    pub fn from_base(base: &str) -> Result<Endpoints, Error> {
        let mut base = parse(base, "base URL")?;
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let join = |p: &str| {
            base.join(p)
                .map_err(|e| Error::config(format!("cannot join {p:?} to the base URL: {e}")))
        };
        Ok(Endpoints {
            rest: join("services/rest/")?,
            upload: join("services/upload/")?,
            replace: join("services/replace/")?,
            oauth_request_token: join("services/oauth/request_token")?,
            oauth_authorize: join("services/oauth/authorize")?,
            oauth_access_token: join("services/oauth/access_token")?,
        })
    }

    /// Sets the REST endpoint.
    pub fn with_rest(mut self, url: &str) -> Result<Self, Error> {
        self.rest = parse(url, "REST endpoint")?;
        Ok(self)
    }

    /// Sets the upload endpoint.
    pub fn with_upload(mut self, url: &str) -> Result<Self, Error> {
        self.upload = parse(url, "upload endpoint")?;
        Ok(self)
    }

    /// Sets the replace endpoint.
    pub fn with_replace(mut self, url: &str) -> Result<Self, Error> {
        self.replace = parse(url, "replace endpoint")?;
        Ok(self)
    }

    /// Sets the OAuth request-token endpoint.
    pub fn with_oauth_request_token(mut self, url: &str) -> Result<Self, Error> {
        self.oauth_request_token = parse(url, "OAuth request-token endpoint")?;
        Ok(self)
    }

    /// Sets the OAuth authorize page.
    pub fn with_oauth_authorize(mut self, url: &str) -> Result<Self, Error> {
        self.oauth_authorize = parse(url, "OAuth authorize endpoint")?;
        Ok(self)
    }

    /// Sets the OAuth access-token endpoint.
    pub fn with_oauth_access_token(mut self, url: &str) -> Result<Self, Error> {
        self.oauth_access_token = parse(url, "OAuth access-token endpoint")?;
        Ok(self)
    }

    /// Checks every URL (the fields are public, so they may have been set directly).
    pub fn validate(&self) -> Result<(), Error> {
        for (name, url) in [
            ("REST endpoint", &self.rest),
            ("upload endpoint", &self.upload),
            ("replace endpoint", &self.replace),
            ("OAuth request-token endpoint", &self.oauth_request_token),
            ("OAuth authorize endpoint", &self.oauth_authorize),
            ("OAuth access-token endpoint", &self.oauth_access_token),
        ] {
            check_url(url, name)?;
        }
        Ok(())
    }
}

impl Default for Endpoints {
    fn default() -> Self {
        Endpoints::flickr()
    }
}

fn parse(s: &str, name: &str) -> Result<Url, Error> {
    let url =
        Url::parse(s).map_err(|e| Error::config(format!("the {name} {s:?} is not a URL: {e}")))?;
    check_url(&url, name)?;
    Ok(url)
}

/// https anywhere; plain http only on loopback hosts; no other schemes; no
/// credentials, query or fragment (ours would be appended after them).
pub(crate) fn check_url(url: &Url, name: &str) -> Result<(), Error> {
    let shown = crate::error::redact_url(url);
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(url) => {}
        "http" => {
            return Err(Error::config(format!(
                "the {name} {shown} uses plain http: Flickr requires https (plain http is only allowed for loopback hosts)"
            )))
        }
        other => return Err(Error::config(format!("the {name} {shown} has unsupported scheme {other:?}: use https"))),
    }
    if matches!(url.host_str(), None | Some("")) {
        return Err(Error::config(format!("the {name} {shown} has no host")));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::config(format!(
            "the {name} must not contain user credentials"
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::config(format!(
            "the {name} {shown} must not have a query or fragment"
        )));
    }
    Ok(())
}

/// 127.0.0.0/8, ::1 and `localhost` (and its subdomains, which resolve to loopback by RFC 6761).
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flickr_endpoints_are_the_documented_ones() {
        let e = Endpoints::flickr();
        assert_eq!(e.rest.as_str(), "https://api.flickr.com/services/rest/");
        assert_eq!(e.upload.as_str(), "https://up.flickr.com/services/upload/");
        assert_eq!(
            e.replace.as_str(),
            "https://up.flickr.com/services/replace/"
        );
        assert_eq!(
            e.oauth_request_token.as_str(),
            "https://www.flickr.com/services/oauth/request_token"
        );
        assert_eq!(
            e.oauth_authorize.as_str(),
            "https://www.flickr.com/services/oauth/authorize"
        );
        assert_eq!(
            e.oauth_access_token.as_str(),
            "https://www.flickr.com/services/oauth/access_token"
        );
        e.validate().unwrap();
    }

    #[test]
    fn base_url_lays_out_every_endpoint() {
        for base in ["http://127.0.0.1:8080", "http://127.0.0.1:8080/"] {
            let e = Endpoints::from_base(base).unwrap();
            assert_eq!(e.rest.as_str(), "http://127.0.0.1:8080/services/rest/");
            assert_eq!(
                e.replace.as_str(),
                "http://127.0.0.1:8080/services/replace/"
            );
            assert_eq!(
                e.oauth_access_token.as_str(),
                "http://127.0.0.1:8080/services/oauth/access_token"
            );
        }
        let e = Endpoints::from_base("https://proxy.example/flickr").unwrap();
        assert_eq!(
            e.upload.as_str(),
            "https://proxy.example/flickr/services/upload/"
        );
    }

    #[test]
    fn plain_http_only_on_loopback() {
        for ok in [
            "http://127.0.0.1:1/",
            "http://127.9.9.9/",
            "http://[::1]:9/",
            "http://localhost:3000/",
            "https://example.com/",
        ] {
            assert!(Endpoints::from_base(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com/",
            "http://10.0.0.1/",
            "http://[::2]/",
            "ftp://127.0.0.1/",
            "http://localhost.example.com/",
        ] {
            let err = Endpoints::from_base(bad).unwrap_err().to_string();
            assert!(err.contains("https"), "{bad}: {err}");
        }
        assert!(Endpoints::flickr()
            .with_rest("https://a.example/?x=1")
            .is_err());
        assert!(Endpoints::flickr()
            .with_rest("https://u:p@a.example/")
            .is_err());
        assert!(Endpoints::flickr()
            .with_upload("http://127.0.0.1:5/up")
            .is_ok());
    }
}
