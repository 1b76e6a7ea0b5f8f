//! A blocking facade for programs without an async runtime (cargo feature `blocking`).
//!
//! [`BlockingClient`] owns a small tokio runtime and drives the async API on
//! it: any request builder's `send()` through [`BlockingClient::send`], any
//! paging stream (`.pages()`, `.items()`) through [`BlockingClient::iter`] as
//! a plain [`Iterator`], uploads and replacements through
//! [`BlockingClient::upload`] / [`BlockingClient::replace`], and any call of
//! the one call path (`Client::call`: by name, raw body, options) through
//! [`BlockingClient::call`].
//!
//! ```no_run
//! # fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use flickr_sdk::blocking::BlockingClient;
//! use flickr_sdk::Client;
//!
//! let flickr = BlockingClient::new(Client::builder().api_key("your-api-key").build()?)?;
//!
//! // One call: build the request as usual, hand its `send()` to the facade.
//! let page = flickr.send(flickr.client().photos().search().text("qwirkle").send())?;
//! println!("{} photos", page.photos.len());
//!
//! // Paging: every item of every page, as an iterator.
//! for photo in flickr.iter(flickr.client().photos().search().text("qwirkle").items()).take(300) {
//!     println!("{}", photo?.id);
//! }
//!
//! // Upload, streamed from disk.
//! let reply = flickr.upload(flickr_sdk::upload::Upload::from_path("holiday.jpg").title("Holiday"))?;
//! # let _ = reply; Ok(()) }
//! ```
//!
//! Do not call the facade from inside an async runtime (for example in a
//! `#[tokio::main]` function): blocking there stalls the runtime, and tokio
//! refuses to start a runtime inside another. Use the async API there.

use crate::{CallOptions, Client, Error, FromAnswer, MethodRef, Params};
use flickr_core::upload::{Replace, Upload, UploadReply};
use futures::{Stream, StreamExt};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A [`Client`] with its own runtime: every method blocks until the answer is in.
/// Cheap to clone; clones share the runtime and the connection pool.
#[derive(Clone)]
pub struct BlockingClient {
    client: Client,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl fmt::Debug for BlockingClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlockingClient")
            .field("client", &self.client)
            .finish_non_exhaustive()
    }
}

impl BlockingClient {
    /// Wraps `client`, starting a runtime with one worker thread (the
    /// connection pool and timers run there).
    pub fn new(client: Client) -> std::io::Result<BlockingClient> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("flickr-blocking")
            .enable_all()
            .build()?;
        Ok(BlockingClient {
            client,
            runtime: Arc::new(runtime),
        })
    }

    /// The async client, for building requests.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Runs any future of this crate to completion, typically a request
    /// builder's `send()`, and returns its output.
    pub fn send<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// Turns any stream (a request builder's `.pages()`, `.pages_concurrent(n)`
    /// or `.items()`) into a blocking iterator. Each `next()` fetches a page
    /// only when the previous one is used up.
    pub fn iter<S>(&self, stream: S) -> BlockingIter<S::Item>
    where
        S: Stream + Send + 'static,
    {
        BlockingIter {
            runtime: self.runtime.clone(),
            stream: Box::pin(stream),
        }
    }

    /// Calls `method` through the one call path
    /// ([`CoreClient::call`](crate::CoreClient::call)): a registry entry or
    /// any method by name ([`MethodRef::named`]), into any type serde decodes
    /// or the raw body.
    pub fn call<'a, T: FromAnswer>(
        &self,
        method: impl Into<MethodRef<'a>>,
        params: Params,
        opts: &CallOptions,
    ) -> Result<T, Error> {
        self.runtime
            .block_on(self.client.core().call(method, params, opts))
    }

    /// Sends an upload (streamed from disk or a reader; progress callbacks run on the runtime's thread).
    pub fn upload(&self, upload: Upload) -> Result<UploadReply, Error> {
        self.runtime.block_on(upload.send(self.client.core()))
    }

    /// Sends a replacement.
    pub fn replace(&self, replace: Replace) -> Result<UploadReply, Error> {
        self.runtime.block_on(replace.send(self.client.core()))
    }
}

/// A blocking iterator over a stream, from [`BlockingClient::iter`].
pub struct BlockingIter<T> {
    runtime: Arc<tokio::runtime::Runtime>,
    stream: Pin<Box<dyn Stream<Item = T> + Send>>,
}

impl<T> fmt::Debug for BlockingIter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlockingIter").finish_non_exhaustive()
    }
}

impl<T> Iterator for BlockingIter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        self.runtime.block_on(self.stream.next())
    }
}
