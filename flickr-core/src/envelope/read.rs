//! Reading one HTTP answer, for the client's attempt loop: each kind of
//! request has its reader, and each reader returns its own type, so the loop
//! (`crate::client::attempt`) hands back exactly what its caller asked for.
//!
//! A reader's error decides whether the loop tries again: a `stat=fail` 105,
//! an unparsable body or a 5xx are retryable ([`Error::is_retryable`]).

use super::{decode_form, decode_upload, read_rest, status_error, Called, FormReply, JsonText};
use super::{Format, UploadReply};
use crate::error::Error;
use crate::transport::HttpResponse;

/// Reads an HTTP answer into what one kind of request gets back.
///
/// There are three readers ([`RestReader`], [`FormReader`], [`UploadReader`]);
/// the attempt loop is generic over them, so it is compiled three times, never
/// once per method.
pub(crate) trait ReadReply {
    /// What a successful answer reads as.
    type Reply;

    /// Reads `resp`, which came from `url` (already redacted).
    fn read(&self, resp: HttpResponse, url: &str) -> Result<Self::Reply, Error>;
}

/// A REST answer with `stat=ok`, as JSON text, before the caller's type reads it.
#[derive(Debug, Clone)]
pub(crate) struct RestReply {
    /// The JSON text (and the body it came from).
    pub text: JsonText,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The format that was asked for.
    pub format: Format,
}

/// Reads a REST envelope (JSON, JSONP or XML): a non-2xx status is an HTTP
/// (or API, or OAuth) error, `stat=fail` an API error.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RestReader<'a> {
    /// Who was called, for error messages.
    pub ctx: Called<'a>,
    /// The format that was asked for.
    pub format: Format,
}

impl ReadReply for RestReader<'_> {
    type Reply = RestReply;

    fn read(&self, resp: HttpResponse, url: &str) -> Result<RestReply, Error> {
        if !resp.is_success() {
            return Err(status_error(self.ctx, &resp, url));
        }
        let text = read_rest(self.ctx, &resp.body)?;
        Ok(RestReply {
            content_type: resp.content_type().map(str::to_owned),
            text,
            format: self.format,
        })
    }
}

/// Reads a form-encoded OAuth token reply; `what` names the step.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FormReader<'a>(pub &'a str);

impl ReadReply for FormReader<'_> {
    type Reply = FormReply;

    fn read(&self, resp: HttpResponse, url: &str) -> Result<FormReply, Error> {
        decode_form(self.0, &resp, url)
    }
}

/// Reads an upload or replace answer (XML); `what` is `upload` or `replace`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UploadReader<'a>(pub &'a str);

impl ReadReply for UploadReader<'_> {
    type Reply = UploadReply;

    fn read(&self, resp: HttpResponse, url: &str) -> Result<UploadReply, Error> {
        decode_upload(self.0, &resp, url)
    }
}
