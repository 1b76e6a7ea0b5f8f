//! One worker of a fleet sharing an API key through the Redis quota store,
//! for the multi-process tests in `tests/tests/quota_redis.rs`: it calls
//! `flickr.test.echo` on a loopback Flickr as fast as the shared quota
//! allows, until its time is up.
//!
//! ```text
//! quota-worker ENDPOINT REDIS_URL API_KEY CALLS PERIOD_MS RUN_MS [FALLBACK_SHARE]
//! ```
//! Prints `ready` once the quota is connected, `ok` per answered call,
//! `error <message>` per failed call, and exits: 0 when the time is up, 4
//! with `quota-error <message>` at the first quota store failure, 3 with
//! `setup-error <message>` when the quota cannot be set up, 2 on bad arguments.

use flickr_core::client::{CallOptions, Client, MethodRef, RawResponse};
use flickr_core::error::{Chain, Error};
use flickr_core::quota::Quota;
use flickr_core::registry::Verb;
use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

struct Args {
    endpoint: String,
    redis: String,
    api_key: String,
    calls: u32,
    period: Duration,
    run: Duration,
    fallback_share: Option<f64>,
}

fn parse() -> Result<Args, String> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    if a.len() != 6 && a.len() != 7 {
        return Err("usage: quota-worker ENDPOINT REDIS_URL API_KEY CALLS PERIOD_MS RUN_MS [FALLBACK_SHARE]".into());
    }
    let num = |i: usize| -> Result<u64, String> {
        a[i].parse().map_err(|e| format!("argument {}: {e}", i + 1))
    };
    Ok(Args {
        endpoint: a[0].clone(),
        redis: a[1].clone(),
        api_key: a[2].clone(),
        calls: u32::try_from(num(3)?).map_err(|e| e.to_string())?,
        period: Duration::from_millis(num(4)?),
        run: Duration::from_millis(num(5)?),
        fallback_share: match a.get(6) {
            Some(s) => Some(s.parse().map_err(|e| format!("argument 7: {e}"))?),
            None => None,
        },
    })
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Quota::redis(&args.redis, &args.api_key).budget(args.calls, args.period);
    if let Some(share) = args.fallback_share {
        builder = builder.fallback_local_share(share);
    }
    let quota = match builder.connect().await {
        Ok(q) => q,
        Err(e) => {
            say(&format!("setup-error {e}"));
            return ExitCode::from(3);
        }
    };
    let client = match Client::builder()
        .api_key(&args.api_key)
        .base_url(&args.endpoint)
        .quota(quota)
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            say(&format!("setup-error {e}"));
            return ExitCode::from(3);
        }
    };
    say("ready");
    let until = Instant::now() + args.run;
    while Instant::now() < until {
        let echo = MethodRef::named("flickr.test.echo", Verb::Get);
        let params = [("from", "quota-worker")].into();
        match client
            .call::<RawResponse>(echo, params, &CallOptions::new())
            .await
        {
            Ok(_) => say("ok"),
            Err(Error::Quota(e)) => {
                say(&format!("quota-error {}", Chain(&*e)));
                return ExitCode::from(4);
            }
            Err(e) => say(&format!("error {}", Chain(&e))),
        }
    }
    ExitCode::SUCCESS
}
