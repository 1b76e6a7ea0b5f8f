//! Waiting for asynchronous uploads: `flickr.photos.upload.checkTickets`.

use std::time::Duration;

use serde::Deserialize;

use crate::client::Client;
use crate::error::{Error, ErrorCode, TimeoutError};
use crate::ids::{PhotoId, TicketId};
use crate::params::Params;
use crate::registry::{ArgInfo, ArgKind, IdKind, MethodInfo, Perms, Verb};

/// How an asynchronous upload ticket ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TicketOutcome {
    /// Processed: the photo exists (`complete=1`).
    Complete {
        /// The new photo.
        photo_id: PhotoId,
        /// When it was imported (Unix time), if Flickr said.
        imported: Option<i64>,
    },
    /// Flickr could not convert the file (`complete=2`).
    Failed,
    /// Flickr does not know the ticket (`invalid=1`).
    Invalid,
}

/// `flickr.photos.upload.checkTickets`, described here because the core knows no generated registry.
pub static CHECK_TICKETS: MethodInfo = MethodInfo {
    name: "flickr.photos.upload.checkTickets",
    summary: "Checks the status of one or more asynchronous photo upload tickets.",
    verb: Verb::Get,
    perms: Perms::None,
    needs_login: false,
    needs_signing: false,
    deprecated: false,
    args: &[ArgInfo {
        name: "tickets",
        kind: ArgKind::List {
            item: &ArgKind::Id(IdKind::Ticket),
            sep: ",",
        },
        required: true,
        default: None,
        doc: "A comma-delimited list of ticket ids",
    }],
    errors: &[],
    generic_errors: &[],
    paging: None,
    response: "TicketStatus",
};

/// Polls `flickr.photos.upload.checkTickets` every `poll_interval` until every
/// ticket is complete, failed or invalid, and returns the outcomes in the
/// order of `tickets`. Gives [`Error::Timeout`] if some are still pending when
/// `timeout` has passed.
pub async fn wait_for_tickets(
    client: &Client,
    tickets: &[TicketId],
    poll_interval: Duration,
    timeout: Duration,
) -> Result<Vec<(TicketId, TicketOutcome)>, Error> {
    let deadline = tokio::time::Instant::now() + timeout;
    let mut outcomes: Vec<Option<TicketOutcome>> = vec![None; tickets.len()];
    loop {
        let pending: Vec<&str> = tickets
            .iter()
            .zip(&outcomes)
            .filter(|(_, o)| o.is_none())
            .map(|(t, _)| t.as_str())
            .collect();
        if pending.is_empty() {
            break;
        }
        let mut params = Params::new();
        params.push("tickets", pending.join(","));
        let reply: CheckTicketsReply = client
            .call::<CheckTicketsReply, ErrorCode>(&CHECK_TICKETS, params)
            .await?;
        for status in reply.uploader.ticket {
            let Some(i) = tickets.iter().position(|t| t.as_str() == status.id) else {
                continue;
            };
            if outcomes[i].is_none() {
                outcomes[i] = status.outcome();
            }
        }
        if outcomes.iter().all(Option::is_some) {
            break;
        }
        let now = tokio::time::Instant::now();
        if now >= deadline {
            let still: Vec<&str> = tickets
                .iter()
                .zip(&outcomes)
                .filter(|(_, o)| o.is_none())
                .map(|(t, _)| t.as_str())
                .collect();
            return Err(Error::Timeout(TimeoutError {
                what: format!("waiting for upload tickets {}", still.join(", ")),
                limit: Some(timeout),
            }));
        }
        tokio::time::sleep(poll_interval.min(deadline - now)).await;
    }
    Ok(tickets
        .iter()
        .cloned()
        .zip(outcomes.into_iter().flatten())
        .collect())
}

#[derive(Deserialize)]
struct CheckTicketsReply {
    uploader: Uploader,
}

#[derive(Deserialize)]
struct Uploader {
    #[serde(default, deserialize_with = "crate::de::list")]
    ticket: Vec<TicketStatus>,
}

/// One `<ticket>`: `{"id", "complete": 0|1|2, "photoid", "imported", "invalid"}`.
#[derive(Deserialize)]
struct TicketStatus {
    #[serde(deserialize_with = "crate::de::id_string")]
    id: String,
    #[serde(default, deserialize_with = "crate::de::opt_i64")]
    complete: Option<i64>,
    #[serde(default, deserialize_with = "crate::de::opt_id_string")]
    photoid: Option<String>,
    #[serde(default, deserialize_with = "crate::de::opt_i64")]
    imported: Option<i64>,
    #[serde(default, deserialize_with = "crate::de::opt_bool")]
    invalid: Option<bool>,
}

impl TicketStatus {
    /// `None` while Flickr is still working on it.
    fn outcome(self) -> Option<TicketOutcome> {
        if self.invalid == Some(true) {
            return Some(TicketOutcome::Invalid);
        }
        match (self.complete, self.photoid) {
            (Some(1), Some(id)) if !id.is_empty() => Some(TicketOutcome::Complete {
                photo_id: PhotoId::new(id),
                imported: self.imported,
            }),
            (Some(2), _) => Some(TicketOutcome::Failed),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_replies_decode_every_recorded_shape() {
        let reply: CheckTicketsReply = serde_json::from_str(
            r#"{"uploader":{"ticket":[{"id":"1","complete":1,"photoid":"7218054900","imported":"1337291991"},
                {"id":"2","complete":0},{"id":"3","complete":2},{"id":"4","invalid":1},
                {"id":"5","complete":1,"photoid":"10100785685","imported":null}]},"stat":"ok"}"#,
        )
        .unwrap();
        let outcomes: Vec<_> = reply
            .uploader
            .ticket
            .into_iter()
            .map(TicketStatus::outcome)
            .collect();
        assert_eq!(
            outcomes,
            vec![
                Some(TicketOutcome::Complete {
                    photo_id: PhotoId::new("7218054900"),
                    imported: Some(1337291991)
                }),
                None,
                Some(TicketOutcome::Failed),
                Some(TicketOutcome::Invalid),
                Some(TicketOutcome::Complete {
                    photo_id: PhotoId::new("10100785685"),
                    imported: None
                }),
            ]
        );
        let empty: CheckTicketsReply =
            serde_json::from_str(r#"{"uploader":{"ticket":[]},"stat":"ok"}"#).unwrap();
        assert!(empty.uploader.ticket.is_empty());
    }
}
