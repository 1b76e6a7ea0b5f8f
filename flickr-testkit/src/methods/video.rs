//! `flickr.video.getStreamInfo`: the files of a video, one per encoding.

use serde_json::{json, Value};

use super::{obj, Answer, Call};
use crate::state::{Photo, State};

/// The encodings the fake offers for every video, best first (`orig` is the
/// uploaded file, in its own format).
pub(super) const STREAMS: &[&str] = &["orig", "1080p", "720p", "360p", "288p", "mobile"];

/// The encodings listed for `p`: all of [`STREAMS`], except the uploaded
/// file (`orig`) of a free account's video — the fake applies Flickr's rule
/// for originals (none served for free accounts since 2025-05-15) to videos
/// as well.
pub(crate) fn streams_of<'a>(
    state: &'a State,
    p: &'a Photo,
) -> impl Iterator<Item = &'static str> + 'a {
    let pro = state.is_pro(&p.owner);
    STREAMS
        .iter()
        .copied()
        .filter(move |kind| pro || *kind != "orig")
}

/// `flickr.video.getStreamInfo`: code 1 for an unknown photo, a wrong secret
/// and (as the fake has no better documented answer) a photo that is not a
/// video.
pub(super) fn get_stream_info(c: &mut Call<'_>) -> Answer {
    let p = c.visible_photo("photo_id", 1)?;
    if c.args.get("secret") != Some(p.secret.as_str()) || p.media != "video" {
        return Err(c.fail(1));
    }
    let streams: Vec<Value> = streams_of(c.state, p)
        .map(|kind| {
            let ext = if kind == "orig" {
                p.original_format.as_str()
            } else {
                "mp4"
            };
            json!({
                "type": kind,
                "_content": format!(
                    "{}static/video/{}/{}/{kind}.{ext}?s={}",
                    c.base, p.id, p.original_secret, p.secret
                ),
            })
        })
        .collect();
    Ok(obj(json!({ "streams": { "stream": streams } })))
}
