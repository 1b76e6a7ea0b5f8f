//! Hand-written runtime for the Flickr API client.
//!
//! This crate knows nothing about individual Flickr methods: the generated
//! bindings in `flickr-sdk` hand it a [`registry::MethodInfo`] and a
//! [`params::Params`] list, and it signs, sends, retries and decodes.
//! Features built on particular methods (checking an OAuth token, waiting
//! for upload tickets) live in `flickr-sdk`, on its generated methods.
//!
//! Module map:
//! - [`credentials`], [`signer`], [`oauth`]: who is calling, RFC 5849 signatures, the OAuth 1.0a dance.
//! - [`encoding`]: RFC 3986 / RFC 5849 §3.6 percent-encoding, a leaf module shared by [`signer`] and [`params`].
//! - [`endpoints`], [`transport`], [`client`], [`retry`]: where requests go, the HTTP layer, the call pipeline, the retry policy.
//! - [`envelope`], [`de`]: Flickr's JSON / JSONP / XML / form envelopes and its wire quirks.
//! - [`open_enum`]: [`open_enum::Open`], response enums that keep values the spec does not list.
//! - [`error`]: the one error type.
//! - [`upload`]: streamed multipart upload and replace.
//! - [`paging`]: page and item streams for every paged method.
//! - [`registry`], [`params`], [`ids`], [`values`]: method descriptions and typed argument values.
//! - [`civil`]: days since 1970 to and from calendar dates (one copy for the crate and the test kit).
//! - [`urls`]: photo source URLs per size, `flic.kr` short URLs, a Flickr web URL parser.
//! - [`quota`]: an optional token bucket shared by a client's clones (Flickr's 3,600 calls/hour), in process or, with the `redis-quota` feature, in Redis for a fleet sharing one key.
#![deny(missing_docs)]

pub mod civil;
pub mod client;
pub mod credentials;
pub mod de;
pub mod encoding;
pub mod endpoints;
pub mod envelope;
pub mod error;
pub mod ids;
pub mod oauth;
pub mod open_enum;
pub mod paging;
pub mod params;
mod perms;
pub mod quota;
pub mod registry;
pub mod retry;
pub mod signer;
pub mod transport;
pub mod upload;
pub mod urls;
pub mod values;
