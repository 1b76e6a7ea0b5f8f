//! Upload throughput to a loopback server, and the process's peak memory.
//!
//! The server counts the request body's bytes and answers like Flickr; the
//! client streams a 256 MiB file (sparse, so the disk is not the bottleneck)
//! through the same path a real upload takes: signing, multipart, reqwest.
//! After the run, the peak RSS of the process (client and server) is printed.
//!
//! `cargo bench -p flickr-core --bench upload`

use std::time::Duration;

use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::routing::post;
use axum::Router;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use flickr_core::client::Client;
use flickr_core::upload::Upload;
use futures::StreamExt;

const SIZE: u64 = 256 << 20;

async fn count_and_answer(body: Body) -> String {
    let mut stream = body.into_data_stream();
    let mut n = 0usize;
    while let Some(Ok(chunk)) = stream.next().await {
        n += chunk.len();
    }
    format!("<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<rsp stat=\"ok\">\n<photoid>{n}</photoid>\n</rsp>\n")
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let base = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new()
            .route("/services/upload/", post(count_and_answer))
            .layer(DefaultBodyLimit::disable());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        format!("http://{addr}")
    });
    let client = Client::builder()
        .oauth("key", "secret", "token", "token-secret")
        .base_url(&base)
        .build()
        .unwrap();
    let file = tempfile::Builder::new().suffix(".mp4").tempfile().unwrap();
    file.as_file().set_len(SIZE).unwrap();

    let mut group = c.benchmark_group("upload");
    group.throughput(Throughput::Bytes(SIZE));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("256 MiB file to loopback", |b| {
        b.iter(|| {
            rt.block_on(Upload::from_path(file.path()).title("bench").send(&client))
                .unwrap()
        })
    });
    group.finish();
    if let Some(kb) = peak_rss_kb() {
        println!("upload: peak RSS of the process (client + server): {kb} KiB");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
