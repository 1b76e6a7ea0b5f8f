//! Build and sign a typical signed `flickr.photos.search` request, the way the
//! client does before sending it: parameters, `oauth_*` additions, HMAC-SHA1,
//! and the encoded query string.
//!
//! `cargo bench -p flickr-core --bench sign`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use flickr_core::credentials::Credentials;
use flickr_core::params::Params;
use flickr_core::registry::Verb;
use flickr_core::signer::{sign, sign_params, OAuthParams};

const URL: &str = "https://api.flickr.com/services/rest/";

fn search_params() -> Params {
    let mut p = Params::new();
    p.push("method", "flickr.photos.search");
    p.push("api_key", "0123456789abcdef0123456789abcdef");
    p.push("format", "json");
    p.push("nojsoncallback", "1");
    p.push("text", "red bicycle in Kraków");
    p.push("tags", "bike,red");
    p.push("min_upload_date", "2024-01-01");
    p.push("sort", "date-posted-desc");
    p.push(
        "extras",
        "description,date_upload,date_taken,owner_name,geo,tags,url_m,url_o",
    );
    p.push("per_page", 100u32);
    p.push("page", 2u32);
    p
}

fn bench(c: &mut Criterion) {
    let creds = Credentials::oauth(
        "0123456789abcdef0123456789abcdef",
        "0123456789abcdef",
        "72157600000000000-0123456789abcdef",
        "fedcba9876543210",
    );
    c.bench_function("build + sign photos.search (sign_params + encode)", |b| {
        b.iter(|| {
            let mut params = search_params();
            // The signer returns the encoded query the client sends.
            let info = sign_params(&creds, Verb::Get, URL, &mut params).unwrap();
            black_box(info)
        })
    });
    let params = search_params();
    let pairs: Vec<(&str, &str)> = params.iter().collect();
    let oauth = OAuthParams {
        consumer_key: "0123456789abcdef0123456789abcdef",
        token: Some("72157600000000000-0123456789abcdef"),
        nonce: "kllo9940pd9333jhkllo9940pd9333jh",
        timestamp: 1_700_000_000,
    };
    c.bench_function("sign only (pure sign, fixed nonce)", |b| {
        b.iter(|| {
            black_box(sign(
                "GET",
                URL,
                pairs.iter().copied(),
                &oauth,
                "0123456789abcdef",
                "fedcba9876543210",
            ))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
