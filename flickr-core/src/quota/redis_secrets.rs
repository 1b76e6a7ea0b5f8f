//! Keeping the Redis URL's password out of every message and cause of a
//! quota error: the password found in the URL (raw and percent-decoded),
//! scrubbed from texts, and a Redis error kept as a source only when nothing
//! it shows contains it.

use crate::error::{Error, QuotaError, QuotaErrorKind};

/// The password of `url`, raw and percent-decoded, to scrub from messages.
pub(super) fn secrets_in(url: &str) -> Vec<String> {
    let Ok(parsed) = url::Url::parse(url) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(pw) = parsed.password().filter(|p| !p.is_empty()) {
        out.push(pw.to_owned());
        if let Ok(decoded) = percent_decode(pw) {
            out.push(decoded);
        }
    }
    out
}

fn percent_decode(s: &str) -> Result<String, std::string::FromUtf8Error> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out)
}

/// A quota error for a failure of the Redis client: its text, password
/// scrubbed, as the detail, and the error itself as the source unless its
/// text (or a cause's, or its `Debug`) shows the password.
pub(super) fn redis_failure(
    kind: QuotaErrorKind,
    store: String,
    e: redis::RedisError,
    secrets: &[String],
) -> Error {
    let detail = scrub(&e.to_string(), secrets);
    let err = QuotaError::new(kind, store, detail);
    Error::from(if shows_secret(&e, secrets) {
        err
    } else {
        err.with_source(e)
    })
}

/// Whether `e`'s `Debug`, its text or any of its causes' text contains a secret.
fn shows_secret(e: &(dyn std::error::Error + 'static), secrets: &[String]) -> bool {
    let has = |text: String| {
        secrets
            .iter()
            .any(|s| !s.is_empty() && text.contains(s.as_str()))
    };
    if has(format!("{e:?}")) {
        return true;
    }
    let mut next = Some(e);
    while let Some(cause) = next {
        if has(cause.to_string()) {
            return true;
        }
        next = cause.source();
    }
    false
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
        assert_eq!(scrub("auth p@ss failed", &secrets), "auth *** failed");
        assert!(secrets_in("redis://host/").is_empty());
    }

    #[test]
    fn a_redis_failure_keeps_its_cause_unless_the_cause_shows_the_password() {
        use std::error::Error as _;
        let secrets = vec!["hunter2".to_owned()];
        let store = "redis://:***@127.0.0.1:6379/".to_owned();
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let e = redis_failure(
            QuotaErrorKind::Unreachable,
            store.clone(),
            redis::RedisError::from(io),
            &secrets,
        );
        let Error::Quota(q) = &e else { panic!("{e:?}") };
        let cause = q.source().expect("the Redis error is kept");
        assert!(cause.downcast_ref::<redis::RedisError>().is_some());
        assert!(
            !e.to_string().contains(&cause.to_string()),
            "said once, by the cause: {e}"
        );
        assert_eq!(q.kind, QuotaErrorKind::Unreachable);
        let leaky = redis::RedisError::from((
            redis::ErrorKind::AuthenticationFailed,
            "auth failed",
            "password hunter2 refused".to_owned(),
        ));
        let e = redis_failure(QuotaErrorKind::Unreachable, store, leaky, &secrets);
        let Error::Quota(q) = &e else { panic!("{e:?}") };
        assert!(
            q.source().is_none(),
            "a cause showing the password is dropped"
        );
        assert!(q.detail.contains("password *** refused"), "{}", q.detail);
        assert!(e.to_string().contains("password *** refused"), "{e}");
        assert!(!format!("{e} {e:?}").contains("hunter2"));
    }
}
