//! [`ClientBuilder`]: settings checked once, then a [`Client`].

use super::{Client, Inner};
use crate::credentials::Credentials;
use crate::endpoints::Endpoints;
use crate::envelope::Format;
use crate::error::Error;
use crate::quota::Quota;
use crate::retry::RetryPolicy;
use crate::transport::{
    default_user_agent, ReqwestTransport, Transport, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY,
    DEFAULT_TIMEOUT,
};
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

/// Builds a [`Client`], or any type made from one (`flickr_sdk::Client`).
pub struct ClientBuilder<C = Client> {
    credentials: Credentials,
    endpoints: Option<Endpoints>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    user_agent: Option<String>,
    retry: RetryPolicy,
    transport: Option<Arc<dyn Transport>>,
    format: Format,
    max_body: u64,
    quota: Option<Quota>,
    _out: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

impl<C> Default for ClientBuilder<C> {
    fn default() -> Self {
        ClientBuilder {
            credentials: Credentials::none(),
            endpoints: None,
            base_url: None,
            timeout: Some(DEFAULT_TIMEOUT),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: None,
            retry: RetryPolicy::default(),
            transport: None,
            format: Format::Json,
            max_body: DEFAULT_MAX_BODY,
            quota: None,
            _out: PhantomData,
        }
    }
}

impl<C> ClientBuilder<C> {
    /// Default settings: no credentials, Flickr's endpoints, JSON.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// API key only: unsigned calls to public methods.
    pub fn api_key(self, key: impl Into<String>) -> Self {
        self.credentials(Credentials::api_key(key))
    }

    /// Consumer key and secret: signed calls without a user (and the OAuth flow).
    pub fn app(self, key: impl Into<String>, secret: impl Into<String>) -> Self {
        self.credentials(Credentials::app(key, secret))
    }

    /// Full OAuth 1.0a credentials.
    pub fn oauth(
        self,
        key: impl Into<String>,
        secret: impl Into<String>,
        token: impl Into<String>,
        token_secret: impl Into<String>,
    ) -> Self {
        self.credentials(Credentials::oauth(key, secret, token, token_secret))
    }

    /// Credentials and base URL from the environment: `FLICKR_API_KEY`
    /// (without it, `None`), `FLICKR_API_SECRET` (signed calls),
    /// `FLICKR_OAUTH_TOKEN` with `FLICKR_OAUTH_TOKEN_SECRET` (a user's
    /// token: both, or neither is used) and `FLICKR_ENDPOINT` (another base
    /// URL, such as a loopback Flickr). Empty values count as unset.
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), flickr_core::error::Error> {
    /// use flickr_core::client::Client;
    /// let Some(builder) = Client::builder().from_env() else {
    ///     eprintln!("set FLICKR_API_KEY");
    ///     return Ok(());
    /// };
    /// let client = builder.build()?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub fn from_env(self) -> Option<Self> {
        self.read_vars(|k| std::env::var(k).ok())
    }

    /// [`from_env`](Self::from_env) over `var`.
    fn read_vars(self, var: impl Fn(&str) -> Option<String>) -> Option<Self> {
        let var = |k: &str| var(k).filter(|v| !v.trim().is_empty());
        let key = var("FLICKR_API_KEY")?;
        let builder = match (
            var("FLICKR_API_SECRET"),
            var("FLICKR_OAUTH_TOKEN").zip(var("FLICKR_OAUTH_TOKEN_SECRET")),
        ) {
            (Some(secret), Some((token, token_secret))) => {
                self.oauth(key, secret, token, token_secret)
            }
            (Some(secret), None) => self.app(key, secret),
            (None, _) => self.api_key(key),
        };
        Some(match var("FLICKR_ENDPOINT") {
            Some(base) => builder.base_url(&base),
            None => builder,
        })
    }

    /// Sets every endpoint.
    pub fn endpoints(mut self, endpoints: Endpoints) -> Self {
        self.endpoints = Some(endpoints);
        self
    }

    /// Puts every endpoint under one base URL (see [`Endpoints::from_base`]); checked by `build`.
    pub fn base_url(mut self, base: &str) -> Self {
        self.base_url = Some(base.to_owned());
        self
    }

    /// Total time per attempt, body included (default 60 s).
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = Some(t);
        self
    }

    /// Time to establish a connection (default 10 s).
    pub fn connect_timeout(mut self, t: Duration) -> Self {
        self.connect_timeout = t;
        self
    }

    /// The `User-Agent` (default `flickr-rs/<version>`).
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = Some(ua.into());
        self
    }

    /// The retry policy for reads (and writes opted in per call).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// A custom transport (tests, proxies); timeouts and the size cap are then its business.
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The response format (default JSON).
    pub fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// Largest response body accepted (default 64 MiB).
    pub fn max_body(mut self, bytes: u64) -> Self {
        self.max_body = bytes;
        self
    }

    /// Throttles every attempt through `quota` (e.g. [`Quota::flickr_default`],
    /// 3,600 calls/hour), shared by all clones of the client; off by default.
    pub fn quota(mut self, quota: Quota) -> Self {
        self.quota = Some(quota);
        self
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<C, Error> {
        let endpoints = match (self.endpoints, self.base_url) {
            (Some(_), Some(_)) => {
                return Err(Error::config(
                    "set either endpoints(...) or base_url(...), not both",
                ));
            }
            (Some(e), None) => e,
            (None, Some(base)) => Endpoints::from_base(&base)?,
            (None, None) => Endpoints::flickr(),
        };
        endpoints.validate()?;
        let transport: Arc<dyn Transport> = match self.transport {
            Some(t) => t,
            None => Arc::new(
                ReqwestTransport::builder()
                    .connect_timeout(self.connect_timeout)
                    .timeout(self.timeout)
                    .user_agent(self.user_agent.unwrap_or_else(default_user_agent))
                    .max_body(self.max_body)
                    .build()
                    .map_err(|e| Error::config(e.to_string()))?,
            ),
        };
        let client = Client {
            inner: Arc::new(Inner {
                credentials: self.credentials,
                endpoints,
                transport,
                retry: self.retry,
                format: self.format,
                timeout: self.timeout,
                quota: self.quota,
            }),
        };
        Ok(C::from(client))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(vars: &[(&str, &str)]) -> Option<ClientBuilder> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        ClientBuilder::new()
            .read_vars(|k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn the_environment_gives_as_much_of_the_credentials_as_is_set() {
        assert!(from(&[]).is_none(), "no key, no client");
        assert!(
            from(&[("FLICKR_API_KEY", " ")]).is_none(),
            "an empty key is none"
        );
        let key = from(&[("FLICKR_API_KEY", "k")]).unwrap().build().unwrap();
        assert!(!key.credentials().has_token());
        let app = from(&[
            ("FLICKR_API_KEY", "k"),
            ("FLICKR_API_SECRET", "s"),
            ("FLICKR_OAUTH_TOKEN", "t"),
        ])
        .unwrap()
        .build()
        .unwrap();
        assert!(
            !app.credentials().has_token(),
            "a token without its secret is not used"
        );
        let user = from(&[
            ("FLICKR_API_KEY", "k"),
            ("FLICKR_API_SECRET", "s"),
            ("FLICKR_OAUTH_TOKEN", "t"),
            ("FLICKR_OAUTH_TOKEN_SECRET", "ts"),
            ("FLICKR_ENDPOINT", "http://127.0.0.1:9/"),
        ])
        .unwrap()
        .build()
        .unwrap();
        assert!(user.credentials().has_token());
        assert!(user
            .endpoints()
            .rest
            .as_str()
            .starts_with("http://127.0.0.1:9/"));
    }
}
