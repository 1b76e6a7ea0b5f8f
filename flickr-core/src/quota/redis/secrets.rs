//! The password of a Redis URL, kept out of every message this store makes
//! and out of the causes its errors keep.

use crate::error::{Error, QuotaError, QuotaErrorKind};
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn messages_lose_the_password() {
        let secrets = secrets_in("redis://user:p%40ss@host:6379/");
        assert_eq!(secrets, ["p%40ss", "p@ss"]);
        assert_eq!(secrets_in("redis://:plain@host/"), ["plain"]);
        assert_eq!(scrub("auth p@ss failed", &secrets), "auth *** failed");
        assert!(secrets_in("redis://host/").is_empty());
    }
}
