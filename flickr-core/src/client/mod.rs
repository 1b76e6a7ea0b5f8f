//! The client and its one request path:
//!
//! 1. `prepare`: credentials checked, parameters completed (`method`,
//!    `api_key`, `format`), signed, and an HTTP request built (query, form or
//!    multipart);
//! 2. `retry::attempts`: quota, a time limit per attempt, the answer
//!    read (REST envelope, OAuth form or upload XML), retries for reads (and
//!    writes opted in) on transient failures;
//! 3. decode: the JSON text into the caller's type — the only step generic
//!    over the method ([`crate::envelope::decode_json`]), with API errors
//!    typed by the method's error enum ([`Error::typed`]).
//!
//! REST calls, OAuth token calls ([`crate::oauth`]), uploads
//! ([`crate::upload`]) and ticket polling all take this path.

mod builder;
mod prepare;

pub use crate::envelope::{Format, RawResponse};
pub use builder::ClientBuilder;

use crate::credentials::Credentials;
use crate::endpoints::Endpoints;
use crate::envelope::{self, Ctx, JsonText};
use crate::error::{Error, ErrorCode, MethodError};
use crate::params::{Params, ToParam};
use crate::quota::Quota;
use crate::registry::{MethodInfo, Perms, Verb};
use crate::retry::attempts::{self, Plan, Read, Reply};
use crate::retry::RetryPolicy;
use crate::transport::{FilePart, Transport};
pub(crate) use prepare::Outgoing;
use prepare::{prepare, rest_params, RestMethod};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;
use url::Url;

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

/// A successful REST answer as JSON text, before the typed decode.
struct RestAnswer {
    text: JsonText,
    content_type: Option<String>,
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

    /// A client with this one's credentials and settings whose requests go
    /// through `transport` instead: typically a wrapper around
    /// [`Client::transport`] that counts or records requests.
    pub fn with_transport(&self, transport: Arc<dyn Transport>) -> Client {
        Client {
            inner: Arc::new(Inner {
                credentials: self.inner.credentials.clone(),
                endpoints: self.inner.endpoints.clone(),
                transport,
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
        let answer = self
            .rest(method, params, &opts)
            .await
            .map_err(Error::typed)?;
        envelope::decode_json(ctx_of(method), &answer.text).map_err(Error::typed)
    }

    /// Calls `method` and decodes the member `root` of the answer object
    /// (`{"photo": {…}, "stat": "ok"}` → the photo) into `T`. For a write
    /// (POST), a bare `{"stat":"ok"}` reads as an empty object: the write
    /// happened, and must not look failed ([`envelope::decode_json_at_or_bare`]).
    pub async fn call_at<T, E>(
        &self,
        method: &'static MethodInfo,
        params: Params,
        root: &'static str,
    ) -> Result<T, Error<E>>
    where
        T: DeserializeOwned,
        E: MethodError,
    {
        let answer = self
            .rest(method, params, &CallOptions::default())
            .await
            .map_err(Error::typed)?;
        let ctx = ctx_of(method);
        match method.verb {
            Verb::Post => envelope::decode_json_at_or_bare(ctx, &answer.text, root),
            Verb::Get => envelope::decode_json_at(ctx, &answer.text, root),
        }
        .map_err(Error::typed)
    }

    /// [`Client::call_at`] (or [`Client::call`], with no `root`) on a client
    /// the future owns, with the untyped error: what page fetchers
    /// ([`crate::paging::Fetcher`]) run, compiled once per response type.
    pub async fn into_call<T: DeserializeOwned>(
        self,
        method: &'static MethodInfo,
        params: Params,
        root: Option<&'static str>,
    ) -> Result<T, Error> {
        match root {
            Some(root) => self.call_at::<T, ErrorCode>(method, params, root).await,
            None => self.call::<T, ErrorCode>(method, params).await,
        }
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
        let format = opts.format.unwrap_or(self.inner.format);
        let answer = self
            .rest(method, params, &opts)
            .await
            .map_err(Error::typed)?;
        Ok(RawResponse {
            body: answer.text.body().clone(),
            content_type: answer.content_type,
            format,
        })
    }

    /// Calls any method by name (an escape hatch for methods the bindings do
    /// not know yet) with GET, signing when the credentials can; returns the
    /// whole answer as JSON.
    pub async fn call_by_name<K, V>(
        &self,
        name: &str,
        params: impl IntoIterator<Item = (K, V)>,
    ) -> Result<serde_json::Value, Error>
    where
        K: Into<Cow<'static, str>>,
        V: ToParam,
    {
        self.call_by_name_verb(name, Verb::Get, params).await
    }

    /// [`Client::call_by_name`] with an explicit verb (POST for writes; never retried).
    pub async fn call_by_name_verb<K, V>(
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
        let method = RestMethod {
            name,
            verb,
            perms: Perms::None,
            needs_login: false,
            needs_signing: false,
        };
        let answer = self
            .rest_call(method, params, &CallOptions::default())
            .await?;
        envelope::decode_json(Ctx::new(name, Perms::None), &answer.text)
    }

    /// The former name of [`Client::call_by_name`] ("raw" now always means
    /// the body as received, as in [`Client::call_raw_body`]).
    #[deprecated(note = "renamed to `call_by_name`")]
    pub async fn call_raw<K, V>(
        &self,
        name: &str,
        params: impl IntoIterator<Item = (K, V)>,
    ) -> Result<serde_json::Value, Error>
    where
        K: Into<Cow<'static, str>>,
        V: ToParam,
    {
        self.call_by_name(name, params).await
    }

    /// A registry method: arguments checked, then [`Client::rest_call`].
    async fn rest(
        &self,
        method: &'static MethodInfo,
        params: Params,
        opts: &CallOptions,
    ) -> Result<RestAnswer, Error> {
        method
            .check_args(&params)
            .map_err(|p| Error::InvalidArgument {
                method: method.name.to_owned(),
                arg: p.arg,
                reason: p.reason,
            })?;
        self.rest_call(RestMethod::of(method), params, opts).await
    }

    /// A REST call up to the JSON text of its `stat=ok` answer.
    async fn rest_call(
        &self,
        method: RestMethod<'_>,
        params: Params,
        opts: &CallOptions,
    ) -> Result<RestAnswer, Error> {
        let span = tracing::debug_span!(
            "flickr_call",
            method = method.name,
            verb = method.verb.as_str()
        );
        async move {
            let format = opts.format.unwrap_or(self.inner.format);
            let creds = &self.inner.credentials;
            let params = rest_params(creds, method, params, format)?;
            let plan = Plan {
                what: method.name,
                idempotent: method.verb == Verb::Get || opts.retry_writes,
                policy: opts.retry.unwrap_or(self.inner.retry),
                timeout: opts.timeout.or(self.inner.timeout),
            };
            let read =
                Read::Rest(Ctx::new(method.name, method.perms).with_token(creds.has_token()));
            let out = Outgoing {
                verb: method.verb,
                url: &self.inner.endpoints.rest,
                params,
                file: None,
            };
            match self.send(creds, out, &plan, &read).await? {
                Reply::Rest { text, content_type } => Ok(RestAnswer { text, content_type }),
                _ => Err(Error::config(
                    "a REST call got a non-REST reply (a client bug)",
                )),
            }
        }
        .instrument(span)
        .await
    }

    /// The request path every request takes: prepare (sign, build) and
    /// attempt (quota, timeout, read, retry); signature errors get our base
    /// string beside Flickr's `debug_sbs`.
    pub(crate) async fn send(
        &self,
        creds: &Credentials,
        out: Outgoing<'_>,
        plan: &Plan<'_>,
        read: &Read<'_>,
    ) -> Result<Reply, Error> {
        let prepared = prepare(creds, out)?;
        let result = attempts::run(
            self.inner.transport.as_ref(),
            self.inner.quota.as_ref(),
            prepared.request,
            plan,
            read,
        )
        .await;
        result.map_err(|e| with_base_string(e, prepared.base_string))
    }

    /// A signed GET of an OAuth endpoint, sent once; the form reply.
    pub(crate) async fn oauth_get(
        &self,
        what: &str,
        endpoint: &Url,
        creds: &Credentials,
        params: Params,
    ) -> Result<envelope::FormReply, Error> {
        let plan = Plan {
            what,
            idempotent: false,
            policy: self.inner.retry,
            timeout: self.inner.timeout,
        };
        let out = Outgoing {
            verb: Verb::Get,
            url: endpoint,
            params,
            file: None,
        };
        match self.send(creds, out, &plan, &Read::Form(what)).await? {
            Reply::Form(form) => Ok(form),
            _ => Err(Error::config(
                "an OAuth call got a non-form reply (a client bug)",
            )),
        }
    }

    /// A multipart upload or replace, sent once under its own time limit
    /// (no retry deadline: a long upload must not be cut short, and a second
    /// attempt would be a second photo).
    pub(crate) async fn upload(
        &self,
        what: &str,
        endpoint: &Url,
        fields: Params,
        file: FilePart,
        timeout: Duration,
    ) -> Result<envelope::UploadReply, Error> {
        let plan = Plan {
            what,
            idempotent: false,
            policy: RetryPolicy::none().with_deadline(None),
            timeout: Some(timeout),
        };
        let out = Outgoing {
            verb: Verb::Post,
            url: endpoint,
            params: fields,
            file: Some(file),
        };
        let creds = &self.inner.credentials;
        match self.send(creds, out, &plan, &Read::Upload(what)).await? {
            Reply::Upload(reply) => Ok(reply),
            _ => Err(Error::config(
                "an upload got a non-upload reply (a client bug)",
            )),
        }
    }
}

fn ctx_of(method: &MethodInfo) -> Ctx<'_> {
    Ctx::new(method.name, method.perms)
}

/// Puts our base string beside Flickr's `debug_sbs` in signature errors.
fn with_base_string(err: Error, base: Option<String>) -> Error {
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

#[cfg(test)]
mod tests;
