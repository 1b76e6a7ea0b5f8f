//! A loopback Flickr for tests and offline development.
//!
//! Unlike a mock that accepts anything, it checks what Flickr checks and
//! answers the way Flickr answers, so a green test means the request would
//! have worked:
//!
//! - **REST** at `BASE/services/rest/`: unknown method → 112, missing or
//!   unknown API key → 100, missing signature → 97, bad signature → 96,
//!   invalid token → 98, token without the method's permission → 99, missing
//!   required argument → the method's documented code (or
//!   [`rest::INVALID_ARGUMENT`]); `format=json` with and without
//!   `nojsoncallback`, and `format=rest`. Signatures are recomputed with
//!   flickr-core's RFC 5849 signer from the parameters received.
//! - **An in-memory Flickr** (users, photos with titles, tags, dates, geo and
//!   sizes, albums, favorites, comments) that makes the common methods work
//!   for real, `photos.search`'s 4,000-result cap included
//!   ([`SEARCH_RESULT_CAP`]); every other method answers its
//!   documented example response.
//! - **OAuth** at `BASE/services/oauth/…`: real request and access tokens
//!   bound to permissions; the authorize page approves at once (scriptable).
//! - **Upload and replace** at `BASE/services/upload/` and
//!   `BASE/services/replace/`: multipart streamed into SHA-256 (the form
//!   reader is streamed and bounded), the `photo` part excluded from the signature,
//!   synchronous or with tickets.
//! - **Static hosts** at `BASE/static/…` ([`STATIC_TARGET`] for faults): the image and
//!   video URLs the API lists, with deterministic bytes of the announced
//!   length that are real files (a small JPEG, some with camera EXIF and
//!   a turning orientation, PNG or GIF picture; an ISO-BMFF video skeleton);
//!   404 for any other URL; requests counted per path.
//! - **Account exports** ([`FakeFlickr::write_export`], [`ExportSpec`]): a
//!   member's export as Flickr's "Request my Flickr Data" gives it
//!   (`72157…_<token>_partN.zip` metadata, `data-download-N.zip` media, the
//!   real file names and JSON shapes), the media being the originals the
//!   static host serves; missing or duplicated media, missing metadata, the
//!   2018/19 geo object, re-uploaded names, unknown dates and odd album lists
//!   on request.
//! - **Accounts for backups** ([`AccountSpec`]): thousands of photos and
//!   videos with albums, collections, galleries and favorites, and edits
//!   between runs.
//! - **Public members for archive tests** ([`Builder::users`]): members with
//!   photos and videos over several years, albums, galleries, group pools
//!   and Commons institutions, and run-time changes ([`FakeFlickr::hide_user`],
//!   [`FakeFlickr::delete_photoset`]).
//! - **Fault injection** per method, on the static host (`static`), or on
//!   every n-th request: 5xx, 429 with `Retry-After`, API 105, slow answers,
//!   dropped connections, truncated bodies.
//! - **A second, independent signature check** ([`oauth_server`]): a small
//!   server for the OAuth dance and uploads that checks signatures with its
//!   own RFC 5849 code instead of flickr-core's signer, so a signer bug
//!   cannot pass by agreeing with itself. The real servers the suites start
//!   are here too: [`postgres_server`], [`redis_server`], [`s3_server`].
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let fake = flickr_testkit::FakeFlickr::start().await?;
//! let creds = fake.credentials();
//! println!("{} {} {}", fake.base_url(), creds.api_key, creds.oauth_token);
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod account;
mod auth;
pub mod bagit;
mod config;
mod export;
mod faults;
mod fixture_dir;
mod fixtures;
mod hosted;
mod members;
mod methods;
pub mod mirror;
mod multipart;
mod oauth;
pub mod oauth_server;
pub mod postgres_server;
pub mod redis_server;
mod request;
mod request_log;
mod rest;
pub mod s3_server;
pub mod scenario;
mod seed;
mod server;
mod shared;
mod state;
mod static_host;
mod upload;
mod wire;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use flickr_core::registry::Perms;
use tokio::sync::watch;

pub use account::{AccountSpec, FIRST_ACCOUNT_ALBUM_ID, FIRST_ACCOUNT_PHOTO_ID};
pub use config::{Builder, Config, TestCredentials};
pub use export::{write_export, ExportSpec, WrittenExport};
pub use faults::Fault;
pub use fixture_dir::fixture_tempdir;
pub use fixtures::undecodable_canned_answers;
pub use hosted::Hosted;
pub use members::MEMBER_PHOTOS;
pub use methods::SEARCH_RESULT_CAP;
pub use request_log::{busiest_window, Arrival};
pub use rest::INVALID_ARGUMENT;
pub use seed::{ALICE, BOB, CAROL};
pub use state::{
    now_unix, Comment, Group, Photo, PhotoMore, Photoset, State, StoredUpload, Token, User,
};
pub use static_host::STATIC_TARGET;

/// The retry policy for a client of the loopback Flickr: the default
/// policy's attempts, waiting 5 ms doubling to 20 ms between them (the
/// server answers at once, so a fault's retry need not wait seconds) and
/// giving up after 30 s.
pub fn quick_retries() -> flickr_sdk::RetryPolicy {
    flickr_sdk::RetryPolicy::default()
        .with_delays(Duration::from_millis(5), Duration::from_millis(20))
        .with_deadline(Some(Duration::from_secs(30)))
}

/// The upload form reader, for the fuzz target in `fuzz/`; not part of the API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::multipart::{parse_form, read_form, MAX_FIELD};
}

use shared::Shared;
use state::Token as StateToken;

/// A running loopback Flickr. Stops when dropped (or on [`FakeFlickr::shutdown`]).
#[derive(Debug)]
pub struct FakeFlickr {
    shared: Arc<Shared>,
    config: Config,
    stop: watch::Sender<bool>,
}

impl FakeFlickr {
    /// Starts a server with the default configuration on a free port.
    pub async fn start() -> std::io::Result<FakeFlickr> {
        FakeFlickr::start_with(Config::default()).await
    }

    /// A builder for other settings.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// Starts a server with `config`.
    pub async fn start_with(config: Config) -> std::io::Result<FakeFlickr> {
        let listener = server::bind(config.port).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            state: Mutex::new({
                let mut state = seed::seed(&config);
                if let Some(spec) = &config.account {
                    spec.build(&mut state);
                }
                members::build(&mut state, config.users, config.member_photos);
                state
            }),
            faults: Mutex::new(faults::Faults::default()),
            addr,
        });
        let (stop, stopped) = watch::channel(false);
        tokio::spawn(server::serve(listener, shared.clone(), stopped));
        Ok(FakeFlickr {
            shared,
            config,
            stop,
        })
    }

    /// `http://127.0.0.1:PORT/`: give it to `ClientBuilder::base_url`.
    pub fn base_url(&self) -> String {
        self.shared.base_url()
    }

    /// The listening address.
    pub fn addr(&self) -> SocketAddr {
        self.shared.addr
    }

    /// Consumer key and secret and the pre-authorized access token.
    pub fn credentials(&self) -> TestCredentials {
        TestCredentials {
            api_key: self.config.api_key.clone(),
            api_secret: self.config.api_secret.clone(),
            oauth_token: self.config.oauth_token.clone(),
            oauth_token_secret: self.config.oauth_token_secret.clone(),
            user_nsid: seed::ALICE.to_owned(),
            username: "alice".to_owned(),
        }
    }

    /// A client of this server signed in as its default user with the
    /// ready-made token (delete permission), retrying at loopback speed
    /// ([`quick_retries`]).
    pub fn client(&self) -> flickr_sdk::Client {
        let c = self.credentials();
        flickr_sdk::Client::builder()
            .oauth(c.api_key, c.api_secret, c.oauth_token, c.oauth_token_secret)
            .base_url(&self.base_url())
            .retry_policy(quick_retries())
            .build()
            .expect("a client of the loopback Flickr builds")
    }

    /// A client of this server with its API key only (public reads),
    /// retrying at loopback speed ([`quick_retries`]).
    pub fn key_client(&self) -> flickr_sdk::Client {
        flickr_sdk::Client::builder()
            .api_key(self.credentials().api_key)
            .base_url(&self.base_url())
            .retry_policy(quick_retries())
            .build()
            .expect("a client of the loopback Flickr builds")
    }

    /// The configuration the server started with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Issues another access token for the seeded user `nsid` with `perms`
    /// (e.g. a read-only token to provoke code 99). Returns (token, secret).
    pub fn issue_token(&self, nsid: &str, perms: Perms) -> (String, String) {
        let mut state = self.shared.state();
        let (token, secret) = oauth::fresh_token(&mut state);
        state.tokens.insert(
            token.clone(),
            StateToken::Access {
                secret: secret.clone(),
                consumer_key: self.config.api_key.clone(),
                user: nsid.to_owned(),
                perms,
            },
        );
        (token, secret)
    }

    /// Approves a request token as the default user, as a user clicking
    /// "OK, I'll authorize it" would; returns the verifier.
    pub fn approve(&self, request_token: &str, perms: Perms) -> Option<String> {
        let mut state = self.shared.state();
        let user = state.default_user.clone();
        oauth::approve(&mut state, request_token, &user, perms)
    }

    /// Turns the authorize page's automatic approval on or off.
    pub fn set_auto_approve(&self, yes: bool) {
        self.shared.state().auto_approve = yes;
    }

    /// Queues `fault` for the next `times` requests to `target` (a method
    /// name, `upload`, `replace`, `oauth.request_token`, `oauth.access_token`,
    /// or `*` for every REST method).
    pub fn inject(&self, target: &str, fault: Fault, times: u32) {
        self.shared.faults().push(target, fault, times);
    }

    /// Forgets every pending fault.
    pub fn clear_faults(&self) {
        self.shared.faults().clear();
    }

    /// Requests received for `what`: a method name as the registry spells it
    /// (`flickr.photos.search`), `upload`, `replace`, or `oauth.request_token`,
    /// `oauth.authorize`, `oauth.access_token`. Counted before any check.
    pub fn requests(&self, what: &str) -> u64 {
        let state = self.shared.state();
        let by_name = flickr_sdk::registry::find(what).map_or(what, |m| m.name);
        state.requests.get(by_name).copied().unwrap_or(0)
    }

    /// Every request received so far with its arrival time, oldest first
    /// (see [`Arrival`]).
    pub fn arrivals(&self) -> Vec<request_log::Arrival> {
        self.shared.state().request_log.arrivals().to_vec()
    }

    /// Requests received in total, static-host requests aside (see
    /// [`FakeFlickr::static_requests`]).
    pub fn total_requests(&self) -> u64 {
        self.shared
            .state()
            .requests
            .iter()
            .filter(|(k, _)| !k.starts_with(static_host::COUNT_PREFIX))
            .map(|(_, n)| n)
            .sum()
    }

    /// Every file received by upload and replace, in order.
    pub fn uploads(&self) -> Vec<StoredUpload> {
        self.shared.state().uploads.clone()
    }

    /// The photo with id `id`.
    pub fn photo(&self, id: u64) -> Option<Photo> {
        self.shared.state().photos.get(&id).cloned()
    }

    /// Number of photos held (public and private).
    pub fn photo_count(&self) -> usize {
        self.shared.state().photos.len()
    }

    /// Ids of the public photos, newest upload first (what an anonymous
    /// `photos.search` would page through).
    pub fn public_photo_ids(&self) -> Vec<u64> {
        let state = self.shared.state();
        let mut photos: Vec<&Photo> = state.photos.values().filter(|p| p.is_public).collect();
        photos.sort_by_key(|p| std::cmp::Reverse((p.date_upload, p.id)));
        photos.iter().map(|p| p.id).collect()
    }

    /// The album with id `id`.
    pub fn photoset(&self, id: u64) -> Option<Photoset> {
        self.shared.state().photosets.get(&id).cloned()
    }

    /// Comments on photo `id`, oldest first.
    pub fn comments(&self, photo_id: u64) -> Vec<Comment> {
        self.shared
            .state()
            .comments
            .iter()
            .filter(|c| c.photo_id == photo_id)
            .cloned()
            .collect()
    }

    /// Photo ids `nsid` has marked as favorite.
    pub fn favorites(&self, nsid: &str) -> Vec<u64> {
        self.shared
            .state()
            .favorites
            .keys()
            .filter(|(u, _)| u == nsid)
            .map(|(_, p)| *p)
            .collect()
    }

    /// The seeded user `nsid`.
    pub fn user(&self, nsid: &str) -> Option<User> {
        self.shared.state().users.get(nsid).cloned()
    }

    /// Runs `f` with the whole in-memory state locked (for checks the
    /// accessors do not cover; keep it short, requests wait meanwhile).
    /// Do not call other `FakeFlickr` methods inside `f` except
    /// [`FakeFlickr::credentials`] and [`FakeFlickr::base_url`]: the lock is not re-entrant.
    pub fn with_state<R>(&self, f: impl FnOnce(&mut state::State) -> R) -> R {
        f(&mut self.shared.state())
    }

    /// Stops serving and closes every connection.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        tokio::task::yield_now().await;
    }
}

impl Drop for FakeFlickr {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// The NSIDs of the seeded users: `alice` (the pre-authorized token's user), `bob`, `carol`.
pub const SEEDED_USERS: [&str; 3] = [seed::ALICE, seed::BOB, seed::CAROL];

/// The README (the crate's page in the registry): its examples are doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
