//! What every generated request holds besides its arguments, and the one
//! generic body of its `send`, `send_raw_body`, `pages`,
//! `pages_concurrent` and `items`: each generated method is one call of a
//! function here, which is one call of the runtime's one call path,
//! [`flickr_core::client::Client::call`] (the paging streams call it once
//! per page). The per-method parts are the types (response, page item,
//! error) and the request's parameters.

use flickr_core::__private::paging::{
    erased_items, erased_pages, erased_pages_concurrent, typed, Fetcher, PageParams,
};
use flickr_core::client::{CallOptions, FromAnswer};
use flickr_core::error::{Error, MethodError};
use flickr_core::paging::{BoxStream, Page};
use flickr_core::params::Params;
use flickr_core::registry::MethodInfo;
use serde::de::DeserializeOwned;

use crate::Client;

/// A request's client and its call options (the builders' `.options(…)`).
#[derive(Debug, Clone)]
pub(crate) struct Sender {
    pub(crate) client: Client,
    pub(crate) options: CallOptions,
}

impl From<Client> for Sender {
    fn from(client: Client) -> Sender {
        Sender {
            client,
            options: CallOptions::new(),
        }
    }
}

impl Sender {
    /// Sends `method` with `params` and this request's options; the answer
    /// as `T` (the typed response read at the method's root, or the raw
    /// body), a failure with the method's error type.
    pub(crate) async fn send<T: FromAnswer, E: MethodError>(
        &self,
        method: &'static MethodInfo,
        params: Params,
    ) -> Result<T, Error<E>> {
        self.client
            .core()
            .call(method, params, &self.options)
            .await
            .map_err(Error::typed)
    }

    /// Every page of `method` from page `start` (default 1), one request
    /// at a time, each with `params(n)`.
    pub(crate) fn pages<P, E>(
        self,
        method: &'static MethodInfo,
        start: impl Into<Option<i64>>,
        params: PageParams,
    ) -> BoxStream<'static, Result<P, Error<E>>>
    where
        P: Page + DeserializeOwned + Send + 'static,
        P::Item: Clone + Send,
        E: MethodError,
    {
        typed(erased_pages(
            start.into().unwrap_or(1),
            self.fetcher(method, params),
        ))
    }

    /// [`Sender::pages`] with up to `concurrency` requests in flight; the
    /// pages still arrive in order.
    pub(crate) fn pages_concurrent<P, E>(
        self,
        method: &'static MethodInfo,
        start: impl Into<Option<i64>>,
        concurrency: usize,
        params: PageParams,
    ) -> BoxStream<'static, Result<P, Error<E>>>
    where
        P: Page + DeserializeOwned + Send + 'static,
        P::Item: Clone + Send,
        E: MethodError,
    {
        let fetcher = self.fetcher(method, params);
        typed(erased_pages_concurrent(
            start.into().unwrap_or(1),
            concurrency,
            fetcher,
        ))
    }

    /// Every item of every page of [`Sender::pages`], in order.
    pub(crate) fn items<P, E>(
        self,
        method: &'static MethodInfo,
        start: impl Into<Option<i64>>,
        params: PageParams,
    ) -> BoxStream<'static, Result<P::Item, Error<E>>>
    where
        P: Page + DeserializeOwned + Send + 'static,
        P::Item: Clone + Send + 'static,
        E: MethodError,
    {
        let pages = erased_pages::<P>(start.into().unwrap_or(1), self.fetcher(method, params));
        typed(erased_items(pages))
    }

    /// Fetches page `n` with the runtime's call: compiled once per page
    /// type, the request's own part being the boxed `params`.
    fn fetcher<P: DeserializeOwned + Send + 'static>(
        self,
        method: &'static MethodInfo,
        params: PageParams,
    ) -> Fetcher<P> {
        Fetcher::call(self.client.core().clone(), method, self.options, params)
    }
}
