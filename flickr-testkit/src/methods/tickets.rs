//! `flickr.photos.upload.checkTickets`: the state of asynchronous uploads.

use std::time::Instant;

use serde_json::{json, Value};

use super::{obj, Answer, Call};

/// `flickr.photos.upload.checkTickets`.
pub(super) fn check_tickets(c: &mut Call<'_>) -> Answer {
    let now = Instant::now();
    let tickets: Vec<Value> = c
        .args
        .get("tickets")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| match c.state.tickets.get(t) {
            Some(ticket) if now >= ticket.ready_at => json!({
                "id": t, "complete": 1, "photoid": ticket.photo_id.to_string(),
                "imported": ticket.imported.to_string()
            }),
            Some(_) => json!({"id": t, "complete": 0}),
            None => json!({"id": t, "invalid": 1}),
        })
        .collect();
    Ok(obj(json!({"uploader": {"ticket": tickets}})))
}
