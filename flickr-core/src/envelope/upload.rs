//! Upload and replace answers: always XML.

use super::form::form_oauth_error;
use super::{sniff, status_error, trim, Called, Shape};
use crate::error::{excerpt, Error};
use crate::ids::{PhotoId, TicketId};
use crate::registry::Perms;
use crate::transport::HttpResponse;
use serde_json::Value;

/// The answer of an upload or replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadReply {
    /// Synchronous: the photo's id (and, for replace, its new secrets).
    Photo {
        /// The photo id.
        id: PhotoId,
        /// The new secret (replace only).
        secret: Option<String>,
        /// The new original secret (replace only).
        original_secret: Option<String>,
    },
    /// Asynchronous: poll `flickr.photos.upload.checkTickets` with this ticket.
    Ticket(TicketId),
}

/// Decodes an upload or replace answer (`what` is `upload` or `replace`):
/// `<photoid>`, `<photoid secret=… originalsecret=…>`, `<ticketid>`, or
/// `<err code msg>` as an API error; OAuth refusals and HTTP errors as such.
pub fn decode_upload(what: &str, resp: &HttpResponse, url: &str) -> Result<UploadReply, Error> {
    let ctx = Called::new(what, Perms::Write);
    if !resp.is_success() {
        return Err(status_error(ctx, resp, url));
    }
    let body = trim(&resp.body);
    if sniff(body) != Shape::Xml {
        return Err(match form_oauth_error(what, Some(resp.status), body) {
            Some(e) => e,
            None => ctx.decode("", "expected an XML <rsp> answer", excerpt(body)),
        });
    }
    let value = super::xml_to_value(ctx, body)?;
    let text = |v: &Value| {
        v.get("_content")
            .and_then(Value::as_str)
            .map(|s| s.trim().to_owned())
    };
    if let Some(p) = value.get("photoid") {
        let id = text(p)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| ctx.decode("photoid", "empty <photoid>", excerpt(body)))?;
        let attr = |k: &str| p.get(k).and_then(Value::as_str).map(str::to_owned);
        return Ok(UploadReply::Photo {
            id: PhotoId::new(id),
            secret: attr("secret"),
            original_secret: attr("originalsecret"),
        });
    }
    if let Some(t) = value.get("ticketid") {
        let id = text(t)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| ctx.decode("ticketid", "empty <ticketid>", excerpt(body)))?;
        return Ok(UploadReply::Ticket(TicketId::new(id)));
    }
    Err(ctx.decode(
        "",
        "the answer has neither <photoid> nor <ticketid>",
        excerpt(body),
    ))
}
