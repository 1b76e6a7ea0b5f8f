//! The one attempt loop. Its callers (API calls, the backup's files and
//! thumbnails) each know their own failures and nothing of the others', so
//! the loop takes a closure that makes one attempt and, on a failure, says
//! what kind it was ([`Classified`]: a [`RetryAction`] and whether the host
//! refused for rate). The loop owns everything callers would otherwise
//! write again and let drift: counting attempts, the deadline, the jittered
//! backoff or the host's `Retry-After`, a quota token before each attempt,
//! and the shared quota's pause after a refusal.

use super::{Decision, RetryAction, RetryPolicy};
use crate::error::Error;
use crate::quota::{Quota, DEFAULT_429_PAUSE};
use std::future::Future;
use std::time::{Duration, SystemTime};
use tokio::time::Instant;
use tracing::Instrument;

/// One attempt, as [`run`] tells it to the caller's closure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    number: u32,
    last: bool,
    remaining: Option<Duration>,
}

impl Attempt {
    /// 1 for the first attempt, 2 for the first retry, and so on.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// Whether the policy's attempt limit allows none after this one: a
    /// caller need keep no copy of its request for a retry that cannot come.
    pub fn is_last(&self) -> bool {
        self.last
    }

    /// What is left of the policy's deadline, measured as the attempt began
    /// (before its quota token); `None` without a deadline. A caller cuts
    /// its own time limit per attempt to it.
    pub fn remaining(&self) -> Option<Duration> {
        self.remaining
    }
}

/// A failed attempt as its caller judges it: the error, whether to try
/// again ([`RetryAction`]), and how long the host asked every caller of the
/// quota to hold back ([`Classified::answered`]).
#[derive(Debug)]
pub struct Classified<E> {
    error: E,
    action: RetryAction,
    pause: Option<Duration>,
}

impl<E> Classified<E> {
    /// `error`, to be handled as `action` says; the quota is left alone.
    pub fn new(error: E, action: RetryAction) -> Classified<E> {
        Classified {
            error,
            action,
            pause: None,
        }
    }

    /// Notes what the host answered: its HTTP status and its `Retry-After`
    /// header (seconds or an HTTP date). A `Retry-After` replaces the
    /// backoff of an attempt to be retried ([`RetryAction::Retry`] becomes
    /// [`RetryAction::RetryAfter`]); a 429 (for its `Retry-After`, or
    /// [`DEFAULT_429_PAUSE`] without one) or any answer carrying
    /// `Retry-After` pauses the quota [`run`] was given, and so every caller
    /// sharing it, even when the attempt is not retried. Other answers
    /// change nothing.
    pub fn answered(self, status: u16, retry_after: Option<&str>) -> Classified<E> {
        let wait = retry_after.and_then(|v| super::parse_retry_after(v, SystemTime::now()));
        self.answered_after(status, wait)
    }

    /// [`Classified::answered`] with `Retry-After` already read.
    pub(crate) fn answered_after(
        mut self,
        status: u16,
        retry_after: Option<Duration>,
    ) -> Classified<E> {
        if let (RetryAction::Retry, Some(wait)) = (self.action, retry_after) {
            self.action = RetryAction::RetryAfter(wait);
        }
        self.pause = match retry_after {
            Some(wait) => Some(wait),
            None if status == 429 => Some(DEFAULT_429_PAUSE),
            None => self.pause,
        };
        self
    }

    /// The error.
    pub fn error(&self) -> &E {
        &self.error
    }

    /// Whether to try again, and when.
    pub fn action(&self) -> RetryAction {
        self.action
    }

    /// How long the quota pauses for this failure, if at all.
    pub fn pause(&self) -> Option<Duration> {
        self.pause
    }

    /// The error, without its classification.
    pub fn into_error(self) -> E {
        self.error
    }
}

/// Runs `attempt` until it succeeds, its failure is final, the policy's
/// attempts run out or waiting would pass its deadline; returns the value or
/// the last failure, classified (a caller tells "gave up" from "final" by
/// its [`Classified::action`]).
///
/// Before each attempt a token is taken from `quota` (a quota store that
/// cannot answer ends the loop with its error: nothing was sent). After a
/// failure that [`Classified::answered`] a refusal, the quota pauses, and so
/// does every caller sharing it, whatever the action. Then the policy
/// decides: [`RetryAction::Retry`] waits the jittered exponential backoff,
/// [`RetryAction::RetryAfter`] the host's wait (capped at `max_delay`), and
/// `on_retry` hears of the failure, its attempt and the wait before the loop
/// sleeps (for progress events and logs). Each attempt, quota token
/// included, runs in a `flickr_attempt` tracing span with the attempt
/// number and an empty `status` field the caller may record.
pub async fn run<T, E, F, Fut>(
    policy: &RetryPolicy,
    quota: Option<&Quota>,
    mut attempt: F,
    mut on_retry: impl FnMut(&E, Attempt, Duration),
) -> Result<T, Classified<E>>
where
    F: FnMut(Attempt) -> Fut,
    Fut: Future<Output = Result<T, Classified<E>>>,
    E: From<Error>,
{
    let start = Instant::now();
    let mut number = 1u32;
    loop {
        let this = Attempt {
            number,
            last: number >= policy.max_attempts,
            remaining: policy.remaining(start.elapsed()),
        };
        let span = tracing::debug_span!(
            "flickr_attempt",
            attempt = number,
            status = tracing::field::Empty
        );
        let result = async {
            if let Some(quota) = quota {
                quota
                    .acquire()
                    .await
                    .map_err(|e| Classified::new(E::from(e), RetryAction::DontRetry))?;
            }
            attempt(this).await
        }
        .instrument(span)
        .await;
        let failed = match result {
            Ok(value) => return Ok(value),
            Err(failed) => failed,
        };
        if let (Some(quota), Some(wait)) = (quota, failed.pause) {
            // The caller's error is the refusal; a pause Redis did not take
            // still holds in this process.
            if let Err(e) = quota.pause(wait).await {
                tracing::warn!(error = %e, "quota: could not share the pause");
            }
        }
        match policy.delay(failed.action, number, start.elapsed()) {
            Decision::GiveUp => return Err(failed),
            Decision::RetryAfter(wait) => {
                on_retry(&failed.error, this, wait);
                tokio::time::sleep(wait).await;
                number += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quota::Admission;
    use crate::retry::tests::policy;

    /// The caller's own error type: no core error is needed to ask the loop.
    #[derive(Debug, PartialEq)]
    enum Failure {
        Attempt(u32),
        Quota,
    }

    impl From<Error> for Failure {
        fn from(_: Error) -> Failure {
            Failure::Quota
        }
    }

    /// Runs `policy` over attempts that fail as `judge` says until `succeed_at`
    /// (never when 0); the result, the attempts seen and the retries told.
    async fn drive(
        policy: &RetryPolicy,
        quota: Option<&Quota>,
        succeed_at: u32,
        judge: impl Fn(u32) -> Classified<Failure>,
    ) -> (Result<u32, Failure>, Vec<Attempt>, Vec<(u32, Duration)>) {
        let mut seen = Vec::new();
        let mut retries = Vec::new();
        let result = run(
            policy,
            quota,
            |a: Attempt| {
                seen.push(a);
                let out = if a.number() == succeed_at {
                    Ok(a.number())
                } else {
                    Err(judge(a.number()))
                };
                async move { out }
            },
            |e: &Failure, a, wait| {
                assert_eq!(e, &Failure::Attempt(a.number()));
                retries.push((a.number(), wait));
            },
        )
        .await;
        (result.map_err(Classified::into_error), seen, retries)
    }

    fn retry(n: u32) -> Classified<Failure> {
        Classified::new(Failure::Attempt(n), RetryAction::Retry)
    }

    #[tokio::test(start_paused = true)]
    async fn retries_with_backoff_until_it_succeeds() {
        let (result, seen, retries) = drive(&policy(), None, 3, retry).await;
        assert_eq!(result, Ok(3));
        assert_eq!(seen.len(), 3);
        let ms = Duration::from_millis;
        assert_eq!(retries, [(1, ms(100)), (2, ms(200))]);
    }

    #[tokio::test(start_paused = true)]
    async fn waits_what_the_host_asked_capped() {
        let start = Instant::now();
        let asked = |n| {
            let wait = if n == 1 { 1 } else { 3600 };
            Classified::new(
                Failure::Attempt(n),
                RetryAction::RetryAfter(Duration::from_secs(wait)),
            )
        };
        let (result, _, retries) = drive(&policy(), None, 3, asked).await;
        assert_eq!(result, Ok(3));
        let s = Duration::from_secs;
        assert_eq!(retries, [(1, s(1)), (2, s(2))]);
        // The paused clock advanced by the waits, and no further.
        assert!(start.elapsed() >= s(3) && start.elapsed() < s(4));
    }

    #[tokio::test(start_paused = true)]
    async fn stops_on_a_final_failure() {
        let last = |n| Classified::new(Failure::Attempt(n), RetryAction::DontRetry);
        let (result, seen, retries) = drive(&policy(), None, 0, last).await;
        assert_eq!(result, Err(Failure::Attempt(1)));
        assert_eq!(seen.len(), 1);
        assert!(retries.is_empty());
    }

    #[tokio::test(start_paused = true)]
    async fn stops_at_the_attempt_limit() {
        let p = policy().with_max_attempts(3);
        let (result, seen, retries) = drive(&p, None, 0, retry).await;
        assert_eq!(result, Err(Failure::Attempt(3)));
        let last: Vec<bool> = seen.iter().map(Attempt::is_last).collect();
        assert_eq!(last, [false, false, true]);
        assert_eq!(retries.len(), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn stops_before_waiting_past_the_deadline() {
        // Waits of 400 ms then 800 ms: the second would end past 1 s.
        let p = policy()
            .with_delays(Duration::from_millis(400), Duration::from_secs(2))
            .with_deadline(Some(Duration::from_secs(1)));
        let (result, seen, _) = drive(&p, None, 0, retry).await;
        assert_eq!(result, Err(Failure::Attempt(2)));
        let left: Vec<_> = seen.iter().map(Attempt::remaining).collect();
        let ms = Duration::from_millis;
        assert_eq!(left, [Some(ms(1000)), Some(ms(600))]);
    }

    #[tokio::test(start_paused = true)]
    async fn takes_a_quota_token_per_attempt() {
        let quota = Quota::per_hour(10);
        let (result, _, _) = drive(&policy(), Some(&quota), 3, retry).await;
        assert_eq!(result, Ok(3));
        assert_eq!(quota.remaining(), 7);
    }

    #[tokio::test(start_paused = true)]
    async fn a_refusal_pauses_the_quota_even_when_final() {
        let quota = Quota::per_hour(10);
        let refused =
            |n| Classified::new(Failure::Attempt(n), RetryAction::DontRetry).answered(429, None);
        let (result, _, _) = drive(&policy(), Some(&quota), 0, refused).await;
        assert_eq!(result, Err(Failure::Attempt(1)));
        assert_eq!(quota.remaining(), 0);
        assert!(matches!(
            quota.admit().await.unwrap(),
            Admission::Wait(w) if w > Duration::from_secs(4)
        ));
        // The pause passes, and the bucket serves again.
        tokio::time::sleep(DEFAULT_429_PAUSE).await;
        assert_eq!(quota.admit().await.unwrap(), Admission::Granted);
    }

    #[tokio::test(start_paused = true)]
    async fn a_retry_after_pauses_the_quota_for_the_next_attempt_too() {
        let quota = Quota::per_hour(10);
        let start = Instant::now();
        let busy =
            |n| Classified::new(Failure::Attempt(n), RetryAction::Retry).answered(503, Some("30"));
        let (result, _, retries) = drive(&policy(), Some(&quota), 2, busy).await;
        assert_eq!(result, Ok(2));
        // The loop's wait is capped at 2 s; the second attempt's token
        // waited out the whole pause the host asked for.
        assert_eq!(retries, [(1, Duration::from_secs(2))]);
        assert!(start.elapsed() >= Duration::from_secs(30));
    }

    #[test]
    fn answers_that_pause_the_quota_and_set_the_wait() {
        let c = |status, ra| Classified::new((), RetryAction::Retry).answered(status, ra);
        let s = Duration::from_secs;
        assert_eq!(c(429, None).pause(), Some(DEFAULT_429_PAUSE));
        assert_eq!(c(429, None).action(), RetryAction::Retry);
        assert_eq!(c(429, Some("7")).pause(), Some(s(7)));
        assert_eq!(c(429, Some("7")).action(), RetryAction::RetryAfter(s(7)));
        assert_eq!(c(503, Some("9")).pause(), Some(s(9)));
        // A date in the past: come back now.
        let past = c(503, Some("Thu, 01 Jan 1970 00:00:00 GMT"));
        assert_eq!(past.action(), RetryAction::RetryAfter(Duration::ZERO));
        assert_eq!(c(503, Some("soon")).action(), RetryAction::Retry);
        assert_eq!(c(503, None).pause(), None);
        assert_eq!(c(404, None).pause(), None);
        // A final failure stays final; the refusal still pauses.
        let write = Classified::new((), RetryAction::DontRetry).answered(429, Some("3"));
        assert_eq!(write.action(), RetryAction::DontRetry);
        assert_eq!(write.pause(), Some(s(3)));
    }
}
