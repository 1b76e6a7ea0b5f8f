//! What a call returns: the last step of the request path, and the only one
//! generic over the caller's type ([`FromAnswer`]).

use crate::envelope::{self, Called, RawResponse, RestReply, Root};
use crate::error::Error;
use serde::de::DeserializeOwned;

/// A successful REST answer (`stat=ok`), before the caller's type reads it.
#[derive(Debug)]
pub struct Answer<'a> {
    ctx: Called<'a>,
    reply: RestReply,
    root: Root,
}

impl<'a> Answer<'a> {
    pub(crate) fn new(ctx: Called<'a>, reply: RestReply, root: Root) -> Self {
        Answer { ctx, reply, root }
    }

    /// Decodes the answer at its root ([`MethodRef::root`](super::MethodRef::root))
    /// with [`envelope::decode`], the one typed decode.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, Error> {
        envelope::decode(self.ctx, &self.reply.text, self.root)
    }

    /// The body as received.
    pub fn into_raw(self) -> RawResponse {
        RawResponse {
            body: self.reply.text.body().clone(),
            content_type: self.reply.content_type,
            format: self.reply.format,
        }
    }
}

/// What [`Client::call`](super::Client::call) can return: any type serde can
/// decode (the generated response types, `serde_json::Value`, your own), read
/// from the whole answer object or from its member
/// [`MethodRef::root`](super::MethodRef::root); or [`RawResponse`], the
/// body as received.
pub trait FromAnswer: Sized {
    /// Reads the value out of a successful answer.
    fn from_answer(answer: Answer<'_>) -> Result<Self, Error>;
}

impl<T: DeserializeOwned> FromAnswer for T {
    fn from_answer(answer: Answer<'_>) -> Result<T, Error> {
        answer.decode()
    }
}

impl FromAnswer for RawResponse {
    fn from_answer(answer: Answer<'_>) -> Result<RawResponse, Error> {
        Ok(answer.into_raw())
    }
}
