//! The cost of one quota admission: the in-process bucket against the Redis
//! store (one EVALSHA round trip of the admission script) on a loopback
//! Redis, one caller at a time and with 16 callers at once sharing the
//! multiplexed connection. The budget is far larger than what the bench
//! takes, so every admission is granted: the cost of the store, not waiting.
//!
//! `bash scripts/bench-quota.sh` (starts a private redis-server), or
//! `FLICKR_BENCH_REDIS=redis://127.0.0.1:6379/ cargo bench -p flickr-core --features redis-quota --bench quota`

use criterion::{criterion_group, criterion_main, Criterion};
use flickr_core::quota::{Admission, Quota};
use std::time::{Duration, Instant};

/// Far more than any run takes.
const HUGE: u32 = 1_000_000_000;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// `iters` admissions by `callers` tasks at once; the wall time of all.
fn admit_many(rt: &tokio::runtime::Runtime, quota: &Quota, iters: u64, callers: u64) -> Duration {
    rt.block_on(async {
        let start = Instant::now();
        let tasks: Vec<_> = (0..callers)
            .map(|i| {
                let q = quota.clone();
                let n = iters / callers + u64::from(i < iters % callers);
                tokio::spawn(async move {
                    for _ in 0..n {
                        let a = q.admit().await.expect("the store answers");
                        assert_eq!(a, Admission::Granted);
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.expect("bench task");
        }
        start.elapsed()
    })
}

fn bench(c: &mut Criterion) {
    let rt = runtime();
    let local = Quota::new(HUGE, Duration::from_secs(1));
    let url = std::env::var("FLICKR_BENCH_REDIS").unwrap_or_else(|_| {
        eprintln!("FLICKR_BENCH_REDIS is not set: run `bash scripts/bench-quota.sh`, which starts a Redis");
        std::process::exit(2)
    });
    let key = format!("bench-{}", std::process::id());
    let redis = rt
        .block_on(
            Quota::redis(&url, &key)
                .budget(HUGE, Duration::from_secs(1))
                .connect(),
        )
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2)
        });
    let mut g = c.benchmark_group("quota admission");
    for (name, quota) in [("local", &local), ("redis", &redis)] {
        g.bench_function(format!("{name}, 1 caller"), |b| {
            b.iter_custom(|iters| admit_many(&rt, quota, iters, 1))
        });
        g.bench_function(format!("{name}, 16 callers (per admission)"), |b| {
            b.iter_custom(|iters| admit_many(&rt, quota, iters, 16))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
