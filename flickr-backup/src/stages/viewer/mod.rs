//! The offline viewer: `DIR/index.html` and `DIR/viewer/` (its script,
//! style and data), opened from `file://` with no server and no network.
//! The data is a script (`viewer/data.js`, `window.FLICKR = {…}`), not
//! JSON to fetch, because browsers refuse `fetch()` of `file://` URLs. It
//! is written at the end of every run from the state alone, through the
//! tree (atomically, and only when it changed), so the same state gives
//! the same bytes. Thumbnails come from a small size the list calls
//! already carry ([`thumbs`]), fetched from the static hosts: no API call.
//!
//! The page, script and style are hand-written files beside this one
//! (`index.html`, `app.js`, `style.css`). The script builds every element
//! with `textContent`, never `innerHTML`, so a title or comment is shown,
//! never run.

mod data;
pub(crate) mod local_thumbs;
pub(crate) mod thumbs;

use crate::ctx::Ctx;
use crate::error::Result;
use crate::layout;

const PAGE: &str = include_str!("index.html");
const SCRIPT: &str = include_str!("app.js");
const STYLE: &str = include_str!("style.css");

/// The start and end of `viewer/data.js` around the data's JSON text.
const SCRIPT_START: &str = "window.FLICKR = ";
const SCRIPT_END: &str = ";\n";

/// Appends JSON text to a script, safe in a `<script>` element or file:
/// `<`, `>`, `&` and the line separators U+2028/U+2029 escaped, so no
/// `</script>` or `<!--` can appear.
pub(crate) fn push_script_json(out: &mut String, json: &str) {
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
}

/// JSON text as a JavaScript statement assigning it to `window.FLICKR`
/// (what [`data::build`] writes piece by piece).
#[cfg(test)]
pub(crate) fn as_script(json: &str) -> String {
    let mut out = String::from(SCRIPT_START);
    push_script_json(&mut out, json);
    out.push_str(SCRIPT_END);
    out
}

/// Writes the viewer's files that changed; returns how many.
pub(crate) fn write_all(ctx: &Ctx) -> Result<u64> {
    let dir = layout::VIEWER_DIR;
    let mut written = 0;
    for (rel, bytes) in [
        (layout::VIEWER_PAGE.to_owned(), PAGE),
        (format!("{dir}/app.js"), SCRIPT),
        (format!("{dir}/style.css"), STYLE),
    ] {
        if ctx.tree.write_if_changed(&rel, bytes.as_bytes())? {
            written += 1;
        }
    }
    // The data last, built straight into its script text (one copy of it
    // in memory, however large the account).
    let data = data::build(ctx)?;
    if ctx
        .tree
        .write_if_changed(&format!("{dir}/data.js"), data.as_bytes())?
    {
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_data_cannot_close_its_script_and_reads_back_the_same() {
        let v = json!({"title": "</script><script>alert(1)</script> & <!-- \u{2028} 🎉 é"});
        let js = as_script(&v.to_string());
        assert!(!js.contains("</script"), "{js}");
        assert!(!js.contains("<!--"), "{js}");
        assert!(!js.contains('\u{2028}'));
        let json = js
            .strip_prefix("window.FLICKR = ")
            .and_then(|s| s.strip_suffix(";\n"))
            .unwrap();
        assert_eq!(serde_json::from_str::<serde_json::Value>(json).unwrap(), v);
    }

    #[test]
    fn the_page_loads_only_its_own_files() {
        for src in [PAGE, SCRIPT] {
            assert!(!src.contains("http://") && !src.contains("https://"));
            assert!(!src.contains("fetch("), "no fetch() from file://");
            assert!(!src.contains("innerHTML"), "text only, never markup");
        }
        assert!(PAGE.contains("viewer/data.js") && PAGE.contains("viewer/app.js"));
    }
}
