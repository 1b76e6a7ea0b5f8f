//! The password of a Redis URL, kept out of every message this store makes.

use percent_encoding::percent_decode_str;

/// The password of `url`, raw and percent-decoded, to scrub from messages.
pub(super) fn secrets_in(url: &str) -> Vec<String> {
    let Ok(parsed) = url::Url::parse(url) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(pw) = parsed.password().filter(|p| !p.is_empty()) {
        out.push(pw.to_owned());
        if let Ok(decoded) = percent_decode_str(pw).decode_utf8() {
            if decoded != pw {
                out.push(decoded.into_owned());
            }
        }
    }
    out
}

/// `text` with every secret replaced by `***`.
pub(super) fn scrub(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for s in secrets.iter().filter(|s| !s.is_empty()) {
        out = out.replace(s.as_str(), "***");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_lose_the_password() {
        let secrets = secrets_in("redis://user:p%40ss@host:6379/");
        assert_eq!(secrets, ["p%40ss", "p@ss"]);
        assert_eq!(secrets_in("redis://:plain@host/"), ["plain"]);
        assert_eq!(scrub("auth p@ss failed", &secrets), "auth *** failed");
        assert!(secrets_in("redis://host/").is_empty());
    }
}
