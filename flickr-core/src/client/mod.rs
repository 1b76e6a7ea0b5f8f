//! The client and its one request path, [`Client::call`]:
//!
//! 1. `prepare`: credentials checked, parameters completed (`method`,
//!    `api_key`, `format`), signed, and an HTTP request built (query, form or
//!    multipart);
//! 2. `attempt`: the request through the one attempt loop
//!    ([`crate::retry::run`], which the backup's files and thumbnails share):
//!    a quota token and a time limit per attempt, the answer read by the
//!    envelope's reader for the request's kind (REST envelope, OAuth form or
//!    upload XML), and each failure classified here for the loop (reads, and
//!    writes opted in, are retried on transient failures);
//! 3. `answer`: the answer into the caller's type — the only step generic
//!    over it ([`FromAnswer`], [`crate::envelope::decode`]).
//!
//! REST calls (typed builders, calls by name, raw bodies), OAuth token calls
//! ([`crate::oauth`]), uploads ([`crate::upload`]) and ticket polling all
//! take this path; [`CallOptions`] carry what one call changes. The entry
//! points this one call replaced are listed in the CHANGELOG (0.1.0).
//!
//! Errors come back untyped ([`Error`]); [`Error::typed`] gives them a
//! method's own error enum, as generated builders do.

mod answer;
mod attempt;
mod builder;
mod method;
mod options;
mod prepare;

pub use crate::envelope::{Format, RawResponse};
pub use answer::{Answer, FromAnswer};
pub use builder::ClientBuilder;
pub use method::MethodRef;
pub use options::CallOptions;

use crate::credentials::Credentials;
use crate::endpoints::Endpoints;
use crate::envelope::{self, Called, FormReader, ReadReply, RestReader, Root, UploadReader};
use crate::error::Error;
use crate::params::Params;
use crate::quota::Quota;
use crate::registry::Verb;
use crate::retry::RetryPolicy;
use crate::transport::{FilePart, Transport};
use attempt::Limits;
pub(crate) use prepare::Outgoing;
use prepare::{prepare, rest_params};
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

    /// Calls `method` with `params`: the one way to call a Flickr method.
    ///
    /// `method` is a registry entry (`&'static MethodInfo`; its arguments are
    /// checked before anything is sent) or any method by name
    /// ([`MethodRef::named`]). `opts` may change the format, the timeout and
    /// the retry policy for this call, and opt a write in to retries. A
    /// registry method's answer is read at its [`root`](crate::registry::MethodInfo::root)
    /// (as its request builder reads it), a method by name's as the whole
    /// object. The answer becomes `T` ([`FromAnswer`]): any type serde decodes, or
    /// [`RawResponse`] for the body as received; `stat=fail` is an
    /// [`Error::Api`] either way.
    ///
    /// ```no_run
    /// # async fn run(client: flickr_core::client::Client) -> Result<(), flickr_core::error::Error> {
    /// use flickr_core::client::{CallOptions, MethodRef, RawResponse};
    /// use flickr_core::registry::Verb;
    ///
    /// let params = [("hello", "world")].into_iter().collect();
    /// let echo: serde_json::Value = client
    ///     .call(MethodRef::named("flickr.test.echo", Verb::Get), params, &CallOptions::new())
    ///     .await?;
    /// let params = [("photo_id", "1")].into_iter().collect();
    /// let raw: RawResponse = client
    ///     .call(MethodRef::named("flickr.photos.getInfo", Verb::Get), params, &CallOptions::new())
    ///     .await?;
    /// # let _ = (echo, raw); Ok(()) }
    /// ```
    pub async fn call<T: FromAnswer>(
        &self,
        method: impl Into<MethodRef<'_>>,
        params: Params,
        opts: &CallOptions,
    ) -> Result<T, Error> {
        let method = method.into();
        let reply = self.rest(method, params, opts).await?;
        let ctx = Called::new(method.name(), method.perms());
        T::from_answer(Answer::new(
            ctx,
            reply,
            Root::of(method.root(), method.verb()),
        ))
    }

    /// A REST call up to the JSON text of its `stat=ok` answer: arguments
    /// checked (registry methods), credentials checked, then [`Client::send`].
    /// Not generic: compiled once.
    async fn rest(
        &self,
        method: MethodRef<'_>,
        params: Params,
        opts: &CallOptions,
    ) -> Result<envelope::RestReply, Error> {
        if let MethodRef::Known(info) = method {
            info.check_args(&params)
                .map_err(|p| Error::InvalidArgument {
                    method: info.name.to_owned(),
                    arg: p.arg,
                    reason: p.reason,
                })?;
        }
        let span = tracing::debug_span!(
            "flickr_call",
            method = method.name(),
            verb = method.verb().as_str()
        );
        async move {
            let format = opts.format.unwrap_or(self.inner.format);
            let creds = &self.inner.credentials;
            let params = rest_params(creds, method, params, format)?;
            let plan = Limits {
                what: method.name(),
                idempotent: method.verb() == Verb::Get || opts.retry_writes,
                policy: opts.retry.unwrap_or(self.inner.retry),
                timeout: opts.timeout.or(self.inner.timeout),
            };
            let reader = RestReader {
                ctx: Called::new(method.name(), method.perms()).with_token(creds.has_token()),
                format,
            };
            let out = Outgoing {
                verb: method.verb(),
                url: &self.inner.endpoints.rest,
                params,
                file: None,
            };
            self.send(creds, out, &plan, &reader).await
        }
        .instrument(span)
        .await
    }

    /// The request path every request takes: prepare (sign, build) and
    /// attempt (quota, timeout, read, retry); signature errors get our base
    /// string beside Flickr's `debug_sbs`.
    async fn send<R: ReadReply>(
        &self,
        creds: &Credentials,
        out: Outgoing<'_>,
        plan: &Limits<'_>,
        read: &R,
    ) -> Result<R::Reply, Error> {
        let prepared = prepare(creds, out)?;
        let result = attempt::run(
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
        let plan = Limits {
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
        self.send(creds, out, &plan, &FormReader(what)).await
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
        let plan = Limits {
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
        self.send(creds, out, &plan, &UploadReader(what)).await
    }
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

#[cfg(test)]
mod tests;
