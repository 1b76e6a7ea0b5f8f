//! The page streams with their types erased, for the generated bindings
//! (reached as `flickr_core::__private::paging`): compiled once per page
//! type instead of once per paged method.

use std::sync::Arc;

use futures::future::BoxFuture;
use futures::StreamExt;

use serde::de::DeserializeOwned;

use super::{items, pages, pages_concurrent, BoxStream, Page};
use crate::client::{CallOptions, Client};
use crate::error::{Error, MethodError};
use crate::params::Params;
use crate::registry::MethodInfo;

/// A page fetcher with its types erased: `n` → page `n`, untyped errors.
///
/// Generated code hands one of these to [`erased_pages`],
/// [`erased_pages_concurrent`] and [`erased_items`], so the stream machinery
/// is compiled once per page type (`PhotoPage`, …) instead of once per paged
/// method; [`typed`] then gives the errors the method's own enum.
pub struct Fetcher<P>(Arc<FetchFn<P>>);

type FetchFn<P> = dyn Fn(i64) -> BoxFuture<'static, Result<P, Error>> + Send + Sync;

impl<P> Clone for Fetcher<P> {
    fn clone(&self) -> Self {
        Fetcher(self.0.clone())
    }
}

impl<P> Fetcher<P> {
    /// Wraps a function that fetches page `n`.
    pub fn new(
        fetch: impl Fn(i64) -> BoxFuture<'static, Result<P, Error>> + Send + Sync + 'static,
    ) -> Self {
        Fetcher(Arc::new(fetch))
    }

    /// Fetches page `n`.
    pub fn fetch(&self, n: i64) -> BoxFuture<'static, Result<P, Error>> {
        (self.0)(n)
    }
}

/// The parameters of page `n` of a request (its page argument set to `n`).
pub type PageParams = Box<dyn Fn(i64) -> Params + Send + Sync>;

impl<P: DeserializeOwned + Send + 'static> Fetcher<P> {
    /// Fetches page `n` with [`Client::call`]: `method` with the parameters
    /// `params(n)` and `opts` (format, timeout, retries), read at the
    /// method's root,
    /// the same call a request's `send()` makes. Compiled once per page type;
    /// the request's own part is the boxed `params`.
    pub fn call(
        client: Client,
        method: &'static MethodInfo,
        opts: CallOptions,
        params: PageParams,
    ) -> Self {
        Fetcher::new(move |n| {
            let client = client.clone();
            let opts = opts.clone();
            let params = params(n);
            Box::pin(async move { client.call(method, params, &opts).await })
        })
    }
}

/// [`pages`] over a [`Fetcher`].
pub fn erased_pages<P>(start: i64, fetcher: Fetcher<P>) -> BoxStream<'static, Result<P, Error>>
where
    P: Page + Send + 'static,
    P::Item: Clone + Send,
{
    Box::pin(pages(start, move |n| fetcher.fetch(n)))
}

/// [`pages_concurrent`] over a [`Fetcher`].
pub fn erased_pages_concurrent<P>(
    start: i64,
    concurrency: usize,
    fetcher: Fetcher<P>,
) -> BoxStream<'static, Result<P, Error>>
where
    P: Page + Send + 'static,
{
    Box::pin(pages_concurrent(start, concurrency, move |n| {
        fetcher.fetch(n)
    }))
}

/// [`items`] of an erased page stream.
pub fn erased_items<P>(
    pages: BoxStream<'static, Result<P, Error>>,
) -> BoxStream<'static, Result<P::Item, Error>>
where
    P: Page + Send + 'static,
    P::Item: Send,
{
    Box::pin(items(pages))
}

/// Gives a stream's errors the method's own error enum.
pub fn typed<T, E>(
    stream: BoxStream<'static, Result<T, Error>>,
) -> BoxStream<'static, Result<T, Error<E>>>
where
    T: Send + 'static,
    E: MethodError,
{
    Box::pin(stream.map(typed_result))
}

fn typed_result<T, E: MethodError>(r: Result<T, Error>) -> Result<T, Error<E>> {
    r.map_err(Error::typed)
}
