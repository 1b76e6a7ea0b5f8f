//! Upload and replace (flickr-core's) and, with the `photos`
//! feature, Flickr's values for their fields ([`SafetyLevel`],
//! [`PhotoContentType`]) and [`wait_for_tickets`] for asynchronous uploads,
//! through the generated `flickr.photos.upload.checkTickets`.
//!
//! ```no_run
//! # #[cfg(feature = "photos")]
//! # async fn run(client: flickr_sdk::Client) -> Result<(), flickr_sdk::Error> {
//! use flickr_sdk::upload::{wait_for_tickets, PhotoContentType, SafetyLevel, Upload, UploadReply};
//! use std::time::Duration;
//! let reply = Upload::from_path("holiday.mp4")
//!     .title("Beach, día 1")
//!     .safety_level(SafetyLevel::Safe)
//!     .content_type(PhotoContentType::Photo)
//!     .asynchronous(true)
//!     .send(&client)
//!     .await?;
//! if let UploadReply::Ticket(ticket) = reply {
//!     let outcomes =
//!         wait_for_tickets(&client, &[ticket], Duration::from_secs(1), Duration::from_secs(600))
//!             .await?;
//!     println!("{:?}", outcomes[0].1);
//! }
//! # Ok(()) }
//! ```

pub use flickr_core::upload::*;

/// What to pass to [`Upload::safety_level`]: `1` safe, `2` moderate, `3` restricted.
#[cfg(feature = "photos")]
#[cfg_attr(docsrs, doc(cfg(feature = "photos")))]
pub use crate::types::SafetyLevel;

/// What to pass to [`Upload::content_type`]: `1` photo, `2` screenshot,
/// `3` other (the values of `flickr.photos.setContentType`); the same type
/// as [`types::PhotoContentType`](crate::types::PhotoContentType).
#[cfg(feature = "photos")]
#[cfg_attr(docsrs, doc(cfg(feature = "photos")))]
pub use crate::types::PhotoContentType;

/// The setters are typed: a bare number does not compile where a
/// [`SafetyLevel`] belongs.
///
/// ```compile_fail
/// let _ = flickr_sdk::upload::Upload::from_path("a.jpg").safety_level(3u8);
/// ```
#[cfg(feature = "photos")]
impl SafetyLevelValue for SafetyLevel {}

#[cfg(feature = "photos")]
impl ContentTypeValue for PhotoContentType {}

#[cfg(feature = "photos")]
use flickr_core::{
    client::Client,
    error::{Error, TimeoutError},
    ids::{PhotoId, TicketId},
};
#[cfg(feature = "photos")]
use std::time::Duration;

/// How an asynchronous upload ticket ended.
#[cfg(feature = "photos")]
#[cfg_attr(docsrs, doc(cfg(feature = "photos")))]
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

/// Polls `flickr.photos.upload.checkTickets` every `poll_interval` until every
/// ticket is complete, failed or invalid, and returns the outcomes in the
/// order of `tickets`. Gives [`Error::Timeout`] if some are still pending when
/// `timeout` has passed.
///
/// Takes the runtime client; a [`crate::Client`] derefs to it.
#[cfg(feature = "photos")]
#[cfg_attr(docsrs, doc(cfg(feature = "photos")))]
pub async fn wait_for_tickets(
    client: &Client,
    tickets: &[TicketId],
    poll_interval: Duration,
    timeout: Duration,
) -> Result<Vec<(TicketId, TicketOutcome)>, Error> {
    let api = crate::Client::from(client.clone());
    let deadline = tokio::time::Instant::now() + timeout;
    let mut outcomes: Vec<Option<TicketOutcome>> = vec![None; tickets.len()];
    loop {
        let pending: Vec<&TicketId> = tickets
            .iter()
            .zip(&outcomes)
            .filter(|(_, o)| o.is_none())
            .map(|(t, _)| t)
            .collect();
        if pending.is_empty() {
            break;
        }
        let reply = api
            .photos()
            .upload()
            .check_tickets(pending)
            .send()
            .await
            .map_err(Error::untyped)?;
        for status in reply.tickets {
            let Some(i) = tickets
                .iter()
                .position(|t| t.as_str() == status.id.as_str())
            else {
                continue;
            };
            if outcomes[i].is_none() {
                outcomes[i] = outcome(status);
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
            return Err(Error::Timeout(TimeoutError::new(
                format!("waiting for upload tickets {}", still.join(", ")),
                Some(timeout),
            )));
        }
        tokio::time::sleep(poll_interval.min(deadline - now)).await;
    }
    Ok(tickets
        .iter()
        .cloned()
        .zip(outcomes.into_iter().flatten())
        .collect())
}

/// One `<ticket>`'s outcome; `None` while Flickr is still working on it.
#[cfg(feature = "photos")]
fn outcome(ticket: crate::types::UploadTicket) -> Option<TicketOutcome> {
    if ticket.invalid == Some(true) {
        return Some(TicketOutcome::Invalid);
    }
    match (ticket.complete, ticket.photo_id) {
        (Some(1), Some(id)) if !id.as_str().is_empty() => Some(TicketOutcome::Complete {
            photo_id: id,
            imported: ticket.imported,
        }),
        (Some(2), _) => Some(TicketOutcome::Failed),
        _ => None,
    }
}

#[cfg(all(test, feature = "photos"))]
mod tests {
    use super::*;
    use crate::types::UploadTicketList;

    fn decode(json: &str) -> UploadTicketList {
        let answer: serde_json::Value = serde_json::from_str(json).unwrap();
        serde_json::from_value(answer["uploader"].clone()).unwrap()
    }

    #[test]
    fn ticket_replies_decode_every_recorded_shape() {
        let reply = decode(
            r#"{"uploader":{"ticket":[{"id":"1","complete":1,"photoid":"7218054900","imported":"1337291991"},
                {"id":"2","complete":0},{"id":"3","complete":2},{"id":"4","invalid":1},
                {"id":"5","complete":1,"photoid":"10100785685","imported":null}]},"stat":"ok"}"#,
        );
        let outcomes: Vec<_> = reply.tickets.into_iter().map(outcome).collect();
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
        let empty = decode(r#"{"uploader":{"ticket":[]},"stat":"ok"}"#);
        assert!(empty.tickets.is_empty());
    }

    #[test]
    fn the_field_enums_send_the_wire_values() {
        // What arrives in the upload's fields is checked on loopback (tests/upload_loopback.rs).
        use flickr_core::params::ToParam;
        assert_eq!(
            [
                SafetyLevel::Safe.to_param(),
                SafetyLevel::Moderate.to_param(),
                SafetyLevel::Restricted.to_param()
            ],
            ["1", "2", "3"]
        );
        assert_eq!(
            [
                PhotoContentType::Photo.to_param(),
                PhotoContentType::Screenshot.to_param(),
                PhotoContentType::Other.to_param()
            ],
            ["1", "2", "3"]
        );
    }
}
