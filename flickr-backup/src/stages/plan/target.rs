//! Which file each photo should have ([`Target`]): the export's, when the
//! run reads one that holds the original Flickr lists; else the one Flickr
//! lists (the original, or the largest size when Flickr does not list it,
//! or a video's stream). And its path, and whether a file already kept is it.

use crate::choose::{pick_image, pick_stream, url_ext};
use crate::ctx::Ctx;
use crate::layout;
use crate::photo_meta::taken_text;
use crate::state::{FileRow, MediaKind, PhotoRow};

/// The file a photo should have: its URL (the address Flickr gives it),
/// size suffix or stream kind, and where it is taken from when not from
/// that URL (an export's member).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub url: String,
    pub variant: String,
    pub origin: Option<String>,
    /// The file's extension when the producer of a listing said it (or
    /// its file showed it); otherwise the export's member's or the URL's.
    pub ext: Option<String>,
}

/// The variant that is the original: `o` for a photo, `orig` for a video.
pub(crate) fn original_variant(media: MediaKind) -> &'static str {
    if media == MediaKind::Video {
        "orig"
    } else {
        "o"
    }
}

/// The file photo `p` should have: the export's, when this run reads one
/// that holds it (the original, with no download); else the one Flickr lists.
pub(crate) fn target(ctx: &Ctx, p: &PhotoRow) -> std::result::Result<Target, String> {
    if let Some(index) = &ctx.listing {
        return crate::listing::target(ctx, index, p);
    }
    if let Some(ex) = &ctx.export {
        if let Some(origin) = ex.origin(&p.id).filter(|_| export_fits(ex, p)) {
            let url = match p.media {
                MediaKind::Video => api_target(ctx, p).map(|t| t.url).unwrap_or_default(),
                _ => p.item.url_o.clone().unwrap_or_default(),
            };
            return Ok(Target {
                url,
                variant: original_variant(p.media).to_owned(),
                origin: Some(origin),
                ext: None,
            });
        }
        if ctx.offline {
            return Err(
                "not in the export's media files (give credentials to fetch it from Flickr)"
                    .to_owned(),
            );
        }
    }
    api_target(ctx, p)
}

/// Whether the export's file of photo `p` is the one Flickr lists now:
/// the same format, and for a photo the same original (its file name,
/// `ID_SECRET_o.EXT`: a photo replaced since the export has a new secret).
/// What Flickr does not say is taken on trust.
fn export_fits(ex: &crate::export::Export, p: &PhotoRow) -> bool {
    let norm = |f: &str| match f.to_ascii_lowercase().as_str() {
        "jpeg" => "jpg".to_owned(),
        other => other.to_owned(),
    };
    let ext = ex.facts(&p.id).and_then(|f| f.ext);
    if p.media == MediaKind::Photo {
        if let (Some(listed), Some(ext)) = (p.item.original_format.as_deref(), ext.as_deref()) {
            if norm(listed) != norm(ext) {
                return false;
            }
        }
        let name = |u: &str| {
            u.split(['?', '#'])
                .next()
                .unwrap_or_default()
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned()
        };
        let exported = p
            .details
            .export
            .as_ref()
            .and_then(|r| r.original.as_deref());
        if let (Some(listed), Some(exported)) = (p.item.url_o.as_deref(), exported) {
            return name(listed) == name(exported);
        }
    }
    true
}

/// The file Flickr lists for photo `p`.
pub(crate) fn api_target(ctx: &Ctx, p: &PhotoRow) -> std::result::Result<Target, String> {
    let (url, variant) = if p.media == MediaKind::Video {
        let streams = p.details.streams.as_deref().unwrap_or_default();
        pick_stream(streams, &ctx.opts.size)
            .map(|s| (s.url.clone(), s.kind.clone()))
            .ok_or_else(|| {
                "no video stream known (flickr.video.getStreamInfo failed or listed none; the next run asks again)"
                    .to_owned()
            })?
    } else {
        pick_image(&p.item, &ctx.opts.size)?
    };
    Ok(Target {
        url,
        variant,
        origin: None,
        ext: None,
    })
}

/// The path of photo `p`'s file: its extension as a listing gave it, or
/// from the export's file when it came from one, else from its URL.
pub(crate) fn path_for(p: &PhotoRow, t: &Target) -> String {
    let ext = match (&t.ext, &t.origin) {
        (Some(e), _) => e.clone(),
        (None, Some(o)) => crate::export::names::extension(o)
            .or_else(|| p.item.original_format.clone())
            .unwrap_or_default(),
        (None, None) => url_ext(&t.url),
    };
    let taken = taken_text(&p.item);
    format!(
        "{}.{}",
        layout::photo_stem(p.own, &p.owner, &p.id, taken.as_deref()),
        layout::safe_ext(&ext)
    )
}

/// Whether the file kept as `known` is the file `t` names: the same URL;
/// or, when one came from an export, both the original and (for a photo)
/// the same original file name (`ID_SECRET_o.jpg`: a photo replaced on
/// Flickr since has a new secret).
pub(super) fn same_file(known: &FileRow, t: &Target) -> bool {
    if known.url == t.url {
        return true;
    }
    let from_export = known.origin.is_some() || t.origin.is_some();
    let original = known.variant == t.variant && (t.variant == "o" || t.variant == "orig");
    let name = |u: &str| {
        u.split(['?', '#'])
            .next()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let same_name = t.variant == "orig"
        || known.url.is_empty()
        || t.url.is_empty()
        || name(&known.url) == name(&t.url);
    from_export && original && same_name
}

/// Whether the run keeps a file of `p` at all: a photo deleted on Flickr
/// keeps what it has, and takes its file from an export that holds it.
pub(crate) fn wanted(ctx: &Ctx, p: &PhotoRow) -> bool {
    let inc = ctx.opts.include;
    let kind = if p.media == MediaKind::Video {
        inc.videos
    } else {
        inc.photos
    };
    let in_export = ctx
        .export
        .as_ref()
        .is_some_and(|ex| ex.media.contains_key(&p.id));
    // From a listing, only its photos: what earlier runs kept stays as it is.
    if let Some(index) = &ctx.listing {
        return kind && index.contains(&p.id);
    }
    kind && (!p.deleted || in_export)
}
