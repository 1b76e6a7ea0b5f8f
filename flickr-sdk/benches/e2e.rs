//! End-to-end calls over real HTTP on loopback: sequential signed
//! `flickr.photos.search` calls through the generated API, each answered with
//! a ~171 KB page (the size the DESIGN's comparison uses), and small
//! `flickr.test.login` calls to show the client's own cost per call.
//!
//! The server is a minimal axum app that answers fixed bytes, so the figures
//! are the client's: build, sign, send (keep-alive), receive, decode.
//!
//! Run: `cargo bench -p flickr-sdk --bench e2e` (prints calls/s and CPU time per call).
//! `E2E_SEARCH_CALLS` and `E2E_LOGIN_CALLS` override the number of calls
//! (e.g. small counts under `valgrind --tool=callgrind`).

use axum::routing::get;
use axum::Router;
use flickr_sdk::Client;
use std::time::{Duration, Instant};

const PAGE_500: &[u8] = include_bytes!("data/photos_search_500.json");

/// A photos.search answer of about 171 KB: the first photos of the 500-photo page
/// (as many as fit in a 171,000-byte JSON array).
fn page_171k() -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(PAGE_500).expect("bench data parses");
    let photos = v["photos"]["photo"].as_array_mut().expect("photo list");
    // An array of k items serializes to 2 bytes of brackets, the items and k - 1 commas.
    let mut size = 2;
    let mut keep = 0;
    for (i, photo) in photos.iter().enumerate() {
        let item = serde_json::to_vec(photo).expect("serializes").len();
        let next = size + item + usize::from(i > 0);
        if next > 171_000 && keep > 0 {
            break;
        }
        size = next;
        keep = i + 1;
    }
    photos.truncate(keep);
    v["photos"]["perpage"] = keep.into();
    serde_json::to_vec(&v).expect("serializes")
}

fn cpu_time() -> Duration {
    // utime + stime of this process, from /proc (Linux); zero elsewhere.
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

/// Runs `call` `calls` times in sequence and prints throughput and per-call wall and CPU time.
async fn measure<F, Fut>(what: &str, calls: u32, mut call: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let (start, cpu) = (Instant::now(), cpu_time());
    for _ in 0..calls {
        call().await;
    }
    let (wall, cpu_used) = (start.elapsed(), cpu_time() - cpu);
    println!(
        "{what}: {calls} sequential calls in {:.2} s = {:.0} calls/s ({:.0} µs wall, {:.0} µs CPU per call, server included)",
        wall.as_secs_f64(),
        f64::from(calls) / wall.as_secs_f64(),
        wall.as_secs_f64() * 1e6 / f64::from(calls),
        cpu_used.as_secs_f64() * 1e6 / f64::from(calls),
    );
}

/// The number of calls from the environment variable `var`, or `default`.
fn calls_from_env(var: &str, default: u32) -> u32 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        // `Bytes`, so answering costs the server no copy of the page.
        let search_body = axum::body::Bytes::from(page_171k());
        let size = search_body.len();
        let login_body: &'static [u8] =
            br#"{"user":{"id":"12037949754@N01","username":{"_content":"bench"}},"stat":"ok"}"#;
        let app = Router::new().route(
            "/services/rest/",
            get(move |axum::extract::RawQuery(q): axum::extract::RawQuery| {
                let body = search_body.clone();
                async move {
                    if q.unwrap_or_default().contains("flickr.test.login") {
                        axum::body::Bytes::from_static(login_body)
                    } else {
                        body
                    }
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });

        let client = Client::builder()
            .oauth(
                "bench-key",
                "bench-secret",
                "bench-token",
                "bench-token-secret",
            )
            .base_url(&base)
            .build()
            .expect("client");

        // Warm up the connection pool and the allocator.
        for _ in 0..50 {
            client
                .photos()
                .search()
                .text("bench")
                .send()
                .await
                .expect("search");
        }

        measure(
            &format!("photos.search, {size} B answer"),
            calls_from_env("E2E_SEARCH_CALLS", 2_000),
            || async {
                let page = client
                    .photos()
                    .search()
                    .text("bench")
                    .per_page(100)
                    .send()
                    .await
                    .expect("search");
                assert!(!page.photos.is_empty());
            },
        )
        .await;
        measure(
            "test.login, small answer",
            calls_from_env("E2E_LOGIN_CALLS", 5_000),
            || async {
                client.test().login().send().await.expect("login");
            },
        )
        .await;
    });
}
