//! A loopback Flickr on a runtime of its own: [`Hosted`].

use std::future::Future;

use crate::{Builder, FakeFlickr};

/// A running loopback Flickr and the runtime that serves it: for plain
/// `#[test]` functions (the real `flickr` binary as the client, say), and
/// for one server shared by every test of a binary through a `static`
/// (it outlives each test's own runtime).
pub struct Hosted {
    /// The server.
    pub fake: FakeFlickr,
    /// The runtime serving it (two worker threads).
    pub runtime: tokio::runtime::Runtime,
}

impl Hosted {
    /// The seeded world alone.
    pub fn start() -> Hosted {
        Hosted::start_with(|b| b)
    }

    /// The server `configure` makes of the default builder.
    ///
    /// # Panics
    /// When the runtime or the server cannot start: a test cannot go on.
    pub fn start_with(configure: impl FnOnce(Builder) -> Builder) -> Hosted {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime for the loopback Flickr");
        let fake = runtime
            .block_on(configure(FakeFlickr::builder()).start())
            .expect("the loopback Flickr starts");
        Hosted { fake, runtime }
    }

    /// The server's REST endpoint.
    pub fn base_url(&self) -> String {
        self.fake.base_url()
    }

    /// Runs `work` (a client's calls, a backup) to its end on the server's
    /// runtime.
    pub fn block_on<F: Future>(&self, work: F) -> F::Output {
        self.runtime.block_on(work)
    }
}
