//! Typed bindings for the whole Flickr API.
//!
//! Every method of Flickr's API (the 223 its reflection lists, and
//! `flickr.video.getStreamInfo`, which it does not) is generated at build time
//! from the spec in `spec/` by the `codegen` crate: a namespace accessor on
//! [`Client`] returns a request builder whose constructor takes the required
//! arguments and whose setters take the optional ones; `.send().await`
//! returns the typed response or an [`Error`] carrying the method's own error
//! enum.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use flickr_sdk::Client;
//! use flickr_sdk::types::Extra;
//!
//! let flickr = Client::builder().api_key("your-api-key").build()?;
//! let page = flickr
//!     .photos()
//!     .search()
//!     .text("qwirkle")
//!     .extras([Extra::UrlM, Extra::DateTaken])
//!     .per_page(50)
//!     .send()
//!     .await?;
//! for photo in &page.photos {
//!     println!("{} {:?}", photo.id, photo.title);
//! }
//! # Ok(()) }
//! ```
//!
//! Response fields with a documented set of values (a photo's `media`, a
//! place's `place_type`, …) are enums wrapped in [`Open`]: a value Flickr
//! added after the spec decodes as [`Open::Unknown`] instead of failing.
//!
//! ```
//! use flickr_sdk::types::MediaType;
//! use flickr_sdk::Open;
//!
//! let media: Open<MediaType> = serde_json::from_str(r#""video""#).unwrap();
//! assert_eq!(media, MediaType::Video);
//! let newer: Open<MediaType> = serde_json::from_str(r#""hologram""#).unwrap();
//! assert_eq!((newer.known(), newer.as_str()), (None, "hologram"));
//! ```
//!
//! Namespaces map to modules (`flickr.photos.geo.*` → [`photos::geo`]) and to
//! accessors (`client.photos().geo().get_location(photo_id)`). The
//! [`registry`] lists every method as data; [`dropped`] lists what an answer
//! holds that its typed value does not carry (`flickr call --dropped`).
//!
//! [`oauth`] and [`upload`] are flickr-core's OAuth dance and uploads, plus
//! what they need of the API itself: checking a token
//! ([`oauth::check_token`], feature `auth`), waiting for asynchronous upload
//! tickets and the values of an upload's fields ([`upload::wait_for_tickets`],
//! [`upload::SafetyLevel`], [`upload::PhotoContentType`], feature `photos`).
//!
//! With the cargo feature `blocking`, `flickr_sdk::blocking::BlockingClient`
//! offers the same calls, paging and uploads to programs without an async
//! runtime.
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// With few namespace features on, some shapes go unused.
#[macro_use]
#[allow(unused_macros)]
mod macros;

#[cfg(feature = "blocking")]
pub mod blocking;
// Used by the registry's decoders, which exist only for enabled namespaces.
#[allow(dead_code)]
mod decode;
mod dropped;
// `License::name`/`url`: compiled with the generated `License` (build.rs
// declares `generated_type` for each shared type this feature set compiles).
#[cfg(generated_type = "License")]
mod licenses;
pub mod oauth;
#[cfg(feature = "schemas")]
#[cfg_attr(docsrs, doc(cfg(feature = "schemas")))]
pub mod schemas;
#[cfg(feature = "photos")]
#[cfg_attr(docsrs, doc(cfg(feature = "photos")))]
pub mod search_walker;
pub mod sizes;
pub mod upload;

pub use dropped::{dropped, DroppedMember};
pub use flickr_core::client::{
    CallOptions, ClientBuilder, Format, FromAnswer, MethodRef, RawResponse,
};
pub use flickr_core::credentials::{AccessToken, Credentials, Secret};
pub use flickr_core::endpoints::Endpoints;
pub use flickr_core::error::Error;
pub use flickr_core::ids::{
    CollectionId, CommentId, GalleryId, GroupId, NoteId, PhotoId, PhotosetId, PlaceId, ReplyId,
    SuggestionId, TagId, TestimonialId, TicketId, TopicId, UserId, WoeId,
};
pub use flickr_core::open_enum::{Open, WireEnum};
pub use flickr_core::params::{Params, ToParam};
pub use flickr_core::registry::Verb;
pub use flickr_core::retry::RetryPolicy;
pub use flickr_core::values::DateValue;

/// The runtime client under [`Client`]: raw calls, OAuth, uploads. [`Client`]
/// derefs to it, and [`Client::core`] returns it.
pub use flickr_core::client::Client as CoreClient;

/// The one error type and its parts: [`Error`] is generic over
/// a method's own error enum ([`MethodError`](error::MethodError)), with
/// [`ErrorCode`](error::ErrorCode), a bare code, for calls by name; and
/// [`GenericError`](error::GenericError), Flickr's generic codes (95–116)
/// that every method's error enum reaches through its `Generic` variant.
pub mod error {
    pub use crate::generic_errors::GenericError;
    pub use flickr_core::error::{
        ApiError, Chain, DecodeError, Error, ErrorCode, HttpError, MethodError, OAuthError,
        QuotaError, QuotaErrorKind, TimeoutError, TransportError, TransportErrorKind,
    };
}

/// A call budget shared by a client's clones (Flickr allows 3,600 calls an
/// hour per key): in process, or with the `redis-quota` feature in Redis for
/// every process and machine using one key.
pub mod quota {
    pub use flickr_core::error::redact_store_url;
    pub use flickr_core::quota::{Admission, Quota, DEFAULT_429_PAUSE, FLICKR_CALLS_PER_HOUR};
    #[cfg(feature = "redis-quota")]
    pub use flickr_core::quota::{RedisQuotaBuilder, DEFAULT_KEY_PREFIX, DEFAULT_REDIS_TIMEOUT};
}

/// When to try again: the retry policy calls use (jittered exponential
/// backoff, `Retry-After` honored) and the one attempt loop,
/// [`run`](retry::run), for anything else that talks to Flickr's hosts too
/// (the backup's files and thumbnails go through it): the caller classifies
/// each failure, the loop waits, retries and paces.
pub mod retry {
    pub use flickr_core::retry::{run, Attempt, Classified, RetryAction, RetryPolicy};
}

/// Page and item streams: what a paged request's `.pages()` and `.items()`
/// return, and the [`Page`](paging::Page) trait every page type implements.
pub mod paging {
    pub use flickr_core::paging::{items, pages, pages_concurrent, BoxStream, Page, Stream};
}

pub mod links;
// With no namespace feature on, no request type sends.
#[allow(dead_code)]
mod sender;

#[allow(unused_imports)]
pub(crate) use sender::Sender;

/// The HTTP layer: a [`Transport`](transport::Transport) to swap in (tests,
/// proxies, recording) and the reqwest one used by default.
pub mod transport {
    pub use flickr_core::transport::*;
}

/// Support for the generated code and its macros: not part of the API, may
/// change in any release.
#[doc(hidden)]
pub mod __private {
    /// Envelope reading (the CLI's `--answer FILE` reads a saved answer with it).
    pub use flickr_core::__private::envelope;
    pub use flickr_core::__private::paging::{
        erased_items, erased_pages, erased_pages_concurrent, typed, Fetcher,
    };
    pub use flickr_core::__private::{de, typed_params};
    pub use flickr_core::client::{Client, RawResponse};
    pub use flickr_core::error::{Error, MethodError};
    pub use flickr_core::open_enum::{Open, WireEnum};
    pub use flickr_core::paging::{BoxStream, Page};
    pub use flickr_core::params::{Params, ToParam};

    /// The registry's data types.
    pub mod registry {
        pub use flickr_core::registry::*;
    }
}

include!(concat!(env!("OUT_DIR"), "/flickr_sdk.rs"));

/// A Flickr API client: cheap to clone, safe to share between tasks.
///
/// Build one with [`Client::builder`]; the generated namespace accessors
/// (`photos()`, `people()`, …) hang off it. [`Client::core`] gives the
/// runtime client underneath for raw calls, OAuth and uploads.
#[derive(Debug, Clone)]
pub struct Client {
    core: flickr_core::client::Client,
}

impl Client {
    /// Starts building a client (credentials, endpoints, timeouts, retries).
    pub fn builder() -> ClientBuilder<Client> {
        ClientBuilder::new()
    }

    /// The runtime client: raw calls, OAuth, uploads.
    pub fn core(&self) -> &flickr_core::client::Client {
        &self.core
    }
}

impl From<flickr_core::client::Client> for Client {
    fn from(core: flickr_core::client::Client) -> Client {
        Client { core }
    }
}

impl std::ops::Deref for Client {
    type Target = flickr_core::client::Client;

    fn deref(&self) -> &Self::Target {
        &self.core
    }
}

/// Compile-time guarantees of the generated API, checked as doctests.
///
/// Required arguments are constructor parameters, so leaving one out does not compile:
///
/// ```compile_fail
/// # fn f(client: flickr_sdk::Client) {
/// // `flickr.stats.getPhotostreamReferrers` requires `date` and `domain`.
/// let _ = client.stats().get_photostream_referrers("flickr.com");
/// # }
/// ```
///
/// while the complete call does:
///
/// ```
/// # fn f(client: flickr_sdk::Client) {
/// let _ = client
///     .stats()
///     .get_photostream_referrers(flickr_sdk::DateValue::ymd(2024, 5, 1), "flickr.com")
///     .per_page(50);
/// # }
/// ```
///
/// Arguments are typed: a string where an integer belongs does not compile,
///
/// ```compile_fail
/// # fn f(client: flickr_sdk::Client) {
/// let _ = client.photos().search().per_page("fifty");
/// # }
/// ```
///
/// nor does a boolean where a photo id belongs, nor a string where an enum belongs:
///
/// ```compile_fail
/// # fn f(client: flickr_sdk::Client) {
/// let _ = client.photos().get_info(true);
/// # }
/// ```
///
/// ```compile_fail
/// # fn f(client: flickr_sdk::Client) {
/// let _ = client.photos().search().sort("relevance");
/// # }
/// ```
///
/// and the well-typed versions compile:
///
/// ```
/// # fn f(client: flickr_sdk::Client) {
/// use flickr_sdk::types::{Extra, SortOrder};
/// let _ = client.photos().get_info("53410986372");
/// let _ = client.photos().search().per_page(50).sort(SortOrder::Relevance).extras([Extra::UrlM]);
/// # }
/// ```
#[cfg(all(doctest, feature = "photos", feature = "stats"))]
pub struct CompileChecks;

/// The README's code, compiled as a doctest so it cannot rot.
#[cfg(all(doctest, feature = "full"))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

#[cfg(test)]
mod tests {
    /// `cargo test -p flickr-sdk --lib --no-default-features --features photos`
    /// (in `.ci/run`) checks this with one namespace on; the workspace tests
    /// with all of them.
    #[test]
    fn the_registry_lists_exactly_the_enabled_namespaces() {
        use crate::registry::{FEATURES, METHODS};
        let namespace = |name: &str| name.split('.').nth(1).unwrap_or("").to_owned();
        for m in METHODS {
            assert!(
                FEATURES.contains(&namespace(m.name).as_str()),
                "{} is listed but its feature is off",
                m.name
            );
        }
        for f in FEATURES {
            assert!(
                METHODS.iter().any(|m| namespace(m.name) == *f),
                "feature {f} is on but none of its methods is listed"
            );
        }
        assert_eq!(FEATURES.contains(&"photos"), cfg!(feature = "photos"));
    }
}

/// This crate's own README (its page in the registry): its examples are doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct CrateReadmeDoctests;
