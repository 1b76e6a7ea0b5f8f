//! The call pipeline: check arguments → add `method`, `api_key`, `format` →
//! sign → GET query or POST form → retry (reads only, unless opted in) →
//! decode the envelope → typed value or typed error.

use crate::credentials::Credentials;
use crate::endpoints::Endpoints;
use crate::envelope::{self, Ctx};
pub use crate::envelope::{Format, RawResponse};
use crate::error::{Error, ErrorCode, MethodError, TimeoutError, TransportErrorKind};
use crate::params::{Params, ToParam};
use crate::quota::Quota;
use crate::registry::{MethodInfo, Perms, Verb};
use crate::retry::{Decision, RetryPolicy};
use crate::signer;
use crate::transport::{
    default_user_agent, HttpRequest, HttpResponse, ReqwestTransport, Transport,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY, DEFAULT_TIMEOUT,
};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// A Flickr API client. Cheap to clone: clones share the connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    credentials: Credentials,
    endpoints: Endpoints,
    transport: Arc<dyn Transport>,
    retry: RetryPolicy,
    format: Format,
    timeout: Option<Duration>,
    /// Shared rate limiter (see [`crate::quota`]); `None` = unlimited.
    quota: Option<Quota>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Credentials' Debug redacts secrets.
        f.debug_struct("Client")
            .field("credentials", &self.inner.credentials)
            .field("rest", &self.inner.endpoints.rest.as_str())
            .field("format", &self.inner.format)
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}

/// Per-call settings.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// Retry this write on transient failures. Off by default: a repeated
    /// comment, favorite or upload is data corruption. Only turn it on for
    /// writes that are idempotent (e.g. setting a title to a fixed value).
    pub retry_writes: bool,
    /// Response format for this call (default: the client's).
    pub format: Option<Format>,
    /// Timeout per attempt for this call (default: the client's).
    pub timeout: Option<Duration>,
    /// Retry policy for this call (default: the client's).
    pub retry: Option<RetryPolicy>,
}

impl CallOptions {
    /// Default options.
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// Opts a write in (or out) of automatic retries.
    pub fn retry_writes(mut self, yes: bool) -> Self {
        self.retry_writes = yes;
        self
    }

    /// Asks for this response format.
    pub fn format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// Sets the timeout per attempt.
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = Some(t);
        self
    }

    /// Sets the retry policy.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }
}

/// What the pipeline needs to know about a method.
#[derive(Clone, Copy)]
struct Spec<'a> {
    name: &'a str,
    verb: Verb,
    perms: Perms,
    needs_login: bool,
    needs_signing: bool,
}

impl<'a> Spec<'a> {
    fn of(m: &'a MethodInfo) -> Self {
        Spec {
            name: m.name,
            verb: m.verb,
            perms: m.perms,
            needs_login: m.needs_login,
            needs_signing: m.needs_signing,
        }
    }

    fn ctx(&self) -> Ctx<'a> {
        Ctx::new(self.name, self.perms)
    }
}

/// A signed, encoded request and what it needs for diagnostics.
struct Prepared {
    request: HttpRequest,
    /// Our signature base string, shown beside Flickr's `debug_sbs` on signature errors.
    base_string: Option<String>,
}

impl Client {
    /// A builder with default settings.
    pub fn builder() -> ClientBuilder<Client> {
        ClientBuilder::new()
    }

    /// The credentials in use.
    pub fn credentials(&self) -> &Credentials {
        &self.inner.credentials
    }

    /// The endpoints in use.
    pub fn endpoints(&self) -> &Endpoints {
        &self.inner.endpoints
    }

    /// The default retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The default response format.
    pub fn format(&self) -> Format {
        self.inner.format
    }

    /// The timeout per attempt.
    pub fn timeout(&self) -> Option<Duration> {
        self.inner.timeout
    }

    /// The transport.
    pub fn transport(&self) -> &Arc<dyn Transport> {
        &self.inner.transport
    }

    /// The rate limiter shared by this client's clones, if one was configured
    /// ([`ClientBuilder::quota`]); [`Quota::remaining`] tells the budget left.
    pub fn quota(&self) -> Option<&Quota> {
        self.inner.quota.as_ref()
    }

    /// A client with other credentials sharing this one's transport and
    /// settings (e.g. after the OAuth flow produced an access token).
    pub fn with_credentials(&self, credentials: Credentials) -> Client {
        Client {
            inner: Arc::new(Inner {
                credentials,
                endpoints: self.inner.endpoints.clone(),
                transport: self.inner.transport.clone(),
                retry: self.inner.retry,
                format: self.inner.format,
                timeout: self.inner.timeout,
                quota: self.inner.quota.clone(),
            }),
        }
    }

    /// Calls `method` and decodes the whole answer object into `T`.
    pub async fn call<T, E>(
        &self,
        method: &'static MethodInfo,
        params: Params,
    ) -> Result<T, Error<E>>
    where
        T: DeserializeOwned,
        E: MethodError,
    {
        self.call_with(method, params, CallOptions::default()).await
    }

    /// [`Client::call`] with per-call options.
    pub async fn call_with<T, E>(
        &self,
        method: &'static MethodInfo,
        params: Params,
        opts: CallOptions,
    ) -> Result<T, Error<E>>
    where
        T: DeserializeOwned,
        E: MethodError,
    {
        check_args(method, &params)?;
        let spec = Spec::of(method);
        self.call_spec(spec, params, &opts, |ctx, resp, url| {
            envelope::decode_response::<T, E>(ctx, &resp, url)
        })
        .await
    }

    /// Calls `method` and returns the body as received; `stat=fail` still
    /// becomes [`Error::Api`].
    pub async fn call_raw_body<E: MethodError>(
        &self,
        method: &'static MethodInfo,
        params: Params,
    ) -> Result<RawResponse, Error<E>> {
        self.call_raw_body_with(method, params, CallOptions::default())
            .await
    }

    /// [`Client::call_raw_body`] with per-call options.
    pub async fn call_raw_body_with<E: MethodError>(
        &self,
        method: &'static MethodInfo,
        params: Params,
        opts: CallOptions,
    ) -> Result<RawResponse, Error<E>> {
        check_args(method, &params)?;
        let format = opts.format.unwrap_or(self.inner.format);
        self.call_spec(Spec::of(method), params, &opts, move |ctx, resp, url| {
            raw_body(ctx, resp, url, format)
        })
        .await
    }

    /// Calls any method by name (an escape hatch for methods the bindings do
    /// not know yet) with GET, signing when the credentials can; returns the
    /// whole answer as JSON.
    pub async fn call_raw<K, V>(
        &self,
        name: &str,
        params: impl IntoIterator<Item = (K, V)>,
    ) -> Result<serde_json::Value, Error>
    where
        K: Into<Cow<'static, str>>,
        V: ToParam,
    {
        self.call_raw_verb(name, Verb::Get, params).await
    }

    /// [`Client::call_raw`] with an explicit verb (POST for writes; never retried).
    pub async fn call_raw_verb<K, V>(
        &self,
        name: &str,
        verb: Verb,
        params: impl IntoIterator<Item = (K, V)>,
    ) -> Result<serde_json::Value, Error>
    where
        K: Into<Cow<'static, str>>,
        V: ToParam,
    {
        let params: Params = params.into_iter().collect();
        let spec = Spec {
            name,
            verb,
            perms: Perms::None,
            needs_login: false,
            needs_signing: false,
        };
        self.call_spec(spec, params, &CallOptions::default(), |ctx, resp, url| {
            envelope::decode_response::<serde_json::Value, ErrorCode>(ctx, &resp, url)
        })
        .await
    }

    async fn call_spec<R, E: MethodError>(
        &self,
        spec: Spec<'_>,
        params: Params,
        opts: &CallOptions,
        decode: impl FnMut(Ctx<'_>, HttpResponse, &str) -> Result<R, Error<E>>,
    ) -> Result<R, Error<E>> {
        let span =
            tracing::debug_span!("flickr_call", method = spec.name, verb = spec.verb.as_str());
        async move {
            let format = opts.format.unwrap_or(self.inner.format);
            let mut prepared = self.prepare(spec, params, format).map_err(Error::typed)?;
            if let Some(t) = opts.timeout.or(self.inner.timeout) {
                prepared.request.timeout = Some(t);
            }
            let idempotent = spec.verb == Verb::Get || opts.retry_writes;
            let policy = opts.retry.unwrap_or(self.inner.retry);
            let url = prepared.request.redacted_url();
            let mut decode = decode;
            let result = self
                .run(prepared.request, idempotent, &policy, spec.name, |resp| {
                    decode(spec.ctx(), resp, &url)
                })
                .await;
            result.map_err(|e| with_base_string(e, prepared.base_string))
        }
        .instrument(span)
        .await
    }

    /// Builds the signed request for one call.
    fn prepare(
        &self,
        spec: Spec<'_>,
        mut params: Params,
        format: Format,
    ) -> Result<Prepared, Error> {
        let creds = &self.inner.credentials;
        if spec.needs_login && !creds.has_token() {
            return Err(Error::MissingCredentials {
                method: spec.name.to_owned(),
                perms: spec.perms,
                missing: "the client has no OAuth access token: build it with .oauth(key, secret, token, token_secret) \
                          or run the OAuth flow first"
                    .into(),
            });
        }
        if (spec.needs_signing || spec.needs_login) && !creds.can_sign() {
            return Err(Error::MissingCredentials {
                method: spec.name.to_owned(),
                perms: spec.perms,
                missing: "the call must be signed but the client has no consumer secret: \
                          use Credentials::app(key, secret) or .oauth(...)"
                    .into(),
            });
        }
        let Some(key) = creds.api_key_str() else {
            return Err(Error::MissingCredentials {
                method: spec.name.to_owned(),
                perms: spec.perms,
                missing:
                    "Flickr needs an API key for every call: build the client with .api_key(key)"
                        .into(),
            });
        };
        params.set("method", spec.name);
        params.set("api_key", key);
        params.set("format", format.as_param());
        match format {
            Format::Json => params.set("nojsoncallback", "1"),
            Format::Rest => {}
        }
        let url = &self.inner.endpoints.rest;
        let base_string = if creds.can_sign() {
            let info = signer::sign_params(creds, spec.verb, url.as_str(), &mut params)
                .map_err(|e| Error::config(e.to_string()))?;
            Some(info.base_string)
        } else {
            None
        };
        let encoded = encode_params(&params);
        let request = match spec.verb {
            Verb::Get => {
                let mut url = url.clone();
                url.set_query(Some(&encoded));
                HttpRequest::get(url)
            }
            Verb::Post => HttpRequest::post_form(url.clone(), encoded),
        };
        Ok(Prepared {
            request,
            base_string,
        })
    }

    /// Sends one prepared request through the transport with the client's
    /// timeout and, only if `idempotent`, its retry policy. Any answer that
    /// arrives is returned as it is except 429 and 5xx, which become
    /// [`Error::Http`] (after retries), so callers parse their own formats
    /// (OAuth forms, upload XML) with the `envelope` functions.
    pub(crate) async fn execute(
        &self,
        mut req: HttpRequest,
        idempotent: bool,
    ) -> Result<HttpResponse, Error> {
        if req.timeout.is_none() {
            req.timeout = self.inner.timeout;
        }
        let url = req.redacted_url();
        let what = what_of(&req, &self.inner.endpoints);
        let policy = self.inner.retry;
        self.run(req, idempotent, &policy, what, |resp| {
            if resp.status == 429 || (500..=599).contains(&resp.status) {
                Err(envelope::status_error(
                    Ctx::new(what, Perms::None),
                    &resp,
                    &url,
                ))
            } else {
                Ok(resp)
            }
        })
        .await
    }

    /// The attempt loop: send, hand the answer to `handle`, and on a retryable
    /// error wait and go again while the policy allows.
    async fn run<R, E>(
        &self,
        req: HttpRequest,
        idempotent: bool,
        policy: &RetryPolicy,
        what: &str,
        mut handle: impl FnMut(HttpResponse) -> Result<R, Error<E>>,
    ) -> Result<R, Error<E>> {
        let start = Instant::now();
        let mut attempt = 1u32;
        let mut req = req;
        loop {
            // Keep a copy for the next attempt; multipart bodies cannot be
            // replayed, so they get exactly one attempt.
            let next = if idempotent && attempt < policy.max_attempts {
                req.try_clone()
            } else {
                None
            };
            let span =
                tracing::debug_span!("flickr_attempt", attempt, status = tracing::field::Empty);
            let result = async {
                // Quota: one token per attempt (see crate::quota).
                if let Some(quota) = &self.inner.quota {
                    quota.acquire().await;
                }
                let limit = attempt_limit(req.timeout, policy.remaining(start.elapsed()));
                req.timeout = limit;
                let sent = match limit {
                    Some(t) => {
                        match tokio::time::timeout(t, self.inner.transport.send(req)).await {
                            Ok(r) => r,
                            Err(_) => return Err(timeout_error(what, Some(t))),
                        }
                    }
                    None => self.inner.transport.send(req).await,
                };
                match sent {
                    Ok(resp) => {
                        tracing::Span::current().record("status", resp.status);
                        handle(resp)
                    }
                    Err(e) if e.kind == TransportErrorKind::Timeout => {
                        Err(timeout_error(what, limit))
                    }
                    Err(e) => Err(Error::Transport(e)),
                }
            }
            .instrument(span)
            .await;
            let err = match result {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            // Quota: a 429 / Retry-After holds back every clone of the client.
            if let Some(quota) = &self.inner.quota {
                crate::quota::note_refusal(quota, &err);
            }
            let Some(again) = next else { return Err(err) };
            match policy.delay(&err, attempt, idempotent, start.elapsed()) {
                Decision::GiveUp => return Err(err),
                Decision::RetryAfter(wait) => {
                    tracing::debug!(method = what, attempt, wait_ms = wait.as_millis() as u64, error = %err, "retrying");
                    tokio::time::sleep(wait).await;
                    req = again;
                    attempt += 1;
                }
            }
        }
    }
}

fn check_args<E>(method: &MethodInfo, params: &Params) -> Result<(), Error<E>> {
    method
        .check_args(params)
        .map_err(|p| Error::InvalidArgument {
            method: method.name.to_owned(),
            arg: p.arg,
            reason: p.reason,
        })
}

/// The per-attempt limit: the configured timeout, cut to what is left of the deadline.
fn attempt_limit(timeout: Option<Duration>, remaining: Option<Duration>) -> Option<Duration> {
    match (timeout, remaining) {
        (Some(t), Some(r)) => Some(t.min(r.max(Duration::from_millis(1)))),
        (Some(t), None) => Some(t),
        (None, r) => r.map(|r| r.max(Duration::from_millis(1))),
    }
}

fn timeout_error<E>(what: &str, limit: Option<Duration>) -> Error<E> {
    Error::Timeout(TimeoutError {
        what: what.to_owned(),
        limit,
    })
}

/// Names a raw request after its endpoint, for messages.
fn what_of(req: &HttpRequest, e: &Endpoints) -> &'static str {
    let path = req.url.path();
    if path == e.upload.path() {
        "upload"
    } else if path == e.replace.path() {
        "replace"
    } else if path == e.oauth_request_token.path() {
        "oauth.request_token"
    } else if path == e.oauth_access_token.path() {
        "oauth.access_token"
    } else {
        "request"
    }
}

fn raw_body<E: MethodError>(
    ctx: Ctx<'_>,
    resp: HttpResponse,
    url: &str,
    format: Format,
) -> Result<RawResponse, Error<E>> {
    if !resp.is_success() {
        return Err(envelope::status_error(ctx, &resp, url));
    }
    envelope::check_stat::<E>(ctx, &resp.body)?;
    Ok(RawResponse {
        content_type: resp.content_type().map(str::to_owned),
        body: resp.body,
        format,
    })
}

/// Puts our base string beside Flickr's `debug_sbs` in signature errors.
fn with_base_string<E>(err: Error<E>, base: Option<String>) -> Error<E> {
    match err {
        Error::OAuth(mut o) if o.base_string.is_none() => {
            o.base_string = base;
            Error::OAuth(o)
        }
        other => other,
    }
}

/// `name=value&…` with RFC 3986 encoding (`%20` for spaces), the same
/// encoding the signature base string uses, so what is signed is what is sent.
pub fn encode_params(params: &Params) -> String {
    params.encode()
}

/// Builds a [`Client`], or any type made from one (`flickr_api::Client`).
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

    #[test]
    fn params_are_rfc3986_encoded() {
        let p: Params = [("text", "a b+c&d=é~"), ("tags", "x")]
            .into_iter()
            .collect();
        assert_eq!(encode_params(&p), "text=a%20b%2Bc%26d%3D%C3%A9~&tags=x");
    }

    #[test]
    fn attempt_limits_respect_the_deadline() {
        let s = Duration::from_secs;
        assert_eq!(attempt_limit(Some(s(60)), Some(s(5))), Some(s(5)));
        assert_eq!(attempt_limit(Some(s(1)), Some(s(5))), Some(s(1)));
        assert_eq!(attempt_limit(None, None), None);
        assert_eq!(
            attempt_limit(Some(s(1)), Some(Duration::ZERO)),
            Some(Duration::from_millis(1))
        );
    }

    #[test]
    fn builder_rejects_plain_http_and_conflicts() {
        let e = Client::builder()
            .api_key("k")
            .base_url("http://example.com")
            .build()
            .unwrap_err();
        assert!(e.to_string().contains("https"), "{e}");
        let e = Client::builder()
            .base_url("http://127.0.0.1:1")
            .endpoints(Endpoints::flickr())
            .build()
            .unwrap_err();
        assert!(e.to_string().contains("not both"));
        let c = Client::builder()
            .oauth("key", "SECRETVALUE", "tok", "TOKENSECRET")
            .build()
            .unwrap();
        let dbg = format!("{c:?}");
        assert!(
            !dbg.contains("SECRETVALUE") && !dbg.contains("TOKENSECRET"),
            "{dbg}"
        );
    }

    #[test]
    fn missing_credentials_fail_before_sending() {
        static M: MethodInfo = MethodInfo {
            needs_login: true,
            needs_signing: true,
            perms: Perms::Delete,
            verb: Verb::Post,
            ..crate::registry::raw_method("flickr.photos.delete", Verb::Post)
        };
        let c = Client::builder().api_key("k").build().unwrap();
        let e = c
            .prepare(Spec::of(&M), Params::new(), Format::Json)
            .err()
            .unwrap();
        assert!(
            e.to_string()
                .contains("needs a token with `delete` permission"),
            "{e}"
        );
        let c = Client::builder().build().unwrap();
        let e = c
            .prepare(
                Spec::of(&crate::registry::raw_method("x", Verb::Get)),
                Params::new(),
                Format::Json,
            )
            .err()
            .unwrap();
        assert!(e.to_string().contains("API key"), "{e}");
    }

    #[test]
    fn reads_use_the_query_and_writes_the_body() {
        let c = Client::builder()
            .oauth("key", "sec", "tok", "toksec")
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap();
        let get = c
            .prepare(
                Spec::of(&crate::registry::raw_method("flickr.test.echo", Verb::Get)),
                Params::new(),
                Format::Json,
            )
            .ok()
            .unwrap();
        let q = get.request.url.query().unwrap_or("").to_owned();
        for part in [
            "method=flickr.test.echo",
            "api_key=key",
            "format=json",
            "nojsoncallback=1",
            "oauth_signature=",
        ] {
            assert!(q.contains(part), "{q}");
        }
        assert!(get.base_string.is_some());
        let post = c
            .prepare(
                Spec::of(&crate::registry::raw_method("flickr.x.y", Verb::Post)),
                Params::new(),
                Format::Rest,
            )
            .ok()
            .unwrap();
        assert!(post.request.url.query().is_none());
        assert!(
            matches!(&post.request.body, crate::transport::Body::Form(f) if f.contains("format=rest") && !f.contains("nojsoncallback"))
        );
    }
}
