//! `BASE/services/upload/` and `BASE/services/replace/`: the streamed
//! multipart form (read by [`crate::multipart`], the photo hashed as it
//! arrives, never held in memory), signature verification over the text
//! fields (the `photo` part is not signed, Flickr's rule), synchronous
//! answers and asynchronous tickets.

use std::time::Instant;

use futures::TryStreamExt;
use http::{header, Method, Request};
use http_body_util::BodyStream;
use hyper::body::Incoming;

use flickr_core::registry::Perms;

use crate::auth::{authenticate, authorize, param};
use crate::methods::now_taken;
use crate::multipart;
use crate::request::{query_and_header_params, request_url};
use crate::shared::{fault_for, DropConnection, FaultAction, Shared};
use crate::state::{now_unix, Photo, StoredUpload, Ticket};
use crate::wire::{self, Reply};

/// Which endpoint was called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// A new photo.
    Upload,
    /// New bytes for an existing photo.
    Replace,
}

impl Endpoint {
    /// `upload` or `replace`.
    pub fn name(self) -> &'static str {
        match self {
            Endpoint::Upload => "upload",
            Endpoint::Replace => "replace",
        }
    }
}

/// Handles one upload or replace.
pub async fn handle(
    shared: &Shared,
    req: Request<Incoming>,
    endpoint: Endpoint,
) -> Result<Reply, DropConnection> {
    let what = endpoint.name();
    shared.state().count(what);
    let drop_after = match fault_for(shared, what, false).await {
        FaultAction::Continue => false,
        FaultAction::DropAfter => true,
        FaultAction::Respond(r) => return Ok(r),
        FaultAction::Api(code, message) => return Ok(wire::upload_fail(code, &message)),
        FaultAction::Drop => return Err(DropConnection),
    };
    if req.method() != Method::POST {
        return Ok(wire::upload_fail(
            2,
            "No photo specified (uploads are multipart POSTs)",
        ));
    }
    let url = request_url(shared, &req);
    let mut params = query_and_header_params(&req);
    let boundary = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|h| h.to_str().ok())
        .and_then(multipart::boundary);
    let Some(boundary) = boundary else {
        return Ok(wire::upload_fail(2, "No photo specified"));
    };
    let body = BodyStream::new(req.into_body())
        .try_filter_map(|frame| async move { Ok(frame.into_data().ok()) });
    let form = match multipart::read_form(body, boundary).await {
        Ok(form) => form,
        Err(e) => {
            return Ok(wire::upload_fail(
                3,
                &format!("General upload failure: {e}"),
            ))
        }
    };
    params.extend(form.fields);
    let photo = form.photo;

    let reply = {
        let mut state = shared.state();
        let caller = match authenticate(&state, "POST", &url, &params, true)
            .and_then(|c| authorize(&c, true, Perms::Write).map(|()| c))
        {
            Ok(c) => c,
            Err(d) => return Ok(wire::upload_fail(d.code, &d.message)),
        };
        let Some(photo) = photo else {
            return Ok(wire::upload_fail(2, "No photo specified"));
        };
        if photo.size == 0 {
            return Ok(wire::upload_fail(4, "Filesize was zero"));
        }
        let user = caller.user().unwrap_or_default().to_owned();
        let fields: Vec<(String, String)> = params
            .iter()
            .filter(|(k, _)| !k.starts_with("oauth_"))
            .cloned()
            .collect();
        let flag = |name: &str, default: bool| param(&params, name).map_or(default, |v| v == "1");
        let is_async = flag("async", false);
        let photo_id = match endpoint {
            Endpoint::Upload => {
                let id = state.fresh_id();
                let title = param(&params, "title")
                    .map(str::to_owned)
                    .unwrap_or_else(|| {
                        photo
                            .filename
                            .rsplit_once('.')
                            .map_or(photo.filename.as_str(), |(stem, _)| stem)
                            .to_owned()
                    });
                let tags = param(&params, "tags")
                    .map(crate::methods::parse_tag_list)
                    .unwrap_or_default();
                let now = now_unix();
                let secret = crate::oauth::random_hex(&mut state, 10);
                let original_secret = crate::oauth::random_hex(&mut state, 10);
                let format = photo
                    .filename
                    .rsplit_once('.')
                    .map(|(_, e)| e.to_lowercase())
                    .unwrap_or_else(|| "jpg".to_owned());
                let media = if photo.content_type.starts_with("video/") {
                    "video"
                } else {
                    "photo"
                };
                state.photos.insert(
                    id,
                    Photo {
                        id,
                        owner: user.clone(),
                        secret,
                        original_secret,
                        server: "65535".to_owned(),
                        farm: 66,
                        title,
                        description: param(&params, "description").unwrap_or_default().to_owned(),
                        tags,
                        date_upload: now,
                        date_taken: now_taken(),
                        last_update: now,
                        geo: None,
                        is_public: flag("is_public", true),
                        is_friend: flag("is_friend", false),
                        is_family: flag("is_family", false),
                        license: 0,
                        media: media.to_owned(),
                        original_format: format,
                        original_size: (4000, 3000),
                        views: 0,
                        content: Some((photo.sha256.clone(), photo.size)),
                        more: Default::default(),
                    },
                );
                id
            }
            Endpoint::Replace => {
                let id = param(&params, "photo_id").and_then(|v| v.trim().parse::<u64>().ok());
                let owned = id.filter(|id| state.photos.get(id).is_some_and(|p| p.owner == user));
                let Some(id) = owned else {
                    return Ok(wire::upload_fail(1, "Photo not found"));
                };
                let secret = crate::oauth::random_hex(&mut state, 10);
                let original_secret = crate::oauth::random_hex(&mut state, 10);
                if let Some(p) = state.photos.get_mut(&id) {
                    p.secret = secret;
                    p.original_secret = original_secret;
                    p.last_update = now_unix();
                    p.content = Some((photo.sha256.clone(), photo.size));
                }
                id
            }
        };
        let ticket = is_async.then(|| {
            let t = state.fresh_id().to_string();
            let ready_at = Instant::now() + state.ticket_delay;
            state.tickets.insert(
                t.clone(),
                Ticket {
                    photo_id,
                    ready_at,
                    imported: now_unix(),
                },
            );
            t
        });
        state.uploads.push(StoredUpload {
            endpoint: what,
            photo_id,
            sha256: photo.sha256,
            size: photo.size,
            filename: photo.filename,
            content_type: photo.content_type,
            fields,
            ticket: ticket.clone(),
        });
        match (ticket, endpoint) {
            (Some(t), _) => wire::upload_ok(&format!("<ticketid>{t}</ticketid>")),
            (None, Endpoint::Upload) => wire::upload_ok(&format!("<photoid>{photo_id}</photoid>")),
            (None, Endpoint::Replace) => {
                let p = &state.photos[&photo_id];
                wire::upload_ok(&format!(
                    "<photoid secret=\"{}\" originalsecret=\"{}\">{photo_id}</photoid>",
                    p.secret, p.original_secret
                ))
            }
        }
    };
    if drop_after {
        return Err(DropConnection);
    }
    Ok(reply)
}
