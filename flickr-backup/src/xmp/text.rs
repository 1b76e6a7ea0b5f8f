//! Text as XMP carries it: Flickr's HTML descriptions turned into plain
//! text, and characters XML 1.0 cannot hold (control characters other than
//! tab and newlines, even escaped) taken out. Escaping `<`, `&` and quotes
//! is the XML writer's job.

use quick_xml::escape::{resolve_html5_entity, unescape_with};

/// Plain text of a Flickr description: tags dropped, `<br>` and block ends
/// as line breaks, a link as `text (URL)` (or the URL alone when that is
/// its text), entities decoded. A `<` that starts no tag is kept.
pub(crate) fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // The href of the link being read, and where its text starts in `out`.
    let mut link: Option<(String, usize)> = None;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt + 1..];
        let starts_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let Some(gt) = after.find('>').filter(|_| starts_tag) else {
            out.push('<');
            rest = after;
            continue;
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("br", _) => out.push('\n'),
            (
                "p" | "div" | "li" | "blockquote" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr",
                _,
            ) if !out.is_empty() && !out.ends_with('\n') => out.push('\n'),
            ("a", false) => link = href(tag).map(|h| (h, out.len())),
            ("a", true) => {
                if let Some((url, start)) = link.take() {
                    let text = out[start..].trim().to_owned();
                    if text.is_empty() {
                        out.push_str(&url);
                    } else if text != url {
                        out.push_str(&format!(" ({url})"));
                    }
                }
            }
            _ => {}
        }
    }
    out.push_str(&decode_entities(rest));
    tidy(&out)
}

/// The `href` of an `<a …>` tag, entities decoded.
fn href(tag: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find("href")?;
    let v = tag[at + 4..].trim_start().strip_prefix('=')?.trim_start();
    let value = match v.chars().next()? {
        q @ ('"' | '\'') => v[1..].split(q).next()?,
        _ => v.split(|c: char| c.is_whitespace()).next()?,
    };
    Some(decode_entities(value)).filter(|h| !h.is_empty())
}

/// Decodes character references: every HTML5 named one (`&amp;`,
/// `&nbsp;`, `&eacute;`, …) and numeric ones, by quick-xml's table and
/// parser; anything else (`&bogus;`, a lone `&`) is kept as written.
pub(crate) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        // The longest HTML5 name is 31 characters (`&CounterClockwiseContourIntegral;`).
        let decoded = after.find(';').filter(|&semi| semi <= 33).and_then(|semi| {
            Some((
                unescape_with(&after[..=semi], resolve_html5_entity).ok()?,
                semi,
            ))
        });
        match decoded {
            Some((text, semi)) => {
                out.push_str(&text);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Trailing spaces off each line, at most one blank line in a row, no
/// blank lines at either end.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// `s` with what XML 1.0 cannot hold removed: control characters other than
/// tab, LF and CR (C1 ones too: allowed but discouraged), and the non-characters U+FFFE and U+FFFF. Everything
/// else (emoji, every script) is kept.
pub(crate) fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r');
            !control && !matches!(c, '\u{fffe}' | '\u{ffff}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_lose_their_tags_and_keep_their_words() {
        assert_eq!(html_to_text("plain & simple"), "plain & simple");
        assert_eq!(
            html_to_text("Taken at <b>dawn</b>.<br />Second line<br>third"),
            "Taken at dawn.\nSecond line\nthird"
        );
        assert_eq!(
            html_to_text(
                r#"See <a href="https://example.org/?a=1&amp;b=2" rel="nofollow">my site</a>!"#
            ),
            "See my site (https://example.org/?a=1&b=2)!"
        );
        assert_eq!(
            html_to_text("<a href='https://x.org/'>https://x.org/</a>"),
            "https://x.org/"
        );
        assert_eq!(
            html_to_text("<p>One</p><p>Two</p>\n\n\n\nThree"),
            "One\nTwo\n\nThree"
        );
        assert_eq!(
            html_to_text("1 &lt; 2 &amp;&amp; 3 > 2 &#233;t&#xE9; &bogus; &"),
            "1 < 2 && 3 > 2 été &bogus; &"
        );
        assert_eq!(
            html_to_text("caf&eacute; &hellip; &nbsp;x &#xZZ; &amp"),
            "café … \u{a0}x &#xZZ; &amp"
        );
        // A `<` that starts no tag is text.
        assert_eq!(html_to_text("a < b and c <3"), "a < b and c <3");
        assert_eq!(html_to_text("日本語 🌅 <i>ok</i>"), "日本語 🌅 ok");
    }

    #[test]
    fn control_characters_go_and_every_script_stays() {
        assert_eq!(xml_safe("a\u{0}b\u{1b}c\td\ne\u{7f}f\u{85}"), "abc\td\nef");
        assert_eq!(xml_safe("Ωμέγα 🌅 عربى"), "Ωμέγα 🌅 عربى");
    }
}
