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
//! - [`endpoints`], [`transport`], [`client`], [`retry`]: where requests go, the HTTP layer, the call pipeline, the retry policy.
//! - [`open_enum`]: [`open_enum::Open`], response enums that keep values the spec does not list.
//! - [`error`]: the one error type.
//! - [`upload`]: streamed multipart upload and replace.
//! - [`paging`]: page and item streams for every paged method.
//! - [`registry`], [`params`], [`ids`], [`values`]: method descriptions and typed argument values.
//! - [`quota`]: an optional token bucket shared by a client's clones (Flickr's 3,600 calls/hour), in process or, with the `redis-quota` feature, in Redis for a fleet sharing one key.
//!
//! Inside, not public: percent-encoding (a leaf shared by the signer and
//! [`params`]), Flickr's JSON / JSONP / XML / form envelopes and its wire
//! quirks, and calendar arithmetic. What the generated bindings and the test
//! kit need of them is in the hidden `__private` module, which is not part of
//! the API; the fuzz targets reach the decoders through the `fuzzing` feature.
#![deny(missing_docs)]

mod civil;
pub mod client;
pub mod credentials;
mod de;
mod encoding;
pub mod endpoints;
mod envelope;
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
pub mod values;

/// Support for the generated bindings in `flickr-sdk` and for the test kit:
/// not part of the API, may change in any release.
#[doc(hidden)]
pub mod __private {
    /// Flickr's wire quirks, read by the generated response types
    /// (flickr-sdk's `serde_members!`, `via reader`).
    pub mod de {
        pub use crate::de::*;
    }

    /// Envelope decoding for `flickr_sdk::registry::decode_to_json` and the
    /// loopback server.
    pub mod envelope {
        pub use crate::envelope::{
            decode, decode_body, read_rest, unwrap_jsonp, xml_to_value, Called, JsonText, Root,
        };
    }

    /// The page streams compiled once per page type.
    pub mod paging {
        pub use crate::paging::erased::{
            erased_items, erased_pages, erased_pages_concurrent, typed, Fetcher, PageParams,
        };
    }

    pub use crate::civil::{civil_from_days, days_from_civil};

    /// The parameter list a generated request builder fills: its values
    /// were typed, so the client checks only what a type cannot say.
    pub fn typed_params() -> crate::params::Params {
        crate::params::Params::typed()
    }
}

/// The decoders that read network bytes, for the fuzz targets in `fuzz/`.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::envelope::{
        check_stat, decode_body, decode_form, decode_response, decode_upload, parse_form,
        unwrap_jsonp, xml_to_value, Called, FormReply, UploadReply,
    };
}

/// The README (the crate's page in the registry): its examples are doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
